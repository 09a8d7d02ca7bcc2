import { type JobPrice, jobPrice } from "../cost/job-price.js";
import type { JobProgress } from "../jobs/step-report.js";
import { toProgress } from "../jobs/step-report.js";
import type {
  ErrorGroup,
  JobRecord,
  JobStore,
  StoredBatch,
  StoredRowOutcome,
} from "../jobs/stores/job-store.js";
import type { ProviderId } from "../providers/types.js";
import type { RowsQuery } from "./rows-query.js";

// The JSON the page reads: what the store holds, shaped for display. Values are cut to a
// preview (a 10 MB input is not sent to the browser 50 times a page).

const PREVIEW_CHARS = 2_000;

export interface JobView {
  name: string;
  provider: string;
  model: string;
  state: JobRecord["state"];
  createdAt: string;
  maxRetries: number;
  progress: JobProgress;
}

export interface BatchView {
  id: string;
  providerBatchId: string | null;
  state: StoredBatch["state"];
  providerStatus: string | null;
  requestCount: number;
  createdAt: string;
  submittedAt: string | null;
  collectedAt: string | null;
  usage: { inputTokens: number; outputTokens: number };
}

export interface RowView {
  seq: string;
  id: string;
  state: StoredRowOutcome["state"];
  attempts: number;
  value: string | null;
  error: { type: string; message: string; code?: string; statusCode?: number } | null;
  input: string;
}

/** Prices are looked up once per provider and model (the dataset loads on first use). */
export class JobViews {
  readonly #store: JobStore;
  readonly #prices = new Map<string, Promise<JobPrice>>();

  constructor(store: JobStore) {
    this.#store = store;
  }

  async list(): Promise<JobView[]> {
    const records = await this.#store.listJobs();
    return Promise.all(records.map((r) => this.#view(r)));
  }

  async job(name: string): Promise<JobView | undefined> {
    const record = await this.#store.getJob(name);
    return record === undefined ? undefined : this.#view(record);
  }

  /** The job, its batches and its errors: what the page refreshes when the counts change. */
  async detail(
    name: string,
  ): Promise<{ job: JobView; batches: BatchView[]; errors: ErrorGroup[] } | undefined> {
    const job = await this.job(name);
    if (job === undefined) return undefined;
    const [batches, errors] = await Promise.all([
      this.#store.listBatches(name),
      this.#store.errorGroups(name, 3),
    ]);
    return { job, batches: batches.map(batchView), errors };
  }

  async history(name: string, maxPoints: number) {
    const samples = await this.#store.progressHistory(name, maxPoints);
    return samples.map((s) => ({ at: s.at.toISOString(), rows: s.rows, usage: s.usage }));
  }

  async rows(name: string, query: RowsQuery) {
    const page = await this.#store.searchRows(name, {
      states: query.states,
      text: query.text,
      afterSeq: query.after,
      beforeSeq: query.before,
      limit: query.limit + 1,
    });
    // One row more than asked says whether there is a page beyond, in the direction read.
    const more = page.length > query.limit;
    const rows =
      query.before !== undefined ? page.slice(Math.max(0, page.length - query.limit)) : page;
    if (more && query.before === undefined) rows.length = query.limit;
    const first = rows[0]?.seq ?? null;
    const last = rows[rows.length - 1]?.seq ?? null;
    const backwards = query.before !== undefined;
    return {
      rows: rows.map(rowView),
      // Going back from a page: there is a later page (the one we came from); going forward:
      // an earlier one unless this is the first.
      prev: backwards ? (more ? first : null) : query.after !== undefined ? first : null,
      next: backwards ? last : more ? last : null,
    };
  }

  async #view(record: JobRecord): Promise<JobView> {
    const key = `${record.provider}\n${record.model}`;
    let price = this.#prices.get(key);
    if (price === undefined) {
      price = jobPrice(record.provider as ProviderId, record.model, undefined).catch(
        (error: unknown) => ({
          price: undefined,
          source: `no price: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
      this.#prices.set(key, price);
    }
    const [stored, resolved] = await Promise.all([this.#store.progress(record.name), price]);
    return {
      name: record.name,
      provider: record.provider,
      model: record.model,
      state: record.state,
      createdAt: record.createdAt.toISOString(),
      maxRetries: record.maxRetries,
      progress: {
        ...toProgress(record.name, record.state, stored, resolved.price),
        costSource: resolved.source,
      },
    };
  }
}

function batchView(b: StoredBatch): BatchView {
  return {
    id: b.id,
    providerBatchId: b.providerBatchId ?? null,
    state: b.state,
    providerStatus: b.providerStatus ?? null,
    requestCount: b.requestCount,
    createdAt: b.createdAt.toISOString(),
    submittedAt: b.submittedAt?.toISOString() ?? null,
    collectedAt: b.collectedAt?.toISOString() ?? null,
    usage: b.usage ?? { inputTokens: 0, outputTokens: 0 },
  };
}

function rowView(r: StoredRowOutcome): RowView {
  return {
    seq: r.seq,
    id: r.rowId,
    state: r.state,
    attempts: r.attempts,
    value: r.state === "succeeded" ? preview(r.result) : null,
    error:
      r.error === undefined
        ? null
        : {
            type: r.error.type,
            message: cut(r.error.message ?? ""),
            ...(r.error.code === undefined ? {} : { code: r.error.code }),
            ...(r.error.statusCode === undefined ? {} : { statusCode: r.error.statusCode }),
          },
    input: preview(r.input),
  };
}

const cut = (text: string) =>
  text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}… (${text.length} chars)` : text;

const preview = (value: unknown) => cut(JSON.stringify(value) ?? "null");
