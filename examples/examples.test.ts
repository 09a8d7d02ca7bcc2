// Every example runs here against the emulator on 127.0.0.1, configured as a user configures
// the real APIs: keys and endpoints in the environment (Lambda, Node) or in a Worker's bindings.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useEmulatorServer } from "../test/support/emulator-server.js";
import { bundleWorker, startWorker } from "../test/support/workerd.js";
import * as bufferExample from "./buffer-size-and-preview.js";
import * as errorExample from "./error-handling.js";
import * as fileExample from "./file-vs-memory.js";
import { handler } from "./lambda-handler.js";
import * as memoryExample from "./memory-monitoring.js";
import { quickStart } from "./quick-start.js";
import * as splittingExample from "./splitting.js";
import * as providersExample from "./three-providers.js";

const server = useEmulatorServer();

// For error-handling.ts: one refusal, one answer cut off, one server error that a retry fixes.
let annFailed = false;
const failing = useEmulatorServer({
  responder: (request) => {
    if (request.customId === "jane") return { type: "refusal" };
    if (request.customId === "bob") return { type: "truncated" };
    if (request.customId === "ann" && !annFailed) {
      annFailed = true;
      return { type: "error", status: 500, message: "The server had an error" };
    }
    return undefined;
  },
});

/** Points every provider's SDK at an emulator, through the variables users set. */
function useEmulatorEnv(target: { url: string; baseURL: string }) {
  vi.stubEnv("OPENAI_API_KEY", "example-key");
  vi.stubEnv("OPENAI_BASE_URL", target.baseURL);
  vi.stubEnv("ANTHROPIC_API_KEY", "example-key");
  vi.stubEnv("ANTHROPIC_BASE_URL", target.url);
  vi.stubEnv("GEMINI_API_KEY", "example-key");
  vi.stubEnv("GOOGLE_API_KEY", "");
  vi.stubEnv("GOOGLE_GEMINI_BASE_URL", target.url);
}

/** What an example printed with console.log, one string per call. */
function captureLog() {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  });
  return { lines, restore: () => spy.mockRestore() };
}

async function printed<T>(run: () => Promise<T>): Promise<{ value: T; output: string }> {
  const log = captureLog();
  try {
    const value = await run();
    return { value, output: log.lines.join("\n") };
  } finally {
    log.restore();
  }
}

beforeAll(() => useEmulatorEnv(server));
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("examples", () => {
  it("quick-start.ts: the README's quick start", async () => {
    const { output } = await printed(() => quickStart());
    expect(output).toContain("request-0 John Doe");
    expect(output).toMatch(/^\d+ \{"custom_id":"request-0"/m);
  });

  it("file-vs-memory.ts: the same bytes in memory and in a file, both submitted", async () => {
    const { value, output } = await printed(() => fileExample.main());
    expect(value).toEqual({
      memoryBytes: value.fileBytes,
      fileBytes: value.memoryBytes,
      identical: true,
    });
    expect(output).toMatch(/submitted batch_\w+ \(from memory\) and batch_\w+ \(from the file\)/);
  });

  it("buffer-size-and-preview.ts: size, ids, preview and warnings before sending", async () => {
    const { value, output } = await printed(() => bufferExample.main());
    expect(value.requestCount).toBe(3);
    expect(value.size).toBeGreaterThan(300);
    expect(value.preview).toMatch(/^\{"custom_id":"request-0","params":/);
    expect(value.warnings.join(" ")).toContain("temperature");
    expect(output).toContain("custom ids: request-0, request-1, request-2");
    expect(output).toContain("first request: request-0, max_tokens 150");
  });

  it("error-handling.ts: bad input, failed requests as results, a retry, an HTTP error", async () => {
    useEmulatorEnv(failing);
    try {
      const { value, output } = await printed(() => errorExample.main({ pollIntervalMs: 5 }));
      expect(output).toMatch(/refused before sending: .*\[1\]\[0\]\.role.*\[2\]/);
      expect(output).toContain("1 succeeded, 3 failed");
      expect(output).toContain("bob: truncated: cut off by maxTokens");
      expect(output).toContain("ann: provider_error: the provider failed this request (500)");
      expect(output).toContain("after the retry: 2 succeeded");
      expect(value).toEqual({
        succeeded: ["john", "ann"],
        errors: ["jane: refusal", "bob: truncated"],
        httpStatus: 404,
      });
    } finally {
      useEmulatorEnv(server);
    }
  });

  it("three-providers.ts: the same code on OpenAI, Anthropic and Gemini", async () => {
    const { value } = await printed(() => providersExample.main({ pollIntervalMs: 5 }));
    expect(value).toEqual(
      Object.fromEntries(providersExample.MODELS.map((m) => [m, ["John Doe", "Jane Smith"]])),
    );
  });

  it("splitting.ts: 5 requests over a 2-request limit make 3 parts under one handle", async () => {
    const { value, output } = await printed(() => splittingExample.main({ pollIntervalMs: 5 }));
    expect(value.handle).toMatch(/^sbh1_/);
    expect(value.parts).toBe(3);
    expect(value.results.map((r) => r.customId)).toEqual([
      "request-0",
      "request-1",
      "request-2",
      "request-3",
      "request-4",
    ]);
    expect(value.results.every((r) => r.success)).toBe(true);
    expect(output).toContain("status: completed, 5 succeeded");
  });

  it("memory-monitoring.ts: memory before and after building 10,000 requests", async () => {
    const { value, output } = await printed(() => memoryExample.main(10_000));
    expect(value.count).toBe(10_000);
    expect(value.bufferBytes).toBeGreaterThan(10_000 * 300);
    expect(output).toContain("10000 requests");
    expect(output).toMatch(/memory per request for the batch: ~\d+ bytes/);
    expect(value.maxRss).toBeGreaterThan(value.bufferBytes);
    expect(output).toMatch(/peak RSS of the process so far: \d+\.\d MB/);
  });
});

// --- AWS Lambda: the handler invoked with API Gateway (HTTP API, payload 2.0) events ---------

function apiGatewayEvent(
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; id?: string; base64?: boolean } = {},
): APIGatewayProxyEventV2 {
  const routeKey = `${method} ${options.id === undefined ? path : "/batches/{id}"}`;
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString: "",
    headers: {
      "content-type": "application/json",
      host: "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
      "user-agent": "curl/8.5.0",
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      domainName: "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "a1b2c3d4e5",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: "203.0.113.7",
        userAgent: "curl/8.5.0",
      },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey,
      stage: "$default",
      time: "28/Nov/2026:21:00:00 +0000",
      timeEpoch: 1_795_726_800_000,
    },
    ...(options.id !== undefined && { pathParameters: { id: options.id } }),
    ...(options.body !== undefined && {
      body: options.base64
        ? Buffer.from(JSON.stringify(options.body)).toString("base64")
        : JSON.stringify(options.body),
    }),
    isBase64Encoded: options.base64 === true,
  };
}

const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "extract-users",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:extract-users",
  memoryLimitInMB: "256",
  awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
  logGroupName: "/aws/lambda/extract-users",
  logStreamName: "2026/11/28/[$LATEST]abcdef0123456789",
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

function body(result: APIGatewayProxyResultV2): { statusCode: number; json: any } {
  if (typeof result === "string") throw new Error("expected a structured result");
  return { statusCode: result.statusCode ?? 200, json: JSON.parse(result.body ?? "null") };
}

describe("lambda-handler.ts", () => {
  it("submits from memory on POST, then reports status and results on GET", async () => {
    const submitted = body(
      await handler(
        apiGatewayEvent("POST", "/batches", {
          body: {
            texts: ["John Doe is 25 years old, john@example.com", "Bo Chen, 41, bo@example.com"],
          },
        }),
        lambdaContext,
      ),
    );
    expect(submitted.statusCode).toBe(202);
    expect(submitted.json).toMatchObject({
      batchId: expect.stringMatching(/^batch_/),
      requests: 2,
    });

    const batchId = submitted.json.batchId as string;
    const read = body(
      await handler(apiGatewayEvent("GET", `/batches/${batchId}`, { id: batchId }), lambdaContext),
    );
    expect(read).toEqual({
      statusCode: 200,
      json: {
        status: "completed",
        users: [
          { id: "request-0", name: "John Doe", age: 25, email: "john@example.com" },
          { id: "request-1", name: "Bo Chen", age: 41, email: "bo@example.com" },
        ],
        errors: [],
      },
    });
  });

  it("answers 400 to a bad body and 404 to an unknown route, sending nothing", async () => {
    const bad = body(
      await handler(apiGatewayEvent("POST", "/batches", { body: { texts: [] } }), lambdaContext),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json.error).toContain("texts");
    const unknown = body(await handler(apiGatewayEvent("GET", "/nothing"), lambdaContext));
    expect(unknown.statusCode).toBe(404);
  });

  it("reads a base64-encoded body (as API Gateway sends binary media types)", async () => {
    const event = apiGatewayEvent("POST", "/batches", {
      body: { texts: ["Zoë Ünal is 29, zoe@example.com"] },
      base64: true,
    });
    const submitted = body(await handler(event, lambdaContext));
    expect(submitted).toMatchObject({ statusCode: 202, json: { requests: 1 } });
  });
});

// --- Cloudflare Worker: bundled as wrangler bundles it and run in workerd (miniflare) ---------

describe("cloudflare-worker.ts", () => {
  it("submits on POST and reads the results on GET, in workerd", async () => {
    const modules = await bundleWorker(
      new URL("./cloudflare-worker.ts", import.meta.url).pathname,
      {
        splitting: false,
      },
    );
    const worker = await startWorker({
      modules,
      // As the README says: no compatibility flag.
      compatibilityFlags: [],
      bindings: { OPENAI_API_KEY: "example-key", OPENAI_BASE_URL: server.baseURL },
    });
    try {
      const submitted = await worker.fetch("http://worker.example/batches", {
        method: "POST",
        body: JSON.stringify({ texts: ["Ann Lee is 34 years old, ann@example.com"] }),
      });
      expect(submitted.status).toBe(202);
      const { batchId } = JSON.parse(submitted.text) as { batchId: string };
      const read = await worker.fetch(
        `http://worker.example/batches/${encodeURIComponent(batchId)}`,
      );
      expect(JSON.parse(read.text)).toEqual({
        status: "completed",
        users: [{ name: "Ann Lee", age: 34, email: "ann@example.com" }],
        errors: [],
      });
    } finally {
      await worker.dispose();
    }
  }, 60_000);
});
