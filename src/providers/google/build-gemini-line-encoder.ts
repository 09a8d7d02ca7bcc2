import type { Conversation } from "../../messages/types.js";
import { applyModelRules } from "../../models/apply-model-rules.js";
import { refuseReservedOptions } from "../refuse-reserved-options.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { checkGeminiParams } from "./check-gemini-params.js";
import { geminiThinkingConfig } from "./gemini-thinking-config.js";
import { toGeminiTurns } from "./to-gemini-contents.js";

// What the library sets, in both spellings the API accepts: overriding it would break parsing.
const RESERVED = new Set(
  [
    "responseMimeType",
    "responseJsonSchema",
    "responseSchema",
    "contents",
    "systemInstruction",
    "generationConfig",
    "candidateCount",
    "tools",
    "toolConfig",
    "model",
  ].flatMap((name) => [name, name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
);

/** `providerOptions.google` keys that belong to the request rather than `generationConfig`. */
export const REQUEST_LEVEL_OPTIONS = new Set([
  "safetySettings",
  "safety_settings",
  "cachedContent",
  "cached_content",
  "serviceTier",
  "service_tier",
]);

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The request fields every line shares: `generationConfig` (parameters, provider options,
 * then the JSON output settings, which nothing may override) and request-level options.
 * The model catalog's rules come first (`applyModelRules`): `maxTokens` above the model's
 * ceiling and a `reasoning` setting it cannot take are refused, an unknown model is warned
 * about once. `reasoning` becomes `thinkingConfig` (see `geminiThinkingConfig`).
 * `presencePenalty` and `frequencyPenalty` are left out with a warning: current Gemini models
 * (2.5 and later) reject every request that has them ("Penalty is not enabled for models/..."),
 * and a batch would only say so hours later. A model that takes them gets them through
 * `providerOptions.google`.
 */
export function geminiSharedFields(
  output: PreparedOutputSchema<unknown>,
  requested: GenerationParams,
  warn: (message: string) => void,
  model: string,
): Record<string, unknown> {
  const extra = requested.providerOptions?.google ?? {};
  const keep = (name: string) => name in extra || snakeCase(name) in extra;
  const stop = typeof requested.stop === "string" ? [requested.stop] : requested.stop;
  // The wire's own limits (int32, five stops) first: they hold whatever the model.
  checkGeminiParams(requested, stop);
  const { params } = applyModelRules("google", model, requested, warn, keep);
  const config: Record<string, unknown> = {};
  const requestLevel: Record<string, unknown> = {};
  refuseReservedOptions("google", extra, RESERVED);
  for (const [key, value] of Object.entries(extra)) {
    if (REQUEST_LEVEL_OPTIONS.has(key)) requestLevel[key] = value;
    else config[key] = value;
  }
  const thinkingConfig = geminiThinkingConfig(params.reasoning, extra);
  const budget = params.reasoning?.budgetTokens;
  if (budget !== undefined && params.maxTokens !== undefined && budget >= params.maxTokens) {
    warn(
      `reasoning.budgetTokens (${budget}) is not below maxTokens (${params.maxTokens}): Gemini counts thinking in maxOutputTokens, so answers may be cut off (truncated) before they start`,
    );
  }
  for (const name of ["presencePenalty", "frequencyPenalty"] as const) {
    if (params[name] !== undefined && !(name in config)) {
      warn(
        `${name} is not sent to Gemini: models from 2.5 on reject requests that set it ("Penalty is not enabled"); pass providerOptions.google.${name} for a model that takes it`,
      );
    }
  }
  const generationConfig = withoutUndefined({
    maxOutputTokens: params.maxTokens,
    temperature: params.temperature,
    topP: params.topP,
    seed: params.seed,
    stopSequences: stop,
    thinkingConfig,
    ...config,
    responseMimeType: "application/json",
    responseJsonSchema: output.wireSchema,
  });
  return { generationConfig, ...requestLevel };
}

/**
 * One line of Gemini's batch input file: `{"key", "request": {contents, systemInstruction?,
 * generationConfig, ...}}`. What every line shares is serialised once; each request costs one
 * JSON.stringify of its turns. The line is byte-for-byte what JSON.stringify of the whole line
 * object gives. The same lines go inline (as `{request, metadata: {key}}`) for small batches.
 */
export function buildGeminiLineEncoder(
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void,
  model: string,
): (customId: string, messages: Conversation) => string {
  const shared = JSON.stringify(geminiSharedFields(output, params, warn, model));
  const suffix = `,${shared.slice(1)}}`;
  let warnedName = false;
  const onDroppedName = () => {
    if (warnedName) return;
    warnedName = true;
    warn('message "name" is not sent to Gemini: it has no field for it');
  };
  // Calls are numbered so that errors name the conversation (the processor encodes in order).
  let index = 0;
  return (customId, messages) => {
    const turns = JSON.stringify(
      toGeminiTurns(messages, { index: index++, customId, onDroppedName }),
    );
    return `{"key":${JSON.stringify(customId)},"request":${turns.slice(0, -1)}${suffix}`;
  };
}
