import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import type { Conversation } from "../../messages/types.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { checkOpenAINames } from "./check-openai-names.js";
import { OPENAI_ENDPOINT, OPENAI_MAX_STOP_SEQUENCES } from "./openai-limits.js";

// Fields the library owns: letting providerOptions override them would break result parsing.
const RESERVED = new Set([
  "model",
  "messages",
  "response_format",
  "stream",
  "stream_options",
  "n",
  "tools",
  "tool_choice",
  "functions",
  "function_call",
]);

/** The chat-completions body fields other than model and messages, in wire names. */
export function openAIBodyParams(
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
): Record<string, unknown> {
  const extra = params.providerOptions?.openai ?? {};
  for (const key of Object.keys(extra)) {
    if (RESERVED.has(key)) {
      throw new InvalidArgumentError([
        {
          code: "reserved_parameter",
          path: ["providerOptions", "openai", key],
          message: `"${key}" is set by structured-batch and cannot be overridden`,
        },
      ]);
    }
  }
  if (Array.isArray(params.stop) && params.stop.length > OPENAI_MAX_STOP_SEQUENCES) {
    throw new InvalidArgumentError([
      {
        code: "invalid_parameter",
        path: ["stop"],
        message: `OpenAI takes at most ${OPENAI_MAX_STOP_SEQUENCES} stop sequences, got ${params.stop.length}`,
      },
    ]);
  }
  const body: Record<string, unknown> = {
    max_completion_tokens: params.maxTokens,
    temperature: params.temperature,
    top_p: params.topP,
    seed: params.seed,
    stop: params.stop,
    presence_penalty: params.presencePenalty,
    frequency_penalty: params.frequencyPenalty,
    ...extra,
    response_format: {
      type: "json_schema",
      json_schema: {
        name: output.schema.name,
        ...(output.schema.description !== undefined && { description: output.schema.description }),
        schema: output.wireSchema,
        strict: true,
      },
    },
  };
  // undefined is left out, never written as null.
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/**
 * Every line shares the model, parameters and schema, so they are serialised once and each
 * request costs one JSON.stringify of its id and messages. The output is byte-for-byte what
 * JSON.stringify of the whole line object would give.
 */
export function buildOpenAILineEncoder(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
): (customId: string, messages: Conversation) => string {
  const rest = JSON.stringify(openAIBodyParams(output, params));
  const middle = `,"method":"POST","url":${JSON.stringify(OPENAI_ENDPOINT)},"body":{"model":${JSON.stringify(model)},"messages":`;
  const suffix = `,${rest.slice(1)}}`;
  // Calls come one per conversation, in input order: the count is the conversation's index.
  let index = 0;
  return (customId, messages) => {
    checkOpenAINames(messages, index++, customId);
    return `{"custom_id":${JSON.stringify(customId)}${middle}${JSON.stringify(messages)}${suffix}`;
  };
}
