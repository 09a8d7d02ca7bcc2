import type { Command } from "commander";
import type { BatchStatus } from "../../results/types.js";
import { numberFlag } from "../emulator-options-from-flags.js";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { InterruptedError, OperationFailedError } from "../shared/exit-codes.js";
import { takeInterrupts } from "../shared/interrupt.js";
import { processorForHandle } from "../shared/make-processor.js";
import { formatCounts, formatElapsed, printJson, printLine, statusJson } from "../shared/output.js";
import { createProgressView } from "../shared/wait-progress.js";

interface WaitFlags extends ConnectionFlags {
  interval: number;
  maxInterval: number;
  timeout?: number;
  quiet?: boolean;
}

/** Rejects as soon as the signal is aborted, so Ctrl-C does not wait for a poll in flight. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

async function runWait(handle: string, flags: WaitFlags): Promise<void> {
  const { processor, id } = processorForHandle(handle, flags);
  const signal = takeInterrupts();
  const view = createProgressView({ stream: process.stderr, quiet: flags.quiet ?? false });
  const started = Date.now();
  let final: BatchStatus;
  try {
    final = await Promise.race([
      processor.waitForCompletion(id, {
        pollIntervalMs: flags.interval * 1000,
        maxPollIntervalMs: Math.max(flags.interval, flags.maxInterval) * 1000,
        ...(flags.timeout !== undefined && { timeoutMs: flags.timeout * 1000 }),
        signal,
        onProgress: (progress) => view.update(progress),
      }),
      whenAborted(signal),
    ]);
  } catch (error) {
    if (error instanceof InterruptedError || signal.aborted) {
      throw new InterruptedError(
        "stopped waiting (Ctrl-C); the batch keeps running",
        `Resume with: structured-batch wait ${id}`,
      );
    }
    throw error;
  } finally {
    view.stop();
  }
  const elapsed = formatElapsed(Date.now() - started);
  if (flags.json) printJson(statusJson(final));
  else
    printLine(
      `${final.status} (provider: ${final.rawStatus}): ${formatCounts(final)}, waited ${elapsed}`,
    );
  if (final.status !== "completed") {
    throw new OperationFailedError(
      `batch ${id} ended ${final.status}, not completed`,
      final.status === "failed"
        ? `See why: structured-batch status ${id}`
        : `What did run is in: structured-batch results ${id} --schema ...`,
    );
  }
}

export function registerWaitCommand(program: Command): void {
  const command = program
    .command("wait")
    .description(
      "Wait until a batch is completed, failed, cancelled or expired, showing its progress.",
    )
    .argument("<handle>", "what submit printed: a batch id or an sbh1_ handle")
    .option("--interval <seconds>", "shortest time between two checks", numberFlag(0.01, 86_400), 5)
    .option(
      "--max-interval <seconds>",
      "longest time between two checks (the wait backs off while nothing moves)",
      numberFlag(0.01, 86_400),
      60,
    )
    .option(
      "--timeout <seconds>",
      "give up waiting after this long (exit 1)",
      numberFlag(0, 30 * 86_400),
    )
    .option("-q, --quiet", "no progress output");
  addConnectionOptions(command, "provider/model: names the provider for ids of another shape");
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch wait batch_6721f0c2",
      "structured-batch wait $H --interval 30 --timeout 86400 && structured-batch results $H --schema user.schema.json",
    ],
    [
      "On a terminal a live bar shows the counts, the status and the time waited; elsewhere (a",
      "pipe, a CI log) one line is printed on stderr per change. Exit 0 when the batch completed,",
      "1 when it failed, was cancelled or expired, or on --timeout. Ctrl-C stops waiting (exit",
      "130); the batch keeps running.",
    ],
  ).action(async (handle: string, flags: WaitFlags) => runWait(handle, flags));
}
