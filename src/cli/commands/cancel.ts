import type { Command } from "commander";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { processorForHandle } from "../shared/make-processor.js";
import { formatCounts, printJson, printLine, statusJson } from "../shared/output.js";

async function runCancel(handle: string, flags: ConnectionFlags): Promise<void> {
  const { processor, id } = processorForHandle(handle, flags);
  const status = await processor.cancelBatch(id);
  if (flags.json) {
    printJson(statusJson(status));
    return;
  }
  printLine(
    `Cancel requested for ${id}: now ${status.status} (provider: ${status.rawStatus}), ${formatCounts(status)}.`,
  );
  printLine(
    `Requests that already ran keep their results: structured-batch results ${id} --schema ...`,
  );
}

export function registerCancelCommand(program: Command): void {
  const command = program
    .command("cancel")
    .description("Ask the provider to cancel a batch (every part of a handle).")
    .argument("<handle>", "what submit printed: a batch id or an sbh1_ handle");
  addConnectionOptions(command, "provider/model: names the provider for ids of another shape");
  addOutputOptions(command);
  addExamples(
    command,
    ["structured-batch cancel batch_6721f0c2", "structured-batch cancel batches/abc123 --json"],
    ["The batch passes through a cancelling state; `wait` shows when it is cancelled."],
  ).action(async (handle: string, flags: ConnectionFlags) => runCancel(handle, flags));
}
