import { describe, expect, it } from "vitest";
import { readLineBatchesResumable } from "./read-lines-resumable.js";

/** A body that delivers `text` and, if `breakAfter` is set, errors after that many bytes. */
function body(text: string, breakAfter?: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) {
        controller.error(new TypeError("terminated: other side closed"));
        return;
      }
      sent = true;
      if (breakAfter === undefined) {
        controller.enqueue(bytes);
        controller.close();
      } else {
        controller.enqueue(bytes.subarray(0, breakAfter));
      }
    },
  });
}

describe("readLineBatchesResumable", () => {
  const file = "line-1\nline-2\nline-3\nline-4\n";

  it("downloads again after a break and yields every line exactly once", async () => {
    const opened: number[] = [];
    const breaks = [10, 17];
    const lines: string[] = [];
    const retries: number[] = [];
    for await (const batch of readLineBatchesResumable(
      async () => {
        opened.push(opened.length);
        return body(file, breaks.shift());
      },
      { baseDelayMs: 1, onRetry: (_e, delivered) => retries.push(delivered) },
    )) {
      for (const { line, lineNumber } of batch) lines.push(`${lineNumber}:${line}`);
    }
    expect(lines).toEqual(["1:line-1", "2:line-2", "3:line-3", "4:line-4"]);
    expect(opened).toHaveLength(3);
    expect(retries).toEqual([1, 2]);
  });

  it("gives up after its attempts with the stream's error", async () => {
    const reading = async () => {
      for await (const _ of readLineBatchesResumable(async () => body(file, 3), {
        attempts: 2,
        baseDelayMs: 1,
      })) {
        // nothing arrives whole
      }
    };
    await expect(reading()).rejects.toThrow("terminated");
  });
});
