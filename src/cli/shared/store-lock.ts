import { linkSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "./exit-codes.js";

/** How long a command waits for another process to let go of an embedded store. */
const WAIT_MS = 15_000;
/** A lock file that names no process yet is a process between create and write, for so long. */
const UNWRITTEN_GRACE_MS = 5_000;

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid in a lock file, undefined when none is written (yet), null when the file is gone. */
function holder(path: string): number | undefined | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of an embedded (PGlite) store directory: `<dir>.lock`, beside it, holding this
 * process's id. PGlite is one process's database; two processes writing one directory corrupt
 * it, so a second command waits for the first (up to 15 s), then stops with a usage error. A
 * lock whose process is gone (killed) is taken over. Returns the release; the lock is also
 * dropped when the process exits. URLs (`postgres://`, `memory://`) need no lock.
 */
export async function lockStoreDirectory(
  target: string,
  signal?: AbortSignal,
): Promise<() => void> {
  if (isUrl(target)) return () => {};
  const path = `${resolve(target)}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      const release = () => {
        process.removeListener("exit", release);
        if (holder(path) === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            // Already gone.
          }
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new UsageError(
          `--store ${target}: cannot create ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          "Check that the folder exists and is writable",
        );
      }
    }
    const pid = holder(path);
    let stale = pid !== null && pid !== undefined && !alive(pid);
    if (pid === undefined) {
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      stale = age > UNWRITTEN_GRACE_MS;
    }
    if (stale) {
      takeOver(path, pid ?? undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new UsageError(
        `--store ${target}: in use by process ${pid ?? "?"} (an embedded store serves one process at a time)`,
        "Wait for that command to end, or use a postgres:// store for several processes at once",
      );
    }
    // Ctrl-C while waiting: the command stops here, nothing was opened.
    if (signal?.aborted) throw signal.reason;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Removes a stale lock without removing a fresh one another process wrote in the meantime: the
 * file is moved aside (atomic), and put back when it turns out to name another process.
 */
function takeOver(path: string, stalePid: number | undefined): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Gone already: try again.
  }
  const moved = holder(aside);
  if (moved !== stalePid && moved !== null && moved !== undefined && alive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process holds the lock now; the one moved aside is still its own holder's.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Nothing to clean.
  }
}
