import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import { rowToMessages } from "../../jobs/input/row-to-messages.js";
import { openJob } from "../../jobs/job.js";
import type { JobStore } from "../../jobs/stores/job-store.js";
import { openJobStore } from "../../jobs/stores/open-job-store.js";
import { parseModelString } from "../../processor/parse-model-string.js";
import { checkBaseURL } from "../../util/check-base-url.js";
import {
  ANTHROPIC_OUTPUT_FLAG,
  type AnthropicOutput,
  anthropicOption,
  anthropicOutputFlag,
} from "../shared/anthropic-output-flag.js";
import { addExamples, addOutputOptions, type OutputFlags } from "../shared/common-options.js";
import { InterruptedError, UsageError } from "../shared/exit-codes.js";
import { attachFromColumn } from "../shared/file-part-paths.js";
import { modelFlag, numberFlag, parsePort } from "../shared/flag-parsers.js";
import {
  addGenerationOptions,
  type GenerationFlags,
  generationParams,
} from "../shared/generation-flags.js";
import { takeInterrupts } from "../shared/interrupt.js";
import {
  addInput,
  defaultJobName,
  ensureFile,
  type InputFormat,
  inputFormat,
  loadTemplate,
} from "../shared/job-input.js";
import { defaultErrorsPath } from "../shared/job-output.js";
import { type ModeOptions, runToEnd, sameCommand, stepOnce } from "../shared/job-run-modes.js";
import {
  addStoreOption,
  type StoreFlags,
  storeLabel,
  storeTarget,
} from "../shared/job-store-flag.js";
import { loadSchema } from "../shared/load-schema.js";
import {
  OPENAI_ENDPOINT_FLAG,
  openaiEndpointFlag,
  openaiOption,
} from "../shared/openai-endpoint-flag.js";
import { printNote } from "../shared/output.js";
import { startRunDashboard } from "../shared/run-dashboard.js";
import { lockStoreDirectory } from "../shared/store-lock.js";
import { addVertexOptions, type VertexFlags, vertexOption } from "../shared/vertex-flags.js";

interface RunFlags extends OutputFlags, StoreFlags, GenerationFlags, VertexFlags {
  input?: string;
  format?: InputFormat;
  idColumn: string;
  template: string;
  system?: string;
  schema: string;
  schemaName?: string;
  openaiEndpoint?: "/v1/chat/completions" | "/v1/responses";
  anthropicOutput?: AnthropicOutput;
  model: string;
  baseUrl?: string;
  out: string;
  errors?: string;
  step?: boolean;
  name?: string;
  maxRetries?: number;
  batchSize?: number;
  pollInterval?: number;
  timeBudget?: number;
  attach?: string;
  allowConfigChange?: boolean;
  failOnErrors?: boolean;
  quiet?: boolean;
  ui?: true | number;
}

async function ensureWritableFolder(path: string, flag: string): Promise<void> {
  const folder = dirname(resolve(path));
  try {
    if ((await stat(folder)).isDirectory()) return;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${flag} ${path}: the folder ${folder} does not exist`, "Create it first");
}

async function runJobCommand(flags: RunFlags): Promise<void> {
  // Every input is checked before the store is opened and anything is sent.
  if (flags.input === undefined && flags.name === undefined) {
    throw new UsageError(
      "give --input (the rows), or --name to continue a job whose rows were added before",
      "Run structured-batch run --help for usage and examples",
    );
  }
  let format: InputFormat | undefined;
  if (flags.input !== undefined) {
    await ensureFile(flags.input, "--input", "Pass a .jsonl or .csv file of rows");
    format = inputFormat(flags.input, flags.format);
  }
  const name = flags.name ?? defaultJobName(flags.input!);
  const template = await loadTemplate(flags.template);
  const schema = await loadSchema(flags.schema);
  if (flags.baseUrl !== undefined) checkBaseURL(flags.baseUrl, "--base-url");
  const errorsPath = flags.errors ?? defaultErrorsPath(flags.out);
  await ensureWritableFolder(flags.out, "--out");
  await ensureWritableFolder(errorsPath, "--errors");
  const store = storeTarget(flags);
  const toMessages = rowToMessages(template, flags.system, {
    ...(flags.attach !== undefined && { files: attachFromColumn(flags.attach) }),
  });
  const signal = takeInterrupts();
  const unlock = await lockStoreDirectory(store, signal);
  try {
    await openAndRun(flags, { name, store, schema, format, errorsPath, toMessages, signal });
  } finally {
    unlock();
  }
}

async function openAndRun(
  flags: RunFlags,
  context: {
    name: string;
    store: string;
    schema: Awaited<ReturnType<typeof loadSchema>>;
    format: InputFormat | undefined;
    errorsPath: string;
    toMessages: ReturnType<typeof rowToMessages>;
    signal: AbortSignal;
  },
): Promise<void> {
  const { store } = context;
  // With --ui the dashboard reads the very store the job writes: opened here, shared by both.
  const openStore = flags.ui === undefined ? undefined : await openJobStore(store);
  let stopDashboard: (() => Promise<void>) | undefined;
  try {
    if (openStore !== undefined) {
      stopDashboard = await startRunDashboard(openStore, flags.ui!, storeLabel(store));
    }
    await openAndRunJob(flags, context, openStore ?? store);
  } finally {
    await stopDashboard?.();
    await openStore?.close();
  }
}

async function openAndRunJob(
  flags: RunFlags,
  context: Parameters<typeof openAndRun>[1],
  store: string | JobStore,
): Promise<void> {
  const { name, format, errorsPath, toMessages, signal, schema } = context;
  const idColumn = flags.idColumn;
  const job = await openJob<unknown>({
    name,
    store,
    model: flags.model,
    schema,
    prompt: (row) => toMessages(row, String(row[idColumn])),
    // A changed template or system text would apply silently to rows not yet sent.
    promptVersion: await promptVersionOf(flags.template, flags.system, flags.attach),
    params: generationParams(flags),
    ...(flags.maxRetries !== undefined && { maxRetries: flags.maxRetries }),
    ...(flags.batchSize !== undefined && { batchSize: flags.batchSize }),
    ...(flags.pollInterval !== undefined && { pollIntervalMs: flags.pollInterval }),
    allowConfigChange: flags.allowConfigChange ?? false,
    processor: {
      ...(flags.baseUrl !== undefined && { baseURL: flags.baseUrl }),
      ...(flags.schemaName !== undefined && { schemaName: flags.schemaName }),
      ...openaiOption(flags.openaiEndpoint, parseModelString(flags.model).provider),
      ...anthropicOption(flags.anthropicOutput, parseModelString(flags.model).provider),
      ...vertexOption(flags, parseModelString(flags.model).provider),
    },
  });
  try {
    let added: { added: number; skipped: number } | undefined;
    if (flags.input !== undefined) {
      try {
        added = await addInput(job, {
          path: flags.input,
          format: format!,
          idColumn,
          signal,
        });
      } catch (error) {
        if (signal.aborted) {
          throw new InterruptedError(
            "stopped (Ctrl-C) while adding rows; nothing of this import was kept",
            `Run the same command again: ${sameCommand()}`,
          );
        }
        throw error;
      }
      if (!flags.json && !flags.quiet) {
        printNote(`${name}: ${added.added} rows added, ${added.skipped} already in the job`);
      }
    }
    const mode: ModeOptions = {
      out: flags.out,
      errorsPath,
      added,
      ...(flags.timeBudget !== undefined && { timeBudgetMs: flags.timeBudget * 1000 }),
      ...(flags.json !== undefined && { json: flags.json }),
      ...(flags.quiet !== undefined && { quiet: flags.quiet }),
      ...(flags.failOnErrors !== undefined && { failOnErrors: flags.failOnErrors }),
    };
    if (flags.step) await stepOnce(job, mode);
    else await runToEnd(job, mode, signal);
  } finally {
    await job.close();
  }
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command("run")
    .description(
      "Run a durable job: every row of a JSONL or CSV file through a template, sent as batches, until each row has its result; safe to stop and run again.",
    )
    .option(
      "--input <file>",
      "the rows: a .jsonl/.ndjson (one object per line) or .csv file (a header line)",
    )
    .addOption(
      new Option(
        "--format <format>",
        "the input's format, when its extension does not tell",
      ).choices(["jsonl", "csv"]),
    )
    .option("--id-column <name>", "the column (JSONL: field) holding each row's stable id", "id")
    .requiredOption(
      "--template <file>",
      "the prompt: a text file whose {{column}} placeholders are filled from each row ({{a.b}} for nested JSON)",
    )
    .option("--system <text>", "a system message sent before every prompt")
    .option(
      "--attach <column>",
      "attach the file (PDF or image) whose path is in this column to each row's prompt; paths relative to the working directory, read when a row is added and when its batch is built",
    )
    .requiredOption(
      "--schema <schema>",
      "the output schema: a JSON Schema file (schema.json) or a module export (./schema.ts#User)",
    )
    .option("--schema-name <name>", "the schema's name sent to the provider (default: its title)")
    .requiredOption(
      "--model <provider/model>",
      "e.g. openai/gpt-4o-mini, anthropic/claude-haiku-4-5, google/gemini-2.5-flash",
      modelFlag,
    )
    .option(
      "--base-url <url>",
      "the provider's endpoint (else OPENAI_BASE_URL, ANTHROPIC_BASE_URL or GOOGLE_GEMINI_BASE_URL; OpenAI's ends in /v1)",
    )
    .requiredOption(
      "-o, --out <file>",
      'where the results go when the job is done: one {"id", "result", "usage"} per line, in input order',
    )
    .option(
      "--errors <file>",
      'where the failed rows go: one {"id", "state", "errorType", "errorMessage", "attempts", ...} per line (default: the --out name with .errors.jsonl)',
    )
    .option(
      "--step",
      "do one step (add the input, submit, poll, collect) and exit: for cron and serverless",
    )
    .option(
      "--name <name>",
      "the job's name in the store (default: the input's file name without extension)",
    )
    .option(
      "--max-retries <n>",
      "times a row is sent again after an expiry, a missing answer or a transient provider error (default 2)",
      numberFlag(0, 100, true),
    )
    .option(
      "--batch-size <n>",
      "most rows in one provider batch (default 10000; never more than the provider takes)",
      numberFlag(1, 1_000_000, true),
    )
    .option(
      "--poll-interval <ms>",
      "how long after a look a running batch is looked at again (default 30000)",
      numberFlag(0, 86_400_000, true),
    )
    .option(
      "--time-budget <seconds>",
      "a step starts no new work after this long (default 60): leave room under a function's timeout",
      numberFlag(0.001, 86_400),
    )
    .option(...OPENAI_ENDPOINT_FLAG, openaiEndpointFlag)

    .option(...ANTHROPIC_OUTPUT_FLAG, anthropicOutputFlag)
    .option(
      "--allow-config-change",
      "reopen a job with another model, schema, generation options or retry limit (rows still to send use the new ones)",
    )
    .option("--fail-on-errors", "exit 1 when the job ends with failed rows")
    .option(
      "--ui [port]",
      "serve the job dashboard from this run (default port 4400) on 127.0.0.1, while it lasts",
      parsePort,
    )
    .option("-q, --quiet", "no progress output");
  addGenerationOptions(command);
  addStoreOption(command);
  addOutputOptions(command);
  addVertexOptions(command);
  addExamples(
    command,
    [
      "structured-batch run --input rows.csv --template prompt.txt --schema user.schema.json --model openai/gpt-4o-mini --out users.jsonl",
      "structured-batch run --input tickets.jsonl --id-column ticket_id --template prompt.txt --system 'Answer in JSON.' --schema ./schema.ts#Ticket --model anthropic/claude-haiku-4-5 --store postgres://jobs:secret@db:5432/jobs --out tickets.out.jsonl",
      'structured-batch run --step --input rows.csv --template prompt.txt --schema user.schema.json --model openai/gpt-4o-mini --store "$DATABASE_URL" --out users.jsonl --time-budget 50',
      'structured-batch run --step --name rows --template prompt.txt --schema user.schema.json --model openai/gpt-4o-mini --store "$DATABASE_URL" --out users.jsonl',
    ],
    [
      "The job lives in --store (default: the folder .structured-batch/ in the current directory,",
      "embedded PostgreSQL (PGlite), no set-up; use a postgres:// URL for several processes or",
      "machines). It is named by --name, else by the input's file name without its extension",
      "(rows.csv -> rows), so the same command reopens the same job. Adding the input again skips",
      "the ids the job already has: re-running never sends a row twice.",
      "",
      "Without --step, steps run until every row has its final result (with a progress bar),",
      "then --out and --errors are written whole (under a temporary name, then renamed). Ctrl-C",
      "stops between steps (exit 130); running the same command again continues, and rows in",
      "batches already sent are collected, not sent again. With --step, one step runs and the",
      "command exits 0 with a one-line summary (--json: the step's report); the step that finds",
      "the job done writes --out and --errors. Call it from cron or a scheduled function (with a",
      "postgres:// store, any number at once); --input may then be left out once the rows are",
      "in, given --name. --template, --schema and --model are always needed: rows are rendered",
      "when they are sent, and the job checks that schema and model are the ones it began with.",
      "",
      "A bad input stops everything before anything is sent, naming the line: a row without an",
      "id, an id used twice, a ragged CSV line, a placeholder a row lacks (exit 2). Reopening a",
      "job with another model or schema is refused unless --allow-config-change is given.",
      "Inspect jobs with structured-batch job status|results|errors|list.",
    ],
  ).action(async (flags: RunFlags) => runJobCommand(flags));
}

/** A short hash of the template file and the system text, stored with the job. */
async function promptVersionOf(
  templatePath: string,
  system: string | undefined,
  attach: string | undefined,
): Promise<string> {
  const { createHash } = await import("node:crypto");
  const { readFile } = await import("node:fs/promises");
  const hash = createHash("sha256");
  hash.update(await readFile(templatePath));
  hash.update("\0");
  hash.update(system ?? "");
  // Only when given, so that jobs made before --attach existed keep their version.
  if (attach !== undefined) hash.update(`\0attach:${attach}`);
  return `template-sha256:${hash.digest("hex").slice(0, 16)}`;
}
