import { describe, expect, it } from "vitest";
import { z } from "zod";
import { chatLine, readJsonl, startOpenAIHarness, submit } from "../test-support/openai-harness.js";
import { strictSchemaRejection } from "./strict-schema-check.js";

const body = (schema: unknown, strict = true) => ({
  model: "gpt-4o-mini",
  messages: [],
  response_format: { type: "json_schema", json_schema: { name: "user", schema, strict } },
});

describe("strictSchemaRejection", () => {
  it("accepts strict-mode schemas, recursive ones included", () => {
    const Node: z.ZodType = z.strictObject({
      label: z.string().nullable(),
      get children() {
        return z.array(Node);
      },
    });
    expect(
      strictSchemaRejection(body(z.toJSONSchema(Node)), "/v1/chat/completions"),
    ).toBeUndefined();
  });

  it("names an optional field left out of required, with the real wording and location", () => {
    const schema = z.toJSONSchema(
      z.strictObject({
        orgs: z.array(z.strictObject({ name: z.string(), roles: z.array(z.string()).optional() })),
      }),
    );
    expect(strictSchemaRejection(body(schema), "/v1/chat/completions")).toEqual({
      message:
        "Invalid schema for response_format 'user': In context=('properties', 'orgs', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'roles'.",
      param: "response_format",
    });
  });

  it("requires additionalProperties: false on every object", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    expect(strictSchemaRejection(body(schema), "/v1/chat/completions")?.message).toBe(
      "Invalid schema for response_format 'user': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it("leaves non-strict requests and plain ones alone", () => {
    expect(
      strictSchemaRejection(body({ type: "object" }, false), "/v1/chat/completions"),
    ).toBeUndefined();
    expect(
      strictSchemaRejection({ model: "m", messages: [] }, "/v1/chat/completions"),
    ).toBeUndefined();
  });

  it("reads the Responses API format", () => {
    const responses = {
      model: "m",
      input: "x",
      text: {
        format: {
          type: "json_schema",
          name: "u",
          strict: true,
          schema: { type: "object", properties: {} },
        },
      },
    };
    expect(strictSchemaRejection(responses, "/v1/responses")).toMatchObject({
      param: "text.format",
    });
  });

  it("over HTTP: the request fails with a 400 line in the error file, without asking the responder", async () => {
    let asked = 0;
    const h = await startOpenAIHarness({
      responder: () => {
        asked++;
        return undefined;
      },
    });
    try {
      const loose = {
        type: "object",
        properties: { name: { type: "string" } },
        required: [],
        additionalProperties: false,
      };
      const batch = await submit(h.client, [
        chatLine("bad", "John Doe", { schema: loose }),
        chatLine("good", "John Doe"),
      ]);
      const done = await h.client.batches.retrieve(batch.id);
      expect(done.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
      expect(asked).toBe(1);
      const [line] = await readJsonl(h.client, done.error_file_id);
      expect(line).toMatchObject({
        custom_id: "bad",
        error: null,
        response: {
          status_code: 400,
          body: { error: { type: "invalid_request_error", param: "response_format", code: null } },
        },
      });
      expect(line.response.body.error.message).toContain("Missing 'name'.");
    } finally {
      await h.close();
    }
  });
});
