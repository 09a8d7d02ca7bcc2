import type { StoreProgress } from "./stores/job-store.js";

/** Where a job stands: rows per state, batches per state, tokens, and cost when priced. */
export interface JobProgress {
  job: string;
  state: "active" | "cancelled";
  /** Rows per state; `total` is all of them. */
  rows: StoreProgress["rows"] & { total: number };
  /** Provider batches of this job per state (`intent`: being created). */
  batches: StoreProgress["batches"];
  usage: { inputTokens: number; outputTokens: number };
  /**
   * USD from the usage so far: at `JobOptions.price` when given, else at the price dataset's
   * batch price for the model (base tier); undefined when the model has no price.
   */
  cost: number | undefined;
  /** Where the price of `cost` comes from, or why there is no cost. */
  costSource?: string;
  /** Every row has its final result (succeeded, failed or cancelled) and no batch runs. */
  done: boolean;
}

/** What one `step()` did. */
export interface StepReport {
  /** Intents of dead processes: found at the provider (adopted) or never created (abandoned). */
  recovered: { adopted: number; abandoned: number };
  /** Provider batches created by this step and the rows in them. */
  submitted: { batches: number; rows: number };
  /** Status look-ups of running batches. */
  polled: number;
  /** Finished batches whose results were written, and the rows that changed. */
  collected: { batches: number; rows: number };
  /** Problems that did not stop the step (a 429 storm, a reset): the work is tried again later. */
  errors: { operation: string; message: string }[];
  progress: JobProgress;
}

export function emptyReport(): Omit<StepReport, "progress"> {
  return {
    recovered: { adopted: 0, abandoned: 0 },
    submitted: { batches: 0, rows: 0 },
    polled: 0,
    collected: { batches: 0, rows: 0 },
    errors: [],
  };
}

export function toProgress(
  job: string,
  state: "active" | "cancelled",
  stored: StoreProgress,
  price: { inputPerMillion: number; outputPerMillion: number } | undefined,
): JobProgress {
  const r = stored.rows;
  const b = stored.batches;
  const total = r.pending + r.submitted + r.succeeded + r.failed + r.cancelled;
  return {
    job,
    state,
    rows: { ...r, total },
    batches: b,
    usage: stored.usage,
    cost:
      price === undefined
        ? undefined
        : (stored.usage.inputTokens * price.inputPerMillion +
            stored.usage.outputTokens * price.outputPerMillion) /
          1_000_000,
    done: r.pending === 0 && r.submitted === 0 && b.intent + b.submitted + b.collecting === 0,
  };
}
