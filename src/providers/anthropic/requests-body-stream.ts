const encoder = new TextEncoder();
const PREFIX = encoder.encode('{"requests":[');
const SUFFIX = encoder.encode("]}");
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const SPACE = 0x20;

function isBlank(byte: number | undefined): boolean {
  return byte === SPACE || byte === 0x09 || byte === 0x0d;
}

/**
 * The body of `POST /v1/messages/batches`, made from the batch's JSONL bytes without parsing a
 * line: `{"requests":[` + the lines joined by `,` + `]}`. A JSON string never holds a raw
 * newline, so every newline byte separates two lines and becomes a comma; blank lines become
 * spaces. Each input byte gives one output byte, so the body is one allocation of known size.
 */
export async function requestsBodyFromJsonl(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  size: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(PREFIX.length + size + SUFFIX.length);
  out.set(PREFIX, 0);
  let pos = PREFIX.length;
  // Whether the current line has something other than whitespace, and where the last comma is.
  let content = false;
  let lastComma = -1;
  for await (const chunk of chunks) {
    let start = 0;
    while (true) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      for (let i = start; !content && i < end; i++) if (!isBlank(chunk[i])) content = true;
      out.set(chunk.subarray(start, end), pos);
      pos += end - start;
      if (newline === -1) break;
      if (content) lastComma = pos;
      out[pos++] = content ? COMMA : SPACE;
      content = false;
      start = newline + 1;
    }
  }
  // The last line's newline must not leave a trailing comma.
  if (!content && lastComma !== -1) out[lastComma] = SPACE;
  out.set(SUFFIX, pos);
  return out;
}
