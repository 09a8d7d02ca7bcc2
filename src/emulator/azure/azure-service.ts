import type { EmulatorContext } from "../context.js";
import { randomHex } from "../ids.js";
import type { EmulatedWireService } from "../openai/wire-service.js";
import { azureAuth, requireApiVersion } from "./azure-auth.js";

/** Azure's id shapes: `batch_<uuid>` and `file-<32 hex>` (learn.microsoft.com/azure/ai-services/openai/how-to/batch). */
const azureIds = {
  file: () => `file-${randomHex(32)}`,
  batch: () => `batch_${crypto.randomUUID()}`,
};

/**
 * Azure OpenAI's Global Batch at `/azure/openai` (so `AzureOpenAI({ endpoint: url + "/azure" })`
 * reaches it): `api-key` or bearer auth and `api-version` on every request; lines and the create
 * call name `/chat/completions`; 100,000 requests and 200 MB a file; files and outputs expire
 * after 14 to 30 days when asked, never by default; an upload is `pending` until it has been
 * looked at again (Azure processes uploads before a batch may use them).
 */
export function azureService(ctx: EmulatorContext): EmulatedWireService {
  return {
    provider: "azure",
    base: "/azure/openai",
    guard: [azureAuth(ctx.apiKeys), requireApiVersion()],
    endpoints: { "/chat/completions": "/v1/chat/completions" },
    completionWindows: ["24h"],
    windowMs: (_, defaultMs) => defaultMs,
    limits: (c) => c.azureLimits,
    expirySeconds: { min: 1_209_600, max: 2_592_000 },
    defaultFileTtlDays: null,
    uploadStatus: "pending",
    ids: azureIds,
  };
}
