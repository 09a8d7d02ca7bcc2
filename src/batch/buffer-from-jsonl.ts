import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ProviderId } from "../providers/types.js";
import { stripBomBytes } from "../util/strip-bom.js";
import { BatchBuffer } from "./batch-buffer.js";
import { decodeUtf8 } from "./decode-utf8.js";

/**
 * Wraps an existing batch JSONL file (for example one written with `filePath`) so it can be
 * submitted. Reads each line's id (`custom_id`, or Gemini's `key`) and checks the lines parse;
 * `checkLine` (optional) says what else is wrong with a parsed line, if anything.
 */
export function bufferFromJsonl(
  file: Uint8Array,
  provider: ProviderId,
  model: string,
  source: string,
  checkLine?: (line: unknown, lineNumber: number) => string | undefined,
): BatchBuffer {
  // A mark the decoder would hide must not reach the provider as part of the first line.
  const bytes = stripBomBytes(file);
  const text = decodeUtf8(bytes, source);
  const customIds: string[] = [];
  let lineNumber = 0;
  const bad = (message: string) =>
    new InvalidArgumentError([
      { code: "invalid_batch_file", path: [source, lineNumber], message: `line ${message}` },
    ]);
  for (const line of text.split("\n")) {
    lineNumber++;
    if (line.trim() === "") continue;
    let parsed: { custom_id?: unknown; key?: unknown; recordId?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw bad("is not valid JSON");
    }
    const problem = checkLine?.(parsed, lineNumber);
    if (problem !== undefined) throw bad(problem);
    const id = parsed?.custom_id ?? parsed?.key ?? parsed?.recordId;
    if (typeof id !== "string") throw bad('has no "custom_id"');
    customIds.push(id);
  }
  if (customIds.length === 0) {
    throw new InvalidArgumentError([
      { code: "invalid_batch_file", path: [source], message: "batch file has no requests" },
    ]);
  }
  return new BatchBuffer({ provider, model, customIds, chunks: [bytes] });
}
