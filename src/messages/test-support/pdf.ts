import { zlibSync } from "fflate";
import { bytesToBase64 } from "../resolve-file-part.js";

function escapePdfString(line: string): string {
  return line.replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * A small valid one-page PDF whose text is `text` (one line per `\n`, Helvetica), as base64.
 * `compress` writes the page's content stream with FlateDecode, as most PDF writers do.
 */
export function makePdf(text: string, options: { compress?: boolean } = {}): string {
  const ops = text
    .split("\n")
    .map((line, i) => `${i === 0 ? "" : "T* "}(${escapePdfString(line)}) Tj`)
    .join("\n");
  const content = `BT /F1 12 Tf 14 TL 72 720 Td\n${ops}\nET`;
  const raw = new TextEncoder().encode(content);
  const body = options.compress ? zlibSync(raw) : raw;
  const streamDict = `<< /Length ${body.length}${options.compress ? " /Filter /FlateDecode" : ""} >>`;
  const objects: (string | Uint8Array[])[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    [
      new TextEncoder().encode(`${streamDict}\nstream\n`),
      body,
      new TextEncoder().encode("\nendstream"),
    ],
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (chunk: string | Uint8Array) => {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  push("%PDF-1.4\n");
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    push(`${i + 1} 0 obj\n`);
    if (typeof object === "string") push(object);
    else for (const chunk of object) push(chunk);
    push("\nendobj\n");
  });
  const xref = length;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) push(`${String(offset).padStart(10, "0")} 00000 n \n`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const all = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return bytesToBase64(all);
}
