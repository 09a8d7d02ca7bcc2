// Node-only: loaded by a dynamic import when a `filePath` is used. The `node:` modules are
// imported inside the functions too, so a one-file bundle (wrangler's) that inlines this module
// still has no top-level `node:` import and starts in workerd without `nodejs_compat`.

/**
 * Writes the chunks to `path` atomically: a temporary file beside it, then a rename, so a
 * reader never sees half a batch and a failure leaves the old file (or none) as it was.
 */
export async function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  const [{ randomBytes }, { open, rename, unlink }, { basename, dirname, join }] =
    await Promise.all([import("node:crypto"), import("node:fs/promises"), import("node:path")]);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx");
  try {
    try {
      for (const chunk of chunks) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

export async function readBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import("node:fs/promises");
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
