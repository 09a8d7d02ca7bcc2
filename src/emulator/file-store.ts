/** A stored file: uploads and the result files the emulated batches write. */
export interface StoredFile {
  id: string;
  /** Which provider's file API owns it (each lists only its own). */
  provider: string;
  filename: string;
  purpose: string;
  bytes: Uint8Array<ArrayBuffer>;
  createdAtMs: number;
  expiresAtMs: number | null;
  deletedAtMs?: number;
}

/**
 * Files are never dropped, only marked deleted, so a batch whose validation is computed lazily
 * later can still ask whether its input existed at the moment validation happened.
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  add(file: StoredFile): StoredFile {
    this.files.set(file.id, file);
    return file;
  }

  /** The file as visible at `atMs`: created, not deleted and not expired by then. */
  get(id: string, atMs: number): StoredFile | undefined {
    const file = this.files.get(id);
    if (!file) return undefined;
    if (file.createdAtMs > atMs) return undefined;
    if (file.deletedAtMs !== undefined && file.deletedAtMs <= atMs) return undefined;
    if (file.expiresAtMs !== null && file.expiresAtMs <= atMs) return undefined;
    return file;
  }

  delete(id: string, atMs: number): boolean {
    const file = this.get(id, atMs);
    if (!file) return false;
    file.deletedAtMs = atMs;
    return true;
  }

  /** Visible files of one provider, oldest first. */
  list(provider: string, atMs: number): StoredFile[] {
    return [...this.files.values()].filter(
      (f) => f.provider === provider && this.get(f.id, atMs) !== undefined,
    );
  }

  clear(): void {
    this.files.clear();
  }
}
