import { EXIT, InterruptedError } from "./exit-codes.js";

/**
 * Ctrl-C handling for the batch commands. A command that can stop cleanly (wait) takes the
 * interrupt as an AbortSignal; for every other command the first Ctrl-C runs the registered
 * clean-ups (partial output files, lines still to come on stdout), prints one line and exits 130
 * once stdout has sent the lines it holds. A second Ctrl-C always exits at once.
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
    exitOnceStdoutSent(EXIT.interrupted);
  });
}

/**
 * A pipe may have taken only part of a write: exiting before the rest is sent would leave the
 * reader a cut line. The clean-ups have stopped new lines, so this waits only for lines already
 * handed to stdout; the callback also runs when the reader has gone (EPIPE). A reader that stops
 * reading is left by the second Ctrl-C.
 */
function exitOnceStdoutSent(code: number): void {
  if (process.stdout.writableLength === 0) process.exit(code);
  else process.stdout.write("", () => process.exit(code));
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
