import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  item,
  readResults,
  startAnthropicHarness,
  USER_SCHEMA,
} from "../anthropic/test-support/anthropic-harness.js";
import { invalidAnswer } from "./invalid-answer.js";
import { drawRateOutcome, RATE_OUTCOMES, rateResponder } from "./rate-responder.js";
import type { EmulatedRequest } from "./types.js";

const User = z.object({ name: z.string(), age: z.int(), email: z.string() });

function request(
  customId: string,
  jsonSchema: Record<string, unknown> | null = z.toJSONSchema(User),
  index = 0,
): EmulatedRequest {
  return {
    provider: "openai",
    customId,
    index,
    model: "gpt-4o-mini",
    body: {},
    messages: [{ role: "user", text: "John Doe is 25 years old, john@example.com" }],
    jsonSchema: jsonSchema ?? undefined,
  };
}

const ids = Array.from({ length: 4000 }, (_, i) => `request-${i}`);

describe("rateResponder", () => {
  it.each([
    [{ error: -0.1 }, /rates\.error must be a number from 0 to 1, got -0\.1/],
    [{ refusal: 1.5 }, /rates\.refusal must be a number from 0 to 1, got 1\.5/],
    [{ text: Number.NaN }, /rates\.text must be a number from 0 to 1, got NaN/],
    [{ error: 0.6, refusal: 0.5 }, /add up to 1\.1, more than 1/],
    [{ missing: 0.1 }, /unknown outcome "missing"/],
  ])("refuses %j with a RangeError", (rates, message) => {
    expect(() => rateResponder(rates as never)).toThrow(RangeError);
    expect(() => rateResponder(rates as never)).toThrow(message);
  });

  it("accepts rates that add up to 1 with decimal rounding, and refuses a fractional seed", () => {
    expect(() => rateResponder({ error: 0.1, refusal: 0.2, text: 0.7 })).not.toThrow();
    expect(() => rateResponder({}, { seed: 1.5 })).toThrow(/seed must be an integer/);
  });

  it("draws each outcome with about its rate", async () => {
    const rates = { error: 0.1, refusal: 0.05, truncated: 0.05, text: 0.1, invalid: 0.1 };
    const responder = rateResponder({ ...rates, expired: 0.05, cancelled: 0.05 });
    const counts: Record<string, number> = {};
    for (const id of ids) {
      const outcome = await responder(request(id));
      let kind = outcome?.type ?? "default";
      if (outcome?.type === "success") kind = "invalid";
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    const share = (kind: string) => (counts[kind] ?? 0) / ids.length;
    expect(share("error")).toBeCloseTo(0.1, 1);
    expect(share("refusal")).toBeCloseTo(0.05, 1);
    expect(share("text")).toBeCloseTo(0.1, 1);
    expect(share("invalid")).toBeCloseTo(0.1, 1);
    expect(share("expired")).toBeCloseTo(0.05, 1);
    expect(share("default")).toBeCloseTo(0.5, 1);
  });

  it("gives a request the same outcome whatever the order, and another seed another draw", () => {
    const rates = { refusal: 0.5 };
    const forward = ids.map((id) => drawRateOutcome({ customId: id, index: 0 }, rates, 1));
    const backward = [...ids]
      .reverse()
      .map((id, i) => drawRateOutcome({ customId: id, index: i }, rates, 1))
      .reverse();
    expect(backward).toEqual(forward);
    const reseeded = ids.map((id) => drawRateOutcome({ customId: id, index: 0 }, rates, 2));
    expect(reseeded).not.toEqual(forward);
    // Without a custom id, position tells requests apart.
    const anonymous = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      drawRateOutcome({ customId: "", index: i }, rates, 1),
    );
    expect(new Set(anonymous).size).toBe(2);
  });

  it("answers invalid with JSON the schema rejects, and leaves successes to the fallback", async () => {
    const invalid = rateResponder({ invalid: 1 });
    const outcome = await invalid(request("x"));
    expect(outcome?.type).toBe("success");
    const content = JSON.parse((outcome as { content: string }).content);
    expect(content).toEqual({ age: 25, email: "john@example.com" });
    expect(User.safeParse(content).success).toBe(false);
    // Without a schema nothing can be invalid: the request succeeds.
    expect(await invalid(request("x", null))).toBeUndefined();
    const withFallback = rateResponder({}, { fallback: () => ({ type: "expired" }) });
    expect(await withFallback(request("x"))).toEqual({ type: "expired" });
    expect(RATE_OUTCOMES).toContain("invalid");
  });
});

describe("invalidAnswer", () => {
  it("changes a field's type when nothing is required", () => {
    const schema = { type: "object", properties: { name: { type: "string" } } };
    expect(JSON.parse(invalidAnswer(request("x", schema))!)).toEqual({ name: 0 });
  });

  it("breaks a root $ref schema and a non-object root", () => {
    const Node = z.object({
      label: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const schema = z.toJSONSchema(Node);
    const broken = JSON.parse(invalidAnswer(request("x", schema))!);
    expect(Node.safeParse(broken).success).toBe(false);
    expect(invalidAnswer(request("x", { type: "array", items: { type: "string" } }))).toBe(
      '"not an array"',
    );
    expect(invalidAnswer(request("x", { type: "object", properties: {} }))).toBe("[]");
  });
});

describe("rateResponder over HTTP (Anthropic)", () => {
  it("gives each request of a Message Batch the outcome drawn for its custom id", async () => {
    const rates = { error: 0.2, refusal: 0.2, invalid: 0.2, expired: 0.1 };
    const h = await startAnthropicHarness({ responder: rateResponder(rates, { seed: 3 }) });
    try {
      const batchIds = Array.from({ length: 40 }, (_, i) => `r${i}`);
      const created = await h.client.messages.batches.create({
        requests: batchIds.map((id) =>
          item(id, "John Doe is 25, john@example.com", { tool: USER_SCHEMA }),
        ),
      });
      h.emulator.clock.advance(1000);
      const rows = await readResults(h.client, created.id);
      for (const [i, row] of rows.entries()) {
        const drawn = drawRateOutcome({ customId: row.custom_id, index: i }, rates, 3);
        const result = row.result as any;
        const seen =
          result.type === "errored"
            ? "error"
            : result.type === "expired"
              ? "expired"
              : result.message.stop_reason === "refusal"
                ? "refusal"
                : "name" in result.message.content[0].input
                  ? "success"
                  : "invalid";
        expect(seen, row.custom_id).toBe(drawn);
      }
      expect(new Set(rows.map((r) => r.result.type))).toEqual(
        new Set(["succeeded", "errored", "expired"]),
      );
    } finally {
      await h.close();
    }
  });
});
