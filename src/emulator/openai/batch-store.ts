import { countJsonlLines } from "../batch-holds.js";
import { type Ending, exclusive, finishedRequests, isBusy, unsettled } from "../batch-timeline.js";
import { toUnixSeconds } from "../clock.js";
import type { EmulatorContext, ResolvedPhases } from "../context.js";
import { Pacer, runCooperatively } from "../cooperative.js";
import { resultOrder } from "../ids.js";
import { deliveredLines, resolveOutcome } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import {
  ending,
  isTerminal,
  type OpenAIBatchStatus,
  statusAt,
  timestampsAt,
  validationTime,
} from "./batch-timeline.js";
import { withFileTokens } from "./file-part-content.js";
import { type InputValidation, validateInputFile } from "./input-validation.js";
import { emulatedReasoningTokens } from "./reasoning-usage.js";
import { type AdaptedRequest, adaptRequest } from "./request-adapter.js";
import { requestRejection } from "./request-rejection.js";
import { isSuccess, resultLine, type SettledRequest } from "./result-lines.js";
import type { EmulatedWireService } from "./wire-service.js";

export interface OpenAIBatchRecord {
  id: string;
  /** The emulator's name of the endpoint (`/v1/chat/completions`, `/v1/responses`). */
  endpoint: string;
  /** The endpoint as the service names it (Azure: `/chat/completions`). */
  wireEndpoint: string;
  inputFileId: string;
  completionWindow: string;
  metadata: Record<string, string> | null;
  outputExpiresAfterSeconds: number | null;
  createdAtMs: number;
  // Settings are captured at creation so a batch keeps its own schedule.
  phases: ResolvedPhases;
  windowMs: number;
  cancelAtMs: number | undefined;
  validation: InputValidation | undefined;
  requests: AdaptedRequest[];
  settled: (SettledRequest | undefined)[];
  files: { outputFileId: string | null; errorFileId: string | null } | undefined;
  /** Serialises work on one batch so concurrent requests never run a responder twice. */
  queue: Promise<void>;
}

export interface CreateBatchParams {
  endpoint: string;
  wireEndpoint: string;
  inputFileId: string;
  completionWindow: string;
  metadata: Record<string, string> | null;
  outputExpiresAfterSeconds: number | null;
}

export type CancelResult = { ok: true } | { ok: false; status: OpenAIBatchStatus };

export class OpenAIBatchStore {
  // Insertion order is creation order; lists walk it backwards (newest first).
  private readonly batches = new Map<string, OpenAIBatchRecord>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly service: EmulatedWireService,
  ) {}

  create(params: CreateBatchParams, now: number): OpenAIBatchRecord {
    const record: OpenAIBatchRecord = {
      id: this.service.ids.batch(),
      ...params,
      createdAtMs: now,
      phases: { ...this.ctx.phases },
      windowMs: this.service.windowMs(params.completionWindow, this.ctx.completionWindowMs),
      cancelAtMs: undefined,
      validation: undefined,
      requests: [],
      settled: [],
      files: undefined,
      queue: Promise.resolve(),
    };
    this.batches.set(record.id, record);
    this.ctx.holds.register(record.id, record, () => ({
      provider: this.service.provider,
      id: record.id,
      requestCount: countJsonlLines(this.ctx.files.get(params.inputFileId, now)?.bytes),
      ...(params.metadata ? { metadata: params.metadata } : {}),
    }));
    return record;
  }

  get(id: string): OpenAIBatchRecord | undefined {
    return this.batches.get(id);
  }

  newestFirst(): OpenAIBatchRecord[] {
    return [...this.batches.values()].reverse();
  }

  clear(): void {
    this.batches.clear();
  }

  advance(record: OpenAIBatchRecord, now: number): Promise<void> {
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

  cancel(record: OpenAIBatchRecord, now: number): Promise<CancelResult> {
    return exclusive(record, async () => {
      await this.catchUp(record, now);
      const status = statusAt(record, now);
      if (status === "cancelling" || status === "cancelled") return { ok: true };
      if (isTerminal(status)) return { ok: false, status };
      record.cancelAtMs = now;
      await this.catchUp(record, now);
      return { ok: true };
    });
  }

  /** Brings a batch up to `now`: validation, the requests finished by then, the result files. */
  private async catchUp(record: OpenAIBatchRecord, now: number): Promise<void> {
    // Result files are written once every request that will ever finish has: nothing is left.
    if (record.files) return;
    const validatedAt = validationTime(record);
    if (!record.validation && now >= validatedAt) {
      const file = this.ctx.files.get(record.inputFileId, validatedAt);
      const pacer = new Pacer();
      const validation = await validateInputFile(
        file,
        record.inputFileId,
        record.endpoint,
        this.service.limits(this.ctx),
        pacer,
        record.wireEndpoint,
        this.service.lines,
      );
      if (validation.ok) {
        const requests: AdaptedRequest[] = [];
        for (const [i, line] of validation.requests.entries()) {
          requests.push(adaptRequest(record.endpoint, line, i));
          if (pacer.due()) await pacer.turn();
        }
        record.requests = requests;
        record.settled = new Array(requests.length).fill(undefined);
      }
      record.validation = validation;
    }
    const end = ending(record);
    if (!end || !record.validation?.ok) return;
    // Every due request started at once (a responder that calls out, like forwardResponder,
    // sets its own concurrency), with turns for other clients in between.
    const due = finishedRequests(record, end, now, record.requests.length);
    await runCooperatively(unsettled(due, record.settled), ({ index, doneAt }) =>
      this.settle(record, index, doneAt),
    );
    if (!record.files && now >= end.at) await this.writeResults(record, end);
  }

  private async settle(record: OpenAIBatchRecord, i: number, doneAt: number): Promise<void> {
    const { request, maxOutputTokens, fileTokens } = record.requests[i]!;
    const outcome: ResolvedOutcome =
      requestRejection(request.body, record.endpoint) ??
      withFileTokens(
        await resolveOutcome(request, this.ctx.responder, { maxOutputTokens }),
        fileTokens,
      );
    record.settled[i] = {
      customId: request.customId,
      model: request.model,
      body: request.body,
      outcome,
      doneAtMs: doneAt,
    };
  }

  private async writeResults(record: OpenAIBatchRecord, end: Ending): Promise<void> {
    const reason = end.kind === "cancelled" ? "cancelled" : "expired";
    // Serialised in slices with turns for other clients; split into files and faulted after.
    const pacer = new Pacer();
    const text: string[] = [];
    for (const [i, { request }] of record.requests.entries()) {
      const settled: SettledRequest = record.settled[i] ?? {
        customId: request.customId,
        model: request.model,
        body: request.body,
        outcome: { kind: "not_run", reason },
        doneAtMs: end.at,
      };
      record.settled[i] = settled;
      text.push(JSON.stringify(resultLine(record.endpoint, settled)));
      if (pacer.due()) await pacer.turn();
    }
    const order = resultOrder(record.requests.length, this.ctx.shuffle);
    const outcomeAt = (i: number) => record.settled[i]!.outcome;
    // Each file in result order, its `duplicated` copies after all its other lines.
    const linesOf = (success: boolean) =>
      deliveredLines(
        order.filter((i) => isSuccess(outcomeAt(i)) === success),
        outcomeAt,
        (i) => text[i]!,
      );
    record.files = {
      outputFileId: this.writeFile(record, "output", linesOf(true), end.at),
      errorFileId: this.writeFile(record, "error", linesOf(false), end.at),
    };
  }

  private writeFile(
    record: OpenAIBatchRecord,
    kind: string,
    lines: string[],
    at: number,
  ): string | null {
    if (lines.length === 0) return null;
    const seconds = record.outputExpiresAfterSeconds;
    return this.ctx.files.add({
      id: this.service.ids.file(),
      provider: this.service.provider,
      filename: `${record.id}_${kind}.jsonl`,
      purpose: "batch_output",
      bytes: new TextEncoder().encode(`${lines.join("\n")}\n`),
      createdAtMs: at,
      expiresAtMs: seconds === null ? null : at + seconds * 1000,
    }).id;
  }

  /** The batch object exactly as the real API shapes it, at `now`. */
  toWire(record: OpenAIBatchRecord, now: number): Record<string, unknown> {
    const status = statusAt(record, now);
    const stamps = timestampsAt(record, now);
    const seconds = (ms: number | null) => (ms === null ? null : toUnixSeconds(ms));
    const validation = record.validation;
    const ran = validation?.ok === true && status !== "validating";
    const terminal = isTerminal(status);
    const wire: Record<string, unknown> = {
      id: record.id,
      object: "batch",
      endpoint: record.wireEndpoint,
    };
    if (ran) wire.model = validation.model;
    Object.assign(wire, {
      errors:
        status === "failed" && validation && !validation.ok
          ? { object: "list", data: validation.errors }
          : null,
      input_file_id: record.inputFileId,
      completion_window: record.completionWindow,
      status,
      output_file_id: terminal ? (record.files?.outputFileId ?? null) : null,
      error_file_id: terminal ? (record.files?.errorFileId ?? null) : null,
      created_at: toUnixSeconds(record.createdAtMs),
      in_progress_at: seconds(stamps.in_progress_at),
      expires_at: seconds(stamps.expires_at),
      finalizing_at: seconds(stamps.finalizing_at),
      completed_at: seconds(stamps.completed_at),
      failed_at: seconds(stamps.failed_at),
      expired_at: seconds(stamps.expired_at),
      cancelling_at: seconds(stamps.cancelling_at),
      cancelled_at: seconds(stamps.cancelled_at),
      request_counts: this.counts(record, ran, terminal),
    });
    if (ran && terminal) wire.usage = this.usage(record);
    wire.metadata = record.metadata;
    return wire;
  }

  private counts(record: OpenAIBatchRecord, ran: boolean, terminal: boolean) {
    if (!ran) return { total: 0, completed: 0, failed: 0 };
    const total = record.requests.length;
    const settled = record.settled.filter((s): s is SettledRequest => s !== undefined);
    const completed = settled.filter((s) => isSuccess(s.outcome)).length;
    // Once the batch is over every request is accounted for, so the counts add up to the total.
    return { total, completed, failed: terminal ? total - completed : settled.length - completed };
  }

  private usage(record: OpenAIBatchRecord) {
    let input = 0;
    let output = 0;
    let reasoning = 0;
    for (const s of record.settled) {
      if (s?.outcome.kind !== "answer") continue;
      const thought = emulatedReasoningTokens(s.model, s.body);
      input += s.outcome.inputTokens;
      output += s.outcome.outputTokens + thought;
      reasoning += thought;
    }
    return {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: reasoning },
      total_tokens: input + output,
    };
  }
}
