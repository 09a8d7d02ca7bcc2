import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openJobStore } from "../open-job-store.js";

const entry = fileURLToPath(new URL("../open-job-store.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "sb-pglite-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a PGlite directory is one process's at a time", () => {
  it("refuses a second opener while the first lives, and takes over once it was killed", async () => {
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { openJobStore } = await import(${JSON.stringify(entry)});
         await openJobStore(${JSON.stringify(dir)});
         console.log("open");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
      holder.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
    });
    const refused = await openJobStore(dir).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "job_store_unavailable" });
    expect((refused as Error).message).toContain(`in use by process ${holder.pid}`);
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("close", r));
    const store = await openJobStore(dir);
    await expect(openJobStore(dir)).rejects.toThrow(/in use by this process/);
    await store.close();
    // Closed: the lock is released and the directory opens again.
    const again = await openJobStore(dir);
    await again.close();
  }, 60_000);
});
