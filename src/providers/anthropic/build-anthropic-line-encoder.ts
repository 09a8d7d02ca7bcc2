import type { Conversation } from "../../messages/types.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { anthropicBodyParams } from "./anthropic-body-params.js";
import type { AnthropicStructuredOutput } from "./anthropic-thinking.js";
import { toAnthropicConversation } from "./convert-anthropic-messages.js";

/**
 * Every line shares the model, max_tokens, tool and parameters, so they are serialised once and
 * each request costs one JSON.stringify of its id, system prompt and messages. The output is
 * byte-for-byte what JSON.stringify of the whole line object would give:
 * `{"custom_id","params":{model, max_tokens, system?, messages, tools + tool_choice | output_config, thinking?, stop_sequences?, ...providerOptions.anthropic}}`.
 *
 * Each call converts one conversation; calls are numbered so that a conversation Anthropic would
 * reject is reported with its index in `messagesList` (the processor encodes them in order).
 */
export function buildAnthropicLineEncoder(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void,
  mode: AnthropicStructuredOutput = "tool",
): (customId: string, messages: Conversation) => string {
  const { head, tail } = anthropicBodyParams(model, output, params, warn, mode);
  const paramsHead = `,"params":${JSON.stringify(head).slice(0, -1)}`;
  const suffix = `,${JSON.stringify(tail).slice(1)}}`;
  let index = 0;
  let nameWarned = false;
  const onDroppedName = () => {
    if (nameWarned) return;
    nameWarned = true;
    warn("Message names are not sent to Anthropic: its Messages API has no name field.");
  };
  return (customId, messages) => {
    const converted = toAnthropicConversation(messages, {
      index: index++,
      customId,
      onDroppedName,
    });
    const system =
      converted.system === undefined ? "" : `,"system":${JSON.stringify(converted.system)}`;
    return `{"custom_id":${JSON.stringify(customId)}${paramsHead}${system},"messages":${JSON.stringify(converted.messages)}${suffix}`;
  };
}
