import type { GoogleFiles } from "./files.js";

/** A file of this emulator's Files API that a request names by its `uri`. */
export interface LocalFile {
  id: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * What a `fileData.fileUri` names: one of this emulator's files, one it should have but has not
 * (`"missing"`: deleted, expired, never uploaded), or `undefined` for a URL elsewhere (https,
 * gs://) that the emulator cannot fetch and takes on trust.
 */
export type FileLookup = (uri: string) => LocalFile | "missing" | undefined;

// The File resource's `uri`: `https://generativelanguage.googleapis.com/v1beta/files/<id>` on the
// real API, `http://127.0.0.1:<port>/v1beta/files/<id>` here (see GoogleFiles.toWire).
const FILE_URI = /^https?:\/\/([^/?#]+)\/v1(?:alpha|beta)?\/files\/([a-z0-9-]+)$/i;
const API_HOSTS =
  /^(?:generativelanguage\.googleapis\.com|127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i;

/** Looks `fileData.fileUri`s up in this emulator's Files API, as they are at `now`. */
export function fileLookup(files: GoogleFiles, now: number): FileLookup {
  return (uri) => {
    const match = FILE_URI.exec(uri);
    if (match === null) return undefined;
    const [, host, id] = match as unknown as [string, string, string];
    const file = files.get(id, now);
    if (file !== undefined) return { id, mimeType: files.mimeType(file), bytes: file.bytes };
    return API_HOSTS.test(host) ? "missing" : undefined;
  };
}
