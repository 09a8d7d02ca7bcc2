/** Reading and cutting bodies for resets, and the errors undici raises for them. */
import { sleep } from "../../util/sleep.js";

export interface Prefix {
  /** The bytes read, possibly more than asked for (chunks are not split). */
  bytes: Uint8Array;
  /** True when the stream ended: `bytes` is the whole body. */
  complete: boolean;
  /** Cancels the rest of the stream; called last, so a socket is reset before it is closed. */
  cancel(): void;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads until at least `min` bytes arrived or the stream ended, leaving the rest unread: enough
 * to cut a body without holding all of it.
 */
export async function readPrefix(
  stream: ReadableStream<Uint8Array> | null,
  min: number,
): Promise<Prefix> {
  if (!stream) return { bytes: new Uint8Array(0), complete: true, cancel: () => {} };
  const reader = stream.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < min) {
      const { done, value } = await reader.read();
      if (done) return { bytes: concat(chunks, total), complete: true, cancel };
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // A client that vanished mid-upload ends the prefix as surely as the end of the stream.
  }
  return { bytes: concat(chunks, total), complete: false, cancel };
}

/**
 * The bytes a dropped response delivers: `afterBytes` of them, but never the whole body, so a
 * client always sees the body end early.
 */
export function deliveredBytes(prefix: Prefix, afterBytes: number): Uint8Array {
  const cap = prefix.complete ? Math.max(0, prefix.bytes.byteLength - 1) : afterBytes;
  return prefix.bytes.subarray(0, Math.min(afterBytes, cap));
}

function econnreset(): Error {
  return Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
}

/** What Node's fetch rejects with when the server resets the connection before answering. */
export function fetchFailed(): TypeError {
  return new TypeError("fetch failed", { cause: econnreset() });
}

/** A body that yields `bytes`, then errors as Node's fetch does when the connection drops. */
export function interruptedBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent && bytes.byteLength > 0) {
        sent = true;
        controller.enqueue(bytes);
        return;
      }
      controller.error(new TypeError("terminated", { cause: econnreset() }));
    },
  });
}

/**
 * Waits `ms` of real time. Rejects with the signal's reason when it aborts, as fetch does, so a
 * client's timeout also works in process.
 */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return ms <= 0 ? Promise.resolve() : sleep(ms, signal);
}
