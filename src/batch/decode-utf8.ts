import { InvalidArgumentError } from "../errors/invalid-argument-error.js";

/**
 * Batch files and results files are UTF-8 JSONL. A file that is not (saved again as Latin-1 or
 * UTF-16 by some tool) would otherwise be decoded with replacement characters: a batch file
 * would be sent with its text altered, and results would "succeed" with altered strings. So
 * decoding is strict, and the error says where the first bad byte is.
 */
export function notUtf8(where: string, cause: unknown): InvalidArgumentError {
  return new InvalidArgumentError(
    [
      {
        code: "invalid_encoding",
        path: ["content"],
        message: `is not UTF-8 text (a byte that is not UTF-8 ${where}); results and batch files are UTF-8 JSONL`,
      },
    ],
    { cause, code: "invalid_encoding" },
  );
}

/** Decodes bytes already in memory, strictly (see `notUtf8`). */
export function decodeUtf8(bytes: Uint8Array, source = "the content"): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw notUtf8(`in ${source}`, cause);
  }
}
