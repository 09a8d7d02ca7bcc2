import { StructuredBatchError } from "./structured-batch-error.js";

/** Results were asked for while the batch is still running. */
export class BatchNotFinishedError extends StructuredBatchError {
  override name = "BatchNotFinishedError";
  readonly batchId: string;
  readonly status: string;

  constructor(batchId: string, status: string, rawStatus: string) {
    super(
      "batch_not_finished",
      `Batch ${batchId} has no results yet: its status is "${status}" (provider: "${rawStatus}"). Call waitForCompletion(id) first.`,
    );
    this.batchId = batchId;
    this.status = status;
  }
}
