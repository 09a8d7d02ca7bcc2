export { BatchBuffer } from "./batch/batch-buffer.js";
export type { BatchHandleData, HandlePart } from "./batch/batch-handle.js";
export { decodeBatchHandle, handleBatchIds } from "./batch/batch-handle.js";
export type { LineSource } from "./batch/read-lines.js";
export type {
  CostEstimate,
  CostFigures,
  ExplicitPrice,
  FileTokens,
  PricesUsed,
  PriceTier,
} from "./cost/cost-types.js";
export type { BuiltBatch, CostInput, ProcessorEstimateOptions } from "./cost/estimate-cost.js";
export type { EstimateCostOptions } from "./cost/estimate-lines-cost.js";
export { estimateCost, resultsCost } from "./cost/lazy-cost.js";
export * from "./errors/index.js";
export { filePart } from "./messages/resolve-file-part.js";
export type {
  ChatMessage,
  ContentPart,
  Conversation,
  FileContentPart,
  ImageContentPart,
  TextContentPart,
} from "./messages/types.js";
export {
  findModel,
  MODEL_CATALOG,
  MODEL_CATALOG_AS_OF,
  type ModelCapabilities,
  type ReasoningControl,
} from "./models/index.js";
export { BatchProcessor, type BatchResults } from "./processor/batch-processor.js";
export type {
  BatchProcessorOptions,
  CreateBatchOptions,
  WaitOptions,
} from "./processor/batch-processor-options.js";
export type { ConversationSource, CustomIdSource } from "./processor/build-batch-parts.js";
export type { ResultsOptions } from "./processor/read-handle-results.js";
export type { WaitProgress } from "./processor/wait-for-batch.js";
export type { AzureProviderOptions } from "./providers/azure/azure-provider-options.js";
export type {
  BedrockCredentials,
  BedrockProviderOptions,
} from "./providers/bedrock/bedrock-provider-options.js";
export type {
  DeleteReport,
  GenerationParams,
  ProviderId,
  ReasoningParams,
} from "./providers/types.js";
export type { VertexSettings } from "./providers/vertex/vertex-provider-options.js";
export { filterErrors, filterSuccessful, resultsByCustomId } from "./results/helpers.js";
export { type ResultSummary, summarizeResults } from "./results/result-summary.js";
export {
  type BatchError,
  type BatchErrorType,
  type BatchResult,
  type BatchStatus,
  type BatchStatusValue,
  type BatchSuccess,
  isTerminalStatus,
  type RequestCounts,
  type TokenUsage,
  type ValidationIssue,
} from "./results/types.js";
export type {
  InferSchemaOutput,
  JsonSchema,
  JsonSchemaWithValidator,
  SchemaInput,
} from "./schema/types.js";
export type { Logger } from "./util/logger.js";
