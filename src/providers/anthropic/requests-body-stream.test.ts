import { describe, expect, it } from "vitest";
import { requestsBodyStream } from "./requests-body-stream.js";

const encoder = new TextEncoder();

async function body(chunks: string[]): Promise<string> {
  const { length, body } = requestsBodyStream(chunks.map((c) => encoder.encode(c)));
  const bytes = new Uint8Array(await new Response(body).arrayBuffer());
  // The length is announced before sending, so it must be exact.
  expect(bytes.length).toBe(length);
  return new TextDecoder().decode(bytes);
}

describe("requestsBodyStream", () => {
  it("wraps the lines in the create body without parsing them", async () => {
    const lines = [
      { custom_id: "a", params: { messages: [{ role: "user", content: "Zoë\n😀" }] } },
      { custom_id: "b", params: { max_tokens: 1 } },
    ].map((l) => JSON.stringify(l));
    const text = await body([`${lines.join("\n")}\n`]);
    expect(JSON.parse(text)).toEqual({ requests: lines.map((l) => JSON.parse(l)) });
  });

  it("handles lines split across chunks, CRLF, blank lines and no final newline", async () => {
    const text = await body(['{"custom_id":"a"', "}\r\n\n  \n", '{"custom_id":"b"}']);
    expect(JSON.parse(text)).toEqual({ requests: [{ custom_id: "a" }, { custom_id: "b" }] });
    const trailing = await body(['{"custom_id":"a"}\n\n', "\n"]);
    expect(JSON.parse(trailing)).toEqual({ requests: [{ custom_id: "a" }] });
    const leading = await body(["\n  \n", '{"custom_id":"a"}\n{"custom_id":"b"}\n', "  \n"]);
    expect(JSON.parse(leading).requests).toHaveLength(2);
  });

  it("sends the lines as views of the buffer's bytes, not copies, and leaves them as they were", async () => {
    const chunks = ['{"custom_id":"a"}\n{"custom_id":"b"}\n', '{"custom_id":"c"}'].map((c) =>
      encoder.encode(c),
    );
    const reader = requestsBodyStream(chunks).body.getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    const decoded = parts.map((p) => new TextDecoder().decode(p));
    expect(decoded).toEqual([
      '{"requests":[',
      '{"custom_id":"a"}',
      ",",
      '{"custom_id":"b"}',
      ",",
      '{"custom_id":"c"}',
      "]}",
    ]);
    expect(parts[1]!.buffer).toBe(chunks[0]!.buffer);
    expect(parts[3]!.buffer).toBe(chunks[0]!.buffer);
    expect(parts[5]!.buffer).toBe(chunks[1]!.buffer);
    expect(new TextDecoder().decode(chunks[0])).toBe('{"custom_id":"a"}\n{"custom_id":"b"}\n');
  });
});
