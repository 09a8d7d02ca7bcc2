import { JobStoreUnavailableError } from "../../../errors/job-store-unavailable-error.js";

const LOCK_FILE = "structured-batch.lock";

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. A lock file holding the owner's pid keeps a second opener out with a clear error; a lock
 * left by a killed process (its pid is gone) is taken over. Node-only, loaded on demand, like
 * directory stores themselves.
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const fs = await import("node:fs");
  const path = await import("node:path");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return async () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(readOr(fs, file), 10);
    if (Number.isInteger(holder) && isAlive(holder)) {
      const who =
        holder === process.pid
          ? "this process (open it once and share the store)"
          : `process ${holder}`;
      throw new JobStoreUnavailableError(
        dir,
        `the directory is in use by ${who}: an embedded PGlite store is one process's at a time; use PostgreSQL for several`,
      );
    }
    // The holder is gone (killed): the lock is stale.
    fs.rmSync(file, { force: true });
  }
  throw new JobStoreUnavailableError(dir, "could not take the directory's lock");
}

function readOr(fs: typeof import("node:fs"), file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as { code?: string }).code === "EPERM";
  }
}
