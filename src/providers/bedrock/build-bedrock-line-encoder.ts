import type { Conversation } from "../../messages/types.js";
import { anthropicBodyParams } from "../anthropic/anthropic-body-params.js";
import { claudeLineWriter } from "../anthropic/claude-line-writer.js";
import type { GenerationParams, PreparedOutputSchema } from "../types.js";

/**
 * The `anthropic_version` a Claude `modelInput` carries on Bedrock, in place of the API's
 * header ("Anthropic Claude Messages API", docs.aws.amazon.com/bedrock/latest/userguide/
 * model-parameters-anthropic-claude-messages.html: "anthropic_version ... must be
 * bedrock-2023-05-31"). The model is the job's (`modelId`), so the body has no `model`.
 */
export const BEDROCK_ANTHROPIC_VERSION = "bedrock-2023-05-31";

/**
 * One JSONL record per request: `{"recordId","modelInput":{anthropic_version, max_tokens,
 * system?, messages, tools, tool_choice, thinking?, stop_sequences?, ...providerOptions.bedrock}}`
 * (batch-inference-data.html: "The format of the modelInput JSON object must match the body
 * field for the model that you use in the InvokeModel request"). Structured output is forced
 * tool use, as on the Anthropic provider: Bedrock batch inference takes tools for jobs of the
 * InvokeModel type with the model's native request format (batch-inference.html). Messages,
 * the tool and the parameters are made by the Anthropic provider's code, with the catalog
 * rules of `claudeModel` (the Claude model the Bedrock id names).
 */
export function buildBedrockLineEncoder(
  claudeModel: string,
  output: PreparedOutputSchema<unknown>,
  params: GenerationParams,
  warn: (message: string) => void,
): (customId: string, messages: Conversation) => string {
  const bedrockOptions = params.providerOptions?.bedrock;
  const { head, tail } = anthropicBodyParams(
    claudeModel,
    output,
    {
      ...params,
      providerOptions: bedrockOptions === undefined ? {} : { anthropic: bedrockOptions },
    },
    warn,
    "tool",
  );
  return claudeLineWriter({
    idKey: "recordId",
    bodyHead: `,"modelInput":${JSON.stringify({ anthropic_version: BEDROCK_ANTHROPIC_VERSION, max_tokens: head.max_tokens }).slice(0, -1)}`,
    suffix: `,${JSON.stringify(tail).slice(1)}}`,
    droppedNameWarning:
      "Message names are not sent to Bedrock: the Claude Messages body has no name field.",
    warn,
  });
}
