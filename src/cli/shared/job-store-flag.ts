import { stat } from "node:fs/promises";
import type { Command } from "commander";
import { describeStore } from "../../jobs/stores/open-job-store.js";
import { UsageError } from "./exit-codes.js";
import { addSecret } from "./report-error.js";

/** Where jobs live when `--store` is not given: PGlite in this folder of the working directory. */
export const DEFAULT_STORE = ".structured-batch";

export interface StoreFlags {
  store?: string;
}

/** `--store`, with the default and what each form means. */
export function addStoreOption(command: Command): Command {
  return command.option(
    "--store <dir|url>",
    `where jobs live: a directory (embedded PGlite, one process at a time: a lock file <dir>.lock beside it makes others wait) or postgres://user:pass@host/db (any number of processes); default ${DEFAULT_STORE}/ in the current directory`,
  );
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/** The store as given (or the default), its password registered so no error can print it. */
export function storeTarget(flags: StoreFlags): string {
  const target = flags.store ?? DEFAULT_STORE;
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(target)?.[1];
  if (password) {
    addSecret(password);
    try {
      addSecret(decodeURIComponent(password));
    } catch {
      // Not percent-encoded: the raw form is registered.
    }
  }
  return target;
}

/** The store's name for messages: never its password. */
export function storeLabel(target: string): string {
  return describeStore(target);
}

/**
 * For the inspecting commands: a store directory that does not exist is an error (they must not
 * create an empty store), not a new database.
 */
export async function ensureStoreExists(target: string): Promise<void> {
  if (!isUrl(target) && target !== "memory://") {
    let exists = false;
    try {
      exists = (await stat(target)).isDirectory();
    } catch {
      // Reported below.
    }
    if (!exists) {
      throw new UsageError(
        `--store ${target}: no job store there`,
        target === DEFAULT_STORE
          ? "Run structured-batch run first, or pass --store with the directory or postgres:// URL of your jobs"
          : "Pass the directory or postgres:// URL that structured-batch run used",
      );
    }
  }
}
