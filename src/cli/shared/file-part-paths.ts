import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import type { Conversation, FileContentPart } from "../../messages/types.js";
import { UsageError } from "./exit-codes.js";

// Media types by file extension, for the file types the providers take.
export const MEDIA_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".heic": "image/heic",
  ".heif": "image/heif",
};

const HINT =
  'a file part on a --messages line is { "type": "file", "path": "invoice.pdf" } (relative to the messages file) or { "type": "file", "url": "data:...;base64,..." | "https://..." }';

/**
 * The CLI's one addition to the message format: a file part may name a local file with `path`
 * (relative to the messages file, or to the working directory for stdin) instead of a `url`.
 * It is read here and sent inline, as a `data:` URL, so that the library sees the same parts
 * as from code; its media type comes from `mediaType` or the file's extension.
 */
export async function resolveFilePaths(
  conversation: Conversation,
  messagesPath: string,
  lineNumber: number,
): Promise<Conversation> {
  let changed = false;
  const out: Conversation[number][] = [];
  for (const message of conversation) {
    if (!Array.isArray(message?.content)) {
      out.push(message);
      continue;
    }
    const content = [];
    for (const part of message.content as unknown[]) {
      const file = part as { type?: unknown; path?: unknown; mediaType?: unknown; url?: unknown };
      if (file?.type !== "file" || file.path === undefined) {
        content.push(part);
        continue;
      }
      changed = true;
      const where = `${messagesPath} line ${lineNumber}`;
      if (typeof file.path !== "string" || file.path === "" || file.url !== undefined) {
        throw new UsageError(
          `${where}: a file part takes either "url" or a non-empty "path"`,
          HINT,
        );
      }
      const base = messagesPath === "-" ? process.cwd() : dirname(resolve(messagesPath));
      const full = resolve(base, file.path);
      const mediaType =
        typeof file.mediaType === "string"
          ? file.mediaType
          : MEDIA_TYPES[extname(full).toLowerCase()];
      if (mediaType === undefined) {
        throw new UsageError(
          `${where}: cannot tell the media type of ${JSON.stringify(file.path)} from its extension`,
          `Give "mediaType" (such as "application/pdf") on the part, or use one of ${Object.keys(MEDIA_TYPES).join(", ")}`,
        );
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(full);
      } catch (error) {
        throw new UsageError(
          `${where}: cannot read the file part's path ${JSON.stringify(file.path)} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
          HINT,
        );
      }
      const { path: _path, mediaType: _mediaType, ...rest } = file;
      content.push({ ...rest, url: `data:${mediaType};base64,${bytes.toString("base64")}` });
    }
    out.push({ ...message, content } as Conversation[number]);
  }
  return changed ? out : conversation;
}

/**
 * For `run --attach <column>`: the file each row names in `column`, read when the row is
 * rendered: when it is added (to check it) and again when its batch is built, so that the store
 * keeps the path, not the bytes. Paths are relative to the working directory, not to the input
 * file: a job stepped later by `--name` has no input file to be relative to.
 */
export function attachFromColumn(
  column: string,
): (row: Record<string, unknown>) => FileContentPart[] {
  return (row) => {
    const value = row[column];
    if (value === undefined || value === null || value === "") return [];
    if (typeof value !== "string") {
      throw new Error(`--attach ${column}: the column must hold a file path, got ${typeof value}`);
    }
    const full = resolve(value);
    const mediaType = MEDIA_TYPES[extname(full).toLowerCase()];
    if (mediaType === undefined) {
      throw new Error(
        `--attach ${column}: cannot tell the media type of ${JSON.stringify(value)} from its extension (${Object.keys(MEDIA_TYPES).join(", ")})`,
      );
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (error) {
      throw new Error(
        `--attach ${column}: cannot read ${JSON.stringify(value)} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
    return [
      {
        type: "file",
        url: `data:${mediaType};base64,${bytes.toString("base64")}`,
        filename: basename(full),
      },
    ];
  };
}
