/**
 * The Claude model behind a Bedrock model id, as the Anthropic catalog names it, or undefined
 * for a model of another vendor. Bedrock ids are `anthropic.<claude id>-v<n>:<m>`
 * (`anthropic.claude-haiku-4-5-20251001-v1:0`), optionally behind a cross-region inference
 * profile prefix (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `global.`, ...) or an inference
 * profile ARN ("Supported foundation models in Amazon Bedrock" and "Supported Regions and
 * models for inference profiles", docs.aws.amazon.com/bedrock/latest/userguide/).
 */
export function claudeModelOf(bedrockModelId: string): string | undefined {
  const id = bedrockModelId.slice(bedrockModelId.lastIndexOf("/") + 1);
  const match = /^(?:[a-z-]{2,10}\.)?anthropic\.(claude-[a-z0-9.-]+?)(?:-v\d+(?::\d+)?)?$/.exec(id);
  return match?.[1];
}

/** Whether the id names a Claude model (whose `modelInput` is an Anthropic Messages body). */
export function isClaudeModel(bedrockModelId: string): boolean {
  return claudeModelOf(bedrockModelId) !== undefined;
}
