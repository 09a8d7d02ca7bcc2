import type { BatchProcessorOptions } from "../processor/batch-processor-options.js";
import type { ProviderId } from "../providers/types.js";
import { readEnv } from "../util/env.js";

/** How the demo reaches each provider, for real or on the emulator. */
export interface DemoProvider {
  id: ProviderId;
  /** The model string of the quick start for this provider. */
  model: string;
  /** Environment variables holding a key; the first one set wins. */
  keyEnv: string[];
  /** The processor's options for an emulator served at `url` (base URL, fake credentials). */
  emulatorOptions(url: string): BatchProcessorOptions;
  /** Options the real service needs besides the key, read from the environment (Bedrock's bucket). */
  realOptions?(): BatchProcessorOptions;
}

export const DEMO_PROVIDERS: Record<ProviderId, DemoProvider> = {
  openai: {
    id: "openai",
    model: "openai/gpt-4o-mini",
    keyEnv: ["OPENAI_API_KEY"],
    emulatorOptions: (url) => ({ apiKey: "emulator-key", baseURL: `${url}/v1` }),
  },
  anthropic: {
    id: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    keyEnv: ["ANTHROPIC_API_KEY"],
    emulatorOptions: (url) => ({ apiKey: "emulator-key", baseURL: url }),
  },
  google: {
    id: "google",
    model: "google/gemini-2.5-flash",
    keyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    emulatorOptions: (url) => ({ apiKey: "emulator-key", baseURL: url }),
  },
  azure: {
    id: "azure",
    // A deployment named after the model it runs, as Azure's portal suggests.
    model: "azure/gpt-4o-mini",
    keyEnv: ["AZURE_OPENAI_API_KEY"],
    emulatorOptions: (url) => ({ apiKey: "emulator-key", azure: { endpoint: `${url}/azure` } }),
    // AZURE_OPENAI_ENDPOINT and OPENAI_API_VERSION are read by the adapter itself.
  },
  groq: {
    id: "groq",
    model: "groq/llama-3.1-8b-instant",
    keyEnv: ["GROQ_API_KEY"],
    emulatorOptions: (url) => ({ apiKey: "emulator-key", baseURL: `${url}/groq/openai/v1` }),
  },
  together: {
    id: "together",
    // One of the models Together bills at the batch discount (docs.together.ai/docs/inference/batch/overview).
    model: "together/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    keyEnv: ["TOGETHER_API_KEY"],
    emulatorOptions: (url) => ({ apiKey: "emulator-key", baseURL: `${url}/together/v1` }),
  },
};

/** The first key variable that is set, if any. */
export function configuredKeyEnv(provider: DemoProvider): string | undefined {
  return provider.keyEnv.find((name) => readEnv(name) !== undefined);
}
