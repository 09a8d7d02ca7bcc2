import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { expectLinear } from "../../../test/support/linear-growth.js";
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

const csv = { format: "csv", idColumn: "id" } as const;

// Line numbers as an editor shows them:
// 1 header (after a BOM), 2-3 a quoted CRLF, 4 blank, 5 quotes and a comma, 6 plain (LF),
// 7-8 blank, 9-11 a quoted LF, 12 a lone-CR line end, 13 multi-byte characters, no final newline.
const SAMPLE =
  '\uFEFFid,name,text\r\n1,Ann,"a\r\nb"\r\n\r\n2,"Bo, Jr.","say ""hi"""\r\n3,Cy,plain\n\n\n' +
  '4,Di,"multi\nline\nvalue"\n5,Ed,cr\r6,Zoë,"😀 日本"';

const EXPECTED = [
  { id: "1", row: { id: "1", name: "Ann", text: "a\r\nb" }, line: 2 },
  { id: "2", row: { id: "2", name: "Bo, Jr.", text: 'say "hi"' }, line: 5 },
  { id: "3", row: { id: "3", name: "Cy", text: "plain" }, line: 6 },
  { id: "4", row: { id: "4", name: "Di", text: "multi\nline\nvalue" }, line: 9 },
  { id: "5", row: { id: "5", name: "Ed", text: "cr" }, line: 12 },
  { id: "6", row: { id: "6", name: "Zoë", text: "😀 日本" }, line: 13 },
];

async function invalidRows(
  source: unknown,
  options: ReadRowsOptions = csv,
): Promise<InvalidRowsError> {
  const error = await rejection(collect(source as string, options));
  expect(error).toBeInstanceOf(InvalidRowsError);
  expect(error.code).toBe("invalid_rows");
  return error;
}

describe("readRows, CSV", () => {
  it("reads the header and rows as strings: quoted commas, quotes and line breaks, CRLF, LF and CR line ends, blank lines skipped, BOM dropped; each row's line is the one it starts on", async () => {
    expect(await collect(SAMPLE, csv)).toEqual(EXPECTED);
  });

  it("gives the same rows whatever the chunking: one byte at a time, random splits (inside characters, CRLF and the BOM), a web stream, string chunks", async () => {
    expect(await collect(asyncChunks(byteChunks(SAMPLE, 1)), csv)).toEqual(EXPECTED);
    for (let seed = 1; seed <= 40; seed++) {
      expect(await collect(asyncChunks(randomChunks(SAMPLE, seed)), csv), `seed ${seed}`).toEqual(
        EXPECTED,
      );
    }
    expect(await collect(streamOf(byteChunks(SAMPLE, 4)), csv)).toEqual(EXPECTED);
    // Text chunks, one UTF-16 unit at a time: the emoji's surrogate pair is split too.
    expect(await collect(asyncChunks([...SAMPLE.split("")]), csv)).toEqual(EXPECTED);
  });

  it("reads a Node stream of Buffers (pooled, as a file stream gives them), as the CLI hands it over", async () => {
    const buffers = byteChunks(SAMPLE, 7).map((c) => Buffer.from(c));
    expect(await collect(Readable.from(buffers), csv)).toEqual(EXPECTED);
    expect(
      await collect(Readable.from(buffers), { ...csv, format: "jsonl" }).catch(
        (e) => e.issues[0].code,
      ),
    ).toBe("invalid_json");
  });

  it("a header only, or nothing at all, is no rows", async () => {
    expect(await collect("id,text\n", csv)).toEqual([]);
    expect(await collect("", csv)).toEqual([]);
    expect(await collect("\uFEFF", csv)).toEqual([]);
  });

  it("keeps a column named __proto__ as a column, not a prototype", async () => {
    const [row] = await collect("id,__proto__\n1,x\n", csv);
    expect(Object.hasOwn(row!.row, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(row!.row, "__proto__")?.value).toBe("x");
    expect(Object.getPrototypeOf(row!.row)).toBe(Object.prototype);
  });

  it("a ragged line (more or fewer fields than the header): code ragged_line, its line and both counts, also after a multi-line record", async () => {
    const more = await invalidRows('id,a\n1,"x\r\ny"\n\n2,3,4\n', { ...csv, source: "rows.csv" });
    expect(more.issues[0]).toMatchObject({ code: "ragged_line", line: 5, path: ["rows.csv", 5] });
    expect(more.message).toBe("rows.csv[5]: line 5 has 3 fields, but the header (line 1) has 2");
    const fewer = await invalidRows("\n\nid,a,b\n1,2,3\n4\n");
    expect(fewer.issues[0]).toMatchObject({ code: "ragged_line", line: 5 });
    expect(fewer.message).toContain("line 5 has 1 field, but the header (line 3) has 3");
  });

  it("a header with an empty or a duplicate column name, or without the id column (the columns present named)", async () => {
    const empty = await invalidRows("id,,b\n1,2,3\n");
    expect(empty.issues[0]).toMatchObject({ code: "empty_column_name", line: 1 });
    expect(empty.message).toContain("empty column name at position 2");
    const blank = await invalidRows('id," "\n1,2\n');
    expect(blank.issues[0]!.code).toBe("empty_column_name");
    const duplicate = await invalidRows("\nid,name,text,name\n1,2,3,4\n");
    expect(duplicate.issues[0]).toMatchObject({ code: "duplicate_column_name", line: 2 });
    expect(duplicate.message).toContain('the column "name" twice, at positions 2 and 4');
    const missing = await invalidRows("ID,name,text\n1,2,3\n");
    expect(missing.issues[0]).toMatchObject({ code: "missing_id_column", line: 1 });
    expect(missing.message).toContain('no column "id"; its columns: "ID", "name", "text"');
  });

  it("an empty id, and an id longer than 512 characters, name the line", async () => {
    const empty = await invalidRows('id,text\n1,a\n"",b\n');
    expect(empty.issues[0]).toMatchObject({ code: "empty_id", line: 3 });
    expect(empty.message).toContain('line 3 has an empty id in column "id"');
    const long = await invalidRows(`text,id\na,1\nb,${"z".repeat(600)}\n`);
    expect(long.issues[0]).toMatchObject({ code: "id_too_long", line: 3 });
    expect(long.message).toContain("600 characters");
  });

  it("a quoted field never closed: code unclosed_quote, the line its record starts on", async () => {
    const error = await invalidRows(
      'id,text\r\n1,"ok\r\nstill ok"\r\n2,"never\r\nclosed\r\n3,x\r\n',
    );
    expect(error.issues[0]).toMatchObject({ code: "unclosed_quote", line: 4 });
    expect(error.message).toContain("line 4 (the record that starts on it) is not valid CSV");
    expect(error.cause).toMatchObject({ code: "CSV_QUOTE_NOT_CLOSED" });
  });

  it("stray quotes: a closing quote not followed by a delimiter, a quote inside an unquoted field", async () => {
    const closing = await invalidRows('id,text\n1,"a"b\n');
    expect(closing.issues[0]).toMatchObject({ code: "invalid_quote", line: 2 });
    const opening = await invalidRows('id,text\n1,ok\n\n2,a"b\n');
    expect(opening.issues[0]).toMatchObject({ code: "invalid_quote", line: 4 });
  });

  it("bytes that are not UTF-8: code invalid_encoding, the line and the column, whatever the chunking", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('id,name\n1,"a\nb"\n2,caf'),
      0xe9,
      ...new TextEncoder().encode("\n3,x\n"),
    ]);
    for (const source of [bytes, asyncChunks(byteChunks(bytes, 1))]) {
      const error = await invalidRows(source);
      expect(error.issues[0]).toMatchObject({ code: "invalid_encoding", line: 4 });
      expect(error.message).toContain('in column "name"');
    }
  });

  it("stops at the first bad line: the rows before it have been yielded, none after", async () => {
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const r of readRows("id,a\n1,x\n2,y\n3\n4,z\n", csv)) seen.push(r.id);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidRowsError);
    expect(seen).toEqual(["1", "2"]);
  });

  it("streams: 200,000 rows from a generator, never more than a chunk read ahead of the consumer", async () => {
    const total = 200_000;
    let produced = 0;
    async function* source() {
      yield "id,text,note\n";
      for (let i = 0; i < total; i += 100) {
        let chunk = "";
        for (let k = i; k < i + 100; k++) chunk += `r${k},"row, number ${k}",x\n`;
        produced += 100;
        yield new TextEncoder().encode(chunk);
      }
    }
    let count = 0;
    let maxAhead = 0;
    for await (const row of readRows(source(), csv)) {
      count++;
      maxAhead = Math.max(maxAhead, produced - count);
      if (count === 123_457) expect(row).toMatchObject({ id: "r123456", line: 123_458 });
    }
    expect(count).toBe(total);
    expect(maxAhead).toBeLessThan(200);
  });

  it("a 50 MB quoted field with line breaks and quotes, in 64 KB chunks, is read; the next row's line counts its breaks", async () => {
    const unit = 'abc "" def\r\nghi, ';
    const repeat = Math.ceil((50 * 1024 * 1024) / unit.length);
    const big = `id,text\n1,"${unit.repeat(repeat)}"\n2,after\n`;
    const rows = await collect(asyncChunks(byteChunks(big, 65_536)), csv);
    expect(rows.map((r) => [r.id, r.line])).toEqual([
      ["1", 2],
      ["2", 3 + repeat],
    ]);
    expect((rows[0]!.row.text as string).length).toBe((unit.length - 1) * repeat);
  });

  it("is linear in the length of one big quoted field cut into many small chunks", async () => {
    await expectLinear(
      async (n) => {
        const bytes = new TextEncoder().encode(`id,text\n1,"${'é, ""\n'.repeat(n)}"\n`);
        await collect(asyncChunks(byteChunks(bytes, 4096)), csv);
      },
      { start: 20_000, maxSmall: 400_000, factor: 4 },
    );
  });
});
