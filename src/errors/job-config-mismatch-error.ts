import { StructuredBatchError } from "./structured-batch-error.js";

/**
 * A job was reopened with a different model, schema or generation options than it was created
 * with. Rows already sent used the old ones, so mixing them silently would give one table two
 * meanings; pass `allowConfigChange: true` to change them on purpose.
 */
export class JobConfigMismatchError extends StructuredBatchError {
  override name = "JobConfigMismatchError";
  readonly job: string;
  /** What differs: `model`, `schema`, `params`, `maxRetries`. */
  readonly fields: string[];

  constructor(job: string, fields: string[], details: string[], options?: { cause?: unknown }) {
    super(
      "job_config_mismatch",
      `job "${job}" was created with a different ${fields.join(", ")} (${details.join("; ")}); pass allowConfigChange: true (CLI: --allow-config-change) to change it`,
      options,
    );
    this.job = job;
    this.fields = fields;
  }
}
