export { conversationText, defaultAnswer, defaultResponder } from "./default-responder.js";
export { DEFAULT_REFUSAL, estimateTokens, resolveOutcome } from "./resolve-outcome.js";
export { generateFromSchema } from "./schema-answer.js";
export type {
  EmulatedOutcome,
  EmulatedRequest,
  EmulatedUsage,
  ResolvedOutcome,
  Responder,
} from "./types.js";
