export { chatCompletionsBody, chatCompletionsOutcome } from "./chat-completions.js";
export { conversationText, defaultAnswer, defaultResponder } from "./default-responder.js";
export { type ForwardResponderOptions, forwardResponder } from "./forward-responder.js";
export { invalidAnswer } from "./invalid-answer.js";
export {
  drawRateOutcome,
  RATE_OUTCOMES,
  type RateOutcome,
  type RateResponderOptions,
  rateResponder,
} from "./rate-responder.js";
export { DEFAULT_REFUSAL, estimateTokens, resolveOutcome } from "./resolve-outcome.js";
export { generateFromSchema } from "./schema-answer.js";
export {
  combineResponders,
  type FixtureResponderOptions,
  fixtureResponder,
  isEmulatedOutcome,
} from "./scripted-responders.js";
export type {
  EmulatedOutcome,
  EmulatedRequest,
  EmulatedUsage,
  ResolvedOutcome,
  Responder,
  ResultDelivery,
} from "./types.js";
