/**
 * Base class of every error this library throws. Catch it to handle all of them;
 * check `code` (stable, machine-readable) rather than the message, which may be reworded.
 * `cause` is always kept, and messages never contain an API key.
 */
export class StructuredBatchError extends Error {
  override name = "StructuredBatchError";
  /** Stable machine-readable code, e.g. `invalid_messages`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
