import type { Command } from "commander";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { processorForHandle } from "../shared/make-processor.js";
import { printJson, printLine } from "../shared/output.js";

async function runDelete(handle: string, flags: ConnectionFlags): Promise<void> {
  const { processor, id } = processorForHandle(handle, flags);
  const report = await processor.deleteBatch(id);
  if (flags.json) {
    printJson(report);
    return;
  }
  const files = report.deletedFiles.length > 0 ? report.deletedFiles.join(", ") : "none";
  if (report.batchDeleted) {
    printLine(`Deleted ${id}${report.deletedFiles.length > 0 ? ` and its files: ${files}` : ""}.`);
  } else {
    // OpenAI: there is no way to delete a batch object, only its files.
    printLine(
      `${processor.provider} cannot delete the batch object itself: deleted its files (${files}); ${id} stays listed.`,
    );
  }
}

export function registerDeleteCommand(program: Command): void {
  const command = program
    .command("delete")
    .description("Delete a finished batch (OpenAI: its input, output and error files).")
    .argument("<handle>", "what submit printed: a batch id or an sbh1_ handle");
  addConnectionOptions(command, "provider/model: names the provider for ids of another shape");
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch delete msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d",
      "structured-batch delete batch_6721f0c2 --json",
    ],
    [
      "A running batch is refused: cancel it and wait until it is cancelled first.",
      "OpenAI has no batch deletion: its files are deleted and the batch stays listed.",
    ],
  ).action(async (handle: string, flags: ConnectionFlags) => runDelete(handle, flags));
}
