import { BatchBuffer } from "./batch-buffer.js";

const NEWLINE = 10;

/**
 * Cuts a batch into parts that each hold at most `maxRequests` lines and `maxBytes` bytes, at
 * line boundaries, sharing the bytes (no copy, no parse). `first` is each part's position in
 * the input. A single line over `maxBytes` is still one part: the provider will say no, and
 * the error names it.
 */
export function splitBatchBuffer(
  buffer: BatchBuffer,
  maxRequests: number,
  maxBytes: number,
): { first: number; buffer: BatchBuffer }[] {
  if (buffer.requestCount <= maxRequests && buffer.size <= maxBytes) return [{ first: 0, buffer }];
  const bytes = buffer.getValue();
  const parts: { first: number; buffer: BatchBuffer }[] = [];
  let partStart = 0;
  let partFirst = 0;
  let lines = 0;
  let lineStart = 0;
  const close = (end: number) => {
    parts.push({
      first: partFirst,
      buffer: new BatchBuffer({
        provider: buffer.provider,
        model: buffer.model,
        customIds: buffer.customIds.slice(partFirst, partFirst + lines),
        chunks: [bytes.subarray(partStart, end)],
        warnings: buffer.warnings,
      }),
    });
    partFirst += lines;
    partStart = end;
    lines = 0;
  };
  while (lineStart < bytes.length) {
    let end = bytes.indexOf(NEWLINE, lineStart);
    end = end === -1 ? bytes.length : end + 1;
    if (lines > 0 && (lines >= maxRequests || end - partStart > maxBytes)) close(lineStart);
    lines++;
    lineStart = end;
  }
  if (lines > 0) close(bytes.length);
  return parts;
}
