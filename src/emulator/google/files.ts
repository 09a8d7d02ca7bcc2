import { DAY_MS, type EmulatorContext } from "../context.js";
import type { StoredFile } from "../file-store.js";
import type { GoogleApiVersion } from "./wire.js";
import { googleIds, rfc3339 } from "./wire.js";

/** Uploaded and generated files are kept 48 hours, as the real Files API keeps them. */
export const FILE_TTL_MS = 2 * DAY_MS;

/** What the Files API shows beyond what the shared FileStore keeps. */
interface FileMeta {
  displayName: string | undefined;
  mimeType: string;
  sha256Hash: string;
  source: "UPLOADED" | "GENERATED";
}

export interface NewFile {
  id?: string;
  displayName: string | undefined;
  mimeType: string;
  bytes: Uint8Array<ArrayBuffer>;
  source: FileMeta["source"];
  purpose: string;
}

/**
 * The proto `bytes` field holds the hex digest's characters, so the JSON shows base64 of hex
 * (what values seen on the real API decode to).
 */
async function sha256Hash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return btoa(hex);
}

/** Gemini's files, kept in the shared FileStore (bytes, lifetime) plus their own metadata. */
export class GoogleFiles {
  private readonly meta = new Map<string, FileMeta>();

  constructor(private readonly ctx: EmulatorContext) {}

  async add(file: NewFile, now: number): Promise<StoredFile> {
    const stored = this.ctx.files.add({
      id: file.id ?? googleIds.file(),
      provider: "google",
      filename: file.displayName ?? "",
      purpose: file.purpose,
      bytes: file.bytes,
      createdAtMs: now,
      expiresAtMs: now + FILE_TTL_MS,
    });
    this.meta.set(stored.id, {
      displayName: file.displayName,
      mimeType: file.mimeType,
      sha256Hash: await sha256Hash(file.bytes),
      source: file.source,
    });
    return stored;
  }

  /** A visible Gemini file by id (`abc`) or name (`files/abc`). */
  get(idOrName: string, now: number): StoredFile | undefined {
    const id = idOrName.startsWith("files/") ? idOrName.slice("files/".length) : idOrName;
    const file = this.ctx.files.get(id, now);
    return file?.provider === "google" && this.meta.has(id) ? file : undefined;
  }

  /** Any id ever used, visible or not, so a new upload cannot take a deleted file's name. */
  exists(id: string): boolean {
    return this.meta.has(id);
  }

  delete(id: string, now: number): boolean {
    return this.get(id, now) !== undefined && this.ctx.files.delete(id, now);
  }

  /** Newest first, as the list of batches. */
  list(now: number): StoredFile[] {
    return this.ctx.files
      .list("google", now)
      .filter((f) => this.meta.has(f.id))
      .reverse();
  }

  mimeType(file: StoredFile): string {
    return this.meta.get(file.id)?.mimeType ?? "application/octet-stream";
  }

  clear(): void {
    this.meta.clear();
  }

  /** The File resource; `origin` and `version` make `uri` point at this emulator. */
  toWire(file: StoredFile, origin: string, version: GoogleApiVersion): Record<string, unknown> {
    const meta = this.meta.get(file.id)!;
    const wire: Record<string, unknown> = { name: `files/${file.id}` };
    // proto3 JSON leaves empty strings out, so a file uploaded without a name shows none.
    if (meta.displayName) wire.displayName = meta.displayName;
    return Object.assign(wire, {
      mimeType: meta.mimeType,
      sizeBytes: String(file.bytes.byteLength),
      createTime: rfc3339(file.createdAtMs),
      updateTime: rfc3339(file.createdAtMs),
      expirationTime: rfc3339(file.expiresAtMs ?? file.createdAtMs + FILE_TTL_MS),
      sha256Hash: meta.sha256Hash,
      uri: `${origin}/${version}/files/${file.id}`,
      state: "ACTIVE",
      source: meta.source,
    });
  }
}
