import { type BatchTimeline, phaseTimes } from "./batch-timeline.js";
import type { EmulatedBatch } from "./types.js";

const HELD = Number.POSITIVE_INFINITY;

/**
 * Finds batches by the id a test holds and keeps them in their first state. The hold itself
 * lives on the batch's timeline (`heldUntilMs`), so every state stays a pure function of the
 * clock and each provider's timeline code needs no knowledge of this registry.
 *
 * @example
 * const holds = new BatchHolds((batch) => batch.provider === "openai");
 * holds.register(record.id, record, () => ({ provider: "openai", id: record.id, requestCount: 3 }));
 * holds.release(record.id, clock.now()); // starts now
 */
export class BatchHolds {
  private readonly batches = new Map<string, BatchTimeline>();

  constructor(private readonly stuck: ((batch: EmulatedBatch) => boolean) | undefined) {}

  /**
   * Makes a new batch findable by `id` and asks `stuck` whether to hold it from creation on.
   * `describe` is called only when there is a `stuck` to ask, since counting an OpenAI input
   * file's lines is not free.
   */
  register(id: string, timeline: BatchTimeline, describe: () => EmulatedBatch): void {
    this.batches.set(id, timeline);
    if (this.stuck?.(describe())) timeline.heldUntilMs = HELD;
  }

  forget(id: string): void {
    this.batches.delete(id);
  }

  clear(): void {
    this.batches.clear();
  }

  /** False when the batch is unknown, or has already left its first state, or was cancelled. */
  hold(id: string, now: number): boolean {
    const timeline = this.find(id);
    if (!timeline) return false;
    if (timeline.heldUntilMs === HELD) return true;
    const t = phaseTimes(timeline);
    if (timeline.cancelAtMs !== undefined || now >= t.inProgressAt || now >= t.expiresAt) {
      return false;
    }
    timeline.heldUntilMs = HELD;
    return true;
  }

  /** The batch starts at `now` (or when its first phase would have ended, if later). */
  release(id: string, now: number): boolean {
    const timeline = this.find(id);
    if (timeline?.heldUntilMs !== HELD) return false;
    timeline.heldUntilMs = now;
    return true;
  }

  // Gemini clients know a batch as `batches/{id}`; accept the bare id too.
  private find(id: string): BatchTimeline | undefined {
    return this.batches.get(id) ?? this.batches.get(`batches/${id}`);
  }
}

/** Non-blank lines of a JSONL file: what `stuck` sees as an OpenAI batch's request count. */
export function countJsonlLines(bytes: Uint8Array | undefined): number {
  if (!bytes) return 0;
  let count = 0;
  let blank = true;
  for (const byte of bytes) {
    if (byte === 0x0a) {
      if (!blank) count++;
      blank = true;
    } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
      blank = false;
    }
  }
  return blank ? count : count + 1;
}
