import { readLineBatchesResumable } from "../../batch/read-lines-resumable.js";
import { BatchFailedError } from "../../errors/batch-failed-error.js";
import { BatchNotFinishedError } from "../../errors/batch-not-finished-error.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidBaseUrlError } from "../../errors/invalid-base-url-error.js";
import { MissingDependencyError } from "../../errors/missing-dependency-error.js";
import { MissingGoogleCredentialsError } from "../../errors/missing-google-credentials-error.js";
import { ProviderApiError } from "../../errors/provider-api-error.js";
import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import { isTerminalStatus } from "../../results/types.js";
import { baseUrlIssue, resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import { redact, redactErrorChain } from "../../util/redact.js";
import { sleep } from "../../util/sleep.js";
import { charCount, metadataShapeIssues } from "../check-metadata.js";
import {
  classifyCreateFailure,
  createBatchOnce,
  retryAfterMs,
  retryHarmless,
} from "../create-batch-once.js";
import { rpcStatusName } from "../google/gemini-batch-view.js";
import { describeGeminiError, trimBaseUrl } from "../google/gemini-rest.js";
import { mapGeminiStateValue } from "../google/map-gemini-batch-status.js";
import { toProviderApiError } from "../to-provider-api-error.js";
import { mapVertexResultLine } from "./map-vertex-result-line.js";
import { VERTEX_DISPLAY_NAME_MAX_LENGTH } from "./vertex-limits.js";

/**
 * What the on-demand side of the vertex/ adapter (`vertex-batch-jobs.ts` and the modules it
 * loads) uses of the library, handed to it when it is loaded (see `installVertexCore`) instead
 * of imported by it. Every piece here is loaded with the core anyway; a chunk loaded on demand
 * that imported them itself would make the bundler move each into a shared chunk of its own,
 * which `npm run size` measured at +4.5 KB gzip for the core, against +1.3 KB this way.
 */
export const VERTEX_CORE = {
  BatchFailedError,
  BatchNotFinishedError,
  InvalidArgumentError,
  InvalidBaseUrlError,
  MissingDependencyError,
  MissingGoogleCredentialsError,
  ProviderApiError,
  StructuredBatchError,
  VERTEX_DISPLAY_NAME_MAX_LENGTH,
  baseUrlIssue,
  charCount,
  classifyCreateFailure,
  createBatchOnce,
  describeGeminiError,
  isTerminalStatus,
  mapGeminiStateValue,
  mapVertexResultLine,
  metadataShapeIssues,
  readEnv,
  readLineBatchesResumable,
  redact,
  redactErrorChain,
  resolveBaseURL,
  retryAfterMs,
  retryHarmless,
  rpcStatusName,
  sleep,
  toProviderApiError,
  trimBaseUrl,
};

export type VertexCore = typeof VERTEX_CORE;
