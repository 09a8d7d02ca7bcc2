import { InvalidArgumentError as CommanderArgumentError } from "commander";
import type { BatchProcessorOptions } from "../../processor/batch-processor-options.js";
import type { ProviderId } from "../../providers/types.js";
import { UsageError } from "./exit-codes.js";

type OpenAIEndpoint = NonNullable<NonNullable<BatchProcessorOptions["openai"]>["endpoint"]>;

const ENDPOINTS: Record<string, OpenAIEndpoint> = {
  chat: "/v1/chat/completions",
  "/v1/chat/completions": "/v1/chat/completions",
  responses: "/v1/responses",
  "/v1/responses": "/v1/responses",
};

/** The `--openai-endpoint` option's text, for create and run. */
export const OPENAI_ENDPOINT_FLAG = [
  "--openai-endpoint <endpoint>",
  "OpenAI batch endpoint: chat (chat completions, the default) or responses (the Responses API)",
] as const;

/** `--openai-endpoint chat|responses` (or the endpoint's path). */
export function openaiEndpointFlag(value: string): OpenAIEndpoint {
  const endpoint = ENDPOINTS[value.trim()];
  if (endpoint === undefined) {
    throw new CommanderArgumentError(`must be chat or responses, got ${JSON.stringify(value)}`);
  }
  return endpoint;
}

/** The processor's `openai` option from the flag; the flag is refused for another provider. */
export function openaiOption(
  endpoint: OpenAIEndpoint | undefined,
  provider: ProviderId,
): Pick<BatchProcessorOptions, "openai"> {
  if (endpoint === undefined) return {};
  if (provider !== "openai") {
    throw new UsageError(
      `--openai-endpoint applies to OpenAI models, not ${provider}`,
      "Leave it out, or use an openai/ model",
    );
  }
  return { openai: { endpoint } };
}
