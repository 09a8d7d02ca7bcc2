// Lost and doubled result lines, for every adapter: the emulator's `dropped` and `duplicated`
// faults leave a result line out or write it twice, as real providers occasionally do. Every
// submitted id must still be accounted for: named as `missing` when the ids are known, counted
// as `unaccounted` when they are not, and a doubled id reported with both copies kept.
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatedOutcome, EmulatedRequest } from "../../src/emulator/index.js";
import { BatchProcessor, type Logger } from "../../src/index.js";
import { CONFORMANCE_PROVIDERS, type ConformanceProvider, sendModes } from "./providers.js";
import {
  collect,
  defaultIds,
  expectedPerson,
  idCounts,
  outcomesById,
  Person,
  personConversations,
  useServer,
} from "./scale-support.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
const COUNT = 10;
const CUSTOM = Array.from({ length: COUNT }, (_, i) => `case-${i}`);

describe.each(CONFORMANCE_PROVIDERS)("$name reconciliation", (provider: ConformanceProvider) => {
  let faults: Record<string, EmulatedOutcome> = {};
  let script: ((r: EmulatedRequest) => EmulatedOutcome | undefined) | undefined;
  afterEach(() => {
    faults = {};
    script = undefined;
  });
  const server = useServer({
    phases: INSTANT,
    shuffle: 13,
    responder: (r: EmulatedRequest) => (script ? script(r) : faults[r.customId]),
  });

  describe.each(sendModes(provider))("$mode", ({ options }) => {
    const warnings: { message: string; data: unknown }[] = [];
    const logger: Logger = {
      warn: (message: string, data?: unknown) => {
        warnings.push({ message, data });
      },
    };
    afterEach(() => {
      warnings.length = 0;
    });

    function make(parts: boolean) {
      return new BatchProcessor(provider.model, Person, {
        ...provider.options(server.url),
        ...options,
        logger,
        ...(parts && { limits: { maxRequests: 4 } }),
      });
    }

    /** `submitted` with a responder of its own for this batch. */
    async function submittedWith(
      parts: boolean,
      responder: (r: EmulatedRequest) => EmulatedOutcome | undefined,
    ) {
      script = responder;
      try {
        return await submitted(parts);
      } finally {
        script = undefined;
      }
    }

    /** Submits COUNT people (in 3 parts, or as one batch) and waits for the batch. */
    async function submitted(parts: boolean, customIds?: string[]) {
      const processor = make(parts);
      const buffer = await processor.createBatchFromMessages(personConversations(COUNT), {
        ...(customIds && { customIds }),
      });
      const id = await processor.submitBatch(buffer);
      expect(id.startsWith("sbh1_")).toBe(parts);
      const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
      // The provider ran every request, the lost one included.
      expect(status.requestCounts).toMatchObject({ total: COUNT, succeeded: COUNT, pending: 0 });
      return { processor, buffer, id };
    }

    function expectMissing(
      results: Awaited<ReturnType<BatchProcessor<Person>["getResults"]>>,
      ids: string[],
      lost: string[],
    ) {
      expect(results).toHaveLength(COUNT);
      expect(outcomesById(results)).toEqual(
        Object.fromEntries(ids.map((id) => [id, lost.includes(id) ? "missing" : "success"])),
      );
      for (const r of results) {
        if (r.success) expect(r.result).toEqual(expectedPerson(ids.indexOf(r.customId)));
        else expect(r.errorMessage).toMatch(/absent from the provider's results/);
      }
      expect(results.summary).toMatchObject({
        total: COUNT,
        succeeded: COUNT - lost.length,
        failed: lost.length,
        byErrorType: { missing: lost.length },
        duplicateIds: [],
        unaccounted: 0,
      });
    }

    it.each([
      { shape: "a handle", parts: true },
      { shape: "a plain id", parts: false },
    ])("names a dropped default id as missing from $shape alone", async ({ parts }) => {
      faults = { "request-3": { type: "dropped" }, "request-8": { type: "dropped" } };
      const { processor, id } = await submitted(parts);
      const lost = ["request-3", "request-8"];
      expectMissing(await processor.getResults(id), defaultIds(COUNT), lost);
      const streamed = await collect(processor.streamResults(id));
      expect(outcomesById(streamed)).toEqual(outcomesById(await processor.getResults(id)));
      // The missing ones come last, after every line that did come back.
      expect(streamed.slice(-2).map((r) => r.customId)).toEqual(lost);
    });

    it.each([
      { shape: "a handle", parts: true },
      { shape: "a plain id", parts: false },
    ])("names a dropped custom id as missing with { customIds } ($shape)", async ({ parts }) => {
      faults = { "case-6": { type: "dropped" } };
      const { processor, id, buffer } = await submitted(parts, CUSTOM);
      expectMissing(await processor.getResults(id, { customIds: CUSTOM }), CUSTOM, ["case-6"]);
      expectMissing(await processor.getResults(id, { buffer }), CUSTOM, ["case-6"]);

      // Without the ids: nothing can be named, but the absence is counted and warned about.
      const alone = await processor.getResults(id);
      expect(alone).toHaveLength(COUNT - 1);
      expect(alone.every((r) => r.success)).toBe(true);
      expect(alone.map((r) => r.customId)).not.toContain("case-6");
      expect(alone.summary).toMatchObject({
        total: COUNT - 1,
        succeeded: COUNT - 1,
        unaccounted: 1,
        duplicateIds: [],
      });
      expect(warnings).toContainEqual({
        message: expect.stringContaining("absent from the results"),
        data: { absent: 1 },
      });
    });

    it.each([
      { shape: "a handle, default ids", parts: true, ids: undefined },
      { shape: "a plain id, default ids", parts: false, ids: undefined },
      { shape: "a handle, custom ids", parts: true, ids: CUSTOM },
      { shape: "a plain id, custom ids", parts: false, ids: CUSTOM },
    ])("reports a duplicated id, keeping both copies ($shape)", async ({ parts, ids }) => {
      const all = ids ?? defaultIds(COUNT);
      const doubled = all[4]!;
      faults = { [doubled]: { type: "duplicated" } };
      const { processor, id } = await submitted(parts, ids);
      const results = await processor.getResults(id, ids ? { customIds: ids } : {});
      expect(results).toHaveLength(COUNT + 1);
      const counts = idCounts(results);
      expect([...counts.keys()].sort()).toEqual([...all].sort());
      expect(counts.get(doubled)).toBe(2);
      const copies = results.filter((r) => r.customId === doubled);
      for (const copy of copies) {
        expect(copy.success && copy.result).toEqual(expectedPerson(4));
      }
      expect(results.summary).toMatchObject({
        total: COUNT + 1,
        succeeded: COUNT + 1,
        failed: 0,
        duplicateIds: [doubled],
        unaccounted: 0,
      });
      expect(results.summary.byErrorType).toEqual({});
      expect(warnings.map((w) => w.data)).toContainEqual({ customId: doubled });
    });

    it.each([
      { shape: "a handle", parts: true },
      { shape: "a plain id", parts: false },
    ])("does not let a doubled line hide a lost one ($shape)", async ({ parts }) => {
      faults = { "request-2": { type: "duplicated" }, "request-7": { type: "dropped" } };
      const { processor, id } = await submitted(parts);
      const results = await processor.getResults(id);
      expect(results).toHaveLength(COUNT + 1);
      expect(outcomesById(results)).toMatchObject({ "request-7": "missing" });
      expect(results.summary).toMatchObject({
        total: COUNT + 1,
        succeeded: COUNT,
        byErrorType: { missing: 1 },
        duplicateIds: ["request-2"],
      });
    });

    it.each([
      { shape: "a handle", parts: true },
      { shape: "a plain id", parts: false },
    ])(
      "sends a lost request again and fills the gap with its result ($shape)",
      async ({ parts }) => {
        const lostOnce = new Set(["request-1", "request-9"]);
        faults = {};
        const { processor, id, buffer } = await submittedWith(parts, (r) => {
          // Lost the first time only: the resubmission comes back.
          if (!lostOnce.delete(r.customId)) return undefined;
          return { type: "dropped" };
        });
        expect(outcomesById(await processor.getResults(id))).toMatchObject({
          "request-1": "missing",
          "request-9": "missing",
        });
        const retried = await processor.resubmitFailed(id, { buffer });
        expect(retried).not.toBe(id);
        await processor.waitForCompletion(retried, { pollIntervalMs: 5 });
        const results = await processor.getResults(retried);
        expect(results).toHaveLength(COUNT);
        expect(outcomesById(results)).toEqual(
          Object.fromEntries(defaultIds(COUNT).map((rid) => [rid, "success"])),
        );
        for (const r of results) {
          expect(r.success && r.result).toEqual(expectedPerson(Number(r.customId.slice(8))));
        }
        expect(results.summary).toMatchObject({ total: COUNT, succeeded: COUNT, duplicateIds: [] });
      },
    );

    it("counts a doubled and a lost custom id as unaccounted without the ids", async () => {
      faults = { "case-1": { type: "duplicated" }, "case-9": { type: "dropped" } };
      const { processor, id } = await submitted(true, CUSTOM);
      const results = await processor.getResults(id);
      expect(results).toHaveLength(COUNT);
      expect(results.summary).toMatchObject({
        duplicateIds: ["case-1"],
        unaccounted: 1,
      });
    });
  });
});

describe("emulator result-line faults", () => {
  const server = useServer({
    phases: INSTANT,
    responder: (r) =>
      r.customId === "request-0"
        ? { type: "dropped" }
        : r.customId === "request-1"
          ? { type: "duplicated" }
          : undefined,
  });

  it("leaves the dropped line out of OpenAI's output file and writes the doubled one last", async () => {
    const base = `${server.url}/v1`;
    const processor = new BatchProcessor("openai/gpt-4o-mini", Person, {
      apiKey: "k",
      baseURL: base,
    });
    const id = await processor.submitBatch(
      await processor.createBatchFromMessages(personConversations(3)),
    );
    const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
    const raw = status.raw as { output_file_id: string; request_counts: unknown };
    expect(raw.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    const response = await fetch(`${base}/files/${raw.output_file_id}/content`, {
      headers: { authorization: "Bearer k" },
    });
    const ids = (await response.text())
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
    expect(ids).toHaveLength(3);
    expect(ids.slice(0, 2).sort()).toEqual(["request-1", "request-2"]);
    expect(ids[2]).toBe("request-1");
  });
});
