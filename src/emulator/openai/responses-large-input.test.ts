// The Responses API's request shapes (the library sends chat completions; other clients use
// these) with megabytes of text: `input` as a string and as messages of content parts, and
// `instructions`. Each is read by the default responder, whose rules were quadratic in it.
import { describe, expect, it } from "vitest";
import { FACT, worstCaseText } from "../../../test/support/worst-case-text.js";
import {
  readJsonl,
  STRICT_USER_SCHEMA,
  startOpenAIHarness,
  submit,
} from "../test-support/openai-harness.js";

const MB = 1_000_000;

function responsesLine(customId: string, input: unknown) {
  return {
    custom_id: customId,
    method: "POST",
    url: "/v1/responses",
    body: {
      model: "gpt-4o-mini",
      instructions: worstCaseText(2 * MB),
      input,
      text: {
        format: { type: "json_schema", name: "user", schema: STRICT_USER_SCHEMA, strict: true },
      },
    },
  };
}

describe("the /v1/responses endpoint with 2 MB inputs", () => {
  it("answers string input and content-part input from the text's facts", {
    timeout: 60_000,
  }, async () => {
    const h = await startOpenAIHarness();
    try {
      const text = worstCaseText(2 * MB);
      const half = Math.floor(text.length / 2);
      const parts = [
        {
          role: "user",
          content: [
            { type: "input_text", text: text.slice(0, half) },
            { type: "input_text", text: text.slice(half) },
          ],
        },
      ];
      const batch = await submit(
        h.client,
        [responsesLine("string", text), responsesLine("parts", parts)],
        "/v1/responses",
      );
      expect(batch.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
      const lines = await readJsonl(h.client, batch.output_file_id);
      const answers = Object.fromEntries(
        lines.map((l) => {
          const message = l.response.body.output.find(
            (o: { type: string }) => o.type === "message",
          );
          return [l.custom_id, JSON.parse(message.content[0].text)];
        }),
      );
      expect(answers).toEqual({ string: FACT, parts: FACT });
    } finally {
      await h.close();
    }
  });
});
