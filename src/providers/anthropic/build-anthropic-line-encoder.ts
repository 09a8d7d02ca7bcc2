import type { Conversation } from "../../messages/types.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";
import { anthropicBodyParams } from "./anthropic-body-params.js";
import type { AnthropicStructuredOutput } from "./anthropic-thinking.js";
import { claudeLineWriter } from "./claude-line-writer.js";

/**
 * Every line shares the model, max_tokens, tool and parameters, so they are serialised once and
 * each request costs one JSON.stringify of its id, system prompt and messages. The output is
 * byte-for-byte what JSON.stringify of the whole line object would give:
 * `{"custom_id","params":{model, max_tokens, system?, messages, tools + tool_choice | output_config, thinking?, stop_sequences?, ...providerOptions.anthropic}}`.
 */
export function buildAnthropicLineEncoder(
  model: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void,
  mode: AnthropicStructuredOutput = "tool",
): (customId: string, messages: Conversation) => string {
  const { head, tail } = anthropicBodyParams(model, output, params, warn, mode);
  return claudeLineWriter({
    idKey: "custom_id",
    bodyHead: `,"params":${JSON.stringify(head).slice(0, -1)}`,
    suffix: `,${JSON.stringify(tail).slice(1)}}`,
    droppedNameWarning:
      "Message names are not sent to Anthropic: its Messages API has no name field.",
    warn,
  });
}
