import { OPENAI_LIMITS } from "../openai/openai-limits.js";
import type { ProviderLimits } from "../types.js";

/*
 * Azure OpenAI Global Batch, as Azure documents it:
 * - "Global batch limits: Max files per resource 500, Max input file size 200 MB, Max requests
 *   per file 100,000" (learn.microsoft.com/azure/ai-services/openai/quotas-limits, include
 *   global-batch-limits.md);
 * - files may be given `expires_after` of 1,209,600 to 2,592,000 seconds (14 to 30 days), and
 *   then "the number of batch files per resource is increased to 10,000"; without it a file
 *   never expires (learn.microsoft.com/azure/ai-services/openai/how-to/batch, "Upload batch
 *   file"); `output_expires_after` takes the same range for the output and error files;
 * - the input lines' `url` and the create call's `endpoint` are `/chat/completions` (no `/v1`)
 *   and each line's `model` is the global-batch deployment's name (same page, "Prepare your
 *   batch file"); the window is `24h`.
 * Custom ids follow OpenAI's (Azure documents no other rule).
 */
export const AZURE_LIMITS: ProviderLimits = { ...OPENAI_LIMITS, maxRequests: 100_000 };

export const AZURE_CHAT_URL = "/chat/completions";

/** The api-version used when neither `azure.apiVersion` nor OPENAI_API_VERSION is set: the
 * first GA version with Global Batch (learn.microsoft.com/azure/ai-services/openai/api-version-lifecycle). */
export const AZURE_DEFAULT_API_VERSION = "2024-10-21";

/** The file and output expiry Azure accepts, in seconds (14 to 30 days). */
export const AZURE_EXPIRY_SECONDS = { min: 1_209_600, max: 2_592_000 };
