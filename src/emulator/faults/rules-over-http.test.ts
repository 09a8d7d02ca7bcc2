// Regression tests for the report "a fault rule added after an exhausted rule on the same match
// once didn't fire over HTTP (worked in process)". It never reproduced: these pin the orders
// tried, over 127.0.0.1 and, for comparison, in process.
import Anthropic from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { Emulator, EmulatorServer } from "../types.js";
import { faultLabel } from "./request-log.js";
import type { Fault, FaultMatch, FaultRule, RequestLogEntry } from "./types.js";

const AUTH = { authorization: "Bearer k", "content-type": "application/json" };
const CREATE = JSON.stringify({
  input_file_id: "file-missing",
  endpoint: "/v1/chat/completions",
  completion_window: "24h",
});
const KINDS: Fault[] = [
  { type: "status", status: 429 },
  { type: "status", status: 500, when: "after" },
  { type: "reset", when: "request", afterBytes: 7 },
  { type: "reset", when: "response", afterBytes: 3 },
  { type: "delay", ms: 1 },
];
const teapot = { type: "status", status: 418 } as const;

type Mode = "http" | "in process";

describe.each<Mode>(["http", "in process"])("fault rules in order (%s)", (mode) => {
  let emulator: Emulator;
  let server: EmulatorServer;
  let log: RequestLogEntry[] = [];
  beforeAll(async () => {
    emulator = createEmulator({ onRequest: (entry) => log.push(entry) });
    server = await emulator.listen({ port: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    emulator.reset();
    log = [];
  });

  const send = (method: "GET" | "POST" = "GET") => {
    const init = method === "POST" ? { method, headers: AUTH, body: CREATE } : { headers: AUTH };
    return mode === "http"
      ? fetch(`${server.url}/v1/batches`, init)
      : emulator.fetch("/v1/batches", init);
  };
  /** The status, or 0 when the connection dropped (before or during the body). */
  const outcome = async (method: "GET" | "POST" = "GET") => {
    try {
      const response = await send(method);
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };
  const labels = () => log.map((entry) => entry.fault ?? "-");

  it("a rule added after a used-up rule on the same match takes the next request, for every pair of kinds", async () => {
    for (const method of ["GET", "POST"] as const) {
      const match: FaultMatch = { provider: "openai", method, path: "/v1/batches" };
      for (const first of KINDS) {
        for (const second of KINDS) {
          log = [];
          emulator.faults.add({ match, times: 1, fault: first });
          await outcome(method);
          expect(emulator.faults.list()).toEqual([]);
          emulator.faults.add({ match, times: 1, fault: second });
          await outcome(method);
          await outcome(method);
          expect(labels()).toEqual([faultLabel(first), faultLabel(second), "-"]);
          expect(emulator.faults.list()).toEqual([]);
        }
      }
    }
  });

  it("skip and times on both rules, and clear() before the next one", async () => {
    const match: FaultMatch = { path: /^\/v1\/batches$/g };
    emulator.faults.add({ match, skip: 1, times: 2, fault: teapot });
    for (let i = 0; i < 3; i++) await outcome();
    emulator.faults.add({ match, skip: 1, fault: { type: "status", status: 503 } });
    for (let i = 0; i < 3; i++) await outcome();
    expect(labels()).toEqual(["-", "status:418", "status:418", "-", "status:503", "-"]);

    emulator.faults.add({ match, times: 5, fault: teapot });
    expect(await outcome()).toBe(418);
    emulator.faults.clear();
    emulator.faults.add({ match, fault: { type: "status", status: 429 } });
    expect([await outcome(), await outcome()]).toEqual([429, 200]);
  });

  it("a rule added while the request that used up the first is still being answered takes the next one", async () => {
    emulator.faults.add({ times: 1, fault: { type: "delay", ms: 100 } });
    const slow = send();
    // The server has taken the rule once it is gone from the list.
    while (emulator.faults.list().length > 0) await new Promise((r) => setTimeout(r, 1));
    emulator.faults.add({ times: 1, fault: teapot });
    expect(await outcome()).toBe(418);
    expect((await slow).status).toBe(200);
    expect(labels().sort()).toEqual(["delay:100ms", "status:418"]);
  });

  it("a burst that uses up a rule leaves the rule added next for the next burst", async () => {
    const burst = async () => (await Promise.all([1, 2, 3, 4, 5].map(() => outcome()))).sort();
    emulator.faults.add({ times: 3, fault: { type: "status", status: 429 } });
    expect(await burst()).toEqual([200, 200, 429, 429, 429]);
    emulator.faults.add({ times: 2, fault: { type: "status", status: 503 } });
    expect(await burst()).toEqual([200, 200, 200, 503, 503]);
  });

  it("a rule added after a used-up options rule takes the next request; reset() puts the options rule back first", async () => {
    const optionsRule: FaultRule = { match: { path: "/v1/batches" }, fault: teapot };
    const own = createEmulator({ faults: [optionsRule] });
    const ownServer = await own.listen({ port: 0 });
    const status = async () =>
      mode === "http"
        ? (await fetch(`${ownServer.url}/v1/batches`, { headers: AUTH })).status
        : (await own.fetch("/v1/batches", { headers: AUTH })).status;
    try {
      expect(await status()).toBe(418);
      own.faults.add({ match: { path: "/v1/batches" }, fault: { type: "status", status: 429 } });
      expect([await status(), await status()]).toEqual([429, 200]);
      own.faults.add({ match: { path: "/v1/batches" }, fault: { type: "status", status: 429 } });
      own.reset();
      expect([await status(), await status()]).toEqual([418, 200]);
    } finally {
      await ownServer.close();
    }
  });
});

describe("fault rules over HTTP with the official SDKs", () => {
  let emulator: Emulator;
  let server: EmulatorServer;
  beforeAll(async () => {
    emulator = createEmulator();
    server = await emulator.listen({ port: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => emulator.reset());

  // One transport serves every provider: only the match and the error envelope depend on it.
  it("each provider sees the rule added after the used-up one, then a clean answer", async () => {
    const openai = new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const anthropic = new Anthropic({ apiKey: "k", baseURL: server.url, maxRetries: 0 });
    const gemini = new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: server.url } });
    const calls = {
      openai: () => openai.batches.list(),
      anthropic: () => anthropic.messages.batches.list(),
      google: () => gemini.batches.list(),
    };
    for (const [provider, call] of Object.entries(calls)) {
      const match = { provider: provider as keyof typeof calls, method: "GET" };
      emulator.faults.add({ match, times: 1, fault: { type: "status", status: 503 } });
      const unavailable = await call().catch((e: unknown) => e);
      emulator.faults.add({ match, times: 1, fault: { type: "status", status: 429 } });
      const limited = await call().catch((e: unknown) => e);
      await call();
      expect([unavailable, limited].map((e) => (e as { status?: number }).status)).toEqual([
        503, 429,
      ]);
      if (provider === "openai") expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
      if (provider === "anthropic") expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
      if (provider === "google") expect(limited).toBeInstanceOf(ApiError);
      expect(emulator.faults.list()).toEqual([]);
    }
  });

  // The one difference between the two modes: emulator.fetch takes its rule when called, a
  // server when the request arrives, so over HTTP a request already sent can take a rule added
  // after it (here, after clear()).
  it("over HTTP a request takes the rules in place when it arrives, not when it was sent", async () => {
    const match = { path: "/v1/batches" };
    const headers = { authorization: "Bearer k" };
    emulator.faults.add({ match, fault: { type: "status", status: 429 } });
    const overHttp = fetch(`${server.url}/v1/batches`, { headers });
    const inProcess = emulator.fetch("/v1/batches", { headers });
    emulator.faults.clear();
    emulator.faults.add({ match, fault: { type: "status", status: 503 } });
    expect((await inProcess).status).toBe(429);
    expect((await overHttp).status).toBe(503);
    expect(emulator.faults.list()).toEqual([]);
  });
});
