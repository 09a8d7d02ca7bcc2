import { BatchBuffer, chunksOf } from "./batch-buffer.js";
import { viewsOf } from "./buffer-chunks.js";

const NEWLINE = 10;

/**
 * Cuts a batch into parts that each hold at most `maxRequests` lines and `maxBytes` bytes, at
 * line boundaries, sharing the bytes (no copy, no parse): each part is views of the chunks,
 * which are never joined (a join would be a second copy of the whole batch). `first` is each
 * part's position in the input. A single line over `maxBytes` is still one part: the provider
 * will say no, and the error names it.
 */
export function splitBatchBuffer(
  buffer: BatchBuffer,
  maxRequests: number,
  maxBytes: number,
): { first: number; buffer: BatchBuffer }[] {
  if (buffer.requestCount <= maxRequests && buffer.size <= maxBytes) return [{ first: 0, buffer }];
  const chunks = chunksOf(buffer);
  const parts: { first: number; buffer: BatchBuffer }[] = [];
  let partStart = 0;
  let partFirst = 0;
  let lines = 0;
  // Where the line being read starts, over all chunks.
  let lineStart = 0;
  const close = (end: number) => {
    parts.push({
      first: partFirst,
      buffer: new BatchBuffer({
        provider: buffer.provider,
        model: buffer.model,
        customIds: buffer.customIds.slice(partFirst, partFirst + lines),
        chunks: viewsOf(chunks, partStart, end),
        warnings: buffer.warnings,
      }),
    });
    partFirst += lines;
    partStart = end;
    lines = 0;
  };
  const endLine = (end: number) => {
    if (lines > 0 && (lines >= maxRequests || end - partStart > maxBytes)) close(lineStart);
    lines++;
    lineStart = end;
  };
  let offset = 0;
  for (const chunk of chunks) {
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, nl + 1)) {
      endLine(offset + nl + 1);
    }
    offset += chunk.byteLength;
  }
  // A last line without a newline.
  if (lineStart < offset) endLine(offset);
  if (lines > 0) close(offset);
  return parts;
}
