import { vi } from "vitest";
import { BatchBuffer } from "../../../batch/batch-buffer.js";
import { JsonlWriter } from "../../../batch/jsonl-writer.js";
import type { ProviderOutcome } from "../../types.js";
import { buildGeminiLineEncoder } from "../build-gemini-line-encoder.js";

// A fake SDK client and fetch for the adapter's unit tests; the whole path against the
// emulator is in test/google-end-to-end.test.ts.

const output = {
  schema: {
    name: "r",
    description: undefined,
    jsonSchema: {},
    validate: () => ({ success: true as const, value: 1 }),
  },
  wireSchema: { type: "object" },
  normalize: (v: unknown) => v,
};

export function bufferOf(ids: string[]): BatchBuffer {
  const encode = buildGeminiLineEncoder(output, { maxTokens: 10 }, () => {}, "gemini-2.5-flash");
  const writer = new JsonlWriter();
  for (const id of ids) writer.push(encode(id, [{ role: "user", content: `text of ${id}` }]));
  return new BatchBuffer({
    provider: "google",
    model: "gemini-2.5-flash",
    customIds: ids,
    chunks: writer.finish(),
  });
}

export const KEY = "AIzaSy-THIS-IS-A-SECRET-KEY";
export const done = (extra: Record<string, unknown>) => ({
  name: "batches/b1",
  metadata: { state: "BATCH_STATE_SUCCEEDED", batchStats: { requestCount: "1" }, ...extra },
});
export const resultLine = (key: string) =>
  JSON.stringify({
    key,
    response: { candidates: [{ content: { parts: [{ text: "{}" }] }, finishReason: "STOP" }] },
  });

/** A fake SDK client; `withRest` gives it the `apiClient` getters the real GoogleGenAI has. */
export function fakeClient(
  routes: Record<string, (init: RequestInit) => Response>,
  withRest = true,
) {
  const seen: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    seen.push({ url, init });
    const { pathname, search } = new URL(url);
    const route =
      routes[`${init.method ?? "GET"} ${pathname}${search}`] ??
      routes[`${init.method ?? "GET"} ${pathname}`];
    return route
      ? route(init)
      : Response.json(
          { error: { code: 404, message: "no route", status: "NOT_FOUND" } },
          { status: 404 },
        );
  });
  const sdk = {
    files: {
      upload: vi.fn(async () => ({ name: "files/in1" })),
      delete: vi.fn(async () => ({})),
    },
    batches: {
      create: vi.fn(async () => ({ name: "batches/b1" })),
      get: vi.fn(
        async (): Promise<unknown> => ({
          name: "batches/b1",
          state: "JOB_STATE_SUCCEEDED",
          dest: { inlinedResponses: [] },
        }),
      ),
      list: vi.fn(async () =>
        (async function* () {
          yield { name: "batches/b2", state: "JOB_STATE_RUNNING" };
          yield { name: "batches/b1", state: "JOB_STATE_SUCCEEDED" };
        })(),
      ),
      cancel: vi.fn(async () => ({})),
      delete: vi.fn(async () => ({})),
    },
    ...(withRest && {
      apiClient: {
        getBaseUrl: () => "http://gemini.test/",
        getApiKey: () => KEY,
        getFetch: () => fetch,
        getHeaders: () => ({ "x-custom": "1" }),
      },
    }),
  };
  return { sdk, seen, fetch };
}

/** The outcomes of `readResultBatches`, flattened. */
export async function collect(
  iterable: AsyncIterable<ProviderOutcome[]>,
): Promise<ProviderOutcome[]> {
  const out: ProviderOutcome[] = [];
  for await (const batch of iterable) out.push(...batch);
  return out;
}
