import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { StructuredBatchError } from "../errors/structured-batch-error.js";
import { describe as describeValue } from "../messages/describe-value.js";
import type { Conversation } from "../messages/types.js";
import { conversationIssues } from "../messages/validate-messages.js";

/** Longest row id kept (ids are custom ids' keys in the store, not sent to the provider). */
export const MAX_ROW_ID_LENGTH = 512;
/** Rows per insert: one statement of about this many rows per round trip. */
const CHUNK_ROWS = 1_000;

/** Options of `job.add`. */
export interface AddOptions {
  /**
   * The field of each row that holds its stable id (default `"id"`). A string, or a finite
   * number (stored as its decimal text).
   * @example await job.add(products, { idKey: "sku" })
   */
  idKey?: string;
}

/**
 * Checks rows and groups them for insertion: every row must be an object with a usable id and
 * must give a valid conversation through `prompt`, else a typed error names the row (its
 * position and id) and nothing of the `add` is kept (the store rolls the call back).
 */
export async function* checkedRowChunks(
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  prompt: (row: never) => Conversation,
  idKey: string,
): AsyncGenerator<{ id: string; input: unknown }[]> {
  let chunk: { id: string; input: unknown }[] = [];
  const inChunk = new Map<string, number>();
  let index = 0;
  for await (const row of rows as AsyncIterable<unknown>) {
    const id = rowIdOf(row, index, idKey);
    const first = inChunk.get(id);
    if (first !== undefined) {
      throw new InvalidArgumentError(
        [
          {
            code: "duplicate_row_id",
            path: ["rows", index, idKey],
            message: `row id "${id}" is also the id of rows[${first}]; nothing was added`,
          },
        ],
        { code: "invalid_rows" },
      );
    }
    checkPrompt(row, index, id, prompt);
    inChunk.set(id, index);
    chunk.push({ id, input: row });
    index++;
    if (chunk.length >= CHUNK_ROWS) {
      yield chunk;
      chunk = [];
      inChunk.clear();
    }
  }
  if (chunk.length > 0) yield chunk;
}

function rowIdOf(row: unknown, index: number, idKey: string): string {
  const fail = (code: string, message: string): never => {
    throw new InvalidArgumentError([{ code, path: ["rows", index, idKey], message }], {
      code: "invalid_rows",
    });
  };
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    return fail("invalid_row", `rows[${index}] must be an object, got ${describeValue(row)}`);
  }
  const value = (row as Record<string, unknown>)[idKey];
  if (value === undefined || value === null) {
    const keys = Object.keys(row).slice(0, 10).join(", ");
    return fail(
      "missing_row_id",
      `rows[${index}] has no "${idKey}" (its fields: ${keys || "none"})`,
    );
  }
  let id: string;
  if (typeof value === "string") id = value;
  else if (typeof value === "number" && Number.isFinite(value)) id = String(value);
  else
    return fail(
      "invalid_row_id",
      `rows[${index}].${idKey} must be a string or a number, got ${describeValue(value)}`,
    );
  if (id.trim() === "") return fail("invalid_row_id", `rows[${index}].${idKey} is empty`);
  if (id.length > MAX_ROW_ID_LENGTH) {
    return fail(
      "row_id_too_long",
      `rows[${index}].${idKey} has ${id.length} characters; at most ${MAX_ROW_ID_LENGTH}`,
    );
  }
  return id;
}

function checkPrompt(
  row: unknown,
  index: number,
  id: string,
  prompt: (row: never) => Conversation,
) {
  let conversation: unknown;
  try {
    conversation = (prompt as (row: unknown) => unknown)(row);
  } catch (error) {
    if (error instanceof StructuredBatchError) throw error;
    throw new InvalidArgumentError(
      [
        {
          code: "prompt_failed",
          path: ["rows", index],
          message: `the prompt function threw for row "${id}": ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
      { code: "invalid_rows", cause: error },
    );
  }
  const issues = conversationIssues(conversation, index);
  if (issues.length > 0) {
    throw new InvalidArgumentError(
      issues.map((issue) => ({
        ...issue,
        path: ["rows", index, ...issue.path.slice(1)],
        message: `row "${id}": ${issue.message}`,
      })),
      { code: "invalid_rows" },
    );
  }
}
