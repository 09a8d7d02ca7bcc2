import { type Ending, exclusive, finishedRequests, isBusy, unsettled } from "../batch-timeline.js";
import type { EmulatorContext, ResolvedPhases } from "../context.js";
import { Pacer, runCooperatively } from "../cooperative.js";
import { resultOrder } from "../ids.js";
import { deliveredLines, resolveOutcome } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import type { InputRequest } from "./batch-input.js";
import { endingOf, type GoogleTimeline, isDone, startTime } from "./batch-state.js";
import { fileLookup } from "./file-uri.js";
import type { GoogleFiles } from "./files.js";
import { adaptRequest, type GoogleRequest } from "./request-adapter.js";
import { type GoogleResult, googleErrorDefaults, resultOf } from "./result-shapes.js";
import { googleIds, type Json } from "./wire.js";

export interface GoogleBatchRecord extends GoogleTimeline {
  id: string;
  /** Creation order, for page tokens that survive deletions. */
  seq: number;
  /** Without the `models/` prefix. */
  model: string;
  displayName: string | undefined;
  inputFileName: string | undefined;
  requestCount: number;
  requests: GoogleRequest[];
  echoes: (Json | undefined)[];
  settled: ({ outcome: ResolvedOutcome; doneAtMs: number } | undefined)[];
  /** Written once the batch has ended: every request's result in input order. */
  results: GoogleResult[] | undefined;
  responsesFile: string | undefined;
  queue: Promise<void>;
}

export interface NewBatch {
  model: string;
  displayName: string | undefined;
  inputFileName: string | undefined;
  requests: InputRequest[];
  failure: string | undefined;
  requestCount: number;
}

export type CancelResult = "cancelling" | "already-done";

/** Gemini batches: lazily brought up to the clock whenever a request arrives. */
export class GoogleBatchStore {
  private readonly batches = new Map<string, GoogleBatchRecord>();
  private seq = 0;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly files: GoogleFiles,
  ) {}

  create(batch: NewBatch, now: number): GoogleBatchRecord {
    const phases: ResolvedPhases = { ...this.ctx.phases };
    const lookup = fileLookup(this.files, now);
    const record: GoogleBatchRecord = {
      id: googleIds.batch(),
      seq: this.seq++,
      model: batch.model,
      displayName: batch.displayName,
      inputFileName: batch.inputFileName,
      requestCount: batch.requestCount,
      requests: batch.requests.map((r, index) =>
        adaptRequest({ key: r.key, body: r.body, index, model: batch.model, lookup }),
      ),
      echoes: batch.requests.map((r) => r.echo),
      settled: batch.requests.map(() => undefined),
      results: undefined,
      responsesFile: undefined,
      failure: batch.failure,
      createdAtMs: now,
      phases,
      windowMs: this.ctx.google.windowMs,
      cancelAtMs: undefined,
      queue: Promise.resolve(),
    };
    this.batches.set(record.id, record);
    this.ctx.holds.register(`batches/${record.id}`, record, () => ({
      provider: "google",
      id: `batches/${record.id}`,
      requestCount: record.requestCount,
      ...(record.displayName !== undefined ? { displayName: record.displayName } : {}),
    }));
    return record;
  }

  get(id: string): GoogleBatchRecord | undefined {
    return this.batches.get(id);
  }

  delete(id: string): boolean {
    this.ctx.holds.forget(`batches/${id}`);
    return this.batches.delete(id);
  }

  newestFirst(): GoogleBatchRecord[] {
    return [...this.batches.values()].reverse();
  }

  clear(): void {
    this.batches.clear();
    this.seq = 0;
  }

  advance(record: GoogleBatchRecord, now: number): Promise<void> {
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

  /** Cancelling twice is fine; a batch that has already ended cannot be cancelled. */
  cancel(record: GoogleBatchRecord, now: number): Promise<CancelResult> {
    return exclusive(record, async () => {
      await this.catchUp(record, now);
      if (isDone(record, now)) return "already-done";
      if (record.cancelAtMs === undefined) {
        record.cancelAtMs = now;
        await this.catchUp(record, now);
      }
      return "cancelling";
    });
  }

  /** Settles the requests finished by `now` and, once the batch has ended, writes its results. */
  private async catchUp(record: GoogleBatchRecord, now: number): Promise<void> {
    // Results are written once every request that will ever finish has: nothing is left.
    if (record.results !== undefined) return;
    const end = endingOf(record);
    if (end.kind === "failed") return;
    // Every due request started at once (a responder that calls out, like forwardResponder,
    // sets its own concurrency), with turns for other clients in between.
    const due = finishedRequests(record, end, now, record.requests.length);
    await runCooperatively(unsettled(due, record.settled), ({ index, doneAt }) =>
      this.run(record, index, doneAt),
    );
    if (record.results === undefined && now >= end.at) await this.writeResults(record, end.kind);
  }

  private async run(record: GoogleBatchRecord, index: number, doneAt: number): Promise<void> {
    const { request, maxOutputTokens, problem, problemStatus } = record.requests[index]!;
    // A request the model would reject never reaches it, so the responder is not asked.
    const outcome: ResolvedOutcome = problem
      ? {
          kind: "http_error",
          status: problemStatus === "PERMISSION_DENIED" ? 403 : 400,
          message: problem,
          errorType: problemStatus,
          code: problemStatus,
        }
      : await resolveOutcome(request, this.ctx.responder, {
          maxOutputTokens,
          errorDefaults: googleErrorDefaults,
        });
    record.settled[index] = { outcome, doneAtMs: doneAt };
  }

  private async writeResults(record: GoogleBatchRecord, kind: Ending["kind"]): Promise<void> {
    const reason = kind === "cancelled" ? "cancelled" : "expired";
    // Built and serialised in slices with turns for other clients; ordered and faulted after.
    const pacer = new Pacer();
    const results: GoogleResult[] = [];
    for (let i = 0; i < record.requests.length; i++) {
      const outcome = record.settled[i]?.outcome ?? { kind: "not_run", reason };
      results.push(resultOf(outcome, record.model, record.requests[i]!.thinkingCap));
      if (pacer.due()) await pacer.turn();
    }
    record.results = results;
    if (record.inputFileName === undefined) return;
    const text: string[] = [];
    for (const [i, result] of results.entries()) {
      text.push(JSON.stringify(fileLine(result, record.echoes[i])));
      if (pacer.due()) await pacer.turn();
    }
    const lines = deliveredLines(
      resultOrder(results.length, this.ctx.shuffle),
      (i) => record.settled[i]?.outcome,
      (i) => text[i]!,
    );
    const endAt = endingOf(record).at;
    const file = await this.files.add(
      {
        id: `batch-${record.id}`,
        displayName: undefined,
        mimeType: "application/jsonl",
        bytes: new TextEncoder().encode(lines.length > 0 ? `${lines.join("\n")}\n` : ""),
        source: "GENERATED",
        purpose: "batch_output",
      },
      endAt,
    );
    record.responsesFile = `files/${file.id}`;
  }

  /** The latest moment the batch changed, as far as `now` can see. */
  updateTime(record: GoogleBatchRecord, now: number): number {
    const end = endingOf(record);
    if (now >= end.at) return end.at;
    let latest = record.createdAtMs;
    const start = startTime(record);
    if (start !== undefined && start <= now) latest = start;
    for (const s of record.settled)
      if (s && s.doneAtMs <= now) latest = Math.max(latest, s.doneAtMs);
    if (record.cancelAtMs !== undefined) latest = Math.max(latest, record.cancelAtMs);
    return latest;
  }
}

/**
 * A responses-file line: the result, then the input line's own fields (`key` and anything else
 * it carried, which the real API echoes back).
 */
function fileLine(result: GoogleResult, echo: Json | undefined): Json {
  const rest = Object.entries(echo ?? {}).filter(
    ([name]) => name !== "response" && name !== "error",
  );
  return { ...result, ...Object.fromEntries(rest) };
}
