const encoder = new TextEncoder();
const PREFIX = encoder.encode('{"requests":[');
const SUFFIX = encoder.encode("]}");
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const SPACE = 0x20;

function isBlank(byte: number | undefined): boolean {
  return byte === SPACE || byte === 0x09 || byte === 0x0d;
}

/** Position (over all chunks) of the last byte that belongs to a line's content; -1 if none. */
function lastContentByte(chunks: readonly Uint8Array[]): number {
  let offset = 0;
  let last = -1;
  for (const chunk of chunks) {
    // Lines end in "}", so this scan from the end stops after a byte or two per chunk.
    for (let i = chunk.length - 1; i >= 0; i--) {
      const byte = chunk[i];
      if (byte !== NEWLINE && !isBlank(byte)) {
        last = offset + i;
        break;
      }
    }
    offset += chunk.length;
  }
  return last;
}

/**
 * The body of `POST /v1/messages/batches`, made from the batch's JSONL bytes without parsing a
 * line: `{"requests":[` + the lines joined by `,` + `]}`. A JSON string never holds a raw
 * newline, so every newline byte separates two lines: it becomes a comma when content lines
 * stand on both sides of it, else a space. One output byte per input byte, so the length is
 * known before sending.
 *
 * A stream, one transformed copy of one chunk at a time: a body built whole would be a second
 * copy of the batch, and fetch copies a byte-array body once more (three times the batch, where
 * a 128 MB Worker has little room).
 */
export function requestsBodyStream(chunks: readonly Uint8Array[]): {
  length: number;
  body: ReadableStream<Uint8Array>;
} {
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const last = lastContentByte(chunks);
  let index = -1;
  let offset = 0;
  // Whether the line being read has content so far; carried across chunks.
  let content = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index === -1) {
        index = 0;
        controller.enqueue(PREFIX.slice());
        return;
      }
      const chunk = chunks[index++];
      if (chunk === undefined) {
        controller.enqueue(SUFFIX.slice());
        controller.close();
        return;
      }
      const out = chunk.slice();
      for (let i = 0; i < out.length; i++) {
        const byte = out[i]!;
        if (byte === NEWLINE) {
          out[i] = content && offset + i < last ? COMMA : SPACE;
          content = false;
        } else if (!content && !isBlank(byte)) {
          content = true;
        }
      }
      offset += chunk.length;
      controller.enqueue(out);
    },
  });
  return { length: PREFIX.length + size + SUFFIX.length, body };
}
