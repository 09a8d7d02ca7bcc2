import type { FaultMatch } from "../../src/emulator/index.js";
import type { BatchProcessorOptions, ProviderId } from "../../src/index.js";

/** How the conformance suite reaches each adapter on the emulator. */
export interface ConformanceProvider {
  id: ProviderId;
  model: string;
  options(serverUrl: string): BatchProcessorOptions;
  /** Whether deleting removes the batch object itself (OpenAI can only delete its files). */
  deletesBatchObject: boolean;
  /** Whether the provider has a status before processing starts (Anthropic starts in_progress). */
  hasPendingPhase: boolean;
  /** The HTTP calls that send the requests, create the batch and download its results. */
  calls: { upload: FaultMatch; create: FaultMatch; download: FaultMatch };
  /** Options that send the batch the way `calls` describes (Gemini: as a file). */
  fileOptions?: BatchProcessorOptions;
}

export const CONFORMANCE_PROVIDERS: ConformanceProvider[] = [
  {
    id: "openai",
    model: "openai/gpt-4o-mini",
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/v1` }),
    deletesBatchObject: false,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: "/v1/files" },
      create: { method: "POST", path: "/v1/batches" },
      download: { method: "GET", path: /^\/v1\/files\/[^/]+\/content$/ },
    },
  },
  {
    id: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    options: (url) => ({ apiKey: "test-key", baseURL: url }),
    deletesBatchObject: true,
    hasPendingPhase: false,
    // The requests travel inline, in the create call itself.
    calls: {
      upload: { method: "POST", path: "/v1/messages/batches" },
      create: { method: "POST", path: "/v1/messages/batches" },
      download: { method: "GET", path: /\/results$/ },
    },
  },
  {
    id: "google",
    model: "google/gemini-2.5-flash",
    options: (url) => ({ apiKey: "test-key", baseURL: url }),
    deletesBatchObject: true,
    hasPendingPhase: true,
    calls: {
      upload: { method: "POST", path: /^\/upload\// },
      create: { method: "POST", path: /:batchGenerateContent$/ },
      download: { method: "GET", path: /:download$/ },
    },
    fileOptions: { google: { inlineMaxBytes: 0 } },
  },
];
