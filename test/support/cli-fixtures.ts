// Input files and checks shared by the CLI test files.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { DEMO_CONVERSATIONS } from "../../src/cli/demo.js";
import { type CliRun, runCli, SECRET_KEY, tempDir } from "./cli-run.js";

export const USER_JSON_SCHEMA = {
  title: "User",
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" }, email: { type: "string" } },
  required: ["name", "age", "email"],
  additionalProperties: false,
};

/** A temporary folder with a JSON Schema file and the quick start's three conversations. */
export function cliFixtures(): { dir: string; schemaFile: string; conversations: string } {
  const dir = tempDir();
  const schemaFile = join(dir, "user.schema.json");
  const conversations = join(dir, "conversations.jsonl");
  writeFileSync(schemaFile, JSON.stringify(USER_JSON_SCHEMA));
  writeFileSync(conversations, DEMO_CONVERSATIONS.map((c) => JSON.stringify(c)).join("\n"));
  return { dir, schemaFile, conversations };
}

/** Runs the CLI; whatever happens, the key is in none of its output. */
export async function checkedCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const run = await runCli(args, env);
  expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
  return run;
}

/** The exit status, and one error line on stderr without a stack trace. */
export function expectOneErrorLine(run: CliRun, code: number, text: string): void {
  expect(run.code).toBe(code);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toContain(text);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

let batches = 0;

/** `create --out` for the fixtures' conversations; returns the batch file. */
export async function createBatchFile(
  fixtures: { dir: string; schemaFile: string; conversations: string },
  env: NodeJS.ProcessEnv,
  model = "openai/gpt-4o-mini",
): Promise<string> {
  const file = join(fixtures.dir, `batch-${++batches}.jsonl`);
  const args = ["create", "--model", model, "--messages", fixtures.conversations];
  const run = await checkedCli([...args, "--schema", fixtures.schemaFile, "--out", file], env);
  expect(run.code).toBe(0);
  return file;
}
