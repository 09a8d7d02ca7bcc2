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
  mistral: {
    id: "mistral",
    model: "mistral/mistral-small-latest",
    keyEnv: ["MISTRAL_API_KEY"],
    // The emulator serves Mistral under /mistral; the SDK's paths start with /v1.
    emulatorOptions: (url) => ({ apiKey: "emulator-key", baseURL: `${url}/mistral` }),
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
  bedrock: {
    id: "bedrock",
    model: "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0",
    // The first link of the AWS SDK's default chain; a profile or role is read by the SDK too.
    keyEnv: ["AWS_ACCESS_KEY_ID", "AWS_PROFILE"],
    emulatorOptions: (url) => ({
      baseURL: url,
      bedrock: {
        region: "us-east-1",
        roleArn: "arn:aws:iam::123456789012:role/EmulatedBedrockBatch",
        s3Uri: "s3://structured-batch-demo/batches/",
        credentials: { accessKeyId: "AKIAEMULATOR", secretAccessKey: "emulator-secret" },
        // The embedded emulator takes jobs of any size; the demo sends three records.
        quotas: { minRecordsPerJob: 1 },
      },
    }),
    realOptions: () => ({}),
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
