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
}

export const CONFORMANCE_PROVIDERS: ConformanceProvider[] = [
  {
    id: "openai",
    model: "openai/gpt-4o-mini",
    options: (url) => ({ apiKey: "test-key", baseURL: `${url}/v1` }),
    deletesBatchObject: false,
    hasPendingPhase: true,
  },
  {
    id: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    options: (url) => ({ apiKey: "test-key", baseURL: url }),
    deletesBatchObject: true,
    hasPendingPhase: false,
  },
  {
    id: "google",
    model: "google/gemini-2.5-flash",
    options: (url) => ({ apiKey: "test-key", baseURL: url }),
    deletesBatchObject: true,
    hasPendingPhase: true,
  },
];
