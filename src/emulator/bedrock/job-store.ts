import { anthropicErrorDefaults } from "../anthropic/errors.js";
import { rfc3339 } from "../anthropic/ids.js";
import type { SettledRequest } from "../anthropic/result-lines.js";
import {
  type BatchTimeline,
  type Ending,
  exclusive,
  finishedRequests,
  isBusy,
  phaseTimes,
  runEnding,
  unsettled,
} from "../batch-timeline.js";
import type { EmulatorContext } from "../context.js";
import { Pacer, runCooperatively } from "../cooperative.js";
import { randomToken, resultOrder } from "../ids.js";
import { deliveredLines, resolveOutcome } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { type BedrockRecord, readRecords } from "./job-input.js";
import { outputLine } from "./output-line.js";
import type { S3Store } from "./s3-store.js";

export const ACCOUNT_ID = "123456789012";

export interface JobSpec {
  jobName: string;
  modelId: string;
  roleArn: string;
  clientRequestToken: string | undefined;
  inputUri: string;
  outputUri: string;
  timeoutHours: number | undefined;
  region: string;
}

export interface BedrockJobRecord extends BatchTimeline {
  arn: string;
  id: string;
  spec: JobSpec;
  /** Records of the input file, read when the job is created; a reason when it cannot run. */
  records: BedrockRecord[];
  invalid: string | undefined;
  settled: (SettledRequest | undefined)[];
  written: boolean;
  queue: Promise<void>;
}

/** `s3://bucket/key` split; the key may be "". */
export function splitS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/**
 * Batch inference jobs in memory, on the emulator clock: `Submitted`, `Validating` and
 * `Scheduled` share the first phase, `InProgress` the next two, then `Completed` (or
 * `PartiallyCompleted` when some record failed); a stop goes through `Stopping` to `Stopped`,
 * the timeout ends in `Expired`, and input that cannot run ends in `Failed` once validated.
 * The output (`<output>/<job id>/<input name>.out` and `manifest.json.out`) is written into the
 * emulated S3 when the job ends. A stopped or expired job writes only the records it ran.
 */
export class BedrockJobStore {
  private readonly jobs = new Map<string, BedrockJobRecord>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly s3: S3Store,
  ) {}

  create(spec: JobSpec, now: number): BedrockJobRecord {
    const id = randomToken(12, "abcdefghijklmnopqrstuvwxyz0123456789");
    const arn = `arn:aws:bedrock:${spec.region}:${ACCOUNT_ID}:model-invocation-job/${id}`;
    const input = splitS3Uri(spec.inputUri);
    const object = input ? this.s3.get(input.bucket, input.key) : undefined;
    const read = object
      ? readRecords(object.body, spec.modelId, this.ctx.bedrockLimits)
      : {
          records: [],
          invalid: `The input file ${spec.inputUri} was not found or is not readable by the service role.`,
        };
    const record: BedrockJobRecord = {
      arn,
      id,
      spec,
      createdAtMs: now,
      phases: { ...this.ctx.phases },
      windowMs:
        spec.timeoutHours !== undefined
          ? spec.timeoutHours * 3_600_000
          : this.ctx.completionWindowMs,
      cancelAtMs: undefined,
      records: read.records,
      invalid: read.invalid,
      settled: new Array(read.records.length).fill(undefined),
      written: false,
      queue: Promise.resolve(),
    };
    this.jobs.set(arn, record);
    this.ctx.holds.register(arn, record, () => ({
      provider: "bedrock",
      id: arn,
      requestCount: read.records.length,
    }));
    return record;
  }

  /** By ARN or by the 12-character id. */
  get(identifier: string): BedrockJobRecord | undefined {
    const found = this.jobs.get(identifier);
    if (found) return found;
    for (const job of this.jobs.values()) if (job.id === identifier) return job;
    return undefined;
  }

  newestFirst(): BedrockJobRecord[] {
    return [...this.jobs.values()].reverse();
  }

  clear(): void {
    this.jobs.clear();
  }

  advance(job: BedrockJobRecord, now: number): Promise<void> {
    return exclusive(job, () => this.catchUp(job, now));
  }

  async advanceAll(now: number): Promise<void> {
    for (const job of this.jobs.values()) if (!isBusy(job)) await this.advance(job, now);
  }

  /** False when the job has already ended (or is stopping). */
  stop(job: BedrockJobRecord, now: number): Promise<boolean> {
    return exclusive(job, async () => {
      await this.catchUp(job, now);
      const status = statusAt(job, now);
      if (!["Submitted", "Validating", "Scheduled", "InProgress"].includes(status)) return false;
      job.cancelAtMs = now;
      await this.catchUp(job, now);
      return true;
    });
  }

  private async catchUp(job: BedrockJobRecord, now: number): Promise<void> {
    if (job.written || job.invalid !== undefined) return;
    const end = runEnding(job);
    const due = finishedRequests(job, end, now, job.records.length);
    await runCooperatively(unsettled(due, job.settled), ({ index }) => this.run(job, index));
    if (now >= end.at) await this.writeOutput(job, end);
  }

  private async run(job: BedrockJobRecord, index: number): Promise<void> {
    const record = job.records[index]!;
    const adapted = record.adapted;
    const outcome: ResolvedOutcome = record.rejection
      ? {
          kind: "http_error",
          status: 400,
          message: record.rejection,
          errorType: "invalid_request_error",
          code: null,
        }
      : adapted.rejection
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
    const { request, shape, thinking } = adapted;
    job.settled[index] = {
      customId: request.customId,
      model: request.model,
      shape,
      thinking,
      outcome,
    };
  }

  private async writeOutput(job: BedrockJobRecord, end: Ending): Promise<void> {
    const pacer = new Pacer();
    const text: (string | undefined)[] = [];
    let succeeded = 0;
    let failed = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    for (const [i, record] of job.records.entries()) {
      const settled = job.settled[i];
      // Bedrock writes the records it processed: a stopped or expired job leaves the rest out.
      if (!settled) continue;
      const line = outputLine(record, settled);
      if ("error" in line) failed++;
      else {
        succeeded++;
        const usage = (
          line.modelOutput as { usage?: { input_tokens?: number; output_tokens?: number } }
        ).usage;
        inputTokens += usage?.input_tokens ?? 0;
        outputTokens += usage?.output_tokens ?? 0;
      }
      text[i] = JSON.stringify(line);
      if (pacer.due()) await pacer.turn();
    }
    const order = resultOrder(job.records.length, this.ctx.shuffle).filter(
      (i) => text[i] !== undefined,
    );
    const lines = deliveredLines(
      order,
      (i) => job.settled[i]?.outcome,
      (i) => text[i]!,
    );
    const output = splitS3Uri(job.spec.outputUri)!;
    const input = splitS3Uri(job.spec.inputUri)!;
    const folder = `${output.key === "" || output.key.endsWith("/") ? output.key : `${output.key}/`}${job.id}/`;
    const name = input.key.slice(input.key.lastIndexOf("/") + 1);
    const encoder = new TextEncoder();
    this.s3.put(
      output.bucket,
      `${folder}${name}.out`,
      encoder.encode(lines.map((l) => `${l}\n`).join("")),
      end.at,
    );
    // The manifest's fields (batch-inference-results.html).
    const manifest = {
      totalRecordCount: job.records.length,
      processedRecordCount: succeeded + failed,
      successRecordCount: succeeded,
      errorRecordCount: failed,
      inputTokenCount: inputTokens,
      outputTokenCount: outputTokens,
    };
    this.s3.put(
      output.bucket,
      `${folder}manifest.json.out`,
      encoder.encode(JSON.stringify(manifest)),
      end.at,
    );
    job.written = true;
  }

  /** The job as GetModelInvocationJob returns it, at `now`. */
  toWire(job: BedrockJobRecord, now: number): Record<string, unknown> {
    const status = statusAt(job, now);
    const ended = ["Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired"].includes(
      status,
    );
    const counts = countsOf(job);
    const t = phaseTimes(job);
    return {
      jobArn: job.arn,
      jobName: job.spec.jobName,
      modelId: job.spec.modelId,
      ...(job.spec.clientRequestToken !== undefined && {
        clientRequestToken: job.spec.clientRequestToken,
      }),
      roleArn: job.spec.roleArn,
      status,
      ...(status === "Failed" && { message: job.invalid }),
      submitTime: rfc3339(job.createdAtMs),
      lastModifiedTime: rfc3339(Math.min(now, ended ? endAt(job) : now)),
      ...(ended && { endTime: rfc3339(endAt(job)) }),
      inputDataConfig: { s3InputDataConfig: { s3Uri: job.spec.inputUri, s3InputFormat: "JSONL" } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: job.spec.outputUri } },
      timeoutDurationInHours: job.spec.timeoutHours ?? Math.round(job.windowMs / 3_600_000),
      jobExpirationTime: rfc3339(t.expiresAt),
      totalRecordCount: job.invalid === undefined ? job.records.length : 0,
      processedRecordCount: counts.succeeded + counts.failed,
      successRecordCount: counts.succeeded,
      errorRecordCount: counts.failed,
    };
  }
}

function endAt(job: BedrockJobRecord): number {
  return job.invalid !== undefined ? phaseTimes(job).readAt : runEnding(job).at;
}

function countsOf(job: BedrockJobRecord): { succeeded: number; failed: number } {
  let succeeded = 0;
  let failed = 0;
  for (const s of job.settled) {
    if (!s) continue;
    if (s.outcome.kind === "answer") succeeded++;
    else failed++;
  }
  return { succeeded, failed };
}

export function statusAt(job: BedrockJobRecord, now: number): string {
  const t = phaseTimes(job);
  if (job.invalid !== undefined) {
    return now >= t.readAt
      ? "Failed"
      : now < job.createdAtMs + job.phases.validatingMs / 2
        ? "Submitted"
        : "Validating";
  }
  const end = runEnding(job);
  if (now >= end.at) {
    if (end.kind === "cancelled") return "Stopped";
    if (end.kind === "expired") return "Expired";
    return countsOf(job).failed > 0 ? "PartiallyCompleted" : "Completed";
  }
  if (job.cancelAtMs !== undefined) return "Stopping";
  if (now >= t.inProgressAt) return "InProgress";
  const third = job.phases.validatingMs / 3;
  if (now < job.createdAtMs + third) return "Submitted";
  return now < job.createdAtMs + 2 * third ? "Validating" : "Scheduled";
}
