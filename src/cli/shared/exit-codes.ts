import { CommanderError } from "commander";
import {
  InvalidArgumentError,
  JobConfigMismatchError,
  JobNotFoundError,
  JobStoreUnavailableError,
  MissingApiKeyError,
  MissingDependencyError,
  UnsupportedSchemaError,
} from "../../errors/index.js";

/** What the CLI's exit status means; documented in `--help` and the README. */
export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** The operation failed: a provider error, a batch that did not complete, result errors with --fail-on-errors. */
  failed: 1,
  /**
   * The command could not run as given: unknown flag, missing file, bad schema or input, no key,
   * an unknown job, a job reopened with another schema or model, a job store that cannot be opened.
   */
  usage: 2,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

/**
 * A usage problem found by the CLI itself (a missing file, a bad line, a bad schema). `hint`
 * says what to do, and is printed after the message.
 */
export class UsageError extends Error {
  override name = "UsageError";
  readonly hint: string | undefined;

  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.hint = hint;
  }
}

/** An operation that ran and failed, with what to do next (exit 1). */
export class OperationFailedError extends Error {
  override name = "OperationFailedError";
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** Ctrl-C while a command was running (exit 130). */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  readonly hint: string | undefined;

  constructor(message = "interrupted", hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** The exit status an error ends the process with. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InterruptedError) return EXIT.interrupted;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (
    error instanceof UsageError ||
    // Caught by the library before anything was sent: the input or the set-up is wrong.
    error instanceof InvalidArgumentError ||
    error instanceof UnsupportedSchemaError ||
    error instanceof MissingApiKeyError ||
    error instanceof MissingDependencyError ||
    // A job that is not there, reopened with other settings, or a store that cannot be opened:
    // nothing was sent.
    error instanceof JobNotFoundError ||
    error instanceof JobConfigMismatchError ||
    error instanceof JobStoreUnavailableError
  ) {
    return EXIT.usage;
  }
  return EXIT.failed;
}
