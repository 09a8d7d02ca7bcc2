import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { contentPartIssues, throwIfIssues } from "../../messages/content-part-issues.js";
import { OPENAI_CONTENT_RULES } from "../../messages/content-part-rules.js";
import type { Conversation } from "../../messages/types.js";
import { refuseReservedOptions } from "../refuse-reserved-options.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { toChatMessages } from "./openai-file-parts.js";
import { OPENAI_CHAT_ENDPOINT, OPENAI_MAX_STOP_SEQUENCES } from "./openai-limits.js";
import { openAIModelParams } from "./openai-model-rules.js";
import { strictJsonSchema } from "./strict-json-schema.js";

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
  given: GenerationParams,
  model = "",
  warn: (message: string) => void = () => {},
): Record<string, unknown> {
  const extra = given.providerOptions?.openai ?? {};
  refuseReservedOptions("openai", extra, RESERVED);
  const params = openAIModelParams(model, given, extra, OPENAI_CHAT_ENDPOINT, warn);
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
    reasoning_effort: params.reasoning?.effort,
    ...extra,
    response_format: { type: "json_schema", json_schema: strictJsonSchema(output) },
  };
  // undefined is left out, never written as null.
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/**
 * What an OpenAI-wire service writes differently in a line: its `url` for the endpoint (Azure:
 * `/chat/completions`), and the catalog model the parameter rules follow when the line's
 * `model` is not one (an Azure deployment name).
 */
export interface LineWire {
  url?: string;
  rulesModel?: string;
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
  warn: (message: string) => void = () => {},
  wire: LineWire = {},
): (customId: string, messages: Conversation) => string {
  const rest = JSON.stringify(openAIBodyParams(output, params, wire.rulesModel ?? model, warn));
  const middle = `,"method":"POST","url":${JSON.stringify(wire.url ?? OPENAI_CHAT_ENDPOINT)},"body":{"model":${JSON.stringify(model)},"messages":`;
  const suffix = `,${rest.slice(1)}}`;
  // Calls are numbered so that errors name the conversation (the processor encodes in order).
  let index = 0;
  return (customId, messages) => {
    // What OpenAI would refuse in the parts (other URL schemes, formats, sizes, images outside
    // user messages) is found here, before the line.
    const at = index++;
    throwIfIssues(contentPartIssues(messages, at, OPENAI_CONTENT_RULES), customId);
    // File parts become image_url / file parts; other messages are sent as they are.
    const sent = toChatMessages(messages, at, customId);
    return `{"custom_id":${JSON.stringify(customId)}${middle}${JSON.stringify(sent)}${suffix}`;
  };
}
