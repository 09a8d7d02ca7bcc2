import { describe, expect, it } from "vitest";
import { expectLinear } from "../../../test/support/linear-growth.js";
import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { InvalidRowsError } from "../../errors/invalid-rows-error.js";
import { type ReadRowsOptions, readRows } from "./read-rows.js";
import {
  asyncChunks,
  byteChunks,
  collect,
  randomChunks,
  rejection,
  streamOf,
} from "./test-support/chunks.js";

const jsonl = { format: "jsonl", idColumn: "id" } as const;

const SAMPLE = [
  '\uFEFF{"id":"a-1","text":"Zoë 😀 日本","n":1}',
  "",
  '{"id":7,"text":"line\\nbreak","nested":{"city":"Köln"}}\r',
  "   ",
  '{"id":"c","tags":["x","y"]}',
].join("\n");

const EXPECTED = [
  { id: "a-1", row: { id: "a-1", text: "Zoë 😀 日本", n: 1 }, line: 1 },
  { id: "7", row: { id: 7, text: "line\nbreak", nested: { city: "Köln" } }, line: 3 },
  { id: "c", row: { id: "c", tags: ["x", "y"] }, line: 5 },
];

async function invalidRows(
  text: string | Uint8Array,
  options: ReadRowsOptions = jsonl,
): Promise<InvalidRowsError> {
  const error = await rejection(collect(text, options));
  expect(error).toBeInstanceOf(InvalidRowsError);
  expect(error.code).toBe("invalid_rows");
  return error;
}

describe("readRows, JSONL", () => {
  it("reads objects with their ids and 1-based lines; blank lines skipped but counted; BOM and CRLF handled; a number id becomes a string", async () => {
    expect(await collect(SAMPLE, jsonl)).toEqual(EXPECTED);
  });

  it("gives the same rows whatever the chunking: one byte at a time, random splits (inside multi-byte characters too), a web stream, string chunks", async () => {
    expect(await collect(asyncChunks(byteChunks(SAMPLE, 1)), jsonl)).toEqual(EXPECTED);
    for (let seed = 1; seed <= 40; seed++) {
      expect(await collect(asyncChunks(randomChunks(SAMPLE, seed)), jsonl), `seed ${seed}`).toEqual(
        EXPECTED,
      );
    }
    expect(await collect(streamOf(byteChunks(SAMPLE, 5)), jsonl)).toEqual(EXPECTED);
    expect(await collect(asyncChunks([...SAMPLE]), jsonl)).toEqual(EXPECTED);
    expect(await collect(new TextEncoder().encode(SAMPLE), jsonl)).toEqual(EXPECTED);
  });

  it("a row without the id column: code missing_id, its line, the id column and the row's columns named", async () => {
    const error = await invalidRows('{"id":"1"}\n\n{"name":"Ann","age":3}\n', {
      ...jsonl,
      source: "rows.jsonl",
    });
    expect(error.issues[0]).toMatchObject({ code: "missing_id", line: 3, path: ["rows.jsonl", 3] });
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'rows.jsonl[3]: line 3 has no id column "id"; its columns: "name", "age"',
    );
  });

  it("an inherited property is not an id: constructor, toString", async () => {
    const error = await invalidRows('{"a":1}', { format: "jsonl", idColumn: "constructor" });
    expect(error.issues[0]!.code).toBe("missing_id");
  });

  it("an empty or blank id, and ids that are neither strings nor numbers", async () => {
    for (const [value, code, words] of [
      ['""', "empty_id", "empty id"],
      ['"  "', "empty_id", "empty id"],
      ["null", "invalid_id", "has null as its id"],
      ["true", "invalid_id", "a boolean (true)"],
      ["[1]", "invalid_id", "an array"],
      ['{"x":1}', "invalid_id", "an object"],
      ["1e999", "invalid_id", "Infinity"],
    ] as const) {
      const error = await invalidRows(`{"id":"ok"}\n{"id":${value}}`);
      expect(error.issues[0], value).toMatchObject({ code, line: 2 });
      expect(error.message, value).toContain(words);
      expect(error.message, value).toContain('column "id"');
    }
  });

  it("an integer id beyond 2^53 is refused (JSON.parse already rounded it), a safe one kept exactly", async () => {
    const error = await invalidRows('{"id":12345678901234567890}');
    expect(error.issues[0]).toMatchObject({ code: "invalid_id", line: 1 });
    expect(error.message).toContain("write it as a JSON string");
    expect((await collect('{"id":9007199254740991}', jsonl))[0]!.id).toBe("9007199254740991");
    expect((await collect('{"id":1.5}', jsonl))[0]!.id).toBe("1.5");
  });

  it("ids up to 512 characters (code points) pass; 513 fail with code id_too_long", async () => {
    const ok = "x".repeat(512);
    const emoji = "😀".repeat(512); // 1,024 UTF-16 units, 512 characters
    const rows = await collect(`{"id":"${ok}"}\n{"id":"${emoji}"}`, jsonl);
    expect(rows.map((r) => r.id)).toEqual([ok, emoji]);
    const error = await invalidRows(`{"id":"a"}\n{"id":"${"y".repeat(513)}"}`);
    expect(error.issues[0]).toMatchObject({ code: "id_too_long", line: 2 });
    expect(error.message).toContain("513 characters");
    expect(error.message).toContain("the limit is 512");
    // The id is quoted short, not in full.
    expect(error.message.length).toBeLessThan(300);
  });

  it("a line that is not JSON: code invalid_json, its line, the parser's cause kept", async () => {
    const error = await invalidRows('{"id":1}\n\n\n{"id":2,}\n{"id":3}');
    expect(error.issues[0]).toMatchObject({ code: "invalid_json", line: 4 });
    expect(error.message).toMatch(/^input\[4\]: line 4 is not valid JSON \(/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it("a JSON value that is not an object: code not_an_object, its line and what it is", async () => {
    for (const [value, kind] of [
      ["[1,2]", "an array"],
      ["42", "a number"],
      ['"text"', "a string"],
      ["null", "null"],
    ]) {
      const error = await invalidRows(`{"id":1}\n${value}\n`);
      expect(error.issues[0], value).toMatchObject({ code: "not_an_object", line: 2 });
      expect(error.message, value).toContain(`line 2 is ${kind}, not a JSON object`);
    }
  });

  it("bytes that are not UTF-8 (a Latin-1 file): code invalid_encoding, the line of the first bad byte, whatever the chunking", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"id":1}\n{"id":2}\n{"id":3,"t":"caf'),
      0xe9, // é in Latin-1
      ...new TextEncoder().encode('"}\n'),
    ]);
    for (const source of [
      bytes,
      asyncChunks(byteChunks(bytes, 1)),
      asyncChunks(byteChunks(bytes, 7)),
    ]) {
      const error = await invalidRows(source as Uint8Array);
      expect(error.issues[0]).toMatchObject({ code: "invalid_encoding", line: 3 });
      expect(error.message).toContain("line 3 is not UTF-8");
    }
    // A valid character split across chunks before the bad byte does not move the line.
    const split = new TextEncoder().encode('{"id":1,"t":"é"}\n{"id":2}\n');
    const k = split.indexOf(0xa9); // é's second byte starts the second chunk
    const chunks = [split.subarray(0, k), new Uint8Array([...split.subarray(k), 0xff])];
    const late = await invalidRows(asyncChunks(chunks) as never);
    expect(late.issues[0]).toMatchObject({ code: "invalid_encoding", line: 3 });
    // A multi-byte character cut off by the end of the input.
    const cut = await invalidRows(
      new Uint8Array([...new TextEncoder().encode('{"id":1}\n'), 0xc3]),
    );
    expect(cut.issues[0]).toMatchObject({ code: "invalid_encoding", line: 2 });
  });

  it("stops at the first bad line: the rows before it have been yielded, none after", async () => {
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const r of readRows('{"id":1}\n{"id":2}\n{}\n{"id":4}', jsonl)) seen.push(r.id);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidRowsError);
    expect(seen).toEqual(["1", "2"]);
  });

  it("refuses a source that is not text or bytes, and a chunk that is neither", async () => {
    const bad = await rejection(collect(42 as unknown as string, jsonl));
    expect(bad).toBeInstanceOf(InvalidArgumentError);
    expect(bad.issues[0].code).toBe("invalid_row_source");
    const badChunk = await rejection(collect(asyncChunks([{ id: 1 }]) as never, jsonl));
    expect(badChunk.issues[0].code).toBe("invalid_row_source");
    expect(badChunk.message).toContain("yielded an object");
  });

  it("streams: 200,000 rows from a generator, never more than a chunk read ahead of the consumer", async () => {
    const total = 200_000;
    let produced = 0;
    async function* source() {
      for (let i = 0; i < total; i += 100) {
        let chunk = "";
        for (let k = i; k < i + 100; k++) chunk += `{"id":"r${k}","text":"row number ${k}"}\n`;
        produced += 100;
        yield new TextEncoder().encode(chunk);
      }
    }
    let count = 0;
    let maxAhead = 0;
    for await (const row of readRows(source(), jsonl)) {
      count++;
      maxAhead = Math.max(maxAhead, produced - count);
      if (count === 123_457) expect(row).toMatchObject({ id: "r123456", line: 123_457 });
    }
    expect(count).toBe(total);
    expect(maxAhead).toBeLessThan(200);
  });

  it("a 50 MB line in 64 KB chunks is read", async () => {
    const text = "x".repeat(50 * 1024 * 1024);
    const rows = await collect(
      asyncChunks(byteChunks(`{"id":"big","text":"${text}"}\n{"id":"next"}`, 65_536)),
      jsonl,
    );
    expect(rows.map((r) => [r.id, r.line])).toEqual([
      ["big", 1],
      ["next", 2],
    ]);
    expect((rows[0]!.row.text as string).length).toBe(text.length);
  });

  it("is linear in the length of one big line cut into many small chunks", async () => {
    await expectLinear(
      async (n) => {
        const bytes = new TextEncoder().encode(`{"id":"big","text":"${"é".repeat(n)}"}\n`);
        await collect(asyncChunks(byteChunks(bytes, 4096)), jsonl);
      },
      { start: 100_000, maxSmall: 2_000_000, factor: 4 },
    );
  });
});
