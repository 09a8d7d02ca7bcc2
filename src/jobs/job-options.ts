import type { Conversation } from "../messages/types.js";
import type {
  BatchProcessorOptions,
  CreateBatchOptions,
} from "../processor/batch-processor-options.js";
import type { BatchErrorType } from "../results/types.js";
import type { SchemaInput } from "../schema/types.js";
import type { JobStoreTarget } from "./stores/open-job-store.js";

/** Generation options stored with the job (the `createBatchFromMessages` parameters). */
export type JobGenerationParams = Omit<CreateBatchOptions, "filePath" | "customIds" | "stream">;

/** Everything `openJob` takes. Only `name`, `model`, `schema` and `prompt` are required. */
export interface JobOptions<T, Row = Record<string, unknown>> {
  /**
   * The job's name in the store: opening the same name again continues the same job.
   * @example name: "nightly-2026-12-05"
   */
  name: string;
  /**
   * Where the job lives (see `JobStoreTarget`). Default: PGlite in memory.
   * @example store: process.env.DATABASE_URL // postgres://...
   */
  store?: JobStoreTarget;
  /**
   * `provider/model`, as for `BatchProcessor`.
   * @example model: "openai/gpt-4o-mini"
   */
  model: string;
  /**
   * The output schema (Zod 4, a Standard Schema, or `{ jsonSchema, validate }`).
   * @example schema: z.object({ name: z.string(), age: z.number() })
   */
  schema: SchemaInput<T>;
  /**
   * Turns a stored row into the conversation sent for it. Run when rows are added (so a bad
   * row is refused before anything is written) and again when they are sent.
   * @example prompt: (row) => [{ role: "user", content: `Extract: ${row.text}` }]
   */
  prompt: (row: Row) => Conversation;
  /**
   * A name or hash of the prompt (a template's text, a version tag), stored with the job:
   * reopening it with another is refused like a schema change (rows sent before used the old
   * prompt), unless `allowConfigChange`. Default: not checked (a function cannot be compared).
   * @example promptVersion: "extract-person-v3"
   */
  promptVersion?: string;
  /**
   * Generation options sent with every request (`maxTokens`, `temperature`, ...).
   * @example params: { maxTokens: 512, temperature: 0 }
   */
  params?: JobGenerationParams;
  /**
   * How many times a row is sent again after a failure that may go away (default 2, so at most
   * 3 sends). Which failures: see `retryOn`.
   * @example maxRetries: 5
   */
  maxRetries?: number;
  /**
   * Error types that are retried. Default: `expired`, `missing`, `cancelled` (a batch cancelled
   * outside this job), `malformed_line`, and `provider_error` of transient kinds (408, 429,
   * 5xx). Schema failures are not retried by default: the same prompt tends to fail the same way.
   * @example retryOn: ["expired", "missing", "provider_error", "validation_error"]
   */
  retryOn?: BatchErrorType[];
  /**
   * Most rows in one provider batch (default 10,000; never more than the provider takes; a
   * batch over the provider's byte limit is cut shorter).
   * @example batchSize: 50_000
   */
  batchSize?: number;
  /**
   * Most provider batches running at once for this job, so a 2-million-row job does not fill the
   * provider's enqueued-token quota in one step. Default 20.
   * @example maxActiveBatches: 5
   */
  maxActiveBatches?: number;
  /**
   * How long after a look a running batch is looked at again (default 30 s). `run()` sleeps
   * until the next batch is due.
   * @example pollIntervalMs: 60_000
   */
  pollIntervalMs?: number;
  /**
   * How long a claim on a batch lasts without a heartbeat (default 120 s; heartbeats come every
   * quarter of it). A process killed while creating or collecting a batch is taken over this
   * long after its last heartbeat, never sooner.
   * @example leaseMs: 30_000
   */
  leaseMs?: number;
  /**
   * Prices per million tokens as paid for batch requests, for `progress().cost`. Default: the
   * price dataset's list price for the model with the provider's batch discount (see the
   * README's Cost section); this one wins when given.
   * @example price: { inputPerMillion: 0.075, outputPerMillion: 0.3 }
   */
  price?: { inputPerMillion: number; outputPerMillion: number };
  /**
   * Reopening a job with another model, schema, params or retry limit throws
   * `JobConfigMismatchError` unless this is true (then the new ones apply to rows sent from now).
   * @example allowConfigChange: true
   */
  allowConfigChange?: boolean;
  /**
   * Options of the underlying `BatchProcessor` (API key, base URL, client, fetch, logger).
   * @example processor: { apiKey: process.env.OPENAI_API_KEY }
   */
  processor?: BatchProcessorOptions;
}
