import type { Command } from "commander";
import type { GenerationParams } from "../../providers/types.js";
import { numberFlag } from "./flag-parsers.js";

/** The generation flags `create` and `run` share. */
export interface GenerationFlags {
  maxTokens?: number;
  temperature?: number;
  reasoningEffort?: string;
  reasoningBudget?: number;
}

/**
 * Adds `--max-tokens`, `--temperature`, `--reasoning-effort` and `--reasoning-budget`. What a
 * model takes of them is checked by the library against its model table, not here: the flags
 * only parse numbers.
 */
export function addGenerationOptions(command: Command): Command {
  return command
    .option("--max-tokens <n>", "output token limit per request", numberFlag(1, 10_000_000, true))
    .option("--temperature <t>", "sampling temperature, 0 to 2", numberFlag(0, 2))
    .option(
      "--reasoning-effort <level>",
      "reasoning models that take a level (OpenAI, Gemini 3): e.g. minimal, low, medium, high",
    )
    .option(
      "--reasoning-budget <tokens>",
      "reasoning models that take a thinking budget (Claude, Gemini 2.5); 0 turns thinking off where allowed",
      numberFlag(0, 10_000_000, true),
    );
}

/** The flags as the library's parameters, leaving out those not given. */
export function generationParams(flags: GenerationFlags): GenerationParams {
  const reasoning = {
    ...(flags.reasoningEffort !== undefined && { effort: flags.reasoningEffort }),
    ...(flags.reasoningBudget !== undefined && { budgetTokens: flags.reasoningBudget }),
  };
  return {
    ...(flags.maxTokens !== undefined && { maxTokens: flags.maxTokens }),
    ...(flags.temperature !== undefined && { temperature: flags.temperature }),
    ...(Object.keys(reasoning).length > 0 && { reasoning }),
  };
}
