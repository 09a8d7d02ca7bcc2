import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { Conversation } from "../../messages/types.js";
import { applyModelRules } from "../../models/apply-model-rules.js";
import { refuseReservedOptions } from "../refuse-reserved-options.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { toMistralMessages } from "./to-mistral-messages.js";

// Fields the library owns: letting providerOptions override them would break result parsing.
const RESERVED = new Set([
  "model",
  "messages",
  "response_format",
  "stream",
  "n",
  "tools",
  "tool_choice",
  "prediction",
]);

/**
 * The chat-completions body fields other than messages, in Mistral's wire names (API reference,
 * chat completions, docs.mistral.ai/api): `max_tokens`, `temperature`, `top_p`, `random_seed`
 * (Mistral's name for the seed), `stop`, `presence_penalty`, `frequency_penalty`, and the
 * structured output `response_format: { type: "json_schema", json_schema: { name, schema,
 * strict } }`. The model is named once on the job (`model` of the create call): the docs say
 * "The model field inside body is optional when you specify the model at job creation time".
 */
export function mistralBodyParams(
  model: string,
  output: PreparedOutputSchema<unknown>,
  given: GenerationParams,
  warn: (message: string) => void = () => {},
): Record<string, unknown> {
  const extra = given.providerOptions?.mistral ?? {};
  refuseReservedOptions("mistral", extra, RESERVED);
  const { params, capabilities } = applyModelRules("mistral", model, given, warn, (p) =>
    Object.hasOwn(extra, WIRE[p] ?? p),
  );
  // The catalog checks this for the models it knows; Mistral has no thinking budget at all,
  // only `reasoning_effort` (SDK 2.7.0 ChatCompletionRequest: none, minimal, low, medium, high,
  // xhigh).
  if (capabilities === undefined && params.reasoning?.budgetTokens !== undefined) {
    throw new InvalidArgumentError([
      {
        code: "unsupported_parameter",
        path: ["reasoning", "budgetTokens"],
        message:
          "Mistral models take a reasoning effort (reasoning: { effort }), not a token budget",
      },
    ]);
  }
  const body: Record<string, unknown> = {
    max_tokens: params.maxTokens,
    temperature: params.temperature,
    top_p: params.topP,
    random_seed: params.seed,
    stop: params.stop,
    presence_penalty: params.presencePenalty,
    frequency_penalty: params.frequencyPenalty,
    reasoning_effort: params.reasoning?.effort,
    ...extra,
    response_format: {
      type: "json_schema",
      json_schema: {
        name: output.schema.name,
        ...(output.schema.description !== undefined && {
          description: output.schema.description,
        }),
        schema: output.wireSchema,
        strict: true,
      },
    },
  };
  // undefined is left out, never written as null.
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

const WIRE: Record<string, string> = {
  temperature: "temperature",
  topP: "top_p",
  seed: "random_seed",
  presencePenalty: "presence_penalty",
  frequencyPenalty: "frequency_penalty",
};

/**
 * One JSONL line per request in Mistral's batch input format: `{"custom_id": ..., "body": {...}}`
 * (docs.mistral.ai/capabilities/batch), the same object as an inline request of the create call.
 * What is the same on every line is serialised once; each request costs one stringify of its id
 * and messages.
 */
export function buildMistralLineEncoder(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void = () => {},
): (customId: string, messages: Conversation) => string {
  const rest = JSON.stringify(mistralBodyParams(model, output, params, warn));
  const suffix = `,${rest.slice(1)}}`;
  let index = 0;
  return (customId, messages) => {
    const sent = toMistralMessages(messages, index++, customId);
    return `{"custom_id":${JSON.stringify(customId)},"body":{"messages":${JSON.stringify(sent)}${suffix}`;
  };
}
