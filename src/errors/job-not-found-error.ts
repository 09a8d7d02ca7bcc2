import { StructuredBatchError } from "./structured-batch-error.js";

/** A job name the store does not hold (inspecting commands, `openJob` with `create: false`). */
export class JobNotFoundError extends StructuredBatchError {
  override name = "JobNotFoundError";
  readonly job: string;

  constructor(job: string, known: string[], options?: { cause?: unknown }) {
    const list =
      known.length === 0
        ? "the store holds no job"
        : `jobs in the store: ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", ..." : ""}`;
    super("job_not_found", `no job named "${job}" (${list})`, options);
    this.job = job;
  }
}
