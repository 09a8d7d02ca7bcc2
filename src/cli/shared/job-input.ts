import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import {
  InvalidArgumentError,
  InvalidRowsError,
  InvalidTemplateError,
  MissingTemplateValueError,
} from "../../errors/index.js";
import { type CompiledTemplate, compileTemplate } from "../../jobs/input/compile-template.js";
import { readRows } from "../../jobs/input/read-rows.js";
import type { Job } from "../../jobs/job.js";
import { UsageError } from "./exit-codes.js";

export type InputFormat = "jsonl" | "csv";

const FORMATS: Record<string, InputFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
};

/** `--format`, or the input's extension (.jsonl, .ndjson, .csv). */
export function inputFormat(path: string, given: InputFormat | undefined): InputFormat {
  if (given !== undefined) return given;
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new UsageError(
      `--input ${path}: cannot tell the format from the extension "${extname(path)}"`,
      "Name the file .jsonl, .ndjson or .csv, or pass --format jsonl|csv",
    );
  }
  return format;
}

/**
 * The job name when `--name` is not given: the input's file name without its extension
 * (`exports/rows.csv` -> `rows`), so running the same command again reopens the same job.
 */
export function defaultJobName(input: string): string {
  const base = basename(input);
  const name = base.slice(0, base.length - extname(base).length).trim();
  return name === "" ? base : name.slice(0, 200);
}

/** Checks that a file given by a flag exists (a usage error naming the flag otherwise). */
export async function ensureFile(path: string, flag: string, hint: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) return;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${flag} ${path}: no such file`, hint);
}

/** Reads and compiles `--template`; a bad placeholder names its line and column. */
export async function loadTemplate(path: string): Promise<CompiledTemplate> {
  await ensureFile(path, "--template", "Pass a text file with {{column}} placeholders");
  const text = await readFile(path, "utf8");
  try {
    return compileTemplate(text, { source: path });
  } catch (error) {
    if (error instanceof InvalidTemplateError) {
      throw new UsageError(
        `--template ${path}: ${error.issues[0]?.message ?? error.message}`,
        'Placeholders are {{column}} or {{a.b}}; write "{{{{" for a literal "{{"',
        { cause: error },
      );
    }
    throw error;
  }
}

interface AddInputOptions {
  path: string;
  format: InputFormat;
  idColumn: string;
  /** Aborted by Ctrl-C: the add stops and, being one transaction, keeps nothing. */
  signal: AbortSignal;
}

/**
 * Adds every row of the input to the job in one transaction (ids already in the job are
 * skipped). Every bad row is a usage error naming the file and line, and then nothing is added:
 * a row the reader refuses (no id, ragged CSV line, bad JSON), a placeholder the row lacks, a
 * prompt the job refuses, an id used twice in the file.
 */
export async function addInput(
  job: Job<unknown>,
  options: AddInputOptions,
): Promise<{ added: number; skipped: number }> {
  const { path, idColumn, signal } = options;
  const current = { line: 0, id: "" };
  async function* rows() {
    for await (const { id, row, line } of readRows(createReadStream(path), {
      format: options.format,
      idColumn,
      source: path,
    })) {
      if (signal.aborted) throw signal.reason;
      // The job renders the row as it takes it: an error then is about this row and line.
      current.line = line;
      current.id = id;
      yield row;
    }
  }
  try {
    return await job.add(rows(), { idKey: idColumn });
  } catch (error) {
    throw await describeAddError(error, options, current);
  }
}

async function describeAddError(
  error: unknown,
  options: AddInputOptions,
  current: { line: number; id: string },
): Promise<unknown> {
  const { path } = options;
  const fix = `Fix ${path} and run the same command again; nothing was added`;
  if (error instanceof InvalidRowsError) {
    const issue = error.issues[0];
    return new UsageError(`${path}: ${issue?.message ?? error.message}`, fix, { cause: error });
  }
  if (error instanceof MissingTemplateValueError) {
    return new UsageError(
      `${path} line ${current.line}: ${error.issues[0]?.message ?? error.message}`,
      fix,
      { cause: error },
    );
  }
  if (!(error instanceof InvalidArgumentError)) return error;
  const issue = error.issues[0];
  if (issue?.code === "duplicate_row_id") {
    // The store finds a repeat a chunk later and names the id; the job names the row at hand.
    const id = typeof issue.path[1] === "string" ? issue.path[1] : current.id;
    const lines = await linesWithId(options, id);
    const where =
      lines.length >= 2
        ? `line ${lines[1]} has the id ${JSON.stringify(id)}, already used by line ${lines[0]}`
        : `the id ${JSON.stringify(id)} is used more than once`;
    return new UsageError(`${path}: ${where} (--id-column ${options.idColumn})`, fix, {
      cause: error,
    });
  }
  const messages = error.issues
    .slice(0, 3)
    .map((i) => i.message)
    .join("; ");
  return new UsageError(`${path} line ${current.line}: ${messages}`, fix, { cause: error });
}

/** The first two lines holding `id`: read again only when an add failed on a repeated id. */
async function linesWithId(options: AddInputOptions, id: string): Promise<number[]> {
  const lines: number[] = [];
  try {
    for await (const row of readRows(createReadStream(options.path), {
      format: options.format,
      idColumn: options.idColumn,
      source: options.path,
    })) {
      if (row.id !== id) continue;
      lines.push(row.line);
      if (lines.length === 2) break;
    }
  } catch {
    // The file changed under us: the message then names the id only.
  }
  return lines;
}
