import { StructuredBatchError } from "../../errors/structured-batch-error.js";
import type { OpenAIWireService, WireCall } from "../openai/openai-wire-service.js";
import type { ProviderClientOptions } from "../types.js";
import { AZURE_CHAT_URL, AZURE_LIMITS } from "./azure-limits.js";
import type { AzureProviderOptions } from "./azure-provider-options.js";
import { loadAzureClient } from "./load-azure-client.js";

// Azure processes an upload before a batch may use it; a few seconds in practice.
const FILE_POLL_MS = 1000;
const FILE_WAIT_MS = 10 * 60_000;

/**
 * Azure answers an upload with status `pending` (older api-versions) and processes it before a
 * batch may read it: "wait until the file is processed" (learn.microsoft.com/azure/ai-services/
 * openai/how-to/batch, "Upload batch file"). Polls `files.retrieve` until `processed`; `error`
 * is Azure's status for a file it could not process.
 */
async function awaitProcessed(
  file: { id: string; status?: string | null },
  call: WireCall,
): Promise<void> {
  let status = file.status;
  const deadline = Date.now() + FILE_WAIT_MS;
  while (status !== undefined && status !== null && status !== "processed") {
    if (status === "error" || status === "deleted" || status === "deleting") {
      throw new StructuredBatchError(
        "file_not_processed",
        `Azure OpenAI could not process the batch file ${file.id} (status "${status}")`,
      );
    }
    if (Date.now() > deadline) {
      throw new StructuredBatchError(
        "file_not_processed",
        `Azure OpenAI has not processed the batch file ${file.id} in ${FILE_WAIT_MS / 60_000} minutes (status "${status}")`,
      );
    }
    const seen = await call("check batch file", async (c) =>
      c.files.retrieve ? c.files.retrieve(file.id) : { id: file.id, status: "processed" },
    );
    status = seen.status;
    if (status !== "processed") await new Promise((r) => setTimeout(r, FILE_POLL_MS));
  }
}

/**
 * Azure OpenAI's Global Batch as an OpenAI-wire service: the `AzureOpenAI` client, lines whose
 * `model` is the deployment and whose `url` is `/chat/completions`, Azure's limits. Azure's
 * Global Batch takes chat completions only on the api-version data plane (the Responses API is
 * not among its batch endpoints there).
 */
export function azureService(azure: AzureProviderOptions = {}): OpenAIWireService {
  return {
    id: "azure",
    label: "Azure OpenAI",
    limits: AZURE_LIMITS,
    endpoints: { "/v1/chat/completions": AZURE_CHAT_URL },
    completionWindow: "24h",
    completionWindows: ["24h"],
    keyEnv: ["AZURE_OPENAI_API_KEY"],
    loadClient: (options: ProviderClientOptions) => loadAzureClient(options, azure),
    ...(azure.model !== undefined && { catalogModel: azure.model }),
    ...(azure.fileExpirySeconds !== undefined && {
      uploadFields: {
        "expires_after[anchor]": "created_at",
        "expires_after[seconds]": String(azure.fileExpirySeconds),
      },
    }),
    awaitFileProcessed: awaitProcessed,
  };
}
