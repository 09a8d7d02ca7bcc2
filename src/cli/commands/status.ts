import type { Command } from "commander";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { processorForHandle } from "../shared/make-processor.js";
import { describeStatus, printJson, printLine, statusJson } from "../shared/output.js";

async function runStatus(handle: string, flags: ConnectionFlags): Promise<void> {
  const { processor, id } = processorForHandle(handle, flags);
  const status = await processor.getBatchStatus(id);
  if (flags.json) printJson(statusJson(status));
  else for (const line of describeStatus(status)) printLine(line);
}

export function registerStatusCommand(program: Command): void {
  const command = program
    .command("status")
    .description(
      "Show a batch's status (pending, processing, completed, failed, cancelled, expired) and counts.",
    )
    .argument("<handle>", "what submit printed: a batch id or an sbh1_ handle");
  addConnectionOptions(command, "provider/model: names the provider for ids of another shape");
  addOutputOptions(command);
  addExamples(command, [
    "structured-batch status batch_6721f0c2",
    "structured-batch status msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d --json",
    "structured-batch status my-batch-7 --provider openai --base-url http://127.0.0.1:8787/v1",
  ]).action(async (handle: string, flags: ConnectionFlags) => runStatus(handle, flags));
}
