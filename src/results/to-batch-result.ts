import type { PreparedOutputSchema, ProviderOutcome } from "../providers/types.js";
import type { SchemaValidationResult } from "../schema/types.js";
import type { BatchResult, BatchSuccess, TokenUsage } from "./types.js";

function snippet(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/**
 * Turns one provider outcome into the user's result: parses the JSON, undoes the wire form
 * (`normalize`), validates with the user's schema. Provider errors pass through unchanged.
 * Synchronous when the schema validates synchronously: a Promise per line of a 500,000-line
 * file is measurable.
 */
export function toBatchResult<T>(
  outcome: ProviderOutcome,
  output: PreparedOutputSchema<T>,
  keepRaw: boolean,
): BatchResult<T> | Promise<BatchResult<T>> {
  if (outcome.kind === "error") {
    const { kind: _kind, raw, ...error } = outcome;
    const result: BatchResult<T> = { success: false, ...error };
    if (error.usage === undefined) delete result.usage;
    if (keepRaw) result.raw = raw;
    return result;
  }
  let value: unknown;
  if (outcome.text !== undefined) {
    try {
      value = JSON.parse(outcome.text);
    } catch (cause) {
      const result: BatchResult<T> = {
        success: false,
        customId: outcome.customId,
        errorType: "parse_error",
        errorMessage: `The answer is not valid JSON (${(cause as Error).message}): ${snippet(outcome.text)}`,
        text: outcome.text,
        ...(outcome.usage && { usage: outcome.usage }),
      };
      if (keepRaw) result.raw = outcome.raw;
      return result;
    }
  } else {
    value = outcome.value;
  }
  const checked = output.schema.validate(output.normalize(value));
  return checked instanceof Promise
    ? checked.then((c) => settle(c, outcome, value, keepRaw))
    : settle(checked, outcome, value, keepRaw);
}

function settle<T>(
  checked: SchemaValidationResult<T>,
  outcome: ProviderOutcome & { kind: "answer" },
  value: unknown,
  keepRaw: boolean,
): BatchResult<T> {
  if (checked.issues === undefined) {
    if (keepRaw && outcome.line !== undefined) {
      return lazyRawSuccess(outcome.customId, checked.value, outcome.usage, outcome.line);
    }
    return successResult(outcome.customId, checked.value, outcome.usage, keepRaw, outcome.raw);
  }
  const first = checked.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
  const more = checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more issues)` : "";
  const result: BatchResult<T> = {
    success: false,
    customId: outcome.customId,
    errorType: "validation_error",
    errorMessage: `The answer does not match the schema${where}: ${first?.message ?? "invalid"}${more}`,
    value,
    issues: checked.issues,
  };
  if (outcome.usage) result.usage = outcome.usage;
  if (keepRaw) result.raw = outcome.raw;
  return result;
}

/**
 * Every property in the literal: V8 keeps a literal's properties inside the object, while one
 * added afterwards goes to a separate backing store, an extra allocation per retained result
 * that shows up as GC time on a 500,000-line file. So one literal per combination.
 */
function successResult<T>(
  customId: string,
  value: T,
  usage: TokenUsage | undefined,
  keepRaw: boolean,
  raw: unknown,
): BatchSuccess<T> {
  if (keepRaw) {
    return usage
      ? { success: true, customId, result: value, usage, raw }
      : { success: true, customId, result: value, raw };
  }
  return usage
    ? { success: true, customId, result: value, usage }
    : { success: true, customId, result: value };
}

/**
 * A success whose `raw` is parsed from its results-file line when first read, and kept from
 * then on. Keeping every success's parsed provider line made a 500,000-line parse hold 441 MB
 * instead of 151 MB and take about 1.4 times as long (the collector copying and marking all of
 * it), while most programs never read `raw` of a success: a line is one string. The accessor
 * lives on the prototype, so each result costs one field more than without `raw`, no closure;
 * `toJSON` writes `raw` too, so `JSON.stringify` shows what it showed before.
 */
class LineBackedSuccess<T> {
  readonly success = true as const;
  readonly customId: string;
  readonly result: T;
  declare readonly usage?: TokenUsage;
  /** The line until `raw` is first read, then the parsed line (always an object, never text). */
  #raw: unknown;

  constructor(customId: string, result: T, usage: TokenUsage | undefined, line: string) {
    this.customId = customId;
    this.result = result;
    if (usage !== undefined) (this as { usage?: TokenUsage }).usage = usage;
    this.#raw = line;
  }

  /** The provider's result line, parsed on first read. */
  get raw(): unknown {
    if (typeof this.#raw === "string") this.#raw = JSON.parse(this.#raw);
    return this.#raw;
  }

  /** An assigned value becomes an own property, as on any other result. */
  set raw(value: unknown) {
    Object.defineProperty(this, "raw", {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }

  toJSON(): BatchSuccess<T> {
    return { ...this, raw: this.raw };
  }
}

function lazyRawSuccess<T>(
  customId: string,
  value: T,
  usage: TokenUsage | undefined,
  line: string,
): BatchSuccess<T> {
  return new LineBackedSuccess(customId, value, usage, line);
}
