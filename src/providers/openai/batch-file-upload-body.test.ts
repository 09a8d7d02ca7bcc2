import { describe, expect, it } from "vitest";
import { batchFileUploadBody } from "./batch-file-upload-body.js";

const encoder = new TextEncoder();

describe("batchFileUploadBody", () => {
  const jsonl = ['{"custom_id":"a","body":{"x":"Zoë 😀"}}\n', '{"custom_id":"b"}\n'];

  it("is a multipart form of purpose=batch and the JSONL's exact bytes, of the announced length", async () => {
    const chunks = jsonl.map((line) => encoder.encode(line));
    const { body, length, contentType } = batchFileUploadBody(chunks);
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    expect(bytes.length).toBe(length);
    const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    expect(form.get("purpose")).toBe("batch");
    const file = form.get("file") as File;
    expect(file.name).toBe("batch.jsonl");
    expect(file.type).toBe("application/jsonl");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(encoder.encode(jsonl.join("")));
  });

  it("sends the buffer's chunks themselves, one per read, not copies", async () => {
    const chunks = jsonl.map((line) => encoder.encode(line));
    const reader = batchFileUploadBody(chunks).body.getReader();
    const read: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) read.push(r.value);
    expect(read).toHaveLength(chunks.length + 2);
    expect(read[1]).toBe(chunks[0]);
    expect(read[2]).toBe(chunks[1]);
  });

  it("uses a fresh random boundary per body", () => {
    const a = batchFileUploadBody([]).contentType;
    const b = batchFileUploadBody([]).contentType;
    expect(a).toMatch(/^multipart\/form-data; boundary=structured-batch-[0-9a-f]{48}$/);
    expect(a).not.toBe(b);
  });
});
