import { describe, expect, it } from "vitest";
import { bufferFromJsonl } from "../batch/buffer-from-jsonl.js";
import { LineCursor, readLineBatches } from "../batch/read-lines.js";
import { stripBom, stripBomBytes } from "./strip-bom.js";

const BOM_BYTES = [0xef, 0xbb, 0xbf];
const encode = (text: string) => new TextEncoder().encode(text);

describe("byte-order marks", () => {
  it("are dropped at the start only", () => {
    expect(stripBom("\uFEFF{}")).toBe("{}");
    expect(stripBom("{}\uFEFF")).toBe("{}\uFEFF");
    const bytes = Uint8Array.from([...BOM_BYTES, 0x7b, 0x7d]);
    expect([...stripBomBytes(bytes)]).toEqual([0x7b, 0x7d]);
    expect(stripBomBytes(bytes).buffer).toBe(bytes.buffer); // a view, not a copy
    expect([...stripBomBytes(Uint8Array.of(0xef, 0xbb))]).toEqual([0xef, 0xbb]);
  });

  it("never reach the first line of the line readers, whatever the chunks", async () => {
    const text = '\uFEFF{"a":1}\n{"b":2}\n';
    const lines = async (source: Parameters<typeof readLineBatches>[0]) => {
      const out: string[] = [];
      for await (const batch of readLineBatches(source)) for (const l of batch) out.push(l.line);
      return out;
    };
    const expected = ['{"a":1}', '{"b":2}'];
    expect(await lines(text)).toEqual(expected);
    expect(await lines(["", "\uFEFF", text.slice(1)])).toEqual(expected);
    expect(await lines([...encode(text)].map((b) => Uint8Array.of(b)))).toEqual(expected);
    // Files joined with `cat` keep the second one's mark at the start of a line.
    expect(await lines(`${text}${text}`)).toEqual([...expected, ...expected]);
    const cursor = new LineCursor(text);
    const seen: string[] = [];
    while (cursor.next()) seen.push(cursor.line);
    expect(seen).toEqual(expected);
  });

  it("are not sent as part of a batch file's first request", () => {
    const file = Uint8Array.from([...BOM_BYTES, ...encode('{"custom_id":"a"}\n')]);
    const buffer = bufferFromJsonl(file, "openai", "gpt-4o-mini", "batch.jsonl");
    expect(buffer.customIds).toEqual(["a"]);
    expect(buffer.text()).toBe('{"custom_id":"a"}\n');
    expect(buffer.getValue()[0]).toBe(0x7b);
  });
});
