// Jobs end to end on every provider: the emulator over HTTP on 127.0.0.1 with the official SDKs,
// the embedded store (PGlite). Retries, faults (429 storms, resets, expiry with partial results,
// lost and duplicated result lines) and cancellation, each checked row by row.

import { calcPrice } from "@pydantic/genai-prices";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DemoUser } from "../../src/cli/demo.js";
import { BATCH_DISCOUNT } from "../../src/cost/batch-discounts.js";
import type { EmulatedRequest } from "../../src/emulator/index.js";
import { InvalidArgumentError, JobConfigMismatchError } from "../../src/errors/index.js";
import { type Job, type JobStore, openJob, openJobStore } from "../../src/jobs/index.js";
import { countingEmulator, MODELS, type Provider } from "./job-processes.js";
import { rowText } from "./job-rows.js";

type Row = { id: string; i: number };
const rows = (n: number, from = 0): Row[] =>
  Array.from({ length: n }, (_, k) => ({ id: `row-${from + k}`, i: from + k }));

let store: JobStore;
beforeAll(async () => {
  store = await openJobStore(undefined);
}, 60_000);
afterAll(async () => {
  await store?.close();
});

let counter = 0;
/** Batches of these sizes are held in their first state (to expire them). */
const stuckSizes = new Set<number>();

for (const provider of ["openai", "anthropic", "google"] as Provider[]) {
  describe(`jobs on ${provider}`, () => {
    let em: Awaited<ReturnType<typeof countingEmulator>>;
    beforeAll(async () => {
      em = await countingEmulator(provider, {
        stuck: (batch) => stuckSizes.has(batch.requestCount),
      });
    });
    afterEach(() => {
      em.script.current = () => undefined;
      em.emulator.faults.clear?.();
      stuckSizes.clear();
    });
    afterAll(async () => {
      await em?.server.close();
    });

    async function job(
      options: Partial<Parameters<typeof openJob<unknown, Row>>[0]> = {},
    ): Promise<Job<z.infer<typeof DemoUser>, Row>> {
      return (await openJob({
        name: `${provider}-${++counter}`,
        store,
        model: MODELS[provider],
        schema: DemoUser,
        prompt: (row: Row) => [{ role: "user", content: rowText(row.i) }],
        batchSize: 25,
        pollIntervalMs: 0,
        leaseMs: 2_000,
        processor: { apiKey: "test-key", baseURL: em.baseURL },
        ...options,
      } as Parameters<typeof openJob<unknown, Row>>[0])) as Job<z.infer<typeof DemoUser>, Row>;
    }

    it("runs a job to the end: one result per row, in order, resumable, with usage and cost", async () => {
      const created = em.created.length;
      const j = await job({ price: { inputPerMillion: 1, outputPerMillion: 2 } });
      expect(await j.add(rows(60))).toEqual({ added: 60, skipped: 0 });
      const reports: number[] = [];
      const progress = await j.run({ onProgress: (r) => reports.push(r.progress.rows.succeeded) });
      expect(progress).toMatchObject({ done: true, rows: { succeeded: 60, total: 60, failed: 0 } });
      expect(progress.batches.collected).toBe(3);
      expect(em.created.length - created).toBe(3);
      expect(progress.usage.inputTokens).toBeGreaterThan(0);
      expect(progress.cost).toBeCloseTo(
        (progress.usage.inputTokens + 2 * progress.usage.outputTokens) / 1e6,
        12,
      );
      expect(reports.at(-1)).toBe(60);
      const all: string[] = [];
      let cursor = "";
      for await (const r of j.results()) {
        expect(r.value.age).toBe(20 + (r.row.i % 60));
        expect(r.attempts).toBe(1);
        all.push(r.id);
        if (all.length === 20) cursor = r.cursor;
      }
      expect(all).toEqual(rows(60).map((r) => r.id));
      const rest: string[] = [];
      for await (const r of j.results({ after: cursor, pageSize: 7 })) rest.push(r.id);
      expect(rest).toEqual(all.slice(20));
      // Re-importing the same rows sends nothing.
      expect(await j.add(rows(60))).toEqual({ added: 0, skipped: 60 });
      const again = await j.step();
      expect(again.submitted.batches).toBe(0);
      expect(em.created.length - created).toBe(3);
    });

    it("without a price, progress().cost is the usage at the dataset's batch price", async () => {
      const j = await job();
      await j.add(rows(10, 5000));
      const progress = await j.run();
      expect(progress.rows.succeeded).toBe(10);
      const model = MODELS[provider].slice(provider.length + 1);
      // The dataset's own figures for one million tokens each way, at the batch share.
      const list = calcPrice({ input_tokens: 1e6, output_tokens: 1e6 }, model, {
        providerId: provider,
      })!;
      const share = 1 - BATCH_DISCOUNT[provider];
      expect(progress.cost).toBeCloseTo(
        (progress.usage.inputTokens * list.input_price * share +
          progress.usage.outputTokens * list.output_price * share) /
          1e6,
        12,
      );
      expect(progress.costSource).toContain("@pydantic/genai-prices");
      // An explicit price still wins.
      const priced = await job({ price: { inputPerMillion: 3, outputPerMillion: 0 } });
      await priced.add(rows(2, 6000));
      const p = await priced.run();
      expect(p.cost).toBeCloseTo((3 * p.usage.inputTokens) / 1e6, 12);
      expect(p.costSource).toBe("price option");
    });

    /** The row number in a request's text (the custom ids are the store's, not the rows'). */
    const rowOf = (request: EmulatedRequest) =>
      Number(/Ada Lovelace(\d+)/.exec(request.messages.map((m) => m.text).join(" "))?.[1]);

    it("sends failed rows again while retries last; failures for good keep their reason", async () => {
      const j = await job({ maxRetries: 2 });
      await j.add(rows(30, 1000));
      em.script.current = (request, before) => {
        const i = rowOf(request);
        if (i % 3 === 0)
          return before === 0 ? { type: "error", status: 500, message: "later" } : undefined;
        if (i % 3 === 1) return { type: "refusal", message: "I cannot help with that" };
        if (i % 5 === 2) return { type: "error", status: 503, message: "overloaded" };
        return undefined;
      };
      const progress = await j.run();
      const attempts = new Map<number, number>();
      for await (const r of j.results()) attempts.set(r.row.i, r.attempts);
      const failures = new Map<number, { attempts: number; type: string }>();
      for await (const e of j.errors())
        failures.set(e.row.i, { attempts: e.attempts, type: e.error.type });
      for (const { i } of rows(30, 1000)) {
        if (i % 3 === 0) expect(attempts.get(i), `row ${i}`).toBe(2);
        else if (i % 3 === 1)
          expect(failures.get(i), `row ${i}`).toEqual({ attempts: 1, type: "refusal" });
        else if (i % 5 === 2)
          expect(failures.get(i), `row ${i}`).toEqual({ attempts: 3, type: "provider_error" });
        else expect(attempts.get(i), `row ${i}`).toBe(1);
      }
      expect(progress.rows.succeeded + progress.rows.failed).toBe(30);
    });

    it("finishes through a 429 storm and dropped connections, sending each row once", async () => {
      const created = em.created.length;
      const j = await job();
      await j.add(rows(50, 2000));
      em.emulator.faults.add({
        match: { provider },
        fault: { type: "status", status: 429, retryAfterSeconds: 0.01 },
        times: 8,
      });
      em.emulator.faults.add({
        match: { provider, method: "GET" },
        skip: 3,
        times: 3,
        fault: { type: "reset", when: "response", afterBytes: 10 },
      });
      const errors: string[] = [];
      const progress = await j.run({
        onProgress: (r) => errors.push(...r.errors.map((e) => e.operation)),
      });
      expect(progress).toMatchObject({ done: true, rows: { succeeded: 50 } });
      expect(errors.length).toBeGreaterThan(0);
      const known = (await store.listBatches(j.name)).filter(
        (b) => b.providerBatchId !== undefined,
      );
      expect(em.created.length - created).toBe(known.length);
      for await (const r of j.results()) expect(r.attempts).toBe(1);
    });

    it("sends again what an expired batch and expired requests left undone", async () => {
      const j = await job({ batchSize: 7 });
      await j.add(rows(7, 3000));
      stuckSizes.add(7);
      const first = await j.step();
      expect(first.submitted).toEqual({ batches: 1, rows: 7 });
      stuckSizes.clear();
      // Past every provider's completion window (Gemini's is 48 h).
      em.emulator.clock.advance(49 * 3600_000);
      await j.add(rows(10, 3100));
      em.script.current = (request, before) =>
        rowOf(request) % 2 === 1 && before === 0 ? { type: "expired" } : undefined;
      const progress = await j.run();
      expect(progress).toMatchObject({ done: true, rows: { succeeded: 17, failed: 0 } });
      const attempts = new Map<number, number>();
      for await (const r of j.results()) attempts.set(r.row.i, r.attempts);
      // The expired batch's rows had never reached the responder: odd ones expire once more.
      for (let i = 3000; i < 3007; i++) expect(attempts.get(i)).toBe(i % 2 === 1 ? 3 : 2);
      for (let i = 3100; i < 3110; i++) expect(attempts.get(i)).toBe(i % 2 === 1 ? 2 : 1);
      const [expired] = await store.listBatches(j.name);
      expect(expired?.providerStatus).toMatch(/expired|EXPIRED|ended/);
    });

    it("writes a duplicated result line once and sends a lost one again", async () => {
      const j = await job();
      await j.add(rows(20, 4000));
      em.script.current = (request, before) => {
        const i = rowOf(request);
        if (i % 4 === 0 && before === 0) return { type: "dropped" };
        if (i % 4 === 1) return { type: "duplicated" };
        return undefined;
      };
      const progress = await j.run();
      expect(progress.rows).toMatchObject({ succeeded: 20, failed: 0 });
      let input = 0;
      for await (const r of j.results()) {
        expect(r.attempts).toBe(r.row.i % 4 === 0 ? 2 : 1);
        input += r.usage?.inputTokens ?? 0;
      }
      // Tokens of the duplicated lines are counted once; the lost lines' first answers are not
      // in any file, so they cost nothing here.
      expect(progress.usage.inputTokens).toBe(input);
    });

    it("cancels: pending rows at once, running batches at the provider, finished rows kept", async () => {
      const j = await job({ batchSize: 5 });
      await j.add(rows(5, 5000));
      await j.run();
      await j.add(rows(13, 5100));
      stuckSizes.add(5);
      await j.step({ maxSubmits: 1 });
      const cancelled = await j.cancel();
      expect(cancelled.state).toBe("cancelled");
      expect(cancelled.rows).toMatchObject({ succeeded: 5, submitted: 5, cancelled: 8 });
      const progress = await j.run();
      expect(progress).toMatchObject({
        done: true,
        rows: { succeeded: 5, cancelled: 13, pending: 0 },
      });
      const states = new Set<string>();
      for await (const e of j.errors()) states.add(`${e.state}:${e.error.type}`);
      expect([...states].every((s) => s.startsWith("cancelled"))).toBe(true);
      await expect(j.add(rows(1, 5200))).rejects.toThrow(/cancelled/);
    });
  });
}

describe("bad input to a job: a typed error naming the row or field, nothing sent or kept", () => {
  let em: Awaited<ReturnType<typeof countingEmulator>>;
  beforeAll(async () => {
    em = await countingEmulator("openai");
  });
  afterAll(async () => {
    await em?.server.close();
  });
  const open = (name: string, options: Record<string, unknown> = {}) =>
    openJob({
      name,
      store,
      model: MODELS.openai,
      schema: DemoUser,
      prompt: (row: Record<string, unknown>) => [
        { role: "user" as const, content: String(row.text) },
      ],
      processor: { apiKey: "test-key", baseURL: em.baseURL },
      ...options,
    });

  it("refuses rows without an id, with a bad id, given twice, or that the prompt cannot take", async () => {
    const j = await open("bad-rows");
    const cases: [unknown[], string, RegExp][] = [
      [
        [{ id: "a", text: "x" }, { text: "no id" }],
        "missing_row_id",
        /rows\[1\] has no "id" \(its fields: text\)/,
      ],
      [
        [
          { id: "a", text: "x" },
          { id: { nested: 1 }, text: "y" },
        ],
        "invalid_row_id",
        /rows\[1\]\.id must be a string or a number/,
      ],
      [
        [
          { id: "a", text: "x" },
          { id: "b", text: "y" },
          { id: "a", text: "z" },
        ],
        "duplicate_row_id",
        /"a" is also the id of rows\[0\]/,
      ],
      [[{ id: "a", text: "x" }, "just a string"], "invalid_row", /rows\[1\] must be an object/],
      [[{ id: "x".repeat(600), text: "x" }], "row_id_too_long", /600 characters; at most 512/],
    ];
    for (const [input, code, message] of cases) {
      const error = await j.add(input as Record<string, unknown>[]).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).issues[0]).toMatchObject({ code });
      expect((error as Error).message).toMatch(message);
    }
    const throwing = await open("bad-prompt", {
      prompt: (row: { id: string; text?: string }) => {
        if (row.text === undefined) throw new Error("no text in this row");
        return [{ role: "user", content: row.text }];
      },
    });
    await expect(throwing.add([{ id: "ok", text: "x" }, { id: "r7" }])).rejects.toThrow(
      /the prompt function threw for row "r7": no text in this row/,
    );
    const badConversation = await open("bad-conversation", {
      prompt: () => [{ role: "wizard", content: "x" }],
    });
    const bad = await badConversation.add([{ id: "r1" }]).catch((e: unknown) => e);
    expect((bad as InvalidArgumentError).issues[0]).toMatchObject({ path: ["rows", 0, 0, "role"] });
    expect((bad as Error).message).toMatch(/row "r1": /);
    // Across 2,000 rows, a duplicate in a later chunk still undoes the whole add.
    const big = Array.from({ length: 2000 }, (_, i) => ({ id: `b${i}`, text: "x" }));
    big.push({ id: "b5", text: "again" });
    await expect(j.add(big)).rejects.toThrow(/row id "b5" appears more than once/);
    expect((await j.progress()).rows.total).toBe(0);
    expect(await j.step()).toMatchObject({ submitted: { batches: 0 } });
    expect(em.created.length).toBe(0);
  });

  it("stops run() between steps when its signal aborts; the next run continues", async () => {
    const j = await open("aborted", { pollIntervalMs: 20, batchSize: 3 });
    await j.add([
      { id: "a", text: "Ann Lee is 30, ann@example.com" },
      { id: "b", text: "Bo Li is 40, bo@example.com" },
    ]);
    const controller = new AbortController();
    const steps: number[] = [];
    const running = j.run({
      signal: controller.signal,
      onProgress: (r) => {
        steps.push(r.submitted.batches);
        controller.abort(new Error("stop here"));
      },
    });
    await expect(running).rejects.toThrow("stop here");
    expect(steps).toEqual([1]);
    expect((await j.progress()).rows.submitted).toBe(2);
    expect(await j.run()).toMatchObject({ done: true, rows: { succeeded: 2 } });
    expect(em.created.length).toBe(1);
  });

  it("refuses a job reopened with another schema or model unless asked", async () => {
    await open("reopen");
    const other = z.object({ title: z.string() });
    await expect(open("reopen", { schema: other })).rejects.toBeInstanceOf(JobConfigMismatchError);
    await expect(open("reopen", { schema: other })).rejects.toMatchObject({ fields: ["schema"] });
    await expect(open("reopen", { model: "openai/gpt-4.1" })).rejects.toMatchObject({
      fields: ["model"],
      message: expect.stringMatching(/model was openai\/gpt-4o-mini, now openai\/gpt-4.1/),
    });
    await expect(open("reopen", { params: { temperature: 0.5 } })).rejects.toMatchObject({
      fields: ["params"],
    });
    await open("prompted", { promptVersion: "v1" });
    await expect(open("prompted", { promptVersion: "v2" })).rejects.toMatchObject({
      fields: ["prompt"],
      message: expect.stringMatching(/prompt version was "v1", now "v2"/),
    });
    await expect(open("prompted")).rejects.toMatchObject({ fields: ["prompt"] });
    const changed = await open("reopen", { schema: other, allowConfigChange: true });
    expect(changed.name).toBe("reopen");
    await open("reopen", { schema: other });
  });

  it("refuses bad options before opening anything", async () => {
    await expect(open("", { maxRetries: -1, batchSize: 0 })).rejects.toMatchObject({
      issues: [{ path: ["name"] }, { path: ["maxRetries"] }, { path: ["batchSize"] }],
    });
    await expect(
      open("x2", { processor: { baseURL: em.baseURL, apiKey: "" } }),
    ).rejects.toMatchObject({
      issues: [{ path: ["apiKey"] }],
    });
    await expect(open("x3", { retryOn: ["expired", "bogus"] })).rejects.toMatchObject({
      issues: [{ path: ["retryOn"] }],
    });
    expect(await store.getJob("x2")).toBeUndefined();
  });

  it("names an unreachable store without its password", async () => {
    const url = "postgres://jobs:hunter2-secret@127.0.0.1:1/jobs";
    const error = await open("nowhere", { store: url }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "JobStoreUnavailableError",
      code: "job_store_unavailable",
    });
    expect((error as Error).message).toContain("postgres://jobs:***@127.0.0.1:1/jobs");
    expect((error as Error).message).not.toContain("hunter2");
    expect(JSON.stringify(error)).not.toContain("hunter2");
  });
});
