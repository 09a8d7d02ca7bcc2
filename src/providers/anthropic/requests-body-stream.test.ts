import { describe, expect, it } from "vitest";
import { requestsBodyFromJsonl } from "./requests-body-from-jsonl.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function body(chunks: string[]): Promise<string> {
  const bytes = chunks.map((c) => encoder.encode(c));
  const size = bytes.reduce((n, b) => n + b.byteLength, 0);
  return decoder.decode(await requestsBodyFromJsonl(bytes, size));
}

describe("requestsBodyFromJsonl", () => {
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
  });

  it("reads an async source", async () => {
    async function* source() {
      yield encoder.encode('{"custom_id":"a"}\n');
      yield encoder.encode('{"custom_id":"b"}\n');
    }
    const out = await requestsBodyFromJsonl(source(), 36);
    expect(JSON.parse(decoder.decode(out)).requests).toHaveLength(2);
  });
});
