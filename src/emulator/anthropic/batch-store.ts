import {
  type BatchTimeline,
  type Ending,
  exclusive,
  finishedRequests,
  isBusy,
  runEnding,
  unsettled,
} from "../batch-timeline.js";
import type { EmulatorContext } from "../context.js";
import { Pacer, runCooperatively } from "../cooperative.js";
import { resultOrder } from "../ids.js";
import { deliveredLines, resolveOutcome } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import type { BatchItem } from "./create-request.js";
import { anthropicErrorDefaults } from "./errors.js";
import { anthropicIds, rfc3339 } from "./ids.js";
import { type AdaptedRequest, adaptRequest } from "./request-adapter.js";
import { resultLine, resultType, type SettledRequest } from "./result-lines.js";

export type ProcessingStatus = "in_progress" | "canceling" | "ended";

export interface AnthropicBatchRecord extends BatchTimeline {
  id: string;
  /** The `anthropic-version` of the create call: it decides which params the requests may use. */
  version: string;
  requests: AdaptedRequest[];
  settled: (SettledRequest | undefined)[];
  /** The results file, written once when the batch ends. */
  results: string | undefined;
  /** Serialises work on one batch so concurrent requests never run a responder twice. */
  queue: Promise<void>;
}

/**
 * Message Batches in memory. A batch has no validating phase on the wire: it is `in_progress`
 * from creation (the `validatingMs` phase is its queueing delay), its requests finish one after
 * another, then it is `ended` (also after a cancel, via `canceling`, or at expiry).
 */
export class AnthropicBatchStore {
  // Insertion order is creation order; lists walk it backwards (newest first).
  private readonly batches = new Map<string, AnthropicBatchRecord>();

  constructor(private readonly ctx: EmulatorContext) {}

  create(items: BatchItem[], version: string, now: number): AnthropicBatchRecord {
    const requests = items.map((item, i) => adaptRequest(item.customId, item.params, i, version));
    const record: AnthropicBatchRecord = {
      id: anthropicIds.batch(),
      version,
      createdAtMs: now,
      // Settings are captured at creation so a batch keeps its own schedule.
      phases: { ...this.ctx.phases },
      windowMs: this.ctx.completionWindowMs,
      cancelAtMs: undefined,
      requests,
      settled: new Array(requests.length).fill(undefined),
      results: undefined,
      queue: Promise.resolve(),
    };
    this.batches.set(record.id, record);
    this.ctx.holds.register(record.id, record, () => ({
      provider: "anthropic",
      id: record.id,
      requestCount: requests.length,
    }));
    return record;
  }

  get(id: string): AnthropicBatchRecord | undefined {
    return this.batches.get(id);
  }

  newestFirst(): AnthropicBatchRecord[] {
    return [...this.batches.values()].reverse();
  }

  clear(): void {
    this.batches.clear();
  }

  advance(record: AnthropicBatchRecord, now: number): Promise<void> {
    return exclusive(record, () => this.catchUp(record, now));
  }

  /**
   * Every batch up to `now`, except one that another request is already bringing up to date:
   * a route about that batch waits for it through `advance`, the others need not.
   */
  async advanceAll(now: number): Promise<void> {
    for (const record of this.batches.values()) {
      if (!isBusy(record)) await this.advance(record, now);
    }
  }

  /** False when the batch has already ended; a second cancel while canceling is a no-op. */
  cancel(record: AnthropicBatchRecord, now: number): Promise<boolean> {
    return exclusive(record, async () => {
      await this.catchUp(record, now);
      const status = statusAt(record, now);
      if (status === "ended") return false;
      if (status === "in_progress") {
        record.cancelAtMs = now;
        await this.catchUp(record, now);
      }
      return true;
    });
  }

  /** False while the batch has not ended (the real API deletes only ended batches). */
  delete(record: AnthropicBatchRecord, now: number): boolean {
    if (statusAt(record, now) !== "ended") return false;
    this.ctx.holds.forget(record.id);
    return this.batches.delete(record.id);
  }

  /** Brings a batch up to `now`: the requests finished by then, the results once it ends. */
  private async catchUp(record: AnthropicBatchRecord, now: number): Promise<void> {
    // Results are written once every request that will ever finish has: nothing is left.
    if (record.results !== undefined) return;
    const end = runEnding(record);
    // Every due request started at once (a responder that calls out, like forwardResponder,
    // sets its own concurrency), with turns for other clients in between.
    const due = finishedRequests(record, end, now, record.requests.length);
    await runCooperatively(unsettled(due, record.settled), ({ index }) => this.run(record, index));
    if (record.results === undefined && now >= end.at) await this.writeResults(record, end);
  }

  private async run(record: AnthropicBatchRecord, index: number): Promise<void> {
    const adapted = record.requests[index]!;
    // A param the real API refuses never reaches the model, so the responder is not asked.
    const outcome: ResolvedOutcome = adapted.rejection
      ? {
          kind: "http_error",
          status: 400,
          message: adapted.rejection.message,
          errorType: "invalid_request_error",
          code: null,
          param: adapted.rejection.param,
        }
      : await resolveOutcome(adapted.request, this.ctx.responder, {
          maxOutputTokens: adapted.maxOutputTokens,
          extraInputTokens: adapted.mediaTokens,
          errorDefaults: anthropicErrorDefaults,
        });
    record.settled[index] = settle(adapted, outcome);
  }

  private async writeResults(record: AnthropicBatchRecord, end: Ending): Promise<void> {
    const reason = end.kind === "cancelled" ? "cancelled" : "expired";
    // Serialised in slices with turns for other clients; ordered and faulted after.
    const pacer = new Pacer();
    const text: string[] = [];
    for (const [i, request] of record.requests.entries()) {
      record.settled[i] ??= settle(request, { kind: "not_run", reason });
      text.push(JSON.stringify(resultLine(record.settled[i]!)));
      if (pacer.due()) await pacer.turn();
    }
    const lines = deliveredLines(
      resultOrder(record.requests.length, this.ctx.shuffle),
      (i) => record.settled[i]!.outcome,
      (i) => text[i]!,
    );
    // No blank lines: the SDK's JSONL decoder parses every line it gets.
    record.results = `${lines.join("\n")}\n`;
  }

  /** The MessageBatch object exactly as the real API shapes it, at `now`. */
  toWire(record: AnthropicBatchRecord, now: number, origin: string): Record<string, unknown> {
    const status = statusAt(record, now);
    const ended = status === "ended";
    return {
      id: record.id,
      type: "message_batch",
      processing_status: status,
      request_counts: counts(record),
      ended_at: ended ? rfc3339(runEnding(record).at) : null,
      created_at: rfc3339(record.createdAtMs),
      expires_at: rfc3339(record.createdAtMs + record.windowMs),
      archived_at: null,
      cancel_initiated_at: record.cancelAtMs === undefined ? null : rfc3339(record.cancelAtMs),
      results_url: ended ? `${origin}/v1/messages/batches/${record.id}/results` : null,
    };
  }
}

function settle(adapted: AdaptedRequest, outcome: ResolvedOutcome): SettledRequest {
  const { request, shape, thinking } = adapted;
  return { customId: request.customId, model: request.model, shape, thinking, outcome };
}

export function statusAt(record: AnthropicBatchRecord, now: number): ProcessingStatus {
  if (now >= runEnding(record).at) return "ended";
  return record.cancelAtMs === undefined ? "in_progress" : "canceling";
}

/** Every request is in exactly one bucket, so the counts always add up to the total. */
function counts(record: AnthropicBatchRecord) {
  const c = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  for (const s of record.settled) {
    if (s) c[resultType(s.outcome)]++;
    else c.processing++;
  }
  return c;
}
