import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import { rowIssues } from "./row-issues.js";

/** How many `\n` a text holds. */
export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * The chunks as text, decoded strictly as UTF-8 (a file saved as Latin-1 would otherwise reach
 * the prompts with characters replaced). Counts lines as it goes, only to name the line of a
 * byte that is not UTF-8; characters split across chunks are joined.
 */
export async function* utf8Text(
  chunks: AsyncIterable<Uint8Array | string>,
  source: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let newlines = 0;
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch (cause) {
      // Only on the error path: a lenient decode finds the first bad byte's line. Up to three
      // leading continuation bytes finish a character begun in the previous chunk (alone they
      // would decode as U+FFFD); without a bad byte after them, the bad sequence is that one.
      let skip = 0;
      while (chunk !== undefined && skip < 3 && chunk[skip]! >= 0x80 && chunk[skip]! < 0xc0) skip++;
      const text = chunk === undefined ? "" : new TextDecoder().decode(chunk.subarray(skip));
      const bad = text.indexOf("\uFFFD");
      const line = newlines + 1 + (bad === -1 ? 0 : countNewlines(text.slice(0, bad)));
      throw new InvalidRowsError(
        rowIssues.invalidEncoding({ source, line }, chunk === undefined ? "at the end" : "on it"),
        { cause },
      );
    }
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decode(chunk);
    newlines += countNewlines(text);
    if (text !== "") yield text;
  }
  const rest = decode();
  if (rest !== "") yield rest;
}
