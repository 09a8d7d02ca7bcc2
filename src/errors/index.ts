export { BatchFailedError, type BatchLevelError } from "./batch-failed-error.js";
export { BatchNotFinishedError } from "./batch-not-finished-error.js";
export { CostLimitExceededError, type CostLimitIssue } from "./cost-limit-exceeded-error.js";
export {
  formatIssuePath,
  formatIssues,
  type InputIssue,
  InvalidArgumentError,
} from "./invalid-argument-error.js";
export { InvalidBaseUrlError } from "./invalid-base-url-error.js";
export { InvalidMessagesError } from "./invalid-messages-error.js";
export { InvalidRowsError, type RowIssue } from "./invalid-rows-error.js";
export { InvalidTemplateError, type TemplateIssue } from "./invalid-template-error.js";
export { JobConfigMismatchError } from "./job-config-mismatch-error.js";
export { JobNotFoundError } from "./job-not-found-error.js";
export { JobStoreUnavailableError } from "./job-store-unavailable-error.js";
export { MissingApiKeyError } from "./missing-api-key-error.js";
export { MissingDependencyError } from "./missing-dependency-error.js";
export { MissingGoogleCredentialsError } from "./missing-google-credentials-error.js";
export { MissingSettingError } from "./missing-setting-error.js";
export { MissingTemplateValueError } from "./missing-template-value-error.js";
export { PartialSubmitError } from "./partial-submit-error.js";
export { ProviderApiError } from "./provider-api-error.js";
export { StructuredBatchError } from "./structured-batch-error.js";
export { UnsupportedSchemaError } from "./unsupported-schema-error.js";
export { WaitTimeoutError } from "./wait-timeout-error.js";
