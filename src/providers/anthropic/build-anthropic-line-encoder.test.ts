import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../../errors/invalid-messages-error.js";
import type { PreparedOutputSchema } from "../types.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from "./anthropic-limits.js";
import { buildAnthropicLineEncoder } from "./build-anthropic-line-encoder.js";

const wireSchema = {
  type: "object",
  properties: { name: { type: "string" } },
  required: ["name"],
};
const output: PreparedOutputSchema<unknown> = {
  schema: {
    name: "user",
    description: "A person",
    jsonSchema: wireSchema,
    validate: (v) => ({ success: true, value: v }),
  },
  wireSchema,
  normalize: (v) => v,
};
const tool = { name: "user", description: "A person", input_schema: wireSchema };

function encoder(params: Parameters<typeof buildAnthropicLineEncoder>[2] = {}) {
  const warnings: string[] = [];
  const encode = buildAnthropicLineEncoder("claude-haiku-4-5", output, params, (m) =>
    warnings.push(m),
  );
  return { encode, warnings };
}

describe("buildAnthropicLineEncoder", () => {
  it("writes exactly the line JSON.stringify of the whole request gives", () => {
    const { encode, warnings } = encoder({
      maxTokens: 150,
      stop: "END",
      providerOptions: { anthropic: { service_tier: "auto", metadata: { user_id: "u" } } },
    });
    const line = encode("request-0", [
      { role: "system", content: 'Extract.\nLine two \u2028 "quoted"' },
      { role: "user", content: "Zoë 😀" },
    ]);
    expect(line).not.toContain("\n");
    expect(line).toBe(
      JSON.stringify({
        custom_id: "request-0",
        params: {
          model: "claude-haiku-4-5",
          max_tokens: 150,
          system: 'Extract.\nLine two \u2028 "quoted"',
          messages: [{ role: "user", content: "Zoë 😀" }],
          tools: [tool],
          tool_choice: { type: "tool", name: "user" },
          stop_sequences: ["END"],
          service_tier: "auto",
          metadata: { user_id: "u" },
        },
      }),
    );
    expect(warnings).toEqual([]);
  });

  it("leaves system out when there is none, and uses a default tool description", () => {
    const plain: PreparedOutputSchema<unknown> = {
      ...output,
      schema: { ...output.schema, description: undefined },
    };
    const line = buildAnthropicLineEncoder("m", plain, { maxTokens: 5 }, () => {})("a", [
      { role: "user", content: "hi" },
    ]);
    const params = JSON.parse(line).params;
    expect(params).not.toHaveProperty("system");
    expect(params.tools[0].description).toMatch(/calling this tool/);
    expect(line).not.toContain("null");
  });

  it("joins several system messages as text blocks, in order", () => {
    const { encode } = encoder({ maxTokens: 10 });
    const params = JSON.parse(
      encode("a", [
        { role: "system", content: "One." },
        { role: "user", content: "hi" },
        { role: "system", content: [{ type: "text", text: "Two." }] },
      ]),
    ).params;
    expect(params.system).toEqual([
      { type: "text", text: "One." },
      { type: "text", text: "Two." },
    ]);
    expect(params.messages).toEqual([{ role: "user", content: "hi" }]);
  });

  it("omits temperature, topP, seed and penalties, warning once each", () => {
    const { encode, warnings } = encoder({
      maxTokens: 10,
      temperature: 0.1,
      topP: 0.9,
      seed: 1,
      presencePenalty: 0.5,
      frequencyPenalty: 0.5,
    });
    encode("a", [{ role: "user", content: "x" }]);
    const params = JSON.parse(encode("b", [{ role: "user", content: "y" }])).params;
    for (const key of ["temperature", "top_p", "seed", "presence_penalty", "frequency_penalty"])
      expect(params).not.toHaveProperty(key);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/^temperature is not sent to Anthropic/);
    expect(warnings[0]).toContain("providerOptions: { anthropic: { temperature: 0.1 } }");
    expect(warnings[1]).toContain("top_p: 0.9");
    expect(warnings[2]).toMatch(/^seed is not sent to Anthropic/);
  });

  it("sends sampling parameters given through providerOptions, without a warning", () => {
    const { encode, warnings } = encoder({
      maxTokens: 10,
      temperature: 0.5,
      providerOptions: { anthropic: { temperature: 0.1, top_k: 5 } },
    });
    const params = JSON.parse(encode("a", [{ role: "user", content: "x" }])).params;
    expect(params).toMatchObject({ temperature: 0.1, top_k: 5 });
    expect(warnings).toEqual([]);
  });

  it("sends a documented default max_tokens when maxTokens is absent, and says so", () => {
    const { encode, warnings } = encoder();
    const params = JSON.parse(encode("a", [{ role: "user", content: "x" }])).params;
    expect(params.max_tokens).toBe(ANTHROPIC_DEFAULT_MAX_TOKENS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${ANTHROPIC_DEFAULT_MAX_TOKENS} is sent`);
  });

  it("takes max_tokens from providerOptions in its place, without a duplicate key", () => {
    const { encode, warnings } = encoder({ providerOptions: { anthropic: { max_tokens: 77 } } });
    const line = encode("a", [{ role: "user", content: "x" }]);
    expect(line.match(/max_tokens/g)).toHaveLength(1);
    expect(JSON.parse(line).params.max_tokens).toBe(77);
    expect(warnings).toEqual([]);
  });

  it("refuses provider options that would override what the library sets", () => {
    for (const key of ["model", "messages", "system", "tools", "tool_choice", "stream"]) {
      expect(() => encoder({ providerOptions: { anthropic: { [key]: 1 } } })).toThrow(
        `providerOptions.anthropic.${key}`,
      );
    }
    expect(() =>
      encoder({ providerOptions: { anthropic: { tool_choice: { type: "auto" } } } }),
    ).toThrow(InvalidArgumentError);
  });

  it("refuses extended thinking, which forced tool use excludes", () => {
    expect(() =>
      encoder({
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      }),
    ).toThrow(/thinking/);
    expect(() =>
      encoder({ providerOptions: { anthropic: { thinking: { type: "disabled" } } } }),
    ).not.toThrow();
  });

  it("warns once about message names, which Anthropic has no field for", () => {
    const { encode, warnings } = encoder({ maxTokens: 10 });
    encode("a", [{ role: "user", content: "x", name: "ann" }]);
    const line = encode("b", [{ role: "user", content: "y", name: "bob" }]);
    expect(line).not.toContain("bob");
    expect(warnings).toEqual([expect.stringContaining("names are not sent")]);
  });

  it("reports a conversation Anthropic would reject with its index and custom id", () => {
    const { encode } = encoder({ maxTokens: 10 });
    encode("first", [{ role: "user", content: "x" }]);
    let error: unknown;
    try {
      encode("second", [
        { role: "system", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] },
        { role: "user", content: "x" },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMessagesError);
    expect((error as InvalidMessagesError).issues[0]?.path).toEqual([1, 0, "content", 0]);
    expect((error as Error).message).toContain('request "second"');
  });
});

describe("buildAnthropicLineEncoder in native mode", () => {
  const native = (params: Parameters<typeof buildAnthropicLineEncoder>[2]) =>
    buildAnthropicLineEncoder("claude-haiku-4-5", output, params, () => {}, "native");

  it("writes output_config.format and thinking instead of a tool, in JSON.stringify's order", () => {
    const encode = native({
      maxTokens: 4000,
      reasoning: { budgetTokens: 2048 },
      stop: ["END"],
      providerOptions: { anthropic: { output_config: { effort: "low" }, service_tier: "auto" } },
    });
    expect(encode("r", [{ role: "user", content: "x" }])).toBe(
      JSON.stringify({
        custom_id: "r",
        params: {
          model: "claude-haiku-4-5",
          max_tokens: 4000,
          messages: [{ role: "user", content: "x" }],
          output_config: { effort: "low", format: { type: "json_schema", schema: wireSchema } },
          thinking: { type: "enabled", budget_tokens: 2048 },
          stop_sequences: ["END"],
          service_tier: "auto",
        },
      }),
    );
  });

  it("takes thinking from providerOptions, checked against max_tokens; never twice", () => {
    const thinking = { type: "enabled", budget_tokens: 1500 };
    const line = native({ maxTokens: 2000, providerOptions: { anthropic: { thinking } } })("r", [
      { role: "user", content: "x" },
    ]);
    expect(JSON.parse(line).params.thinking).toEqual(thinking);
    expect(() => native({ maxTokens: 1000, providerOptions: { anthropic: { thinking } } })).toThrow(
      /thinking budget \(1500 tokens\) must be less than max_tokens \(1000, from maxTokens\)/,
    );
    expect(() =>
      native({
        maxTokens: 4000,
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 100 } } },
      }),
    ).toThrow(/at least 1024/);
    expect(() =>
      native({
        maxTokens: 4000,
        reasoning: { budgetTokens: 2048 },
        providerOptions: { anthropic: { thinking } },
      }),
    ).toThrow(/set thinking once/);
  });

  it("refuses an output format given through providerOptions, in either mode", () => {
    const format = { type: "json_schema", schema: {} };
    expect(() => native({ providerOptions: { anthropic: { output_config: { format } } } })).toThrow(
      "providerOptions.anthropic.output_config.format",
    );
    expect(() =>
      encoder({ providerOptions: { anthropic: { output_config: { format } } } }),
    ).toThrow(InvalidArgumentError);
  });

  it("sends reasoning.effort as output_config.effort to a model outside the catalog, with its warning", () => {
    const warnings: string[] = [];
    const line = buildAnthropicLineEncoder(
      "claude-opus-9",
      output,
      { maxTokens: 100, reasoning: { effort: "xhigh" } },
      (m) => warnings.push(m),
      "native",
    )("r", [{ role: "user", content: "x" }]);
    expect(JSON.parse(line).params.output_config).toEqual({
      effort: "xhigh",
      format: { type: "json_schema", schema: wireSchema },
    });
    expect(warnings).toEqual([expect.stringContaining("not in structured-batch's model catalog")]);
    const encode = (params: Parameters<typeof buildAnthropicLineEncoder>[2]) =>
      buildAnthropicLineEncoder("claude-opus-9", output, params, () => {});
    expect(() => encode({ reasoning: { effort: "extreme" } })).toThrow(
      /takes the efforts "low", "medium", "high", "xhigh", "max"/,
    );
    expect(() =>
      encode({
        reasoning: { effort: "low" },
        providerOptions: { anthropic: { output_config: { effort: "high" } } },
      }),
    ).toThrow(/set the effort once/);
    // A budget family takes no effort: refused by the catalog's rules.
    expect(() => native({ reasoning: { effort: "low" } })).toThrow(/not an effort/);
  });
});
