export { BatchBuffer } from "./batch/batch-buffer.js";
export type { LineSource } from "./batch/read-lines.js";
export * from "./errors/index.js";
export type {
  ChatMessage,
  ContentPart,
  Conversation,
  ImageContentPart,
  TextContentPart,
} from "./messages/types.js";
export { BatchProcessor } from "./processor/batch-processor.js";
export type {
  BatchProcessorOptions,
  CreateBatchOptions,
  WaitOptions,
} from "./processor/batch-processor-options.js";
export type { DeleteReport, GenerationParams, ProviderId } from "./providers/types.js";
export { filterErrors, filterSuccessful, resultsByCustomId } from "./results/helpers.js";
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
