import {
  BatchFailedError,
  BatchNotFinishedError,
  InvalidArgumentError,
  JobConfigMismatchError,
  JobNotFoundError,
  JobStoreUnavailableError,
  MissingApiKeyError,
  MissingDependencyError,
  MissingSettingError,
  PartialSubmitError,
  ProviderApiError,
  StructuredBatchError,
  UnsupportedSchemaError,
} from "../../errors/index.js";
import { redact } from "../../util/redact.js";
import { exitCodeFor, InterruptedError, OperationFailedError, UsageError } from "./exit-codes.js";

/** Environment variables whose values must never be printed. */
const SECRET_ENV = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"];

/** Secrets the command was given besides the keys (a database password in --store). */
const extraSecrets: string[] = [];

/** Registers a secret that no error line may show. */
export function addSecret(secret: string): void {
  extraSecrets.push(secret);
}

/** Removes every configured key (and key-shaped text) from something about to be printed. */
export function scrub(text: string): string {
  return redact(text, [...SECRET_ENV.map((name) => process.env[name]), ...extraSecrets]);
}

function withoutTrailingDot(text: string): string {
  return text.trim().replace(/\.+$/, "");
}

/** The message and what to do about it, for the CLI's one error line. */
export function describeError(error: unknown): { message: string; hint: string | undefined } {
  if (
    error instanceof UsageError ||
    error instanceof OperationFailedError ||
    error instanceof InterruptedError
  ) {
    return { message: error.message, hint: error.hint };
  }
  if (error instanceof MissingApiKeyError) {
    return {
      message: error.message.replace(/, pass \{ apiKey \}.*$/, ""),
      hint: "The CLI reads keys from the environment only, never from flags",
    };
  }
  if (error instanceof MissingSettingError) {
    return {
      message: error.message.replace(/ or pass .* to BatchProcessor\.$/, ""),
      hint: "Or give it with --base-url",
    };
  }
  if (error instanceof MissingDependencyError) {
    return {
      message: error.message.replace(/, or pass a configured \{ client \}/, ""),
      hint: undefined,
    };
  }
  if (error instanceof BatchNotFinishedError) {
    return {
      message: error.message.replace(/\s*Call waitForCompletion\(id\) first\.?$/, ""),
      hint: `Wait for it first: structured-batch wait ${error.batchId}`,
    };
  }
  if (error instanceof BatchFailedError) {
    return {
      message: error.message,
      hint: "The provider rejected the batch as a whole; fix the input and submit again",
    };
  }
  if (error instanceof PartialSubmitError) {
    return {
      message: error.message,
      hint: error.handle
        ? "The parts already created keep running: use that handle with wait, results or cancel"
        : undefined,
    };
  }
  if (error instanceof ProviderApiError)
    return { message: error.message, hint: providerHint(error) };
  if (error instanceof UnsupportedSchemaError) {
    return {
      message: `bad schema: ${error.message}`,
      hint: "Change the schema (see the README's Schemas section)",
    };
  }
  if (error instanceof JobNotFoundError) {
    return {
      message: error.message,
      hint: "See the jobs of a store with: structured-batch job list [--store DIR|URL]",
    };
  }
  if (error instanceof JobConfigMismatchError) {
    return {
      message: error.message.replace(
        /; pass allowConfigChange: true \(CLI: (--allow-config-change)\) to change it$/,
        "",
      ),
      hint: "Use another --name for a new job, or pass --allow-config-change to send the rows still to go with the new settings",
    };
  }
  if (error instanceof JobStoreUnavailableError) {
    return {
      message: error.message,
      hint: "Check --store: a directory this process can write, or a postgres:// URL of a server that answers",
    };
  }
  if (error instanceof InvalidArgumentError) {
    return { message: `invalid input: ${error.message}`, hint: undefined };
  }
  if (error instanceof StructuredBatchError) return { message: error.message, hint: undefined };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `unexpected error: ${message}`,
    hint: "Run again with --verbose for the details",
  };
}

function providerHint(error: ProviderApiError): string | undefined {
  const status = error.status;
  if (status === 401 || status === 403) {
    return "Check the API key in the environment and that it belongs to this provider";
  }
  if (status === 404) {
    return "Check the batch id, and that --provider, --base-url or the *_BASE_URL variable point where the batch was made";
  }
  if (status === 429 || (status !== undefined && status >= 500)) {
    return "The provider is busy or failing: try again later";
  }
  if (status === undefined) return "Check the network and the base URL (--base-url or *_BASE_URL)";
  return undefined;
}

function causeChain(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(
      current instanceof Error
        ? (current.stack ?? `${current.name}: ${current.message}`)
        : String(current),
    );
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push("caused by:");
  }
  return lines.join("\n");
}

/**
 * Prints the error as one line on stderr (a JSON line with `--json`), the stack and causes only
 * with `--verbose`, never a key; returns the exit status.
 */
export function reportError(
  error: unknown,
  context: { command: string | undefined; json: boolean; verbose: boolean },
): number {
  const exitCode = exitCodeFor(error);
  const { message, hint } = describeError(error);
  const oneLine = (text: string) => scrub(text).replace(/\s*\n\s*/g, "; ");
  const code = error instanceof StructuredBatchError ? error.code : undefined;
  const prefix = context.command ? `structured-batch ${context.command}` : "structured-batch";
  if (context.json) {
    const payload = {
      error: {
        message: oneLine(message),
        ...(hint !== undefined && { hint: oneLine(hint) }),
        ...(code !== undefined && { code }),
        exitCode,
      },
    };
    process.stderr.write(`${JSON.stringify(payload)}\n`);
  } else {
    const text = hint === undefined ? message : `${withoutTrailingDot(message)}. ${hint}.`;
    process.stderr.write(`${prefix}: ${oneLine(text)}\n`);
  }
  if (context.verbose) process.stderr.write(`${scrub(causeChain(error))}\n`);
  return exitCode;
}
