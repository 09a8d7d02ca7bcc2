import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  downloadLines,
  fileLine,
  type GoogleHarness,
  inlined,
  QUICK_START,
  rawBatch,
  startGoogleHarness,
  uploadJsonl,
} from "./test-support/google-harness.js";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
const USERS = [
  { name: "John Doe", age: 25, email: "john@example.com" },
  { name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
  { name: "Bob Wilson", age: 28, email: "bob.wilson@email.com" },
];
const SYSTEM = "Extract the user's details.";

describe("the default responder on the quick start, through Gemini", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness();
  });
  afterAll(() => h.close());

  it("answers inline requests with a responseJsonSchema from Zod", async () => {
    const schema = z.toJSONSchema(User) as Record<string, unknown>;
    const src = QUICK_START.map((text, i) =>
      inlined(`request-${i}`, text, { schema, system: SYSTEM }),
    );
    const job = await h.ai.batches.create({ model: "gemini-2.5-flash", src });
    const answers = job.dest!.inlinedResponses!.map((r) =>
      User.parse(JSON.parse(r.response!.candidates![0]!.content!.parts![0]!.text!)),
    );
    expect(answers).toEqual(USERS);
  });

  it("answers file lines with an OpenAPI responseSchema (upper-case types)", async () => {
    const responseSchema = {
      type: "OBJECT",
      properties: { name: { type: "STRING" }, age: { type: "INTEGER" }, email: { type: "STRING" } },
      required: ["name", "age", "email"],
      propertyOrdering: ["name", "age", "email"],
    };
    const lines = QUICK_START.map((text, i) => ({
      key: `request-${i}`,
      request: {
        contents: [{ role: "user", parts: [{ text }] }],
        generationConfig: { responseMimeType: "application/json", responseSchema },
      },
    }));
    const job = await h.ai.batches.create({
      model: "gemini-2.5-flash",
      src: await uploadJsonl(h.ai, lines),
    });
    const raw = await rawBatch(h, job.name!);
    const results = await downloadLines(h, raw.metadata.output.responsesFile);
    expect(results.map((r) => JSON.parse(r.response.candidates[0].content.parts[0].text))).toEqual(
      USERS,
    );
  });

  it("leaves out an optional property the text says nothing about (schemas are not strict)", async () => {
    const schema = z.toJSONSchema(User.extend({ phone: z.string().optional() })) as Record<
      string,
      unknown
    >;
    expect(schema.required).toEqual(["name", "age", "email"]);
    const job = await h.ai.batches.create({
      model: "gemini-2.5-flash",
      src: await uploadJsonl(h.ai, [fileLine("only", QUICK_START[0]!, { schema })]),
    });
    const raw = await rawBatch(h, job.name!);
    const [line] = await downloadLines(h, raw.metadata.output.responsesFile);
    expect(JSON.parse(line.response.candidates[0].content.parts[0].text)).toEqual(USERS[0]);
  });

  it("answers in plain text without a schema", async () => {
    const job = await h.ai.batches.create({
      model: "gemini-2.5-flash",
      src: [inlined("plain", "What is 2+2?")],
    });
    const part = job.dest!.inlinedResponses![0]!.response!.candidates![0]!.content!.parts![0]!;
    expect(part.text).toBe("This is an emulated answer to: What is 2+2?");
  });
});
