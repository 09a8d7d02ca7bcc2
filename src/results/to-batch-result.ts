import type { PreparedOutputSchema, ProviderOutcome } from "../providers/types.js";
import type { BatchResult } from "./types.js";

function snippet(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/**
 * Turns one provider outcome into the user's result: parses the JSON, undoes the wire form
 * (`normalize`), validates with the user's schema. Provider errors pass through unchanged.
 */
export async function toBatchResult<T>(
  outcome: ProviderOutcome,
  output: PreparedOutputSchema<T>,
  keepRaw: boolean,
): Promise<BatchResult<T>> {
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
      return withRaw<T>(
        {
          success: false,
          customId: outcome.customId,
          errorType: "parse_error",
          errorMessage: `The answer is not valid JSON (${(cause as Error).message}): ${snippet(outcome.text)}`,
          text: outcome.text,
          ...(outcome.usage && { usage: outcome.usage }),
        },
        outcome.raw,
        keepRaw,
      );
    }
  } else {
    value = outcome.value;
  }
  const normalized = output.normalize(value);
  const checked = await output.schema.validate(normalized);
  if (!checked.success) {
    const first = checked.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
    return withRaw<T>(
      {
        success: false,
        customId: outcome.customId,
        errorType: "validation_error",
        errorMessage: `The answer does not match the schema${where}: ${first?.message ?? "invalid"}${checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more issues)` : ""}`,
        value,
        issues: checked.issues,
        ...(outcome.usage && { usage: outcome.usage }),
      },
      outcome.raw,
      keepRaw,
    );
  }
  const success: BatchResult<T> = {
    success: true,
    customId: outcome.customId,
    result: checked.value,
    ...(outcome.usage && { usage: outcome.usage }),
  };
  if (keepRaw) success.raw = outcome.raw;
  return success;
}

function withRaw<T>(result: BatchResult<T>, raw: unknown, keepRaw: boolean): BatchResult<T> {
  if (keepRaw) result.raw = raw;
  return result;
}
