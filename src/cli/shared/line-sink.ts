import { once } from "node:events";
import { unlinkSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import type { Writable } from "node:stream";
import { UsageError } from "./exit-codes.js";
import { onInterrupt } from "./interrupt.js";

/** Where a command streams its lines: a file (`--out`) or stdout. */
export interface LineSink {
  /** `stdout` or the file's path. */
  readonly target: string;
  readonly toFile: boolean;
  lines: number;
  bytes: number;
  write(line: string): Promise<void>;
  /** Writes bytes as they are (no newline added, not counted as lines). */
  writeBytes(chunk: Uint8Array): Promise<void>;
  /** Finishes the output; a file appears under its name only now. */
  close(): Promise<void>;
  /** Drops a half-written file. */
  abort(): Promise<void>;
}

async function writeChunk(stream: Writable, chunk: string | Uint8Array): Promise<void> {
  // Respect backpressure: memory stays flat however large the output.
  if (!stream.write(chunk)) await once(stream, "drain");
}

/**
 * Opens `path` for streaming, or stdout when there is none. A file is written under a temporary
 * name and renamed when complete, so an interrupted or failed run never leaves a truncated file
 * that looks finished.
 */
export async function openLineSink(path: string | undefined, flag: string): Promise<LineSink> {
  if (path === undefined) {
    // After Ctrl-C nothing more is handed to stdout, so that the lines it holds can be sent
    // whole before the process exits (see interrupt.ts); the command waits for that exit.
    let interrupted = false;
    const unregister = onInterrupt(() => {
      interrupted = true;
    });
    const send = (chunk: string | Uint8Array): Promise<void> =>
      interrupted ? new Promise(() => {}) : writeChunk(process.stdout, chunk);
    const sink: LineSink = {
      target: "stdout",
      toFile: false,
      lines: 0,
      bytes: 0,
      async write(line) {
        sink.lines++;
        sink.bytes += Buffer.byteLength(line) + 1;
        await send(`${line}\n`);
      },
      async writeBytes(chunk) {
        sink.bytes += chunk.byteLength;
        await send(chunk);
      },
      async close() {
        unregister();
      },
      async abort() {
        unregister();
      },
    };
    return sink;
  }
  const temporary = `${path}.partial-${process.pid}`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temporary, "w");
  } catch (error) {
    throw new UsageError(
      `${flag} ${path}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      "Check that the folder exists and is writable",
    );
  }
  const stream = handle.createWriteStream();
  const unregister = onInterrupt(() => unlinkSync(temporary));
  const sink: LineSink = {
    target: path,
    toFile: true,
    lines: 0,
    bytes: 0,
    async write(line) {
      sink.lines++;
      sink.bytes += Buffer.byteLength(line) + 1;
      await writeChunk(stream, `${line}\n`);
    },
    async writeBytes(chunk) {
      sink.bytes += chunk.byteLength;
      await writeChunk(stream, chunk);
    },
    async close() {
      stream.end();
      await once(stream, "close");
      await rename(temporary, path);
      unregister();
    },
    async abort() {
      stream.destroy();
      await unlink(temporary).catch(() => undefined);
      unregister();
    },
  };
  return sink;
}
