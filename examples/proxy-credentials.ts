// Reaching the batch APIs through a proxy that wants credentials. A base URL such as
// http://user:password@proxy.local/v1 is refused before anything is sent (fetch cannot send such
// a URL, and the password would end up in error messages): the credentials travel in a header
// instead, added by the `fetch` option, on every provider.
import { BatchProcessor } from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

/** A fetch that sends `Proxy-Authorization: Basic ...` with every request. */
export function fetchWithProxyAuth(user: string, password: string): typeof fetch {
  const credentials = `Basic ${btoa(`${user}:${password}`)}`;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("Proxy-Authorization", credentials);
    return fetch(input, { ...init, headers });
  };
}

/**
 * `proxyUrl` is the proxy's address without credentials; OpenAI's base URL ends in `/v1`, the
 * others' do not. Keys come from the environment as usual.
 */
export async function main(proxyUrl: string, user: string, password: string) {
  const models = ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"];
  const names: string[] = [];
  for (const model of models) {
    const processor = new BatchProcessor(model, User, {
      baseURL: model.startsWith("openai/") ? `${proxyUrl}/v1` : proxyUrl,
      fetch: fetchWithProxyAuth(user, password),
    });
    const buffer = await processor.createBatchFromMessages(
      [[{ role: "user", content: "Extract: John Doe is 25 years old, john@example.com" }]],
      { maxTokens: 150 },
    );
    const batchId = await processor.submitBatch(buffer);
    await processor.waitForCompletion(batchId, { pollIntervalMs: 10 });
    for (const r of await processor.getResults(batchId)) {
      names.push(r.success ? `${model}: ${r.result.name}` : `${model}: ${r.errorType}`);
    }
  }
  console.log(names.join("\n"));
  return names;
}
