import { googleLimits } from "../google/google-limits.js";
import type { ProviderLimits } from "../types.js";

/**
 * Vertex AI batch prediction for Gemini, as "Batch inference from Cloud Storage"
 * (cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-from-cloud-storage)
 * states its input limits: at most 200,000 requests in one job, and an input file of at most
 * 1 GB in Cloud Storage. Custom ids (`key`) follow the Gemini adapter's rule: Vertex documents
 * none, so 512 characters and no control characters.
 */
export function vertexLimits(): ProviderLimits {
  const { customIdMaxLength, customIdPattern, customIdRule } = googleLimits();
  return {
    maxRequests: 200_000,
    maxBytes: 1_000_000_000,
    customIdMaxLength,
    customIdPattern,
    ...(customIdRule !== undefined && { customIdRule }),
  };
}

/**
 * A job name: `projects/{project}/locations/{location}/batchPredictionJobs/{id}` or the bare
 * numeric id (the SDK's `tBatchJobName` takes both). Each part is one path segment.
 */
export const VERTEX_JOB_NAME_PATTERN =
  /^(?:projects\/[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}\/locations\/[a-z0-9-]{1,63}\/batchPredictionJobs\/)?\d{1,32}$/;

/**
 * A Gemini model on Vertex: `gemini-2.5-flash`, optionally `publishers/google/models/` first,
 * or a tuned model's `projects/.../locations/.../models/...` resource name.
 */
export const VERTEX_MODEL_PATTERN =
  /^(?:(?:publishers\/google\/models\/)?[A-Za-z0-9][A-Za-z0-9._@-]{0,127}|projects\/[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}\/locations\/[a-z0-9-]{1,63}\/(?:models|endpoints)\/[A-Za-z0-9_@-]{1,128})$/;

/** Vertex's display names are at most 128 characters (BatchPredictionJob.displayName). */
export const VERTEX_DISPLAY_NAME_MAX_LENGTH = 128;
