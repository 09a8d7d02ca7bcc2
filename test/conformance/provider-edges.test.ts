// Secrets and odd bytes at the edges, the same on every provider: base URLs with credentials or a
// query are refused before anything is sent, secrets never reach an error's cause chain, and a
// byte-order mark at the start of a file costs no request and no result.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../../src/cli/demo.js";
import {
  BatchProcessor,
  filterSuccessful,
  InvalidBaseUrlError,
  ProviderApiError,
} from "../../src/index.js";
import { CONFORMANCE_PROVIDERS, type ConformanceProvider, optionsWithKey } from "./providers.js";
import { useServer } from "./scale-support.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
const BASE_URL_ENV = {
  openai: "OPENAI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
  google: "GOOGLE_GEMINI_BASE_URL",
  mistral: "MISTRAL_BASE_URL",
  bedrock: "BEDROCK_BATCH_BASE_URL",
  vertex: "GOOGLE_VERTEX_BASE_URL",
} as const;
const BOM = "\uFEFF";

/** Every message, stack and own string property of an error and its causes, as one text. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? "");
    parts.push(JSON.stringify(current, Object.getOwnPropertyNames(current)) ?? "");
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join("\n");
}

describe.each(CONFORMANCE_PROVIDERS)("$name at the edges", (provider: ConformanceProvider) => {
  let requests = 0;
  const server = useServer({
    phases: INSTANT,
    onRequest: () => {
      requests++;
    },
  });
  const envName = provider.baseUrlEnv ?? BASE_URL_ENV[provider.id as keyof typeof BASE_URL_ENV];
  const savedEnv = process.env[envName];
  afterEach(() => {
    if (savedEnv === undefined) delete process.env[envName];
    else process.env[envName] = savedEnv;
  });

  it("refuses a base URL with credentials in it, naming it and not the password", () => {
    const before = requests;
    const { baseURL } = provider.options(server.url);
    const withCredentials = baseURL!.replace("http://", "http://proxyuser:s3cret-pw@");
    const error = (() => {
      try {
        new BatchProcessor(provider.model, DemoUser, {
          ...provider.options(server.url),
          baseURL: withCredentials,
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidBaseUrlError);
    expect((error as InvalidBaseUrlError).issues[0]).toMatchObject({
      code: "credentials_in_base_url",
      path: ["baseURL"],
    });
    expect((error as Error).message).toContain("Proxy-Authorization");
    expect(everythingIn(error)).not.toContain("s3cret-pw");
    expect(requests).toBe(before);
  });

  it("refuses the same in the provider's base URL variable, before sending anything", async () => {
    const { baseURL: _, ...withoutBaseUrl } = provider.options(server.url);
    const base = provider.options(server.url).baseURL!;
    const cases = [
      [base.replace("http://", "http://u:s3cret-pw@"), "credentials_in_base_url"],
      [`${base}?key=s3cret-pw`, "query_in_base_url"],
      ["file:///etc/passwd", "invalid_base_url"],
    ] as const;
    for (const [url, code] of cases) {
      process.env[envName] = url;
      const processor = new BatchProcessor(provider.model, DemoUser, withoutBaseUrl);
      const buffer = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, {
        maxTokens: 50,
      });
      const before = requests;
      const error = await processor.submitBatch(buffer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidBaseUrlError);
      expect((error as InvalidBaseUrlError).issues[0]).toMatchObject({
        code,
        path: ["env", envName],
      });
      expect(everythingIn(error)).not.toContain("s3cret-pw");
      expect(requests).toBe(before);
    }
  });

  it("keeps a failing fetch's error as the cause, with the secrets it quoted removed", async () => {
    const processor = new BatchProcessor(provider.model, DemoUser, {
      ...optionsWithKey(provider, provider.options(server.url), "the-api-key-1234"),
      fetch: async () => {
        const inner = new Error(
          "connect ECONNREFUSED http://u:s3cret-pw@proxy.local/v1?token=s3cret-token&x=1 with the-api-key-1234",
        );
        throw new TypeError("fetch failed", { cause: inner });
      },
    });
    const buffer = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 50 });
    const error = await processor.submitBatch(buffer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    const text = everythingIn(error);
    // The chain is still there to debug with...
    expect(text).toContain("ECONNREFUSED http://[redacted]@proxy.local/v1?token=[redacted]&x=1");
    // ...without any of the secrets.
    for (const secret of ["s3cret-pw", "s3cret-token", "the-api-key-1234"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("reads a results file that starts with a byte-order mark, in every form it can arrive", async () => {
    const processor = new BatchProcessor(provider.model, DemoUser, provider.options(server.url));
    const file = `${BOM}${provider.resultLine}\n${provider.resultLine.replace('"u1"', '"u2"')}\n`;
    const bytes = new TextEncoder().encode(file);
    const oneByteChunks = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
          controller.close();
        },
      });
    const forms: [string, () => Parameters<typeof processor.parseResults>[0]][] = [
      ["string", () => file],
      ["bytes", () => bytes],
      ["Blob", () => new Blob([bytes])],
      ["stream of single bytes", oneByteChunks],
      ["iterable of strings", () => [file.slice(0, 1), file.slice(1, 5), file.slice(5)]],
    ];
    for (const [form, source] of forms) {
      const results = await processor.parseResults(source());
      expect(
        results.map((r) => (r.success ? r.customId : r.errorType)),
        form,
      ).toEqual(["u1", "u2"]);
      const streamed: string[] = [];
      for await (const r of processor.parseResultsStream(source())) {
        streamed.push(r.success ? r.customId : r.errorType);
      }
      expect(streamed, form).toEqual(["u1", "u2"]);
    }
  });

  it("submits a batch file that starts with a byte-order mark, every request intact", async () => {
    const processor = new BatchProcessor(provider.model, DemoUser, provider.options(server.url));
    const built = await processor.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 100 });
    const path = join(mkdtempSync(join(tmpdir(), "sb-bom-")), "batch.jsonl");
    writeFileSync(path, `${BOM}${built.text()}`);
    const id = await processor.submitBatch(path);
    await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await processor.getResults(id);
    expect(filterSuccessful(results).map((r) => r.customId)).toEqual(built.customIds);
  });
});
