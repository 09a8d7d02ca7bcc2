import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GoogleHarness, startGoogleHarness } from "../google/test-support/google-harness.js";
import { formatRequestLogLine } from "../index.js";
import type { RequestLogEntry } from "./types.js";

describe("formatRequestLogLine", () => {
  const entry: RequestLogEntry = {
    method: "POST",
    path: "/v1/batches",
    status: 200,
    durationMs: 3,
    provider: "openai",
  };

  it("prints method, path, status, duration and provider, then the fault", () => {
    expect(formatRequestLogLine(entry)).toBe("POST /v1/batches 200 3ms openai");
    expect(formatRequestLogLine({ ...entry, status: 429, fault: "status:429" })).toBe(
      "POST /v1/batches 429 3ms openai fault=status:429",
    );
    expect(
      formatRequestLogLine({ ...entry, status: 0, durationMs: 1.6, fault: "reset:request" }),
    ).toBe("POST /v1/batches - 2ms openai fault=reset:request");
    expect(formatRequestLogLine({ ...entry, path: "/", provider: undefined })).toBe(
      "POST / 200 3ms",
    );
  });

  it("drops a query string even when an entry carries one", () => {
    const line = formatRequestLogLine({ ...entry, path: "/v1beta/batches?key=secret#x" });
    expect(line).toBe("POST /v1beta/batches 200 3ms openai");
  });
});

describe("onRequest", () => {
  const KEY_IN_QUERY = "query-secret-key";
  let h: GoogleHarness;
  const log: RequestLogEntry[] = [];
  beforeAll(async () => {
    h = await startGoogleHarness({ onRequest: (entry) => log.push(entry) });
  });
  afterAll(() => h.close());

  it("is called once per request with its path, never a key or query string", async () => {
    await h.ai.files.upload({ file: new Blob(['{"key":"a"}\n']), config: { mimeType: "jsonl" } });
    await h.ai.batches.list();
    const viaQuery = await fetch(`${h.server.url}/v1/batches?key=${KEY_IN_QUERY}&pageSize=1`);
    expect(viaQuery.status).toBe(200);
    const openai = await fetch(`${h.server.url}/v1/batches?limit=1`, {
      headers: { authorization: `Bearer ${KEY_IN_QUERY}` },
    });
    expect(openai.status).toBe(200);
    const missing = await fetch(`${h.server.url}/nowhere?key=${KEY_IN_QUERY}`);
    expect(missing.status).toBe(404);

    expect(log.map((e) => [e.method, e.path, e.status, e.provider])).toEqual([
      ["POST", "/upload/v1beta/files", 200, "google"],
      ["POST", "/upload/v1beta/files", 200, "google"],
      ["GET", "/v1beta/batches", 200, "google"],
      ["GET", "/v1/batches", 200, "google"],
      ["GET", "/v1/batches", 200, "openai"],
      ["GET", "/nowhere", 404, undefined],
    ]);
    for (const entry of log) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(Object.keys(entry).sort()).toEqual(
        ["durationMs", "method", "path", "provider", "status"].sort(),
      );
      const line = formatRequestLogLine(entry);
      expect(line).not.toContain("?");
      expect(line).not.toContain(KEY_IN_QUERY);
      expect(line).not.toContain("test-key");
      expect(line).not.toContain("upload_id");
    }
  });
});
