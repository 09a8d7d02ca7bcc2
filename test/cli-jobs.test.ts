// `structured-batch run` and `job status|results|errors|list`: the built CLI as a child process,
// against the emulator over real HTTP on 127.0.0.1, with the job in a PGlite directory (and in
// PostgreSQL from the test harness). The emulator's request log counts the batches
// created, so "nothing sent twice" is checked against what the provider saw.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatedRequest, Emulator, RequestLogEntry } from "../src/emulator/index.js";
import { checkedCli, expectOneErrorLine, USER_JSON_SCHEMA } from "./support/cli-fixtures.js";
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

interface Person {
  id: string;
  name: string;
  age: number;
  email: string;
}

const PEOPLE: Person[] = Array.from({ length: 7 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `Person ${i + 1}, "the ${i + 1}th"`,
  age: 20 + i,
  email: `p${i + 1}@example.com`,
}));

const TEMPLATE = "Extract the person. Name: {{name}}; age: {{age}}; email: {{email}}.";

let emulator: Emulator;
let env: NodeJS.ProcessEnv;
let close: () => Promise<void>;
const log: RequestLogEntry[] = [];
/** System messages the emulator was sent, to check --system reached the provider. */
const systems: string[] = [];
/** While true, new batches are held in their first state (ids kept to release them). */
let holding = false;
const held: string[] = [];

/** The answer a faithful model gives: what the prompt says, so results can be checked. */
function answer(request: EmulatedRequest) {
  const system = request.messages.find((m) => m.role === "system");
  if (system) systems.push(system.text);
  const text = request.messages
    .filter((m) => m.role === "user")
    .map((m) => m.text)
    .join("\n");
  const m = /Name: (.*); age: (\d+); email: (.*)\.$/.exec(text);
  if (!m) return { type: "text" as const, text: "no idea" };
  if (m[1]!.includes("REFUSE")) return { type: "refusal" as const, message: "I will not" };
  return {
    type: "success" as const,
    content: { name: m[1], age: Number(m[2]), email: m[3] },
  };
}

beforeAll(async () => {
  ({ emulator, env, close } = await startEmulator({
    responder: answer,
    onRequest: (entry) => log.push(entry),
    stuck: (batch) => {
      if (holding) held.push(batch.id);
      return holding;
    },
  }));
}, 60_000);
afterAll(async () => {
  await close();
});
beforeEach(() => {
  holding = false;
});

const isBatchCreate = (e: RequestLogEntry) =>
  e.method === "POST" &&
  (e.path === "/v1/batches" ||
    e.path === "/v1/messages/batches" ||
    e.path.endsWith(":batchGenerateContent"));

/** Batches the emulator created since `from` (an index into the request log). */
const createsSince = (from: number) => log.slice(from).filter(isBatchCreate).length;

function csvOf(people: Person[]): string {
  const quote = (s: string | number) => `"${String(s).replaceAll('"', '""')}"`;
  return [
    "id,name,age,email",
    ...people.map((p) => [p.id, p.name, p.age, p.email].map(quote).join(",")),
  ].join("\r\n");
}

function jsonlOf(people: Person[]): string {
  return people.map((p) => JSON.stringify(p)).join("\n");
}

/**
 * One PGlite store for the file (a new one costs an initdb): every test's job has a name of its
 * own, from its input's file name.
 */
const STORE = join(tempDir(), "store");

/** A folder with the schema, the template, and the input named `file`. */
function workspace(file: string, content: string) {
  const dir = tempDir();
  const schema = join(dir, "user.schema.json");
  const template = join(dir, "prompt.txt");
  const input = join(dir, file);
  writeFileSync(schema, JSON.stringify(USER_JSON_SCHEMA));
  writeFileSync(template, TEMPLATE);
  writeFileSync(input, content);
  return { dir, schema, template, input, store: STORE, out: join(dir, "out.jsonl") };
}

type Workspace = ReturnType<typeof workspace>;

function runArgs(ws: Workspace, model: string, extra: string[] = []): string[] {
  return [
    "run",
    "--input",
    ws.input,
    "--template",
    ws.template,
    "--schema",
    ws.schema,
    "--model",
    model,
    "--store",
    ws.store,
    "--out",
    ws.out,
    "--poll-interval",
    "50",
    "--batch-size",
    "3",
    ...extra,
  ];
}

function readLines(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, "utf8");
  return text === ""
    ? []
    : text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
}

/** One line per person, in input order, each result what the prompt said. */
function expectResults(path: string, people: Person[]): void {
  const lines = readLines(path);
  expect(lines.map((l) => l.id)).toEqual(people.map((p) => p.id));
  for (const [i, line] of lines.entries()) {
    const p = people[i]!;
    expect(line.result).toEqual({ name: p.name, age: p.age, email: p.email });
  }
}

describe("run, end to end", () => {
  it("openai: a CSV file, to the end; running it again adds and sends nothing", async () => {
    const ws = workspace("people.csv", csvOf(PEOPLE));
    const before = log.length;
    const first = await checkedCli(runArgs(ws, "openai/gpt-4o-mini"), env);
    expect(first.code).toBe(0);
    // 7 rows in batches of at most 3.
    expect(createsSince(before)).toBe(3);
    expectResults(ws.out, PEOPLE);
    expect(readFileSync(join(ws.dir, "out.errors.jsonl"), "utf8")).toBe("");
    expect(first.stderr).toContain("people: 7 rows added, 0 already in the job");
    expect(first.stdout).toMatch(/^people: done, 7 rows: 7 succeeded, 0 failed; wrote 7 results/);

    const again = log.length;
    const second = await checkedCli(runArgs(ws, "openai/gpt-4o-mini"), env);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("people: 0 rows added, 7 already in the job");
    expect(createsSince(again)).toBe(0);
    expectResults(ws.out, PEOPLE);
  }, 120_000);

  it("anthropic: a JSONL file with --system and another id column; failures go to --errors", async () => {
    const people = PEOPLE.map((p, i) => ({ ...p, name: i === 2 ? "REFUSE me" : p.name }));
    const rows = people.map(({ id, ...rest }) => ({ ticket: id, ...rest }));
    const ws = workspace("tickets.jsonl", rows.map((r) => JSON.stringify(r)).join("\n"));
    const errors = join(ws.dir, "failed.jsonl");
    systems.length = 0;
    const before = log.length;
    const args = runArgs(ws, "anthropic/claude-haiku-4-5", [
      "--id-column",
      "ticket",
      "--system",
      "You extract people.",
      "--errors",
      errors,
      "--json",
    ]);
    const run = await checkedCli(args, env);
    expect(run.code).toBe(0);
    expect(createsSince(before)).toBe(3);
    expect(systems).toHaveLength(7);
    expect(new Set(systems)).toEqual(new Set(["You extract people."]));
    const ok = people.filter((_, i) => i !== 2);
    expectResults(ws.out, ok);
    const failed = readLines(errors);
    expect(failed).toEqual([
      expect.objectContaining({ id: "p3", state: "failed", errorType: "refusal", attempts: 1 }),
    ]);
    const summary = JSON.parse(run.stdout);
    expect(summary.progress).toMatchObject({
      done: true,
      rows: { total: 7, succeeded: 6, failed: 1 },
    });
    expect(summary.out).toEqual({ path: ws.out, lines: 6 });
    expect(summary.errors).toEqual({ path: errors, lines: 1 });
  }, 120_000);

  it("--step, one fresh process per step until done, writes the same out as a run", async () => {
    const ws = workspace("steps.csv", csvOf(PEOPLE));
    const before = log.length;
    const outputs: string[] = [];
    for (let i = 0; i < 30; i++) {
      const step = await checkedCli(runArgs(ws, "google/gemini-2.5-flash", ["--step"]), env);
      expect(step.code).toBe(0);
      outputs.push(step.stdout);
      if (step.stdout.includes("; done")) break;
    }
    expect(outputs.at(-1)).toMatch(/wrote 7 results to /);
    // Only the step that found the job done wrote the file.
    expect(outputs.slice(0, -1).join("")).not.toMatch(/wrote/);
    expect(outputs.length).toBeGreaterThan(1);
    expect(createsSince(before)).toBe(3);
    expectResults(ws.out, PEOPLE);

    const other = workspace("steps.csv", csvOf(PEOPLE));
    const whole = await checkedCli(
      runArgs(other, "google/gemini-2.5-flash", ["--name", "steps-whole"]),
      env,
    );
    expect(whole.code).toBe(0);
    expect(readFileSync(other.out, "utf8")).toBe(readFileSync(ws.out, "utf8"));

    // A step of a finished job sends nothing and writes the same file again.
    const after = log.length;
    const last = await checkedCli(
      runArgs(ws, "google/gemini-2.5-flash", ["--step", "--json"]),
      env,
    );
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({
      added: { added: 0, skipped: 7 },
      submitted: { batches: 0 },
      progress: { done: true },
      out: { lines: 7 },
    });
    expect(createsSince(after)).toBe(0);
  }, 240_000);

  it("1,200 rows (results are read from the store in pages of 1,000): each once in --out, in input order", async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({
      id: `m${i}`,
      name: `Name ${i}`,
      age: i % 90,
      email: `m${i}@example.com`,
    }));
    const ws = workspace("many.jsonl", jsonlOf(many));
    const run = await checkedCli(runArgs(ws, "openai/gpt-4o-mini", ["--batch-size", "600"]), env);
    expect(run.code).toBe(0);
    expectResults(ws.out, many);
    const results = await checkedCli(["job", "results", "many", "--store", ws.store], env);
    expect(results.stdout).toBe(readFileSync(ws.out, "utf8"));
  }, 120_000);

  it("processes on one embedded store take turns; a lock of a process that is gone is taken over", async () => {
    const ws = workspace("turns.csv", csvOf(PEOPLE));
    const before = log.length;
    const args = runArgs(ws, "openai/gpt-4o-mini", ["--step"]);
    const steps = await Promise.all([0, 1, 2].map(() => checkedCli(args, env)));
    for (const step of steps) expect(step.code).toBe(0);
    // One of them added the rows, the others found them there.
    expect(steps.filter((s) => s.stderr.includes("turns: 7 rows added")).length).toBe(1);
    const status = await checkedCli(["job", "status", "turns", "--store", STORE, "--json"], env);
    expect(JSON.parse(status.stdout).rows.total).toBe(7);

    // A lock left by a killed process (no such pid) does not stop the next command.
    writeFileSync(`${STORE}.lock`, "999999999");
    const finished = await checkedCli(runArgs(ws, "openai/gpt-4o-mini"), env);
    expect(finished.code).toBe(0);
    expect(createsSince(before)).toBe(3);
    expectResults(ws.out, PEOPLE);
    expect(existsSync(`${STORE}.lock`)).toBe(false);

    // A lock of a live process (this one) makes a command wait until it is gone.
    writeFileSync(`${STORE}.lock`, String(process.pid));
    const waiting = finish(spawnCli(["job", "status", "turns", "--store", STORE], env));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    rmSync(`${STORE}.lock`);
    const waited = await waiting;
    expect(waited.code).toBe(0);
    expect(waited.stdout).toContain("7 succeeded");
  }, 120_000);

  it("Ctrl-C mid-run stops between steps; the same command again finishes, each row once, no batch sent again", async () => {
    const ws = workspace("interrupted.jsonl", jsonlOf(PEOPLE));
    const before = log.length;
    holding = true;
    held.length = 0;
    const child = spawnCli(runArgs(ws, "openai/gpt-4o-mini"), env);
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    const exited = finish(child);
    while (!/\b3 batches running/.test(stderr)) {
      expect(child.exitCode).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGINT");
    const stopped = await exited;
    expect(stopped.code).toBe(130);
    expect(stderr).toContain("stopped (Ctrl-C) between steps");
    expect(stderr).toContain("Continue with the same command: structured-batch run --input");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain(SECRET_KEY);
    expect(createsSince(before)).toBe(3);
    expect(held).toHaveLength(3);

    const status = await checkedCli(
      ["job", "status", "interrupted", "--store", ws.store, "--json"],
      env,
    );
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      done: false,
      rows: { total: 7, submitted: 7, pending: 0 },
      batches: { submitted: 3 },
    });

    holding = false;
    for (const id of held) expect(emulator.release(id)).toBe(true);
    const again = await checkedCli(runArgs(ws, "openai/gpt-4o-mini"), env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("0 rows added, 7 already in the job");
    expect(createsSince(before)).toBe(3);
    expectResults(ws.out, PEOPLE);
  }, 120_000);
});

describe("bad input: a usage error naming the place, exit 2, nothing sent", () => {
  let n = 0;
  const good = () => workspace(`rows-${++n}.csv`, csvOf(PEOPLE.slice(0, 2)));

  async function refused(args: string[], text: string | RegExp): Promise<string> {
    const before = log.length;
    const run = await checkedCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(text);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(log.length).toBe(before);
    return run.stderr;
  }

  it("a missing input, template or schema file", async () => {
    const ws = good();
    const args = runArgs(ws, "openai/gpt-4o-mini");
    const swap = (flag: string, value: string) =>
      args.map((a, i) => (args[i - 1] === flag ? value : a));
    await refused(swap("--input", join(ws.dir, "nope.csv")), /--input .*nope\.csv: no such file/);
    await refused(
      swap("--template", join(ws.dir, "nope.txt")),
      /--template .*nope\.txt: no such file/,
    );
    await refused(
      swap("--schema", join(ws.dir, "nope.json")),
      /--schema .*nope\.json: no such file/,
    );
  }, 60_000);

  it("a template placeholder never closed, and one a row lacks", async () => {
    const ws = good();
    writeFileSync(ws.template, "Name: {{name}}\nAge: {{age");
    await refused(
      runArgs(ws, "openai/gpt-4o-mini"),
      /--template .*prompt\.txt: line 2, column 6: "\{\{" is never closed/,
    );
    writeFileSync(ws.template, TEMPLATE.replace("{{email}}", "{{mail}}"));
    await refused(
      runArgs(ws, "openai/gpt-4o-mini"),
      /rows-\d+\.csv line 2: row "p1" has no column "mail" for the placeholder \{\{mail\}\}; its columns: "id", "name", "age", "email"/,
    );
  }, 60_000);

  it("a ragged CSV line, a row without an id, an id used twice", async () => {
    const ragged = workspace("ragged.csv", `${csvOf(PEOPLE.slice(0, 3))}\r\n"p9","x"`);
    await refused(
      runArgs(ragged, "openai/gpt-4o-mini"),
      /ragged\.csv: line 5 has 2 fields, but the header \(line 1\) has 4/,
    );
    const noId = workspace(
      "no-id.jsonl",
      `${jsonlOf(PEOPLE.slice(0, 2))}\n{"name":"Ann","age":3,"email":"a@b"}`,
    );
    await refused(
      runArgs(noId, "openai/gpt-4o-mini"),
      /no-id\.jsonl: line 3 has no id column "id"; its columns: "name", "age", "email"/,
    );
    const twice = workspace("twice.csv", csvOf([...PEOPLE.slice(0, 3), PEOPLE[1]!]));
    await refused(
      runArgs(twice, "openai/gpt-4o-mini"),
      /twice\.csv: line 5 has the id "p2", already used by line 3/,
    );
    // Nothing of a refused input was kept: the job holds no row.
    const status = await checkedCli(
      ["job", "status", "twice", "--store", twice.store, "--json"],
      env,
    );
    expect(JSON.parse(status.stdout).rows.total).toBe(0);
  }, 60_000);

  it("an id used twice far apart (found by the store, across chunks) names both lines", async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...PEOPLE[0]!, id: `r${i}` }));
    many.push({ ...PEOPLE[0]!, id: "r7" });
    const ws = workspace("far.jsonl", jsonlOf(many));
    await refused(
      runArgs(ws, "openai/gpt-4o-mini"),
      /far\.jsonl: line 2501 has the id "r7", already used by line 8/,
    );
  }, 60_000);

  it("a store URL that cannot be reached, without its password", async () => {
    const ws = good();
    const args = runArgs(ws, "openai/gpt-4o-mini").map((a) =>
      a === ws.store ? "postgres://jobs:hunter2-secret@127.0.0.1:1/jobs" : a,
    );
    const stderr = await refused(
      args,
      /cannot open the job store postgres:\/\/.*127\.0\.0\.1:1\/jobs/,
    );
    expect(stderr).not.toContain("hunter2-secret");
    // Nor in the causes and stacks that --verbose prints.
    const verbose = await checkedCli([...args, "--verbose"], env);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toContain("caused by");
    expect(verbose.stderr).not.toContain("hunter2-secret");
  }, 60_000);

  it("a job reopened with another model or schema, unless --allow-config-change", async () => {
    const ws = good();
    const first = await checkedCli(runArgs(ws, "openai/gpt-4o-mini"), env);
    expect(first.code).toBe(0);
    await refused(
      runArgs(ws, "openai/gpt-4.1-mini"),
      /job "rows-\d+" was created with a different model \(model was openai\/gpt-4o-mini, now openai\/gpt-4\.1-mini\)\. .*--allow-config-change/,
    );
    writeFileSync(
      ws.schema,
      JSON.stringify({
        ...USER_JSON_SCHEMA,
        properties: { ...USER_JSON_SCHEMA.properties, city: { type: "string" } },
      }),
    );
    await refused(
      runArgs(ws, "openai/gpt-4o-mini"),
      /job "rows-\d+" was created with a different schema/,
    );
    const before = log.length;
    const changed = await checkedCli(
      runArgs(ws, "openai/gpt-4o-mini", ["--allow-config-change"]),
      env,
    );
    expect(changed.code).toBe(0);
    // A changed template (or system text) would silently apply to rows not yet sent.
    writeFileSync(ws.template, `${readFileSync(ws.template, "utf8")}\nBe brief.`);
    await refused(
      runArgs(ws, "openai/gpt-4o-mini"),
      /job "rows-\d+" was created with a different prompt/,
    );
    await refused(
      runArgs(ws, "openai/gpt-4o-mini", ["--system", "Be careful."]),
      /job "rows-\d+" was created with a different prompt/,
    );
    expect(changed.code).toBe(0);
    // Every row was done already: nothing to send with the new schema.
    expect(createsSince(before)).toBe(0);
  }, 60_000);
});

describe("job status, results, errors, list", () => {
  let ws: Workspace;
  beforeAll(async () => {
    const people = PEOPLE.map((p, i) => ({ ...p, name: i % 3 === 1 ? `REFUSE ${i}` : p.name }));
    // A store of its own, so that list shows this one job.
    ws = { ...workspace("inspect.csv", csvOf(people)), store: join(tempDir(), "inspect-store") };
    const run = await checkedCli(runArgs(ws, "openai/gpt-4o-mini", ["--name", "nightly"]), env);
    expect(run.code).toBe(0);
  }, 60_000);

  it("status: rows per state, batches, tokens; --json", async () => {
    const human = await checkedCli(["job", "status", "nightly", "--store", ws.store], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("job:      nightly (openai/gpt-4o-mini), active, done");
    expect(human.stdout).toContain(
      "rows:     7 total: 5 succeeded, 2 failed, 0 cancelled, 0 in batches, 0 pending",
    );
    expect(human.stdout).toMatch(/batches: +0 running .*, 3 collected/);
    const json = JSON.parse(
      (await checkedCli(["job", "status", "nightly", "--store", ws.store, "--json"], env)).stdout,
    );
    expect(json).toMatchObject({
      job: "nightly",
      model: "openai/gpt-4o-mini",
      done: true,
      rows: { total: 7, succeeded: 5, failed: 2 },
      batches: { collected: 3 },
    });
    expect(json.usage.inputTokens).toBeGreaterThan(0);
  }, 60_000);

  it("results and errors: JSONL on stdout or --out, resumable with --after", async () => {
    const all = await checkedCli(["job", "results", "nightly", "--store", ws.store], env);
    expect(all.code).toBe(0);
    const lines = all.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["p1", "p3", "p4", "p6", "p7"]);
    expect(lines[0].result).toEqual({ name: PEOPLE[0]!.name, age: 20, email: "p1@example.com" });
    const cursor = /--after (\d+)/.exec(all.stderr)?.[1];
    expect(cursor).toBeDefined();
    // Nothing after the last one: a later read starts where this one ended.
    const none = await checkedCli(
      ["job", "results", "nightly", "--store", ws.store, "--after", cursor!],
      env,
    );
    expect(none.stdout).toBe("");
    const file = join(ws.dir, "part.jsonl");
    const toFile = await checkedCli(
      ["job", "results", "nightly", "--store", ws.store, "--out", file, "--json"],
      env,
    );
    expect(JSON.parse(toFile.stdout)).toMatchObject({ lines: 5, out: file });
    expect(readLines(file)).toEqual(lines);

    const errors = await checkedCli(["job", "errors", "nightly", "--store", ws.store], env);
    expect(errors.code).toBe(0);
    const failed = errors.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(failed.map((f) => [f.id, f.errorType, f.state])).toEqual([
      ["p2", "refusal", "failed"],
      ["p5", "refusal", "failed"],
    ]);
  }, 60_000);

  it("list: the jobs of a store", async () => {
    const list = await checkedCli(["job", "list", "--store", ws.store, "--json"], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        name: "nightly",
        model: "openai/gpt-4o-mini",
        state: "active",
        done: true,
        rows: expect.objectContaining({ total: 7, succeeded: 5, failed: 2 }),
      }),
    ]);
    const table = await checkedCli(["job", "list", "--store", ws.store], env);
    expect(table.stdout).toMatch(
      /nightly .* openai\/gpt-4o-mini .* active, done .* 7 .* 5 .* 2 .* 0/,
    );
  }, 60_000);

  it("an unknown job, or a store that is not there: exit 2 with the jobs it has", async () => {
    const run = await checkedCli(["job", "status", "daily", "--store", ws.store], env);
    expectOneErrorLine(
      run,
      2,
      'structured-batch job status: no job named "daily" (jobs in the store: nightly)',
    );
    const results = await checkedCli(["job", "results", "daily", "--store", ws.store], env);
    expectOneErrorLine(results, 2, 'no job named "daily"');
    const nowhere = await checkedCli(["job", "list", "--store", join(ws.dir, "nowhere")], env);
    expectOneErrorLine(nowhere, 2, "nowhere: no job store there");
  }, 60_000);
});

describePostgres("PostgreSQL store", () => {
  const db = useFreshDatabase();
  it("run with a postgres:// store, then again: nothing sent twice", async () => {
    const ws = workspace(`pg-${Date.now()}.csv`, csvOf(PEOPLE));
    const url = db.url;
    const args = runArgs(ws, "openai/gpt-4o-mini").map((a) => (a === ws.store ? url : a));
    const before = log.length;
    const run = await checkedCli(args, env);
    expect(run.code).toBe(0);
    expect(createsSince(before)).toBe(3);
    expectResults(ws.out, PEOPLE);
    const again = await checkedCli(args, env);
    expect(again.code).toBe(0);
    expect(createsSince(before)).toBe(3);
    const password = /:\/\/[^:@/]*:([^@/]*)@/.exec(url)?.[1];
    if (password)
      expect(run.stdout + run.stderr + again.stdout + again.stderr).not.toContain(password);
  }, 120_000);
});

describe("help and usage errors", () => {
  it("run and job status|results|errors|list have --help with examples; the program names them", async () => {
    const top = await checkedCli(["--help"], env);
    expect(top.stdout).toMatch(/^ {2}run \[options\]/m);
    expect(top.stdout).toMatch(/^ {2}job +Inspect the durable jobs/m);
    for (const command of ["run", "job status", "job results", "job errors", "job list"]) {
      const help = await checkedCli([...command.split(" "), "--help"], env);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Examples:");
      expect(help.stdout).toContain(`$ structured-batch ${command}`);
      expect(help.stdout).toContain("--json");
      expect(help.stdout).toContain("--store <dir|url>");
    }
  }, 120_000);

  it("exits 2 with one line naming the subcommand", async () => {
    expectOneErrorLine(
      await checkedCli(["job", "status"], env),
      2,
      "structured-batch job status: missing required argument 'name'. Run structured-batch job status --help",
    );
    expectOneErrorLine(
      await checkedCli(["job", "results", "x", "--after", "abc"], env),
      2,
      "structured-batch job results: option '--after <cursor>' argument 'abc' is invalid",
    );
    const ws = workspace("usage.csv", csvOf(PEOPLE));
    const args = runArgs(ws, "openai/gpt-4o-mini").filter(
      (a, i, all) => a !== "--input" && all[i - 1] !== "--input",
    );
    expectOneErrorLine(
      await checkedCli(args, env),
      2,
      "structured-batch run: give --input (the rows), or --name",
    );
    const noFormat = workspace("rows.txt", csvOf(PEOPLE));
    expectOneErrorLine(
      await checkedCli(runArgs(noFormat, "openai/gpt-4o-mini"), env),
      2,
      'cannot tell the format from the extension ".txt"',
    );
  }, 60_000);
});
