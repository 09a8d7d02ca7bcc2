import type { ContentPartRules } from "./content-part-rules.js";
import { parseImageUrl } from "./image-url.js";
import type { FileContentPart } from "./types.js";

/** A checked file part in the form a provider's converter writes it. */
export type ResolvedFilePart = (
  | { kind: "inline" /** The base64 payload, without the `data:` header. */; data: string }
  | { kind: "remote"; url: string }
) & {
  /** Canonical media type (aliases resolved, lower case). */
  mediaType: string;
  category: "image" | "document";
  filename: string | undefined;
};

/**
 * What a converter needs of a file part that `contentPartIssues` has passed under `rules`: the
 * media type and either the payload (the header is read, the payload sliced once) or the URL.
 */
export function resolveFilePart(part: FileContentPart, rules: ContentPartRules): ResolvedFilePart {
  const parsed = parseImageUrl(part.url);
  const raw = parsed.kind === "data" && parsed.mediaType !== "" ? parsed.mediaType : part.mediaType;
  if (raw === undefined) throw new TypeError("resolveFilePart takes a checked file part");
  const lower = raw.toLowerCase();
  const mediaType = rules.mediaTypeAliases[lower] ?? lower;
  const category = rules.mediaTypes.includes(mediaType) ? "image" : "document";
  const common = { mediaType, category, filename: part.filename } as const;
  if (parsed.kind === "data") {
    return { kind: "inline", data: part.url.slice(parsed.dataStart), ...common };
  }
  return { kind: "remote", url: part.url, ...common };
}

// btoa takes a binary string; building it in slices keeps the work linear (String.fromCharCode
// over a whole 30 MB array would overflow the call stack). A multiple of 3 bytes, so that the
// base64 of the slices, joined, is the base64 of the whole.
const SLICE = 3 * 8192;

/** Standard base64 of bytes, web-standard (no `Buffer`), linear in their length. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += SLICE) {
    chunks.push(btoa(String.fromCharCode(...bytes.subarray(i, i + SLICE))));
  }
  return chunks.join("");
}

/**
 * A file part from bytes, for the file types the providers take (PDFs and images).
 *
 * @example
 * const invoice = filePart(await readFile("invoice.pdf"), { mediaType: "application/pdf", filename: "invoice.pdf" });
 * messages.push({ role: "user", content: [{ type: "text", text: "Extract the totals." }, invoice] });
 */
export function filePart(
  bytes: Uint8Array | ArrayBuffer,
  options: { mediaType: string; filename?: string },
): FileContentPart {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return {
    type: "file",
    url: `data:${options.mediaType};base64,${bytesToBase64(view)}`,
    ...(options.filename !== undefined && { filename: options.filename }),
  };
}
