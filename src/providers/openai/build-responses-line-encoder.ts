import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { contentPartIssues, throwIfIssues } from "../../messages/content-part-issues.js";
import { OPENAI_CONTENT_RULES } from "../../messages/content-part-rules.js";
import type { Conversation } from "../../messages/types.js";
import { refuseReservedOptions } from "../refuse-reserved-options.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import type { LineWire } from "./build-openai-line-encoder.js";
import { OPENAI_RESPONSES_ENDPOINT } from "./openai-limits.js";
import { openAIModelParams } from "./openai-model-rules.js";
import { strictJsonSchema } from "./strict-json-schema.js";
import { toResponsesInput } from "./to-responses-input.js";

// Fields the library owns on /v1/responses: overriding them would break result parsing (text,
// stream, tools) or send something other than the neutral messages (input, instructions,
// prompt, previous_response_id, conversation).
const RESERVED = new Set([
  "model",
  "input",
  "instructions",
  "text",
  "stream",
  "stream_options",
  "tools",
  "tool_choice",
  "prompt",
  "previous_response_id",
  "conversation",
  "background",
]);

// Chat-completions parameters the Responses API has no field for. Leaving out a seed or a
// penalty keeps what is extracted; leaving out stop sequences would not, so `stop` is refused.
const NOT_ON_RESPONSES = [
  ["seed", "seed"],
  ["presencePenalty", "presence_penalty"],
  ["frequencyPenalty", "frequency_penalty"],
] as const;

/** The Responses API body fields other than model and input. */
export function responsesBodyParams(
  output: PreparedOutputSchema<unknown>,
  given: GenerationParams,
  model = "",
  warn: (message: string) => void = () => {},
): Record<string, unknown> {
  const extra = given.providerOptions?.openai ?? {};
  refuseReservedOptions("openai", extra, RESERVED);
  if (given.stop !== undefined) {
    throw new InvalidArgumentError([
      {
        code: "unsupported_parameter",
        path: ["stop"],
        message:
          "the OpenAI Responses API takes no stop sequences: leave stop out, or use chat completions (the default endpoint)",
      },
    ]);
  }
  const params = openAIModelParams(model, given, extra, OPENAI_RESPONSES_ENDPOINT, warn);
  for (const [key, wire] of NOT_ON_RESPONSES) {
    if (params[key] === undefined || extra[wire] !== undefined) continue;
    warn(`${key} is not sent: the OpenAI Responses API has no ${wire} parameter.`);
  }
  const effort = params.reasoning?.effort;
  const body: Record<string, unknown> = {
    max_output_tokens: params.maxTokens,
    temperature: params.temperature,
    top_p: params.topP,
    ...(effort !== undefined && { reasoning: { effort } }),
    ...extra,
    text: { format: { type: "json_schema", ...strictJsonSchema(output) } },
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/**
 * The Responses API line encoder: the shared body fields are serialised once; each request
 * costs the conversion of its messages to `input` items and one JSON.stringify of them.
 */
export function buildResponsesLineEncoder(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void = () => {},
  wire: LineWire = {},
): (customId: string, messages: Conversation) => string {
  const rest = JSON.stringify(responsesBodyParams(output, params, wire.rulesModel ?? model, warn));
  const middle = `,"method":"POST","url":${JSON.stringify(wire.url ?? OPENAI_RESPONSES_ENDPOINT)},"body":{"model":${JSON.stringify(model)},"input":`;
  const suffix = `,${rest.slice(1)}}`;
  let warnedName = false;
  const onName = () => {
    if (warnedName) return;
    warnedName = true;
    warn("Message names are not sent: the OpenAI Responses API has no name on input messages.");
  };
  let index = 0;
  return (customId, messages) => {
    throwIfIssues(contentPartIssues(messages, index++, OPENAI_CONTENT_RULES), customId);
    const input = toResponsesInput(messages, onName);
    return `{"custom_id":${JSON.stringify(customId)}${middle}${JSON.stringify(input)}${suffix}`;
  };
}
