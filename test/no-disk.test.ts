// The in-memory path writes no file: every file-system call that can write (node:fs and
// node:fs/promises, callback, sync and promise forms) is trapped while a batch is built in
// memory, submitted, waited for and read back over HTTP, for every provider; then nothing may
// have been called. The same trap catches the file mode (`filePath`), so it is known to work.
// (workerd, which has no writable file system at all, runs the same path in test:runtimes.)
import fs from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { BatchProcessor } from "../src/index.js";
import { useEmulatorServer } from "./support/emulator-server.js";

const WRITERS = [
  "appendFile",
  "copyFile",
  "cp",
  "createWriteStream",
  "fdatasync",
  "fsync",
  "ftruncate",
  "link",
  "mkdir",
  "mkdtemp",
  "open",
  "rename",
  "rm",
  "rmdir",
  "symlink",
  "truncate",
  "unlink",
  "utimes",
  "write",
  "writeFile",
  "writev",
] as const;

/** `open` is a write only with a flag other than read-only. */
function writes(name: string, args: unknown[]): boolean {
  if (name !== "open" && name !== "openSync") return true;
  const flags = args[1];
  return !(flags === undefined || flags === "r" || flags === fs.constants.O_RDONLY);
}

interface Call {
  name: string;
  target: string;
}

/** Wraps every writing function of node:fs and node:fs/promises; returns the calls and `restore`. */
function trapWrites() {
  const calls: Call[] = [];
  const restores: Array<() => void> = [];
  const wrap = (object: Record<string, unknown>, name: string, label: string) => {
    const original = object[name];
    if (typeof original !== "function") return;
    object[name] = function (this: unknown, ...args: unknown[]) {
      if (writes(name, args)) calls.push({ name: label, target: String(args[0]) });
      return original.apply(this, args);
    };
    restores.push(() => {
      object[name] = original;
    });
  };
  const sync = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of WRITERS) {
    wrap(sync, name, `fs.${name}`);
    wrap(sync, `${name}Sync`, `fs.${name}Sync`);
    wrap(promises, name, `fs/promises.${name}`);
  }
  // ES module imports of node:fs and node:fs/promises see the wrapped functions too.
  syncBuiltinESMExports();
  return {
    calls,
    restore() {
      for (const restore of restores) restore();
      syncBuiltinESMExports();
    },
  };
}

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
const conversations = [
  [{ role: "user" as const, content: "Extract: Ann Lee is 34 years old, ann@example.com" }],
  [{ role: "user" as const, content: "Extract: Bo Chen, 41, bo@example.com" }],
];
const server = useEmulatorServer();
let trap: ReturnType<typeof trapWrites> | undefined;

afterEach(() => {
  trap?.restore();
  trap = undefined;
});

describe("no disk", () => {
  it.each([
    ["openai/gpt-4o-mini (file uploaded from memory)", {}],
    ["anthropic/claude-haiku-4-5 (inline body)", {}],
    ["google/gemini-2.5-flash (inline)", {}],
    ["google/gemini-2.5-flash (file uploaded from memory)", { google: { inlineMaxBytes: 0 } }],
  ])(
    "%s: build, submit, wait and read results without one file-system write",
    async (label, options) => {
      const model = label.split(" ")[0]!;
      const baseURL = model.startsWith("openai/") ? server.baseURL : server.url;
      trap = trapWrites();
      const processor = new BatchProcessor(model, User, { apiKey: "k", baseURL, ...options });
      const buffer = await processor.createBatchFromMessages(conversations, {
        filePath: null,
        maxTokens: 100,
      });
      const id = await processor.submitBatch(buffer);
      await processor.waitForCompletion(id, { pollIntervalMs: 5 });
      const results = await processor.getResults(id);
      await processor.deleteBatch(id);
      const { calls } = trap;
      trap.restore();
      trap = undefined;
      expect(results.filter((r) => r.success)).toHaveLength(2);
      expect(calls).toEqual([]);
    },
  );

  it("the trap does see the file mode's writes (so an empty list above means something)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "no-disk-"));
    try {
      trap = trapWrites();
      const processor = new BatchProcessor("openai/gpt-4o-mini", User, { apiKey: "k" });
      const path = join(dir, "batch.jsonl");
      await processor.createBatchFromMessages(conversations, { filePath: path, maxTokens: 100 });
      const names = trap.calls.filter((c) => c.target.startsWith(dir)).map((c) => c.name);
      expect(names).toEqual(expect.arrayContaining(["fs/promises.open", "fs/promises.rename"]));
    } finally {
      trap?.restore();
      trap = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
