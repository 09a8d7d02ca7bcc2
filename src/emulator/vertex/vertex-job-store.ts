import { type Ending, exclusive, finishedRequests, isBusy, unsettled } from "../batch-timeline.js";
import type { EmulatorContext, ResolvedPhases } from "../context.js";
import { Pacer, runCooperatively } from "../cooperative.js";
import type { InputRequest } from "../google/batch-input.js";
import { isDone } from "../google/batch-state.js";
import { isRpcStatus, rpcStatusForHttp } from "../google/errors.js";
import { adaptRequest, type GoogleRequest } from "../google/request-adapter.js";
import { googleErrorDefaults, resultOf } from "../google/result-shapes.js";
import { type Json, rfc3339 } from "../google/wire.js";
import { randomToken, resultOrder } from "../ids.js";
import { deliveredLines, resolveOutcome } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import type { GcsObjects } from "./gcs-objects.js";
import { endingOf } from "./vertex-job-state.js";

export interface VertexJobRecord {
  id: string;
  /** `projects/{project}/locations/{location}/batchPredictionJobs/{id}`. */
  name: string;
  project: string;
  location: string;
  seq: number;
  /** As sent: `publishers/google/models/gemini-2.5-flash`. */
  model: string;
  displayName: string;
  inputUri: string;
  outputUriPrefix: string;
  requestCount: number;
  requests: GoogleRequest[];
  bodies: Json[];
  echoes: (Json | undefined)[];
  settled: ({ outcome: ResolvedOutcome; doneAtMs: number } | undefined)[];
  /** Set once the job has ended and its output is written. */
  outputDirectory: string | undefined;
  written: boolean;
  failure: string | undefined;
  createdAtMs: number;
  phases: ResolvedPhases;
  windowMs: number;
  cancelAtMs: number | undefined;
  heldUntilMs?: number;
  queue: Promise<void>;
  busy?: number;
}

export interface NewVertexJob {
  project: string;
  location: string;
  model: string;
  displayName: string;
  inputUri: string;
  outputUriPrefix: string;
  requests: InputRequest[];
  requestCount: number;
  failure: string | undefined;
}

const HTTP_REASON: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  499: "Client Closed Request",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Vertex AI batch prediction jobs, brought up to the clock whenever a request arrives. */
export class VertexJobStore {
  private readonly jobs = new Map<string, VertexJobRecord>();
  private seq = 0;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly objects: GcsObjects,
  ) {}

  create(job: NewVertexJob, now: number): VertexJobRecord {
    const id = `${1 + Math.floor(Math.random() * 8)}${randomToken(18, "0123456789")}`;
    const name = `projects/${job.project}/locations/${job.location}/batchPredictionJobs/${id}`;
    const model = job.model.replace(/^publishers\/google\/models\//, "");
    const record: VertexJobRecord = {
      id,
      name,
      project: job.project,
      location: job.location,
      seq: this.seq++,
      model: job.model,
      displayName: job.displayName,
      inputUri: job.inputUri,
      outputUriPrefix: job.outputUriPrefix,
      requestCount: job.requestCount,
      requests: job.requests.map((r, index) =>
        adaptRequest({ key: r.key, body: r.body, index, model }),
      ),
      bodies: job.requests.map((r) => r.body),
      echoes: job.requests.map((r) => r.echo),
      settled: job.requests.map(() => undefined),
      outputDirectory: undefined,
      written: false,
      failure: job.failure,
      createdAtMs: now,
      phases: { ...this.ctx.phases },
      windowMs: this.ctx.completionWindowMs,
      cancelAtMs: undefined,
      queue: Promise.resolve(),
    };
    this.jobs.set(id, record);
    this.ctx.holds.register(name, record, () => ({
      provider: "vertex",
      id: name,
      requestCount: record.requestCount,
      displayName: record.displayName,
    }));
    return record;
  }

  get(id: string): VertexJobRecord | undefined {
    return this.jobs.get(id);
  }

  delete(id: string): boolean {
    const record = this.jobs.get(id);
    if (record) this.ctx.holds.forget(record.name);
    return this.jobs.delete(id);
  }

  newestFirst(): VertexJobRecord[] {
    return [...this.jobs.values()].reverse();
  }

  clear(): void {
    this.jobs.clear();
    this.seq = 0;
  }

  advance(record: VertexJobRecord, now: number): Promise<void> {
    return exclusive(record, () => this.catchUp(record, now));
  }

  async advanceAll(now: number): Promise<void> {
    for (const record of this.jobs.values()) {
      if (!isBusy(record)) await this.advance(record, now);
    }
  }

  /** Cancelling twice is fine; a job that has already ended cannot be cancelled. */
  cancel(record: VertexJobRecord, now: number): Promise<"cancelling" | "already-done"> {
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

  private async catchUp(record: VertexJobRecord, now: number): Promise<void> {
    if (record.written) return;
    const end = endingOf(record);
    if (end.kind === "failed") return;
    const due = finishedRequests(record, end, now, record.requests.length);
    await runCooperatively(unsettled(due, record.settled), ({ index, doneAt }) =>
      this.run(record, index, doneAt),
    );
    if (now >= end.at) await this.writeOutput(record, end);
  }

  private async run(record: VertexJobRecord, index: number, doneAt: number): Promise<void> {
    const { request, maxOutputTokens, problem, problemStatus } = record.requests[index]!;
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

  /**
   * `<prefix>/prediction-model-<time>/predictions.jsonl`: one line per request that ran (a
   * cancelled or expired job exports only the rows it completed), in shuffled order.
   */
  private async writeOutput(record: VertexJobRecord, end: Ending): Promise<void> {
    record.written = true;
    const ran: number[] = [];
    for (let i = 0; i < record.settled.length; i++) if (record.settled[i]) ran.push(i);
    const pacer = new Pacer();
    const text = new Map<number, string>();
    const model = record.model.replace(/^publishers\/google\/models\//, "");
    for (const i of ran) {
      const { outcome, doneAtMs } = record.settled[i]!;
      text.set(i, JSON.stringify(outputLine(record, i, outcome, model, doneAtMs)));
      if (pacer.due()) await pacer.turn();
    }
    const order = resultOrder(ran.length, this.ctx.shuffle).map((k) => ran[k]!);
    const lines = deliveredLines(
      order,
      (i) => record.settled[i]?.outcome,
      (i) => text.get(i)!,
    );
    const stamp = new Date(Math.floor(record.createdAtMs)).toISOString().replace("Z", "+00:00");
    const directory = `${record.outputUriPrefix.replace(/\/+$/, "")}/prediction-model-${stamp}`;
    const target = /^gs:\/\/([^/]+)\/(.*)$/.exec(`${directory}/predictions.jsonl`);
    if (target) {
      const bytes = new TextEncoder().encode(lines.length > 0 ? `${lines.join("\n")}\n` : "");
      this.objects.put(target[1]!, target[2]!, bytes, "application/jsonl", end.at);
    }
    record.outputDirectory = directory;
  }
}

/**
 * An output line: the input line's own fields (`key`, ...) and its `request`, then `status`
 * (empty on success, else the error) and `processed_time`, with `response` on success.
 */
function outputLine(
  record: VertexJobRecord,
  index: number,
  outcome: ResolvedOutcome,
  model: string,
  doneAtMs: number,
): Json {
  const echo = Object.fromEntries(
    Object.entries(record.echoes[index] ?? {}).filter(
      ([name]) => !["response", "status", "processed_time"].includes(name),
    ),
  );
  const processed_time = rfc3339(doneAtMs);
  const result = resultOf(outcome, model, record.requests[index]!.thinkingCap);
  if ("response" in result) {
    return {
      ...echo,
      request: record.bodies[index],
      status: "",
      processed_time,
      response: result.response,
    };
  }
  // A request the responder says never ran carries the google.rpc meaning of that.
  const notRun = outcome.kind === "not_run" ? outcome.reason : undefined;
  const http = outcome.kind === "http_error" ? outcome.status : notRun === "cancelled" ? 499 : 504;
  const code = outcome.kind === "http_error" ? outcome.code : undefined;
  const rpc = notRun
    ? notRun === "cancelled"
      ? "CANCELLED"
      : "DEADLINE_EXCEEDED"
    : isRpcStatus(code)
      ? code
      : rpcStatusForHttp(http);
  const error = { code: http, message: result.error.message, status: rpc };
  const status = `${HTTP_REASON[http] ?? "Error"}: ${JSON.stringify({ error })}`;
  return { ...echo, request: record.bodies[index], status, processed_time };
}
