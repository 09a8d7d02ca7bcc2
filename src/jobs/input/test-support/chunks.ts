import { type InputRow, type ReadRowsOptions, readRows } from "../read-rows.js";
import type { RowSource } from "../row-source.js";

const encoder = new TextEncoder();

/** The text's UTF-8 bytes in chunks of `size` bytes: cuts lines and characters anywhere. */
export function byteChunks(text: string | Uint8Array, size: number): Uint8Array[] {
  const bytes = typeof text === "string" ? encoder.encode(text) : text;
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** A small deterministic generator, so a failing split can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** The text's bytes cut at random places (empty chunks included). */
export function randomChunks(text: string, seed: number, maxSize = 9): Uint8Array[] {
  const bytes = encoder.encode(text);
  const random = seeded(seed);
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const size = Math.floor(random() * (maxSize + 1));
    out.push(bytes.subarray(i, i + size));
    i += size;
  }
  return out;
}

export async function* asyncChunks<T>(chunks: Iterable<T>): AsyncGenerator<T> {
  for (const chunk of chunks) yield chunk;
}

export function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

export async function collect(source: RowSource, options: ReadRowsOptions): Promise<InputRow[]> {
  const rows: InputRow[] = [];
  for await (const row of readRows(source, options)) rows.push(row);
  return rows;
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but it resolved");
}
