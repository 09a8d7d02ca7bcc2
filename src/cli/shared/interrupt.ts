import { EXIT, InterruptedError } from "./exit-codes.js";

/**
 * Ctrl-C handling for the batch commands. A command that can stop cleanly (wait) takes the
 * interrupt as an AbortSignal; for every other command the first Ctrl-C runs the registered
 * clean-ups (partial output files), prints one line and exits 130. A second Ctrl-C always
 * exits at once.
 */
const cleanups = new Set<() => void>();
let controller: AbortController | undefined;
let installed = false;

function runCleanups(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: the process is ending.
    }
  }
  cleanups.clear();
}

export function installInterruptHandler(): void {
  if (installed) return;
  installed = true;
  process.once("SIGINT", () => {
    process.once("SIGINT", () => {
      runCleanups();
      process.exit(EXIT.interrupted);
    });
    if (controller) {
      controller.abort(new InterruptedError());
      return;
    }
    runCleanups();
    process.stderr.write("structured-batch: interrupted\n");
    process.exit(EXIT.interrupted);
  });
}

/** The command handles Ctrl-C itself: the signal is aborted with an `InterruptedError`. */
export function takeInterrupts(): AbortSignal {
  controller ??= new AbortController();
  return controller.signal;
}

/** Runs `cleanup` if the process is interrupted; returns a function that unregisters it. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
