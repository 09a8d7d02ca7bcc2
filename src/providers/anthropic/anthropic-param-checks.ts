import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { refuseReservedOptions } from "../refuse-reserved-options.js";
import type { GenerationParams } from "../types.js";

// Fields the library owns: letting providerOptions override them would break result parsing.
const RESERVED = new Set(["model", "messages", "system", "tools", "tool_choice", "stream"]);

// The installed SDK (>= 1.0) speaks API version 2026-10-21, whose request type has no sampling
// parameters (reported: the API rejects them). A request that fails hours later costs more than
// one left out now, so they are dropped with a warning; older API versions can still take them.
const REJECTED_BY_API_VERSION: [keyof GenerationParams, string][] = [
  ["temperature", "temperature"],
  ["topP", "top_p"],
];
// Anthropic's ranges for the sampling fields a caller may send through providerOptions.
const SAMPLING_RANGES: [key: string, max: number, integer: boolean][] = [
  ["temperature", 1, false],
  ["top_p", 1, false],
  ["top_k", Number.MAX_SAFE_INTEGER, true],
];
// Anthropic's Messages API has never had these.
const NOT_IN_API: (keyof GenerationParams)[] = ["seed", "presencePenalty", "frequencyPenalty"];

/** Refuses providerOptions.anthropic fields the library sets itself. */
export function checkProviderOptions(extra: Record<string, unknown>): void {
  refuseReservedOptions("anthropic", extra, RESERVED);
  // output_config carries the native format, which is the library's; its other fields
  // (e.g. effort) may be given and are merged in.
  const config = extra.output_config;
  if (
    config !== undefined &&
    (typeof config !== "object" || config === null || "format" in config)
  ) {
    throw new InvalidArgumentError([
      {
        code: "reserved_parameter",
        path: ["providerOptions", "anthropic", "output_config", "format"],
        message:
          'output_config must be an object without "format": structured-batch sets the output format from the schema',
      },
    ]);
  }
}

/**
 * What Anthropic refuses that the neutral checks let through: a stop sequence of only
 * whitespace ("each stop sequence must contain non-whitespace"), and, given through
 * providerOptions, a `max_tokens` that is not a positive integer or a sampling field out of range.
 */
export function checkAnthropicParams(
  params: GenerationParams,
  extra: Record<string, unknown>,
  extraMaxTokens: unknown,
): void {
  const issues: InputIssue[] = [];
  const stop = typeof params.stop === "string" ? [params.stop] : (params.stop ?? []);
  stop.forEach((sequence, i) => {
    if (sequence.trim() === "") {
      issues.push({
        code: "invalid_parameter",
        path: typeof params.stop === "string" ? ["stop"] : ["stop", i],
        message: `Anthropic refuses a stop sequence of only whitespace, got ${JSON.stringify(sequence)}`,
      });
    }
  });
  // Sent as given through providerOptions, so checked against Anthropic's own ranges
  // (temperature is 0 to 1 there, not 0 to 2 as on OpenAI and Gemini).
  for (const [key, max, integer] of SAMPLING_RANGES) {
    const value = extra[key];
    if (value === undefined) continue;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= max &&
      (!integer || Number.isInteger(value));
    if (!ok) {
      issues.push({
        code: "invalid_parameter",
        path: ["providerOptions", "anthropic", key],
        message: `Anthropic takes ${integer ? "an integer >= 0" : `a number from 0 to ${max}`}, got ${JSON.stringify(value) ?? String(value)}`,
      });
    }
  }
  if (
    extraMaxTokens !== undefined &&
    !(Number.isSafeInteger(extraMaxTokens) && (extraMaxTokens as number) >= 1)
  ) {
    issues.push({
      code: "invalid_parameter",
      path: ["providerOptions", "anthropic", "max_tokens"],
      message: `must be an integer >= 1, got ${JSON.stringify(extraMaxTokens) ?? String(extraMaxTokens)}`,
    });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}

export function warnOmitted(
  params: GenerationParams,
  extra: Record<string, unknown>,
  warn: (message: string) => void,
): void {
  for (const [key, wire] of REJECTED_BY_API_VERSION) {
    const value = params[key];
    // Sent through providerOptions as well: the caller chose explicitly, nothing to report.
    if (value === undefined || extra[wire] !== undefined) continue;
    warn(
      `${key} is not sent to Anthropic: the Messages API version 2026-10-21 (used by @anthropic-ai/sdk >= 1.0) rejects it. If your client uses an older API version, send it anyway with providerOptions: { anthropic: { ${wire}: ${JSON.stringify(value)} } }.`,
    );
  }
  for (const key of NOT_IN_API) {
    if (params[key] === undefined) continue;
    warn(
      `${key} is not sent to Anthropic: its Messages API has no such parameter. Fields it does take can be sent with providerOptions: { anthropic: { ... } }.`,
    );
  }
}
