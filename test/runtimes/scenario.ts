// The one scenario every runtime runs (workerd, Bun, Deno, Node 20 and 22): build a batch in
// memory, submit it, wait for it and read the results, once per provider, against the emulator
// that the harness (runtimes.spec.ts) serves on 127.0.0.1. It uses web-standard APIs only, so
// the same module runs unchanged everywhere; each runtime's runner only passes the emulator's
// URL in and prints the report out.
import { z } from "zod";
import {
  type BatchBuffer,
  BatchProcessor,
  type BatchProcessorOptions,
  type BatchResult,
  filePart,
} from "../../src/index.js";
import { makePdf } from "../../src/messages/test-support/pdf.js";

// Azure, Groq and Together use the `openai` SDK (AzureOpenAI is in the same package): wherever it runs.
export const SCENARIO_PROVIDERS = [
  "openai",
  "anthropic",
  "google",
  "mistral",
  "vertex",
  "azure",
  "groq",
  "bedrock",
  "together",
] as const;
export type ScenarioProvider = (typeof SCENARIO_PROVIDERS)[number];

const MODELS: Record<ScenarioProvider, string> = {
  openai: "openai/gpt-4o-mini",
  anthropic: "anthropic/claude-haiku-4-5",
  google: "google/gemini-2.5-flash",
  mistral: "mistral/mistral-small-latest",
  vertex: "vertex/gemini-2.5-flash",
  azure: "azure/gpt-4o-mini",
  groq: "groq/llama-3.1-8b-instant",
  bedrock: "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0",
  together: "together/meta-llama/Llama-3.3-70B-Instruct-Turbo",
};

/** How each provider is reached on the emulator: Bedrock with AWS credentials and a bucket. */
function connection(provider: ScenarioProvider, emulatorUrl: string): BatchProcessorOptions {
  if (provider !== "bedrock") {
    return { apiKey: "runtime-test-key", baseURL: baseURLFor(provider, emulatorUrl) };
  }
  return {
    baseURL: emulatorUrl,
    bedrock: {
      region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/RuntimeScenario",
      s3Uri: "s3://runtime-scenario/batches/",
      credentials: { accessKeyId: "AKIARUNTIMETEST", secretAccessKey: "runtime-secret" },
      quotas: { minRecordsPerJob: 1 },
    },
  };
}

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const TEXTS = [
  "John Doe is 25 years old and his email is john@example.com",
  "Jane Smith, age 30, can be reached at jane.smith@company.com",
  "Bob Wilson (28) - bob.wilson@email.com",
];

/** Ids the scenario sends; the harness scripts `REFUSED_ID` to be refused by the emulator. */
export const SCENARIO_IDS = ["user-0", "user-1", "user-2"] as const;
export const REFUSED_ID = "user-2";

export interface ScenarioOptions {
  /** The emulator's origin, e.g. `http://127.0.0.1:8787` (no path). */
  emulatorUrl: string;
  providers?: readonly ScenarioProvider[];
  /** Handed to the SDKs through the processor's `fetch` option (left out: the SDK's default). */
  fetch?: typeof globalThis.fetch;
}

/** What one provider's run produced: plain JSON, compared by the harness. */
export interface ProviderReport {
  provider: ScenarioProvider;
  requestCount: number;
  bufferSize: number;
  /** SHA-256 of the batch's bytes (Web Crypto): the same batch byte for byte everywhere. */
  bufferSha256: string;
  previewStartsWithJson: boolean;
  batchIdKind: string;
  status: string;
  successes: Array<{ customId: string; name: string; age: number; email: string }>;
  errors: Array<{ customId: string; errorType: string }>;
  /** `processor.estimateCost(buffer)`: the price dataset and tokenizer loaded on demand. */
  estimate: { inputTokens: number; tokenCounting: string; total: number | undefined };
  /** `results.summary.cost.total`, from the usage the emulator reported. */
  summaryCost: number | undefined;
  /** What came back for a PDF built with `filePart` from bytes (its text read by the emulator). */
  pdf: unknown;
}

export interface ScenarioReport {
  ok: boolean;
  reports: ProviderReport[];
  /** Per provider, the error that stopped it (name and message), when one did. */
  failures: Array<{ provider: ScenarioProvider; error: string }>;
}

function baseURLFor(provider: ScenarioProvider, emulatorUrl: string): string {
  // OpenAI's base URL includes /v1; Anthropic's and Gemini's SDKs add their own version path;
  // Azure's is the resource endpoint (the SDK adds /openai), Groq's its /openai/v1.
  if (provider === "azure") return `${emulatorUrl}/azure`;
  if (provider === "groq") return `${emulatorUrl}/groq/openai/v1`;
  // The emulator serves Mistral under /mistral (its SDK's paths start with /v1).
  if (provider === "mistral") return `${emulatorUrl}/mistral`;
  // Vertex AI is served under /vertex (its SDK adds /v1/projects/...).
  if (provider === "vertex") return `${emulatorUrl}/vertex`;
  if (provider === "together") return `${emulatorUrl}/together/v1`;
  return provider === "openai" ? `${emulatorUrl}/v1` : emulatorUrl;
}

/** Vertex AI also needs its project, location and Cloud Storage folder (on the emulator). */
function providerSettings(provider: ScenarioProvider, emulatorUrl: string) {
  if (provider !== "vertex") return {};
  return {
    vertex: {
      project: "runtime-project",
      location: "us-central1",
      gcsUri: "gs://runtime-bucket/batches",
      storageBaseURL: `${emulatorUrl}/gcs`,
    },
  };
}

/** The kind of id the provider returned (`batch_`, `msgbatch_`, `batches/`, `projects/`), not the id itself. */
function idKind(id: string): string {
  if (/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(id)) return "uuid";
  return /^(batch_|msgbatch_|batches\/|projects\/|sbh1_|arn:aws:bedrock:)/.exec(id)?.[1] ?? "other";
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function runProvider(
  provider: ScenarioProvider,
  options: ScenarioOptions,
): Promise<ProviderReport> {
  const processor = new BatchProcessor(MODELS[provider], User, {
    ...connection(provider, options.emulatorUrl),
    ...providerSettings(provider, options.emulatorUrl),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  });
  const buffer = await processor.createBatchFromMessages(
    TEXTS.map((text) => [
      { role: "system" as const, content: "Extract the user's name, age and email." },
      { role: "user" as const, content: `Extract: ${text}` },
    ]),
    { filePath: null, customIds: [...SCENARIO_IDS], maxTokens: 150 },
  );
  const batchId = await processor.submitBatch(buffer, {
    metadata: { description: "runtime scenario" },
  });
  const status = await processor.waitForCompletion(batchId, {
    pollIntervalMs: 20,
    maxPollIntervalMs: 200,
    timeoutMs: 30_000,
  });
  const results = await processor.getResults(batchId);
  if (provider === "google") await checkGeminiFileUpload(buffer, results, options);
  const estimate = await processor.estimateCost(buffer);
  return {
    provider,
    requestCount: buffer.requestCount,
    bufferSize: buffer.size,
    bufferSha256: await sha256(buffer.getValue()),
    previewStartsWithJson: buffer.preview(1) === "{",
    batchIdKind: idKind(batchId),
    status: status.status,
    successes: results.flatMap((r) => (r.success ? [{ customId: r.customId, ...r.result }] : [])),
    errors: results.flatMap((r) =>
      r.success ? [] : [{ customId: r.customId, errorType: r.errorType }],
    ),
    estimate: {
      inputTokens: estimate.inputTokens,
      tokenCounting: estimate.tokenCounting,
      total: estimate.cost?.total,
    },
    summaryCost: results.summary.cost?.total,
    pdf: await extractFromPdf(processor),
  };
}

/** One request whose only content besides the instruction is a PDF made from bytes. */
async function extractFromPdf(processor: BatchProcessor<z.infer<typeof User>>): Promise<unknown> {
  const bytes = Uint8Array.from(atob(makePdf("Ada Lovelace, 36, ada@example.com")), (c) =>
    c.charCodeAt(0),
  );
  const pdf = filePart(bytes, { mediaType: "application/pdf", filename: "contact.pdf" });
  const buffer = await processor.createBatchFromMessages(
    [[{ role: "user", content: [{ type: "text", text: "Extract the contact." }, pdf] }]],
    { customIds: ["pdf-0"], maxTokens: 150 },
  );
  const batchId = await processor.submitBatch(buffer);
  await processor.waitForCompletion(batchId, {
    pollIntervalMs: 20,
    maxPollIntervalMs: 200,
    timeoutMs: 30_000,
  });
  const [result] = await processor.getResults(batchId);
  return result?.success ? result.result : result?.errorType;
}

/**
 * Gemini sends a batch this small inline; the same buffer is also sent as an uploaded file (the
 * resumable upload, streamed from the buffer), and must give the same results.
 */
async function checkGeminiFileUpload(
  buffer: BatchBuffer,
  inline: readonly BatchResult<z.infer<typeof User>>[],
  options: ScenarioOptions,
): Promise<void> {
  const processor = new BatchProcessor(MODELS.google, User, {
    apiKey: "runtime-test-key",
    baseURL: baseURLFor("google", options.emulatorUrl),
    google: { inlineMaxBytes: 0 },
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  });
  const batchId = await processor.submitBatch(buffer, { metadata: { description: "as a file" } });
  await processor.waitForCompletion(batchId, {
    pollIntervalMs: 20,
    maxPollIntervalMs: 200,
    timeoutMs: 30_000,
  });
  const viaFile = await processor.getResults(batchId);
  const summary = (results: readonly BatchResult<unknown>[]) =>
    JSON.stringify(results.map((r) => [r.customId, r.success ? r.result : r.errorType]));
  if (summary(viaFile) !== summary(inline)) {
    throw new Error(`the uploaded file gave other results: ${summary(viaFile)}`);
  }
}

/** Runs every provider one after another; a provider's failure is reported, not thrown. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const reports: ProviderReport[] = [];
  const failures: ScenarioReport["failures"] = [];
  for (const provider of options.providers ?? SCENARIO_PROVIDERS) {
    try {
      reports.push(await runProvider(provider, options));
    } catch (error) {
      const e = error as { name?: string; message?: string; cause?: unknown };
      const cause = e.cause instanceof Error ? ` (cause: ${e.cause.message})` : "";
      failures.push({
        provider,
        error: `${e.name ?? "Error"}: ${e.message ?? String(error)}${cause}`,
      });
    }
  }
  return { ok: failures.length === 0, reports, failures };
}

/** The line a runner prints; the harness finds the report by this prefix. */
export const REPORT_PREFIX = "SCENARIO_REPORT ";
