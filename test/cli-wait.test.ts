// wait's progress: a live bar on a terminal (a pseudo-terminal from util-linux `script`), one
// plain line per change elsewhere, and Ctrl-C that stops waiting (exit 130), never the batch.
import { execFileSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../src/emulator/index.js";
import { checkedCli, cliFixtures, createBatchFile } from "./support/cli-fixtures.js";
import {
  type CliRun,
  childEnv,
  cliCommand,
  finish,
  root,
  spawnCli,
  startEmulator,
  useBuiltCli,
} from "./support/cli-run.js";

useBuiltCli();

const fixtures = cliFixtures();
let emulator: Emulator;
let env: NodeJS.ProcessEnv;
let close: () => Promise<void>;

beforeAll(async () => {
  // Batches submitted with --metadata scenario=hold wait in their first state until released,
  // then take a second and a half, so that several polls see them move.
  ({ emulator, env, close } = await startEmulator({
    phases: { validatingMs: 100, inProgressMs: 1200, finalizingMs: 100, cancellingMs: 0 },
    stuck: (batch) => batch.metadata?.scenario === "hold",
  }));
});
afterAll(async () => {
  await close();
});

async function cli(args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<CliRun> {
  return checkedCli(args, runEnv);
}

/** Submits a held batch; returns its id. */
async function submitHeld(): Promise<string> {
  const file = await createBatchFile(fixtures, env);
  const run = await cli([
    "submit",
    file,
    "--model",
    "openai/gpt-4o-mini",
    "--metadata",
    "scenario=hold",
  ]);
  expect(run.code).toBe(0);
  return run.stdout.trim();
}

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.concurrent("structured-batch wait: progress and Ctrl-C", () => {
  it("prints one plain line per change when stderr is not a terminal", async () => {
    const id = await submitHeld();
    const child = spawnCli(["wait", id, "--interval", "0.05", "--max-interval", "0.1"], env);
    const done = finish(child);
    let seen = "";
    child.stderr?.on("data", (d) => {
      seen += d;
      if (seen.includes("pending")) emulator.release(id);
    });
    const run = await done;
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line).toMatch(
        /^\d\d:\d\d:\d\d (pending|processing|completed) \(\w+\): \d\/\d done, 0 failed$/,
      );
    }
    expect(lines[0]).toContain("pending (validating)");
    expect(lines.some((l) => l.includes("processing (in_progress)"))).toBe(true);
    expect(lines.at(-1)).toContain("completed (completed): 3/3 done");
    expect(run.stderr).not.toContain("\u001b[");
    expect(run.stdout).toMatch(
      /^completed \(provider: completed\): 3\/3 done, 0 failed, waited \d\d:\d\d:\d\d\n$/,
    );
  }, 120_000);

  it.skipIf(!hasScript)(
    "draws a live bar on a terminal (pseudo-terminal via script)",
    async () => {
      const id = await submitHeld();
      const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
      const command = [
        process.execPath,
        ...cliCommand(),
        "wait",
        id,
        "--interval",
        "0.05",
        "--max-interval",
        "0.1",
      ]
        .map(quote)
        .join(" ");
      const child = spawn("script", ["-qec", command, "/dev/null"], {
        cwd: root,
        env: childEnv({ ...env, COLUMNS: "120" }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const done = finish(child);
      let seen = "";
      child.stdout?.on("data", (d) => {
        seen += d;
        if (seen.includes("pending")) emulator.release(id);
      });
      const run = await done;
      expect(run.code).toBe(0);
      // cli-progress: cursor hidden, the line redrawn in place, the bar and its fields.
      expect(run.stdout).toContain("\u001b[?25l");
      expect(run.stdout).toContain("\u001b[1G");
      expect(run.stdout).toMatch(/░{30} 0\/0 requests \| 0 failed \| pending \(validating\)/);
      expect(run.stdout).toMatch(
        /█{30} 3\/3 requests \| 0 failed \| completed \(completed\) \| \d+s/,
      );
      expect(run.stdout).toContain("completed (provider: completed): 3/3 done, 0 failed");
    },
    60_000,
  );

  it("Ctrl-C stops waiting with exit 130; the batch keeps running", async () => {
    const id = await submitHeld();
    const child = spawnCli(["wait", id, "--interval", "0.05"], env);
    const done = finish(child);
    let seen = "";
    child.stderr?.on("data", (d) => {
      seen += d;
      if (seen.includes("pending")) child.kill("SIGINT");
    });
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(
      `structured-batch wait: stopped waiting (Ctrl-C); the batch keeps running. Resume with: structured-batch wait ${id}.`,
    );
    const status = await cli(["status", id, "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: "pending" });
    emulator.release(id);
  }, 120_000);
});
