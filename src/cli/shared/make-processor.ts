import type { ExplicitPrice } from "../../cost/cost-types.js";
import { BatchProcessor } from "../../processor/batch-processor.js";
import type { BatchProcessorOptions } from "../../processor/batch-processor-options.js";
import type { ProviderId } from "../../providers/types.js";
import type { SchemaInput } from "../../schema/types.js";
import { checkBaseURL } from "../../util/check-base-url.js";
import { type AnthropicOutput, anthropicOption } from "./anthropic-output-flag.js";
import type { ConnectionFlags } from "./common-options.js";
import { resolveTarget } from "./handle.js";
import { openaiOption } from "./openai-endpoint-flag.js";
import { type VertexFlags, vertexOption } from "./vertex-flags.js";

/**
 * Status, cancel, delete, list and download need no schema: they run with one that takes any
 * object. (Results always get the user's schema.)
 */
export const ANY_OBJECT: SchemaInput<unknown> = {
  jsonSchema: { type: "object", properties: {}, additionalProperties: false },
  validate: (value: unknown) => value,
};

/**
 * A processor for the CLI. Credentials and endpoints come from the environment as in the library
 * (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, ...); `--base-url` replaces the endpoint. The model only
 * matters when building and submitting; other commands use a placeholder.
 */
export function makeProcessor<T = unknown>(options: {
  provider: ProviderId;
  model?: string | undefined;
  schema?: SchemaInput<T> | undefined;
  baseUrl?: string | undefined;
  schemaName?: string | undefined;
  openaiEndpoint?: NonNullable<BatchProcessorOptions["openai"]>["endpoint"];
  anthropicOutput?: AnthropicOutput | undefined;
  maxCost?: number | undefined;
  price?: ExplicitPrice | undefined;
  vertexFlags?: VertexFlags | undefined;
}): BatchProcessor<T> {
  // Checked under the flag's own name; the library would call it `baseURL`.
  if (options.baseUrl !== undefined) checkBaseURL(options.baseUrl, "--base-url");
  return new BatchProcessor<T>(
    options.model ?? `${options.provider}/unspecified`,
    (options.schema ?? ANY_OBJECT) as SchemaInput<T>,
    {
      ...(options.baseUrl !== undefined && { baseURL: options.baseUrl }),
      ...(options.schemaName !== undefined && { schemaName: options.schemaName }),
      ...openaiOption(options.openaiEndpoint, options.provider),
      ...anthropicOption(options.anthropicOutput, options.provider),
      ...vertexOption(options.vertexFlags ?? {}, options.provider),
      ...(options.maxCost !== undefined && { maxCost: options.maxCost }),
      ...(options.price !== undefined && { price: options.price }),
    },
  );
}

/** The processor for a handle given on the command line (see `resolveTarget`). */
export function processorForHandle<T = unknown>(
  handle: string,
  flags: ConnectionFlags,
  schema?: SchemaInput<T>,
): { processor: BatchProcessor<T>; id: string } {
  const target = resolveTarget(handle, flags);
  return {
    processor: makeProcessor({
      provider: target.provider,
      model: target.model,
      schema,
      baseUrl: flags.baseUrl,
      vertexFlags: flags,
    }),
    id: target.id,
  };
}
