// `structured-batch ui` and `run --ui`: the built CLI as a child process (its browser files are
// the ones the build copied to dist/), jobs run against the emulator over HTTP on 127.0.0.1,
// the dashboard read over HTTP while it serves.
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedRequest, Emulator } from "../src/emulator/index.js";
import { USER_JSON_SCHEMA } from "./support/cli-fixtures.js";
import {
  finish,
  SECRET_KEY,
  spawnCli,
  startEmulator,
  tempDir,
  useBuiltCli,
} from "./support/cli-run.js";
import { describePostgres, useFreshDatabase } from "./support/postgres.js";

useBuiltCli();

let emulator: Emulator;
let env: NodeJS.ProcessEnv;
let close: () => Promise<void>;
let holding = false;

function answer(request: EmulatedRequest) {
  const text = request.messages.map((m) => m.text).join("\n");
  const name = /Name: (.*)\.$/.exec(text)?.[1] ?? "?";
  return { type: "success" as const, content: { name, age: 30, email: "a@example.com" } };
}

beforeAll(async () => {
  ({ emulator, env, close } = await startEmulator({
    responder: answer,
    stuck: () => holding,
  }));
}, 60_000);
afterAll(async () => {
  await close();
});

function workspace(rows: number) {
  const dir = tempDir();
  const input = join(dir, "people.jsonl");
  writeFileSync(
    input,
    Array.from({ length: rows }, (_, i) => JSON.stringify({ id: `p${i}`, name: `P ${i}` })).join(
      "\n",
    ),
  );
  writeFileSync(join(dir, "user.schema.json"), JSON.stringify(USER_JSON_SCHEMA));
  writeFileSync(join(dir, "prompt.txt"), "Name: {{name}}.");
  return {
    dir,
    store: join(dir, "store"),
    args: (store: string, extra: string[] = []) => [
      "run",
      ...["--input", input, "--template", join(dir, "prompt.txt")],
      ...["--schema", join(dir, "user.schema.json"), "--model", "openai/gpt-4o-mini"],
      ...["--store", store, "--out", join(dir, "out.jsonl"), "--poll-interval", "50"],
      ...["--batch-size", "4", ...extra],
    ],
  };
}

/** Waits until the child's output (stdout + stderr) matches, and returns the match. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const look = (d: Buffer) => {
      seen += d;
      const m = pattern.exec(seen);
      if (m) resolve(m);
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.on("close", () => reject(new Error(`exited before ${pattern}: ${seen}`)));
  });
}

describe("structured-batch ui", () => {
  it("serves a store's jobs on 127.0.0.1 until SIGTERM, read-only", async () => {
    const ws = workspace(10);
    const run = await finish(spawnCli(ws.args(ws.store), env));
    expect(run.code).toBe(0);
    const child = spawnCli(["ui", "--store", ws.store, "--port", "0", "--json"], env);
    const done = finish(child);
    const [json] = await waitFor(child, /^\{[\s\S]*?^\}$/m);
    const printed = JSON.parse(json);
    expect(printed).toMatchObject({ actions: false });
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(printed.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<meta name="sb-actions" content="off">');
    // The browser files come from dist/, where the build copied them.
    for (const asset of ["dashboard.js", "dashboard.css", "uplot.js", "uplot.css"]) {
      expect((await fetch(`${printed.url}assets/${asset}`)).status).toBe(200);
    }
    const jobs = await (await fetch(`${printed.url}api/jobs`)).json();
    expect(jobs.jobs).toHaveLength(1);
    expect(jobs.jobs[0]).toMatchObject({
      name: "people",
      provider: "openai",
      progress: { done: true, rows: { succeeded: 10, total: 10 } },
    });
    const cancel = await fetch(`${printed.url}api/job/cancel?name=people`, {
      method: "POST",
      headers: { "x-structured-batch-action": "1" },
    });
    expect(cancel.status).toBe(403);
    child.kill("SIGTERM");
    const { code, stderr } = await done;
    expect(code).toBe(0);
    expect(stderr).toContain("an embedded store is one process's at a time");
  }, 120_000);

  it("run --ui serves the dashboard of the job it runs, live, and stops with it", async () => {
    const ws = workspace(12);
    holding = true; // batches stay in progress until released
    const child = spawnCli(ws.args(ws.store, ["--ui", "0"]), env);
    const done = finish(child);
    try {
      const [, url] = await waitFor(child, /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/);
      const detail = async () => (await fetch(`${url}api/job?name=people`)).json();
      await expect
        .poll(async () => (await detail()).job.progress.rows.submitted, {
          timeout: 20_000,
        })
        .toBe(12);
      expect((await detail()).batches).toHaveLength(3);
      holding = false;
      for (const batch of (await detail()).batches) emulator.release(batch.providerBatchId);
      const { code } = await done;
      expect(code).toBe(0);
      // The page went with the run.
      await expect(fetch(`${url}api/jobs`)).rejects.toThrow();
    } finally {
      holding = false;
      child.kill("SIGTERM");
    }
  }, 120_000);

  it("refuses a bad port and a store that does not exist, before serving anything", async () => {
    const bad = await finish(spawnCli(["ui", "--port", "70000"], env));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port");
    const missing = await finish(
      spawnCli(["ui", "--store", join(tempDir(), "nothing-here"), "--port", "0"], env),
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("nothing-here");
  }, 60_000);
});

describePostgres("structured-batch ui on PostgreSQL", () => {
  const db = useFreshDatabase();

  it("never prints or serves the database password", async () => {
    const ws = workspace(3);
    const run = await finish(spawnCli(ws.args(db.url), env));
    expect(run.code).toBe(0);
    const password = decodeURIComponent(new URL(db.url).password);
    const child = spawnCli(["ui", "--store", db.url, "--port", "0"], env);
    const done = finish(child);
    const [, url] = await waitFor(child, /dashboard on (http:\/\/127\.0\.0\.1:\d+\/)/);
    const bodies = await Promise.all(
      ["", "api/jobs", "api/job?name=people", "api/job/rows?name=people"].map(async (p) =>
        (await fetch(`${url}${p}`)).text(),
      ),
    );
    expect(JSON.parse(bodies[1]!).jobs[0].progress.rows.succeeded).toBe(3);
    child.kill("SIGTERM");
    const { stdout, stderr } = await done;
    for (const text of [...bodies, stdout, stderr]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(SECRET_KEY);
    }
    expect(stdout).toContain(":***@");
  }, 120_000);
});
