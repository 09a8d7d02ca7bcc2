import { type JobPrice, jobPrice } from "../cost/job-price.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { JobConfigMismatchError } from "../errors/job-config-mismatch-error.js";
import { JobNotFoundError } from "../errors/job-not-found-error.js";
import { ProviderApiError } from "../errors/provider-api-error.js";
import { BatchProcessor } from "../processor/batch-processor.js";
import type { GenerationParams } from "../providers/types.js";
import type { TokenUsage } from "../results/types.js";
import { type AddOptions, checkedRowChunks } from "./add-rows.js";
import { pollAndCollect } from "./collect-batches.js";
import type { JobContext } from "./job-context.js";
import type { JobOptions } from "./job-options.js";
import { recoverIntents } from "./recover-intents.js";
import { resolveJobOptions } from "./resolve-job-options.js";
import { emptyReport, type JobProgress, type StepReport, toProgress } from "./step-report.js";
import type { JobRecord, JobStore, RowState, StoredRowError } from "./stores/job-store.js";
import { openJobStore } from "./stores/open-job-store.js";
import { submitRows } from "./submit-rows.js";

/** A row's final answer, read from the store. */
export interface JobResult<T, Row = Record<string, unknown>> {
  /** The row's id. */
  id: string;
  /** The row as added. */
  row: Row;
  /** The validated value, as stored (JSON: a `Date` comes back as its string). */
  value: T;
  usage: TokenUsage | undefined;
  /** How many times the row was sent. */
  attempts: number;
  /** Pass as `after` to continue reading after this row. */
  cursor: string;
}

/** A row that ended without a value (retries used up, or a failure not retried). */
export interface JobFailure<Row = Record<string, unknown>> {
  id: string;
  row: Row;
  state: "failed" | "cancelled";
  error: StoredRowError;
  attempts: number;
  cursor: string;
}

/** Options of `step()`. */
export interface StepOptions {
  /**
   * Time after which the step starts no new unit of work (default 60 s): a unit in progress (an
   * upload, a download) finishes. Leave room for one under your function's timeout.
   * @example await job.step({ timeBudgetMs: 20_000 })
   */
  timeBudgetMs?: number;
  /**
   * Most provider batches this step creates (default: no limit besides `maxActiveBatches`).
   * @example await job.step({ maxSubmits: 1 })
   */
  maxSubmits?: number;
}

/** Options of `run()`. */
export interface RunOptions extends StepOptions {
  /** Stops between steps (the step in progress ends first); `run` then rejects with the reason. */
  signal?: AbortSignal;
  /** Called after every step. */
  onProgress?: (report: StepReport) => void;
}

/**
 * A durable job: rows in a store, sent as provider batches by `step()`, from any number of
 * processes at once. Open it with `openJob`.
 */
/** A step that changed nothing still records a point this long after the last one. */
const SAMPLE_INTERVAL_MS = 60_000;

export class Job<T, Row = Record<string, unknown>> {
  readonly name: string;
  readonly #ctx: JobContext;
  readonly #ownsStore: boolean;
  readonly #price: JobOptions<T, Row>["price"];
  #resolvedPrice: Promise<JobPrice> | undefined;

  /** @internal use `openJob` */
  constructor(ctx: JobContext, ownsStore: boolean, price: JobOptions<T, Row>["price"]) {
    this.name = ctx.name;
    this.#ctx = ctx;
    this.#ownsStore = ownsStore;
    this.#price = price;
  }

  /** The store the job lives in (for SQL of your own, or another job). */
  get store(): JobStore {
    return this.#ctx.store;
  }

  /**
   * Adds rows; a row whose id is already in the job is skipped, so importing the same file
   * twice sends nothing twice. All or nothing: a bad row (no id, an id used twice in this
   * call, a prompt that fails) throws a typed error naming it, and nothing of the call is kept.
   */
  async add(
    rows: Iterable<Row> | AsyncIterable<Row>,
    options: AddOptions = {},
  ): Promise<{ added: number; skipped: number }> {
    const record = await this.#record();
    if (record.state === "cancelled") {
      throw new InvalidArgumentError(
        [
          {
            code: "job_cancelled",
            path: ["job"],
            message: `job "${this.name}" was cancelled: it takes no more rows`,
          },
        ],
        { code: "job_cancelled" },
      );
    }
    return this.#ctx.store.addRows(
      this.name,
      checkedRowChunks(rows, this.#ctx.prompt, options.idKey ?? "id"),
    );
  }

  /**
   * One bounded unit of work: recovers batches of dead processes, collects finished batches
   * (retrying failed rows as configured), and sends pending rows as new batches. Safe to call
   * from many processes at once. Transient trouble (429s, resets) is reported in `errors` and
   * retried at the next step; anything else is thrown after the step's claims are released.
   */
  async step(options: StepOptions = {}): Promise<StepReport> {
    const owner = crypto.randomUUID();
    const deadline = Date.now() + (options.timeBudgetMs ?? 60_000);
    const report = emptyReport();
    const record = await this.#record();
    const cancelled = record.state === "cancelled";
    const phases: [string, () => Promise<void>][] = [
      ["recover", () => recoverIntents(this.#ctx, owner, report)],
      ["collect", () => pollAndCollect(this.#ctx, owner, report, { deadline, cancelled })],
    ];
    if (!cancelled) {
      phases.push([
        "submit",
        async () => {
          await submitRows(this.#ctx, owner, report, {
            deadline,
            maxBatches: options.maxSubmits ?? Number.POSITIVE_INFINITY,
            active: await this.#ctx.store.countActiveBatches(this.name),
          });
        },
      ]);
    }
    for (const [operation, phase] of phases) {
      try {
        await phase();
      } catch (error) {
        if (!isTransient(error)) throw error;
        report.errors.push({
          operation,
          message: error instanceof Error ? error.message : String(error),
        });
        this.#ctx.logger?.warn?.("job step: transient error", { job: this.name, operation });
      }
    }
    const progress = await this.progress();
    // A point for the dashboard's progress chart (skipped when nothing changed lately).
    await this.#ctx.store.recordSample(this.name, progress, SAMPLE_INTERVAL_MS);
    return { ...report, progress };
  }

  /**
   * Steps until every row has its final result, sleeping while batches run (until the next is
   * due, at most `pollIntervalMs`).
   */
  async run(options: RunOptions = {}): Promise<JobProgress> {
    const { signal, onProgress, ...stepOptions } = options;
    for (;;) {
      signal?.throwIfAborted();
      const report = await this.step(stepOptions);
      onProgress?.(report);
      if (report.progress.done) return report.progress;
      const busy =
        report.submitted.batches +
          report.collected.batches +
          report.recovered.adopted +
          report.recovered.abandoned >
        0;
      if (!busy)
        await sleep(
          report.errors.length > 0
            ? Math.min(this.#ctx.pollIntervalMs, 1_000)
            : this.#ctx.pollIntervalMs,
          signal,
        );
    }
  }

  /** Counts per state, tokens, cost (when priced), and whether the job is done. */
  async progress(): Promise<JobProgress> {
    const record = await this.#record();
    const { provider, model } = this.#ctx.processor;
    // Looked up once per job object: the dataset is loaded on first use only.
    this.#resolvedPrice ??= jobPrice(provider, model, this.#price);
    const { price, source } = await this.#resolvedPrice;
    return {
      ...toProgress(this.name, record.state, await this.#ctx.store.progress(this.name), price),
      costSource: source,
    };
  }

  /**
   * The rows that succeeded, in the order they were added, read from the store a page at a
   * time. Pass a result's `cursor` as `after` to continue from there (e.g. in another process).
   */
  async *results(
    options: { after?: string; pageSize?: number } = {},
  ): AsyncGenerator<JobResult<T, Row>> {
    for await (const r of this.#readRows(["succeeded"], options)) {
      yield {
        id: r.rowId,
        row: r.input as Row,
        value: r.result as T,
        usage: r.usage,
        attempts: r.attempts,
        cursor: r.seq,
      };
    }
  }

  /** The rows that ended without a value, with why; resumable like `results`. */
  async *errors(
    options: { after?: string; pageSize?: number } = {},
  ): AsyncGenerator<JobFailure<Row>> {
    for await (const r of this.#readRows(["failed", "cancelled"], options)) {
      yield {
        id: r.rowId,
        row: r.input as Row,
        state: r.state as "failed" | "cancelled",
        error: r.error ?? { type: "missing", message: "no error recorded" },
        attempts: r.attempts,
        cursor: r.seq,
      };
    }
  }

  async *#readRows(states: RowState[], options: { after?: string; pageSize?: number }) {
    let after = options.after ?? "0";
    if (!/^[0-9]{1,19}$/.test(after)) {
      throw new InvalidArgumentError([
        {
          code: "invalid_cursor",
          path: ["after"],
          message: "must be a cursor from a result or error of this job",
        },
      ]);
    }
    const pageSize = options.pageSize ?? 1_000;
    for (;;) {
      const page = await this.#ctx.store.readRows(this.name, states, after, pageSize);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /**
   * Cancels the job: pending rows are cancelled at once, running batches are cancelled at the
   * provider; the next steps collect what they had finished (kept) and cancel the rest.
   */
  async cancel(): Promise<JobProgress> {
    const running = await this.#ctx.store.cancelJob(this.name);
    for (const batch of running) {
      if (batch.providerBatchId === undefined) continue;
      await this.#ctx.processor.cancelBatch(batch.providerBatchId).catch((error: unknown) => {
        this.#ctx.logger?.warn?.("job cancel: batch not cancelled", {
          batchId: batch.providerBatchId,
          reason: error instanceof Error ? error.message : String(error),
        });
      });
    }
    return this.progress();
  }

  /** Closes the store when `openJob` opened it. */
  async close(): Promise<void> {
    if (this.#ownsStore) await this.#ctx.store.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #record(): Promise<JobRecord> {
    const record = await this.#ctx.store.getJob(this.name);
    if (record === undefined) throw new JobNotFoundError(this.name, []);
    return record;
  }
}

/**
 * Opens a job by name, creating it when the store does not have it. Reopening checks that the
 * model, schema, params and retry policy are the ones it was created with.
 *
 * @example
 * const job = await openJob({
 *   name: "people",
 *   store: process.env.DATABASE_URL, // or a directory, or nothing (in memory)
 *   model: "openai/gpt-4o-mini",
 *   schema: z.object({ name: z.string(), age: z.number() }),
 *   prompt: (row: { id: string; text: string }) => [{ role: "user", content: row.text }],
 * });
 * await job.add(rows);
 * const report = await job.step();
 */
export async function openJob<T, Row = Record<string, unknown>>(
  options: JobOptions<T, Row>,
): Promise<Job<T, Row>> {
  const resolved = resolveJobOptions(options);
  const processor = new BatchProcessor(options.model, options.schema, options.processor ?? {});
  // What the model and provider refuse of the params (maxTokens above the model's ceiling, a
  // reasoning setting it cannot take) is found by building one line now, before the job is
  // stored or a row added, not at the first submit.
  await processor.createBatchFromMessages([[{ role: "user", content: "params check" }]], {
    ...(resolved.params as GenerationParams),
  });
  const ownsStore = !(
    typeof options.store === "object" &&
    options.store !== null &&
    "claimRows" in options.store
  );
  const store = await openJobStore(options.store);
  try {
    const config = {
      provider: processor.provider,
      model: processor.model,
      schema: processor.wireSchema,
      params: JSON.parse(JSON.stringify(resolved.params)) as Record<string, unknown>,
      maxRetries: resolved.maxRetries,
      retryOn: [...resolved.retryOn],
      ...(options.promptVersion !== undefined && { promptVersion: options.promptVersion }),
    };
    const { hashConfig, configDifferences } = await import("./job-config.js");
    const record = {
      name: options.name,
      provider: processor.provider,
      model: processor.model,
      configHash: await hashConfig(config),
      config,
      maxRetries: resolved.maxRetries,
    };
    const { record: stored, created } = await store.ensureJob(record);
    if (!created && stored.configHash !== record.configHash) {
      const { fields, details } = configDifferences(stored, config);
      if (options.allowConfigChange !== true) {
        throw new JobConfigMismatchError(
          options.name,
          fields.length > 0 ? fields : ["configuration"],
          details,
        );
      }
      await store.updateJobConfig(record);
    }
    const ctx: JobContext = {
      ...resolved,
      name: options.name,
      store,
      processor: processor as BatchProcessor<unknown>,
      prompt: options.prompt as JobContext["prompt"],
      logger: options.processor?.logger,
      batchSize: Math.max(1, resolved.batchSize),
    };
    return new Job<T, Row>(ctx, ownsStore, options.price);
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    throw error;
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof ProviderApiError) {
    const s = error.status;
    return s === undefined || s === 408 || s === 409 || s === 429 || s >= 500;
  }
  // Network failures from fetch and the drivers' dropped connections.
  if (error instanceof TypeError && /fetch failed|terminated|network/i.test(error.message))
    return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === "string" &&
    /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|57P01|08006|08003|40001|40P01)$/.test(code)
  );
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
