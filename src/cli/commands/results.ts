import type { Command } from "commander";
import type { BatchError, BatchResult } from "../../results/types.js";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { OperationFailedError } from "../shared/exit-codes.js";
import { type LineSink, openLineSink } from "../shared/line-sink.js";
import { loadSchema } from "../shared/load-schema.js";
import { processorForHandle } from "../shared/make-processor.js";
import { printJson, printNote } from "../shared/output.js";
import { ensureInputFile, readSubmittedIds } from "../shared/read-input.js";
import { emptyTally, printTally, type Tally, tallyResult } from "../shared/results-tally.js";

interface ResultsFlags extends ConnectionFlags {
  schema: string;
  out?: string;
  errors?: string;
  ids?: string;
  failOnErrors?: boolean;
}

/** How many errors are shown on stderr when they are not written to `--errors`. */
const ERRORS_SHOWN = 10;

function errorLine(error: BatchError): Record<string, unknown> {
  const { success: _success, raw: _raw, ...rest } = error;
  return rest;
}

async function runResults(handle: string, flags: ResultsFlags): Promise<void> {
  if (flags.ids !== undefined) {
    await ensureInputFile(flags.ids, "--ids", "Pass the submitted batch file, or one id per line");
  }
  const schema = await loadSchema(flags.schema);
  const { processor, id } = processorForHandle(handle, flags, schema);
  const customIds = flags.ids === undefined ? undefined : await readSubmittedIds(flags.ids);
  const out = await openLineSink(flags.out, "--out");
  let errors: LineSink | undefined;
  const tally = emptyTally();
  const shown: string[] = [];
  try {
    errors = flags.errors === undefined ? undefined : await openLineSink(flags.errors, "--errors");
    const results: AsyncIterable<BatchResult<unknown>> = processor.streamResults(
      id,
      customIds ? { customIds } : {},
    );
    for await (const result of results) {
      tallyResult(tally, result);
      if (result.success) {
        const { customId, result: value, usage } = result;
        await out.write(JSON.stringify({ customId, result: value, ...(usage && { usage }) }));
      } else if (errors) {
        await errors.write(JSON.stringify(errorLine(result)));
      } else if (shown.length < ERRORS_SHOWN) {
        shown.push(`${result.customId}: ${result.errorType}: ${result.errorMessage}`);
      }
    }
    await out.close();
    await errors?.close();
  } catch (error) {
    await out.abort();
    await errors?.abort();
    throw error;
  }
  report(tally, flags, shown);
  if (flags.failOnErrors && tally.failed > 0) {
    throw new OperationFailedError(
      `${tally.failed} of ${tally.total} requests failed (--fail-on-errors)`,
      flags.errors ? `Their errors are in ${flags.errors}` : "Write them to a file with --errors",
    );
  }
}

function report(tally: Tally, flags: ResultsFlags, shown: string[]): void {
  const summary = {
    ...tally,
    out: flags.out ?? "stdout",
    ...(flags.errors !== undefined && { errors: flags.errors }),
  };
  if (flags.json) {
    // stdout carries the results unless they went to a file.
    printJson(summary, flags.out === undefined ? process.stderr : process.stdout);
    return;
  }
  printTally(tally);
  if (tally.failed > 0 && flags.errors === undefined) {
    for (const line of shown) printNote(`  ${line}`);
    if (tally.failed > shown.length) {
      printNote(
        `  ... and ${tally.failed - shown.length} more: write them all with --errors <file>`,
      );
    }
  }
}

export function registerResultsCommand(program: Command): void {
  const command = program
    .command("results")
    .description("Read a finished batch's results, validate each answer, and write them as JSONL.")
    .argument("<handle>", "what submit printed: a batch id or an sbh1_ handle")
    .requiredOption(
      "--schema <schema>",
      "the schema the batch was created with: schema.json or ./schema.ts#User",
    )
    .option(
      "-o, --out <file>",
      'validated objects, one {"customId", "result"} per line (default: stdout)',
    )
    .option(
      "--errors <file>",
      "failed requests, one error per line (default: a few shown on stderr)",
    )
    .option(
      "--ids <file>",
      "the batch file that was submitted (or one id per line), so absent requests are named as missing",
    )
    .option("--fail-on-errors", "exit 1 when any request failed");
  addConnectionOptions(command, "provider/model: names the provider for ids of another shape");
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch results batch_6721f0c2 --schema user.schema.json --out users.jsonl --errors errors.jsonl",
      "structured-batch results $H --schema ./schema.ts#User --fail-on-errors > users.jsonl",
    ],
    [
      "A table of successes and errors by type (refusal, truncated, validation_error, ...) goes to",
      "stderr. Error lines carry errorType, errorMessage and, where there is one, the rejected",
      "value and the schema's issues.",
    ],
  ).action(async (handle: string, flags: ResultsFlags) => runResults(handle, flags));
}
