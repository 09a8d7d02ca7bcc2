import { toUnixSeconds } from "../clock.js";
import type { StoredFile } from "../file-store.js";

/** A file as Mistral's Files API shapes it (SDK 2.7.0 `CreateFileResponse` / `GetFileResponse`). */
export function fileToWire(file: StoredFile): Record<string, unknown> {
  const result = file.filename.endsWith("_output.jsonl");
  const error = file.filename.endsWith("_error.jsonl");
  return {
    id: file.id,
    object: "file",
    bytes: file.bytes.byteLength,
    created_at: toUnixSeconds(file.createdAtMs),
    filename: file.filename,
    purpose: file.purpose,
    sample_type: result ? "batch_result" : error ? "batch_error" : "batch_request",
    num_lines: countLines(file.bytes),
    mimetype: "application/jsonl",
    source: result || error ? "mistral" : "upload",
    signature: null,
  };
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  let open = false;
  for (const byte of bytes) {
    if (byte === 10) {
      if (open) lines++;
      open = false;
    } else open = true;
  }
  return open ? lines + 1 : lines;
}
