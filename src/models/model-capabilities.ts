import type { ProviderId } from "../providers/types.js";

/** A provider-neutral parameter a model family may refuse. */
export type SamplingParam =
  | "temperature"
  | "topP"
  | "presencePenalty"
  | "frequencyPenalty"
  | "seed";

/** How a model family is told how much to think. */
export type ReasoningControl =
  /** Not a reasoning model: `reasoning` is refused. */
  | { kind: "none" }
  /** A level (OpenAI `reasoning_effort`, Gemini 3 `thinkingLevel`); `efforts` when known. */
  | { kind: "effort"; efforts?: readonly string[] }
  /**
   * A token budget (Anthropic `thinking.budget_tokens`, Gemini 2.5 `thinkingBudget`): from
   * `min` to `max`, and 0 (thinking off) only where `canDisable`.
   */
  | { kind: "budget"; min: number; max?: number; canDisable: boolean };

/**
 * What one family of models accepts, for the checks made before a batch is sent. A field left
 * out means "not known": nothing is checked against it.
 */
export interface ModelCapabilities {
  provider: ProviderId;
  /** Name of the family in messages and the README table. */
  family: string;
  /** Model ids of the family (matched after `models/`, `ft:` and the like are taken off). */
  match: RegExp;
  /** Neutral parameters every request would be refused for. */
  rejects: readonly SamplingParam[];
  reasoning: ReasoningControl;
  /** The most output tokens one request may ask for (`maxTokens` above it is refused). */
  maxOutputTokens?: number;
  contextWindow?: number;
  /** Strict JSON-schema output (OpenAI `strict: true`, Anthropic `output_config.format`). */
  structuredOutput: boolean;
  /**
   * `false` where the model refuses a `tool_choice` that forces a tool (Anthropic models whose
   * thinking cannot be turned off): structured output must go natively. Absent: it takes it.
   */
  forcedToolUse?: boolean;
  /** Batch endpoints the family is served on (OpenAI: some models are Responses-only). */
  endpoints?: readonly ("chat" | "responses")[];
  /** Input kinds besides text. */
  inputs: { images: boolean; pdfs: boolean };
  /** Where the figures come from. */
  source: string;
}
