// A Cloudflare Worker (module syntax) that builds a batch in memory and submits it, and reads
// its results later. Workers have no file system and no `process.env`: the key and endpoint
// come from the Worker's bindings (`wrangler secret put OPENAI_API_KEY`).
//
//   POST /batches            {"texts": ["John Doe is 25, john@example.com", ...]} -> 202 {batchId}
//   GET  /batches/{batchId}  -> {status, counts} while it runs, then {status, users, errors}
//
// Install: `npm install structured-batch zod openai`. wrangler.toml: `main` pointing here; no
// compatibility flag is needed.
import {
  BatchProcessor,
  filterErrors,
  filterSuccessful,
  InvalidArgumentError,
  isTerminalStatus,
} from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

export interface Env {
  OPENAI_API_KEY: string;
  /** Optional: a proxy, a gateway, or the emulator. */
  OPENAI_BASE_URL?: string;
}

function processorFor(env: Env) {
  return new BatchProcessor("openai/gpt-4o-mini", User, {
    apiKey: env.OPENAI_API_KEY,
    ...(env.OPENAI_BASE_URL !== undefined && { baseURL: env.OPENAI_BASE_URL }),
  });
}

async function route(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const processor = processorFor(env);

  if (request.method === "POST" && url.pathname === "/batches") {
    const { texts } = (await request.json()) as { texts?: string[] };
    if (!Array.isArray(texts) || texts.length === 0) {
      return Response.json({ error: "texts: a non-empty array of strings" }, { status: 400 });
    }
    const buffer = await processor.createBatchFromMessages(
      texts.map((text) => [{ role: "user" as const, content: `Extract: ${text}` }]),
      { maxTokens: 150 },
    );
    const batchId = await processor.submitBatch(buffer);
    return Response.json({ batchId, requests: buffer.requestCount }, { status: 202 });
  }

  const match = /^\/batches\/(.+)$/.exec(url.pathname);
  if (request.method === "GET" && match) {
    const batchId = decodeURIComponent(match[1]!);
    const status = await processor.getBatchStatus(batchId);
    if (!isTerminalStatus(status.status)) {
      return Response.json({ status: status.status, counts: status.requestCounts });
    }
    const results = await processor.getResults(batchId);
    return Response.json({
      status: status.status,
      users: filterSuccessful(results).map((r) => r.result),
      errors: filterErrors(results).map((r) => ({ id: r.customId, type: r.errorType })),
    });
  }
  return Response.json({ error: "not found" }, { status: 404 });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return await route(request, env);
    } catch (error) {
      // Library errors never contain the key; bad input is the caller's, the rest upstream's.
      const status = error instanceof InvalidArgumentError ? 400 : 502;
      return Response.json({ error: (error as Error).message }, { status });
    }
  },
};
