// Ctrl-C while `results` or `download` streams a large batch: exit 130, only whole lines on a
// pipe, no file left behind by --out/--errors, one line on stderr without a stack or the key.
// The batch has two parts of long answers (lines of 5-16 KB, longer than a pipe takes at once).
// A pipe test reads the child's stdout (a FIFO, as in a shell pipeline) slowly, so the child is
// held mid-stream by backpressure with a write to the pipe half done; a file test holds the
// second part's download (a delay fault) until the partial file has some lines.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, constants, openSync, readdirSync, statSync } from "node:fs";
import { Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../src/emulator/index.js";
import { BatchProcessor, type Conversation, decodeBatchHandle } from "../src/index.js";
import { cliFixtures, USER_JSON_SCHEMA } from "./support/cli-fixtures.js";
import {
  type CliRun,
  childEnv,
  cliCommand,
  finish,
  root,
  SECRET_KEY,
  spawnCli,
  startEmulator,
  tempDir,
  useBuiltCli,
} from "./support/cli-run.js";

useBuiltCli();

const PART = 150;
const TOTAL = 2 * PART;
/** stdout read before the Ctrl-C: a fraction of the first part. */
const READ_BEFORE_INTERRUPT = 256 * 1024;
const fixtures = cliFixtures();
let emulator: Emulator;
let env: NodeJS.ProcessEnv;
let close: () => Promise<void>;
let handle: string;

beforeAll(async () => {
  ({ emulator, env, close } = await startEmulator({
    // Lengths that vary, so that lines never line up with what the pipe takes at once.
    responder: ({ index }) => ({
      type: "success",
      content: {
        name: `Ann ${"Lee ".repeat(1200 + 97 * (index % 29))}`,
        age: 20 + (index % 50),
        email: `ann${index}@example.com`,
      },
    }),
  }));
  const processor = new BatchProcessor(
    "anthropic/claude-haiku-4-5",
    { jsonSchema: USER_JSON_SCHEMA, validate: (value: unknown) => value },
    { apiKey: SECRET_KEY, baseURL: env.ANTHROPIC_BASE_URL, limits: { maxRequests: PART } },
  );
  const conversations: Conversation[] = Array.from({ length: TOTAL }, (_, i) => [
    { role: "user", content: `Person ${i}: Ann Lee, ann${i}@example.com` },
  ]);
  handle = await processor.submitBatch(await processor.createBatchFromMessages(conversations));
  const status = await processor.waitForCompletion(handle, { pollIntervalMs: 10 });
  expect(status.requestCounts).toMatchObject({ total: TOTAL, succeeded: TOTAL });
  // The second part's results answer only once the client has gone.
  const second = decodeBatchHandle(handle)?.layers[0]?.[1]?.id;
  expect(second).toBeDefined();
  emulator.faults.add({
    match: { method: "GET", path: `/v1/messages/batches/${second}/results` },
    times: Number.POSITIVE_INFINITY,
    fault: { type: "delay", ms: 120_000 },
  });
}, 60_000);
afterAll(async () => {
  await close();
});

/** Resolves once `check` holds, looking again every 20 ms. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Exit 130 and one line on stderr that says so, without a stack trace or the key. */
function expectInterrupted(run: CliRun): void {
  expect(run.code).toBe(130);
  expect(run.stderr.trim().split("\n")).toEqual(["structured-batch: interrupted"]);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
}

/**
 * Runs the command with stdout on a FIFO read a chunk at a time with a pause in between, sends
 * SIGINT once some lines have come, and reads at full speed once the child says it stopped.
 */
async function interruptOnPipe(args: string[]): Promise<CliRun> {
  const fifo = join(tempDir(), "stdout");
  execFileSync("mkfifo", [fifo]);
  // The read end first, non-blocking, so that opening the write end does not wait.
  const reader = new Socket({
    fd: openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK),
    readable: true,
    writable: false,
  });
  const writeEnd = openSync(fifo, constants.O_WRONLY);
  const child = spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: root,
    env: childEnv(env),
    stdio: ["ignore", writeEnd, "pipe"],
  });
  closeSync(writeEnd);
  const exited = finish(child);
  let stdout = "";
  const ended = new Promise<void>((resolve) => reader.on("end", resolve));
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  reader.on("data", (d) => {
    stdout += d;
    if (stderr.includes("interrupted")) return;
    reader.pause();
    setTimeout(() => reader.resume(), 10);
    if (!child.killed && stdout.length > READ_BEFORE_INTERRUPT) child.kill("SIGINT");
  });
  const [run] = await Promise.all([exited, ended]);
  reader.destroy();
  return { ...run, stdout };
}

/** Every line of stdout is a whole JSON line, and the stream stopped early. */
function expectWholeLines(stdout: string): unknown[] {
  const lines = stdout.split("\n");
  expect(lines.pop(), "the last line of stdout is cut").toBe("");
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new Error(`stdout line ${i + 1} of ${lines.length} is cut: ...${line.slice(-60)}`);
    }
  });
  expect(parsed.length).toBeGreaterThan(0);
  expect(parsed.length).toBeLessThan(TOTAL);
  return parsed;
}

/** Sends SIGINT once a partial output file (written under a temporary name) has lines. */
async function interruptWritingFile(child: ChildProcess, dir: string): Promise<void> {
  await until(
    () =>
      child.exitCode !== null ||
      readdirSync(dir).some(
        (name) => name.includes(".partial-") && statSync(join(dir, name)).size > 0,
      ),
  );
  child.kill("SIGINT");
}

describe("structured-batch results and download: Ctrl-C mid-stream", () => {
  it("results to a pipe: exit 130, only whole lines on stdout", async () => {
    const run = await interruptOnPipe(["results", handle, "--schema", fixtures.schemaFile]);
    expectInterrupted(run);
    for (const line of expectWholeLines(run.stdout)) {
      expect(line).toMatchObject({ customId: expect.stringMatching(/^request-\d+$/) });
    }
  }, 60_000);

  it("download to a pipe: exit 130, only whole lines on stdout", async () => {
    const run = await interruptOnPipe(["download", handle]);
    expectInterrupted(run);
    for (const line of expectWholeLines(run.stdout)) {
      expect(line).toMatchObject({ custom_id: expect.stringMatching(/^request-\d+$/) });
    }
  }, 60_000);

  it("results --out --errors: exit 130, neither file nor a partial one is left", async () => {
    const dir = tempDir();
    const args = ["results", handle, "--schema", fixtures.schemaFile];
    args.push("--out", join(dir, "users.jsonl"), "--errors", join(dir, "errors.jsonl"));
    const child = spawnCli(args, env);
    const done = finish(child);
    await interruptWritingFile(child, dir);
    const run = await done;
    expectInterrupted(run);
    expect(run.stdout).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it("download -o: exit 130, neither the file nor a partial one is left", async () => {
    const dir = tempDir();
    const child = spawnCli(["download", handle, "-o", join(dir, "raw.jsonl")], env);
    const done = finish(child);
    await interruptWritingFile(child, dir);
    const run = await done;
    expectInterrupted(run);
    expect(run.stdout).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
