import { StructuredBatchError } from "./structured-batch-error.js";

/** `waitForCompletion` gave up after `timeoutMs`; the batch itself keeps running. */
export class WaitTimeoutError extends StructuredBatchError {
  override name = "WaitTimeoutError";
  readonly batchId: string;
  readonly lastStatus: string;

  constructor(batchId: string, timeoutMs: number, lastStatus: string) {
    super(
      "wait_timeout",
      `Batch ${batchId} did not finish within ${timeoutMs} ms (last status: "${lastStatus}"). It is still running; wait again or cancel it.`,
    );
    this.batchId = batchId;
    this.lastStatus = lastStatus;
  }
}
