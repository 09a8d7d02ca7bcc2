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
  // Vertex AI authenticates with Google Cloud credentials (ADC); the project is what says the
  // real service is meant. The emulator takes any bearer token (`apiKey` is one for vertex/).
  vertex: {
    id: "vertex",
    model: "vertex/gemini-2.5-flash",
    keyEnv: ["GOOGLE_CLOUD_PROJECT"],
    emulatorOptions: (url) => ({
      apiKey: "emulator-token",
      baseURL: `${url}/vertex`,
      vertex: {
        project: "emulator-project",
        location: "us-central1",
        gcsUri: "gs://emulator-bucket/structured-batch",
        storageBaseURL: `${url}/gcs`,
      },
    }),
  },
};

/** The first key variable that is set, if any. */
export function configuredKeyEnv(provider: DemoProvider): string | undefined {
  return provider.keyEnv.find((name) => readEnv(name) !== undefined);
}
