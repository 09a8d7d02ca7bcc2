import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { inlineBodyStream } from "./inline-body-stream.js";

const encoder = new TextEncoder();

/** What the body was before it was streamed: the parsed lines, serialised as one object. */
function asBefore(lines: string[], displayName: string): string {
  const requests = lines
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l))
    .map((l) => ({ request: l.request, metadata: { key: l.key } }));
  return JSON.stringify({ batch: { displayName, inputConfig: { requests: { requests } } } });
}

async function text(chunks: Uint8Array[], displayName = "d"): Promise<string> {
  const { body, length } = inlineBodyStream(chunks, displayName);
  const bytes = new Uint8Array(await new Response(body()).arrayBuffer());
  expect(bytes.length).toBe(length);
  return new TextDecoder().decode(bytes);
}

describe("inlineBodyStream", () => {
  const built = [
    { key: "a", request: { contents: [{ role: "user", parts: [{ text: 'Zoë "quoted" 😀\n' }] }] } },
    { key: "ключ", request: { contents: [], generationConfig: { temperature: 0.5 } } },
  ].map((l) => JSON.stringify(l));

  it("is byte for byte the body JSON.stringify made, for encoder lines and hand-written ones", async () => {
    expect(await text([encoder.encode(`${built.join("\n")}\n`)], "démo")).toBe(
      asBefore(built, "démo"),
    );
    // Reordered, spaced, CRLF, blank lines, a line split over two chunks.
    const odd = [
      '{ "request": {"contents": [ ]}, "key": "x" }\r',
      "",
      '{"key":"y","request":{"contents":[{"parts":[{"text":"1e2"}]}],"n":1.50}}',
    ];
    const joined = encoder.encode(`${odd.join("\n")}\n`);
    const chunks = [joined.subarray(0, 60), joined.subarray(60)];
    expect(await text(chunks)).toBe(
      asBefore(
        odd.map((l) => l.trim()),
        "d",
      ),
    );
    expect(await text([encoder.encode(built[0]!)])).toBe(asBefore([built[0]!], "d"));
  });

  it("sends an encoder line's request as a view of the buffer, not a copy", async () => {
    const chunk = encoder.encode(`${built.join("\n")}\n`);
    const reader = inlineBodyStream([chunk], "d").body().getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    const views = parts.filter((p) => p.buffer === chunk.buffer);
    expect(views).toHaveLength(2);
    expect(new TextDecoder().decode(views[0])).toBe(JSON.stringify(JSON.parse(built[0]!).request));
  });

  it("refuses a line that is not {key, request} before a byte is streamed, naming it", () => {
    const lines = [built[0], '{"custom_id":"a","params":{}}'].join("\n");
    const error = (() => {
      try {
        inlineBodyStream([encoder.encode(lines)], "d");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).issues[0]).toMatchObject({
      code: "invalid_batch_line",
      path: ["batch", 2],
    });
  });

  it("streams afresh on each call, for a create sent again", async () => {
    const { body } = inlineBodyStream([encoder.encode(built.join("\n"))], "d");
    const first = await new Response(body()).text();
    expect(await new Response(body()).text()).toBe(first);
  });
});
