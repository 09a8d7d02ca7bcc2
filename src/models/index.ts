export { applyModelRules, type ModelRulesOutcome } from "./apply-model-rules.js";
export { catalogModelId, findModel } from "./find-model.js";
export type { ModelCapabilities, ReasoningControl, SamplingParam } from "./model-capabilities.js";
export { MODEL_CATALOG, MODEL_CATALOG_AS_OF } from "./model-catalog.js";
