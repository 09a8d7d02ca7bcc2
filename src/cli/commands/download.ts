import type { Command } from "commander";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { openLineSink } from "../shared/line-sink.js";
import { processorForHandle } from "../shared/make-processor.js";
import { printJson } from "../shared/output.js";

interface DownloadFlags extends ConnectionFlags {
  out?: string;
}

async function runDownload(handle: string, flags: DownloadFlags): Promise<void> {
  const { processor, id } = processorForHandle(handle, flags);
  const sink = await openLineSink(flags.out, "--out");
  try {
    for await (const line of processor.streamRawResults(id)) await sink.write(line);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  const summary = { handle: id, out: sink.target, lines: sink.lines, bytes: sink.bytes };
  // stdout carries the lines unless they went to a file.
  const stream = sink.toFile ? process.stdout : process.stderr;
  if (flags.json) printJson(summary, stream);
  else
    stream.write(
      `Downloaded ${summary.lines} result lines (${summary.bytes} bytes) to ${summary.out}\n`,
    );
}

export function registerDownloadCommand(program: Command): void {
  const command = program
    .command("download")
    .description("Save a finished batch's raw result lines, as the provider serves them.")
    .argument("<handle>", "what submit printed: a batch id or an sbh1_ handle")
    .option("-o, --out <file>", "write the lines here (default: stdout)");
  addConnectionOptions(command, "provider/model: names the provider for ids of another shape");
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch download batch_6721f0c2 --out raw-results.jsonl",
      "structured-batch download $H | gzip > raw-results.jsonl.gz",
    ],
    [
      "Lines are streamed, not validated: OpenAI's output file then its error file; every part of",
      "an sbh1_ handle in turn; a Gemini inline batch's responses one JSON object per line.",
    ],
  ).action(async (handle: string, flags: DownloadFlags) => runDownload(handle, flags));
}
