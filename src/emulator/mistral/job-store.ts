import { exclusive, finishedRequests, isBusy, unsettled } from "../batch-timeline.js";
import { toUnixSeconds } from "../clock.js";
import type { EmulatorContext, ResolvedPhases } from "../context.js";
import { Pacer, runCooperatively } from "../cooperative.js";
import { resultOrder } from "../ids.js";
import { deliveredLines, resolveOutcome } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { mistralStatusMessage } from "./errors.js";
import { fileToWire } from "./file-wire.js";
import {
  isTerminalJobStatus,
  jobEnding,
  jobStatusAt,
  jobTimes,
  type MistralJobStatus,
  validationTime,
} from "./job-timeline.js";
import {
  type JobValidation,
  type MistralInputRequest,
  parseJsonl,
  requestRejection,
  toEmulatedRequest,
  validateRequests,
} from "./request-lines.js";
import { isSuccess, resultLine, type SettledRequest } from "./result-lines.js";

export interface MistralJobRecord {
  id: string;
  model: string;
  endpoint: string;
  inputFiles: string[];
  /** Inline requests as given in the create call (validated when the job starts). */
  inline: unknown[] | undefined;
  metadata: Record<string, string> | null;
  createdAtMs: number;
  phases: ResolvedPhases;
  windowMs: number;
  cancelAtMs: number | undefined;
  heldUntilMs?: number;
  validation: JobValidation | undefined;
  requests: MistralInputRequest[];
  settled: (SettledRequest | undefined)[];
  files: { outputFileId: string | null; errorFileId: string | null } | undefined;
  queue: Promise<void>;
  busy?: number;
}

export interface CreateJobParams {
  model: string;
  endpoint: string;
  inputFiles: string[];
  inline: unknown[] | undefined;
  metadata: Record<string, string> | null;
  timeoutHours: number;
}

export type CancelResult = { ok: true } | { ok: false; status: MistralJobStatus };

const HOUR_MS = 3_600_000;

export class MistralJobStore {
  // Insertion order is creation order; lists walk it backwards (newest first).
  private readonly jobs = new Map<string, MistralJobRecord>();

  constructor(private readonly ctx: EmulatorContext) {}

  create(params: CreateJobParams, now: number): MistralJobRecord {
    const record: MistralJobRecord = {
      id: crypto.randomUUID(),
      model: params.model,
      endpoint: params.endpoint,
      inputFiles: params.inputFiles,
      inline: params.inline,
      metadata: params.metadata,
      createdAtMs: now,
      phases: { ...this.ctx.phases },
      // The job's own timeout, or the emulator's window when that is shorter.
      windowMs: Math.min(params.timeoutHours * HOUR_MS, this.ctx.completionWindowMs),
      cancelAtMs: undefined,
      validation: undefined,
      requests: [],
      settled: [],
      files: undefined,
      queue: Promise.resolve(),
    };
    this.jobs.set(record.id, record);
    this.ctx.holds.register(record.id, record, () => ({
      provider: "mistral",
      id: record.id,
      requestCount: record.inline?.length ?? this.fileItems(record, now).length,
      ...(params.metadata ? { metadata: params.metadata } : {}),
    }));
    return record;
  }

  get(id: string): MistralJobRecord | undefined {
    return this.jobs.get(id);
  }

  newestFirst(): MistralJobRecord[] {
    return [...this.jobs.values()].reverse();
  }

  delete(id: string): void {
    this.jobs.delete(id);
    this.ctx.holds.forget(id);
  }

  clear(): void {
    this.jobs.clear();
  }

  advance(record: MistralJobRecord, now: number): Promise<void> {
    return exclusive(record, () => this.catchUp(record, now));
  }

  async advanceAll(now: number): Promise<void> {
    for (const record of this.jobs.values()) {
      if (!isBusy(record)) await this.advance(record, now);
    }
  }

  cancel(record: MistralJobRecord, now: number): Promise<CancelResult> {
    return exclusive(record, async () => {
      await this.catchUp(record, now);
      const status = jobStatusAt(record, now);
      if (status === "CANCELLATION_REQUESTED" || status === "CANCELLED") return { ok: true };
      if (isTerminalJobStatus(status)) return { ok: false, status };
      record.cancelAtMs = now;
      await this.catchUp(record, now);
      return { ok: true };
    });
  }

  /** The items of the job's input files, in order (missing files give none). */
  private fileItems(record: MistralJobRecord, at: number): unknown[] {
    const items: unknown[] = [];
    for (const id of record.inputFiles) {
      const file = this.ctx.files.get(id, at);
      if (file?.provider === "mistral") for (const item of parseJsonl(file.bytes)) items.push(item);
    }
    return items;
  }

  private validate(record: MistralJobRecord, at: number): JobValidation {
    const limit = this.ctx.mistralLimits.maxRequestsPerBatch;
    if (record.inline) return validateRequests(record.inline, limit);
    for (const id of record.inputFiles) {
      const file = this.ctx.files.get(id, at);
      if (file?.provider !== "mistral") {
        return { ok: false, errors: [{ message: `File ${id} not found.`, count: 1 }] };
      }
      if (file.purpose !== "batch") {
        return {
          ok: false,
          errors: [{ message: `File ${id} was not uploaded with purpose "batch".`, count: 1 }],
        };
      }
    }
    return validateRequests(this.fileItems(record, at), limit, (i) => `line ${i + 1}`);
  }

  /** Brings a job up to `now`: its input read, the requests finished by then, the result files. */
  private async catchUp(record: MistralJobRecord, now: number): Promise<void> {
    if (record.files) return;
    const readAt = validationTime(record);
    if (!record.validation && now >= readAt) {
      record.validation = this.validate(record, readAt);
      if (record.validation.ok) {
        record.requests = record.validation.requests;
        record.settled = new Array(record.requests.length).fill(undefined);
      }
      // Inline requests live on as the job's requests; the raw copy is no longer needed.
      record.inline = record.inline === undefined ? undefined : [];
    }
    const end = jobEnding(record);
    if (!end || !record.validation?.ok) return;
    const due = finishedRequests(record, end, now, record.requests.length);
    await runCooperatively(unsettled(due, record.settled), ({ index, doneAt }) =>
      this.settle(record, index, doneAt),
    );
    if (!record.files && now >= end.at) await this.writeResults(record, end.kind);
  }

  private async settle(record: MistralJobRecord, i: number, doneAt: number): Promise<void> {
    const { request, maxOutputTokens } = toEmulatedRequest(record.requests[i]!, record.model, i);
    const rejected = requestRejection(request.body);
    const outcome: ResolvedOutcome = rejected
      ? {
          kind: "http_error",
          status: 400,
          message: rejected,
          errorType: "invalid_request_error",
          code: null,
        }
      : await resolveOutcome(request, this.ctx.responder, {
          ...(maxOutputTokens !== undefined && { maxOutputTokens }),
          errorDefaults: (status) => ({
            errorType: status >= 500 ? "internal_server_error" : "invalid_request_error",
            code: null,
            message: mistralStatusMessage(status),
          }),
        });
    record.settled[i] = {
      customId: request.customId,
      model: request.model,
      outcome,
      doneAtMs: doneAt,
    };
  }

  private async writeResults(record: MistralJobRecord, kind: string): Promise<void> {
    const reason = kind === "cancelled" ? "cancelled" : "expired";
    const end = jobEnding(record)!;
    const pacer = new Pacer();
    const text: string[] = [];
    for (const [i, request] of record.requests.entries()) {
      const settled: SettledRequest = record.settled[i] ?? {
        customId: request.customId,
        model: record.model,
        outcome: { kind: "not_run", reason },
        doneAtMs: end.at,
      };
      record.settled[i] = settled;
      text.push(JSON.stringify(resultLine(record.id, settled)));
      if (pacer.due()) await pacer.turn();
    }
    const order = resultOrder(record.requests.length, this.ctx.shuffle);
    const outcomeAt = (i: number) => record.settled[i]!.outcome;
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
    record: MistralJobRecord,
    kind: "output" | "error",
    lines: string[],
    at: number,
  ) {
    if (lines.length === 0) return null;
    return this.ctx.files.add({
      id: crypto.randomUUID(),
      provider: "mistral",
      filename: `${record.id}_${kind}.jsonl`,
      purpose: "batch",
      bytes: new TextEncoder().encode(`${lines.join("\n")}\n`),
      createdAtMs: at,
      expiresAtMs: null,
    }).id;
  }

  /** The job as the API shapes it (`BatchJob`, SDK 2.7.0), at `now`; `inline` adds `outputs`. */
  toWire(record: MistralJobRecord, now: number, inline = false): Record<string, unknown> {
    const status = jobStatusAt(record, now);
    const terminal = isTerminalJobStatus(status);
    const times = jobTimes(record, now);
    const counts = this.counts(record, terminal);
    const wire: Record<string, unknown> = {
      id: record.id,
      object: "batch",
      input_files: record.inputFiles,
      metadata: record.metadata,
      endpoint: record.endpoint,
      model: record.model,
      agent_id: null,
      output_file: terminal ? (record.files?.outputFileId ?? null) : null,
      error_file: terminal ? (record.files?.errorFileId ?? null) : null,
      errors:
        record.validation && !record.validation.ok && status === "FAILED"
          ? record.validation.errors
          : [],
      status,
      created_at: toUnixSeconds(record.createdAtMs),
      ...counts,
      started_at: times.startedAt === null ? null : toUnixSeconds(times.startedAt),
      completed_at: times.completedAt === null ? null : toUnixSeconds(times.completedAt),
    };
    if (inline) wire.outputs = terminal ? this.outputs(record) : null;
    return wire;
  }

  private outputs(record: MistralJobRecord): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const id of [record.files?.outputFileId, record.files?.errorFileId]) {
      const file = id ? this.ctx.files.get(id, Number.POSITIVE_INFINITY) : undefined;
      if (!file) continue;
      for (const item of parseJsonl(file.bytes)) out.push(item as Record<string, unknown>);
    }
    return out;
  }

  private counts(record: MistralJobRecord, terminal: boolean) {
    const total = record.validation?.ok ? record.requests.length : (record.inline?.length ?? 0);
    const settled = record.settled.filter((s): s is SettledRequest => s !== undefined);
    const succeeded = settled.filter((s) => isSuccess(s.outcome)).length;
    const failed =
      terminal && record.validation?.ok ? total - succeeded : settled.length - succeeded;
    return {
      total_requests: total,
      completed_requests: succeeded + failed,
      succeeded_requests: succeeded,
      failed_requests: failed,
    };
  }
}

export { fileToWire };
