import { InvalidArgumentError as CommanderArgumentError } from "commander";
import type { BatchProcessorOptions } from "../../processor/batch-processor-options.js";
import type { ProviderId } from "../../providers/types.js";
import { UsageError } from "./exit-codes.js";

export type AnthropicOutput = "tool" | "native";

/** The `--anthropic-output` option's text, for create and run. */
export const ANTHROPIC_OUTPUT_FLAG = [
  "--anthropic-output <mode>",
  "how Claude is asked for the schema: tool (forced tool use, the default on most models) or native (output_config.format; needed with --reasoning-budget)",
] as const;

/** `--anthropic-output tool|native`. */
export function anthropicOutputFlag(value: string): AnthropicOutput {
  const mode = value.trim();
  if (mode !== "tool" && mode !== "native") {
    throw new CommanderArgumentError(`must be tool or native, got ${JSON.stringify(value)}`);
  }
  return mode;
}

/** The processor's `anthropic` option from the flag; the flag is refused for another provider. */
export function anthropicOption(
  mode: AnthropicOutput | undefined,
  provider: ProviderId,
): Pick<BatchProcessorOptions, "anthropic"> {
  if (mode === undefined) return {};
  if (provider !== "anthropic") {
    throw new UsageError(
      `--anthropic-output applies to Anthropic models, not ${provider}`,
      "Leave it out, or use an anthropic/ model",
    );
  }
  return { anthropic: { structuredOutput: mode } };
}
