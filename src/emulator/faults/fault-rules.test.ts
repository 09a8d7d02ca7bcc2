import { describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { Emulator } from "../types.js";
import type { FaultRule } from "./types.js";

const OPENAI = { authorization: "Bearer k" };
const GEMINI = { "x-goog-api-key": "k" };
const ANTHROPIC = { "x-api-key": "k", "anthropic-version": "2023-06-01" };

const status = async (emulator: Emulator, path: string, headers: Record<string, string>) =>
  (await emulator.fetch(path, { headers })).status;

async function statuses(emulator: Emulator, count: number, path = "/v1/batches") {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await status(emulator, path, OPENAI));
  return out;
}

const teapot = { type: "status", status: 418 } as const;

describe("fault rules", () => {
  it("let `skip` requests through, then affect `times` of them (default 1)", async () => {
    const emulator = createEmulator();
    emulator.faults.add({ skip: 2, times: 2, fault: teapot });
    expect(await statuses(emulator, 6)).toEqual([200, 200, 418, 418, 200, 200]);
    emulator.faults.add({ fault: teapot });
    expect(await statuses(emulator, 2)).toEqual([418, 200]);
    emulator.faults.add({ times: Number.POSITIVE_INFINITY, fault: teapot });
    expect(await statuses(emulator, 3)).toEqual([418, 418, 418]);
    expect(emulator.faults.list()).toHaveLength(1);
    emulator.faults.clear();
    expect(await statuses(emulator, 1)).toEqual([200]);
  });

  it("match provider, method and path; a RegExp's g flag does not make matches alternate", async () => {
    const emulator = createEmulator();
    emulator.faults.add({ match: { provider: "google" }, times: 9, fault: teapot });
    expect(await status(emulator, "/v1/batches", OPENAI)).toBe(200);
    expect(await status(emulator, "/v1/batches", GEMINI)).toBe(418);
    expect(await status(emulator, "/v1/messages/batches", ANTHROPIC)).toBe(200);
    emulator.faults.clear();

    emulator.faults.add({ match: { method: "post" }, fault: teapot });
    expect(await status(emulator, "/v1/batches", OPENAI)).toBe(200);
    const post = await emulator.fetch("/v1/batches", { method: "POST", headers: OPENAI });
    expect(post.status).toBe(418);

    emulator.faults.add({ match: { path: /^\/v1\/files/g }, times: 3, fault: teapot });
    expect(await statuses(emulator, 1)).toEqual([200]);
    expect(await statuses(emulator, 3, "/v1/files")).toEqual([418, 418, 418]);
    emulator.faults.add({ match: { path: "/v1/files" }, fault: teapot });
    expect(await status(emulator, "/v1/files/file-x", OPENAI)).toBe(404);
    expect(await status(emulator, "/v1/files", OPENAI)).toBe(418);
  });

  it("go in order: a rule still skipping counts the request and lets the next one decide", async () => {
    const emulator = createEmulator();
    emulator.faults.add({ skip: 1, fault: { type: "status", status: 500 } });
    emulator.faults.add({ times: 5, fault: teapot });
    expect(await statuses(emulator, 3)).toEqual([418, 500, 418]);
  });

  it("list the remaining counts and keep the options' rules across reset()", async () => {
    const rule: FaultRule = { match: { path: "/v1/batches" }, skip: 1, times: 2, fault: teapot };
    const emulator = createEmulator({ faults: [rule] });
    expect(await statuses(emulator, 2)).toEqual([200, 418]);
    expect(emulator.faults.list()).toEqual([{ ...rule, skip: 0, times: 1 }]);
    emulator.faults.add({ fault: { type: "delay", ms: 1 } });
    expect(emulator.faults.list()).toHaveLength(2);

    emulator.reset();
    expect(emulator.faults.list()).toEqual([rule]);
    expect(await statuses(emulator, 4)).toEqual([200, 418, 418, 200]);
    expect(rule).toEqual({ match: { path: "/v1/batches" }, skip: 1, times: 2, fault: teapot });
  });

  it("are checked when added, with the reason", () => {
    const emulator = createEmulator();
    const bad: [unknown, RegExp][] = [
      [{}, /fault is required/],
      [{ fault: { type: "status", status: 200 } }, /400 to 599/],
      [{ fault: { type: "status", status: 429, retryAfterSeconds: -1 } }, /retryAfterSeconds/],
      [{ fault: { type: "status", status: 500, when: "during" } }, /before" or "after/],
      [{ fault: { type: "reset", when: "later" } }, /request" or "response/],
      [{ fault: { type: "reset", afterBytes: 1.5 } }, /afterBytes/],
      [{ fault: { type: "delay" } }, /needs ms/],
      [{ fault: { type: "delay", ms: Number.NaN } }, /ms must/],
      [{ fault: { type: "boom" } }, /unknown fault type boom/],
      [{ times: 0, fault: teapot }, /times must be an integer >= 1 or Infinity/],
      [{ skip: -1, fault: teapot }, /skip must/],
      // Azure and Groq are emulated now: a provider the emulator does not serve.
      [
        { match: { provider: "cohere" }, fault: teapot },
        /must be one of openai, anthropic, google, mistral, azure, groq, bedrock, vertex, together, got cohere/,
      ],
    ];
    for (const [rule, message] of bad) {
      expect(() => emulator.faults.add(rule as FaultRule)).toThrow(message);
    }
    expect(() => createEmulator({ faults: [{ times: 0, fault: teapot }] })).toThrow(RangeError);
    expect(emulator.faults.list()).toEqual([]);
  });

  it("answer with retry-after and the given message in the provider's envelope", async () => {
    const emulator = createEmulator();
    emulator.faults.add({
      times: 3,
      fault: { type: "status", status: 503, message: "try later", retryAfterSeconds: 2 },
    });
    const openai = await emulator.fetch("/v1/batches", { headers: OPENAI });
    expect(openai.headers.get("retry-after")).toBe("2");
    expect(await openai.json()).toEqual({
      error: { message: "try later", type: "server_error", param: null, code: null },
    });
    const anthropic = await emulator.fetch("/v1/messages/batches", { headers: ANTHROPIC });
    expect(anthropic.status).toBe(503);
    expect(await anthropic.json()).toMatchObject({
      type: "error",
      error: { type: "api_error", message: "try later" },
    });
    const gemini = await emulator.fetch("/v1beta/batches", { headers: GEMINI });
    expect(await gemini.json()).toEqual({
      error: { code: 503, message: "try later", status: "UNAVAILABLE" },
    });
  });
});
