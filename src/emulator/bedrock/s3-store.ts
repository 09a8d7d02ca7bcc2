/** Objects of the emulated S3, per bucket and key; buckets exist once written to. */
export class S3Store {
  private readonly objects = new Map<string, { body: Uint8Array; lastModified: number }>();

  private static id(bucket: string, key: string): string {
    return `${bucket}/${key}`;
  }

  put(bucket: string, key: string, body: Uint8Array, now: number): void {
    this.objects.set(S3Store.id(bucket, key), { body, lastModified: now });
  }

  get(bucket: string, key: string): { body: Uint8Array; lastModified: number } | undefined {
    return this.objects.get(S3Store.id(bucket, key));
  }

  delete(bucket: string, key: string): boolean {
    return this.objects.delete(S3Store.id(bucket, key));
  }

  clear(): void {
    this.objects.clear();
  }
}

const CRLF = [13, 10];

function indexOfCrlf(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] === CRLF[0] && bytes[i + 1] === CRLF[1]) return i;
  }
  return -1;
}

/**
 * The payload of an `aws-chunked` body (SigV4 streaming, "Signature Version 4 streaming
 * uploads" in the S3 API reference): `<hex size>[;chunk-signature=...]\r\n<data>\r\n` repeated,
 * ending with a zero-size chunk and optional trailers (checksums). The SDK sends it for a
 * streamed PutObject when it computes a checksum. Undefined when the framing is broken.
 */
export function decodeAwsChunked(bytes: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  for (;;) {
    const end = indexOfCrlf(bytes, at);
    if (end === -1) return undefined;
    const header = new TextDecoder().decode(bytes.subarray(at, end));
    const size = Number.parseInt(header.split(";")[0]!, 16);
    if (!Number.isFinite(size) || size < 0) return undefined;
    at = end + 2;
    if (size === 0) break;
    if (at + size > bytes.length) return undefined;
    parts.push(bytes.subarray(at, at + size));
    total += size;
    at += size + 2;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
