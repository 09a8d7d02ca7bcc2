// Anthropic native structured output (output_config.format) and extended thinking, through the
// library against the emulator over real HTTP on 127.0.0.1.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import {
  BatchProcessor,
  type BatchProcessorOptions,
  InvalidArgumentError,
  UnsupportedSchemaError,
} from "../src/index.js";
import { conversation, runToResults, useScriptedServer } from "./support/end-to-end.js";

const { server, recordBodies, runOutcomes } = useScriptedServer();
const make = <T>(
  schema: z.ZodType<T>,
  options: BatchProcessorOptions = {},
  model = "claude-haiku-4-5",
) =>
  new BatchProcessor(`anthropic/${model}`, schema, {
    apiKey: "test-key",
    baseURL: server.url,
    ...options,
  });
const native = { anthropic: { structuredOutput: "native" as const } };

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as InvalidArgumentError;
  }
  throw new Error("expected a refusal");
}

describe("Anthropic native structured output", () => {
  it("sends output_config.format (the API's schema subset), no tool, and reads the JSON text", async () => {
    const bodies = recordBodies();
    const User = z.object({
      name: z.string().max(40),
      age: z.number().int().min(0),
      email: z.string(),
    });
    const p = make(User, native);
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 300 });
    expect(buffer.warnings).toEqual([]);
    const id = await p.submitBatch(buffer);
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    const results = await p.getResults(id);
    expect(results.map((r) => r.success && r.result)).toEqual([
      { name: "John Doe", age: 25, email: "john@example.com" },
      { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
      { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
    ]);
    const body = bodies[0]!;
    expect(body).not.toHaveProperty("tools");
    expect(body).not.toHaveProperty("tool_choice");
    const format = (body.output_config as { format: { type: string; schema: any } }).format;
    expect(format.type).toBe("json_schema");
    // Bounds and lengths are not in the subset: moved into the description, as the SDK does.
    expect(format.schema.properties.name).toEqual({
      type: "string",
      description: "{maxLength: 40}",
    });
    expect(format.schema.properties.age).toEqual({ type: "integer", description: "{minimum: 0}" });
    expect(format.schema.additionalProperties).toBe(false);
  });

  it("combines thinking with structured output: thinking sent, reasoning tokens counted", async () => {
    const bodies = recordBodies();
    const { results } = await runToResults(make(DemoUser, native), ["Ann Lee is 40, ann@x.io"], {
      maxTokens: 4000,
      reasoning: { budgetTokens: 2048 },
    });
    expect(bodies[0]?.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    const [first] = results;
    expect(first).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    const usage = first!.success ? first!.usage! : undefined;
    expect(usage?.reasoningTokens).toBeGreaterThan(0);
    expect(usage!.outputTokens).toBeGreaterThan(usage!.reasoningTokens!);
  });

  it("maps refusal and max_tokens into the same taxonomy as the tool path", async () => {
    const byId = await runOutcomes(
      make(DemoUser, native),
      {
        cut: { type: "truncated" },
        refused: { type: "refusal", message: "I can't help with that." },
        prose: { type: "text", text: "Sure! John is 25." },
        bad: { type: "success", content: { name: "A", age: "old", email: "a@b" } },
      },
      { maxTokens: 200 },
    );
    expect(byId.get("cut")).toMatchObject({ errorType: "truncated", errorCode: "max_tokens" });
    expect(byId.get("refused")).toMatchObject({ errorType: "refusal" });
    expect(byId.get("prose")).toMatchObject({ errorType: "parse_error" });
    expect(byId.get("bad")).toMatchObject({ errorType: "validation_error" });
  });

  it("refuses native mode on a model without structured output, and schemas outside the subset", () => {
    const error = refusal(() => make(DemoUser, native, "claude-sonnet-4-20250514"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.issues[0]).toMatchObject({ path: ["anthropic", "structuredOutput"] });
    expect(error.message).toContain('use structuredOutput "tool"');
    const record = refusal(() =>
      make(z.object({ tags: z.record(z.string(), z.string()) }), native),
    );
    expect(record).toBeInstanceOf(UnsupportedSchemaError);
    expect((record as unknown as UnsupportedSchemaError).pointer).toBe(
      "#/properties/tags/additionalProperties",
    );
    interface Node {
      name: string;
      children: Node[];
    }
    const Tree: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(Tree);
      },
    });
    expect(refusal(() => make(Tree, native)).message).toContain("recursive");
    expect(refusal(() => make(z.object({ x: z.any() }), native)).message).toContain("untyped");
    expect(() => make(z.object({ x: z.any() }))).not.toThrow();
    expect(
      refusal(() => make(DemoUser, { anthropic: { structuredOutput: "json" as never } })).message,
    ).toContain('must be "tool" or "native"');
  });
});

describe("Anthropic model rules and thinking, before anything is sent", () => {
  it("refuses thinking with forced tool use, pointing at native mode", async () => {
    const p = make(DemoUser);
    const error = await p
      .createBatchFromMessages([conversation("x")], {
        maxTokens: 4000,
        reasoning: { budgetTokens: 2048 },
      })
      .catch((e: unknown) => e as InvalidArgumentError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).issues[0]).toMatchObject({
      code: "incompatible_parameter",
      path: ["reasoning"],
    });
    expect((error as Error).message).toContain('structuredOutput: "native"');
  });

  it("refuses maxTokens above the model's ceiling and a budget not below max_tokens", async () => {
    const p = make(DemoUser, native);
    const build = (options: object) =>
      p.createBatchFromMessages([conversation("x")], options).then(
        () => {
          throw new Error("expected a refusal");
        },
        (e: unknown) => e as InvalidArgumentError,
      );
    const ceiling = await build({ maxTokens: 100_000 });
    expect(ceiling.issues[0]).toMatchObject({ code: "max_tokens_above_model_limit" });
    expect(ceiling.message).toContain("at most 64000");
    const viaOptions = await build({ providerOptions: { anthropic: { max_tokens: 70_000 } } });
    expect(viaOptions.issues[0]?.path).toEqual(["providerOptions", "anthropic", "max_tokens"]);
    const budget = await build({ maxTokens: 2048, reasoning: { budgetTokens: 2048 } });
    expect(budget.issues[0]?.path).toEqual(["reasoning", "budgetTokens"]);
    expect(budget.message).toMatch(/budget \(2048 tokens\) must be less than max_tokens \(2048/);
    const low = await build({ maxTokens: 4000, reasoning: { budgetTokens: 1000 } });
    expect(low.message).toContain("from 1024");
    const effort = await build({ maxTokens: 4000, reasoning: { effort: "high" } });
    expect(effort.issues[0]?.path).toEqual(["reasoning", "effort"]);
  });

  it("sends budget 0 as thinking disabled (fine with tool use); warns once for an unknown model", async () => {
    const bodies = recordBodies();
    const { results } = await runToResults(make(DemoUser), ["Ann Lee is 40, ann@x.io"], {
      maxTokens: 300,
      reasoning: { budgetTokens: 0 },
    });
    expect(bodies[0]?.thinking).toEqual({ type: "disabled" });
    expect(results[0]?.success).toBe(true);
    const unknown = await make(DemoUser, {}, "claude-opus-9").createBatchFromMessages(
      [conversation("a"), conversation("b")],
      { maxTokens: 300 },
    );
    expect(unknown.warnings).toEqual([
      expect.stringContaining("claude-opus-9 is not in structured-batch's model catalog"),
    ]);
  });

  it("sends a model that always thinks (Opus 5.5) natively by default, with its effort", async () => {
    const bodies = recordBodies();
    const p = make(DemoUser, {}, "claude-opus-5-5");
    const { results } = await runToResults(p, ["Ann Lee is 40, ann@x.io"], {
      maxTokens: 2000,
      reasoning: { effort: "max" },
    });
    expect(results[0]).toMatchObject({ success: true, result: { name: "Ann Lee", age: 40 } });
    expect(bodies[0]).not.toHaveProperty("tools");
    expect(bodies[0]?.output_config).toMatchObject({
      effort: "max",
      format: { type: "json_schema" },
    });
    const forced = refusal(() =>
      make(DemoUser, { anthropic: { structuredOutput: "tool" } }, "claude-opus-5-5"),
    );
    expect(forced.message).toContain("refuses forced tool use");
    const budget = await p
      .createBatchFromMessages([conversation("x")], { reasoning: { budgetTokens: 2048 } })
      .catch((e: unknown) => e as Error);
    expect((budget as Error).message).toContain("not a token budget");
  });
});
