// Runs the CLI as a user does: the built CLI (`node dist/cli/main.js`) as a subprocess, talking
// to an emulator over real HTTP on 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { buildCli } from "./built-cli.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** What a test puts in a key variable: it must never appear in any output. */
export const SECRET_KEY = "sk-cli-secret-key-0123456789";

const PROVIDER_ENV = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "GEMINI_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_GEMINI_BASE_URL",
  "MISTRAL_API_KEY",
  "MISTRAL_BASE_URL",
  "AZURE_OPENAI_API_KEY",
  "AZURE_OPENAI_ENDPOINT",
  "OPENAI_API_VERSION",
  "GROQ_API_KEY",
  "GROQ_BASE_URL",
  "TOGETHER_API_KEY",
  "TOGETHER_BASE_URL",
];

/** The environment of a child: none of the developer's provider settings, plus `env`. */
export function childEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const rest = { ...process.env };
  for (const name of PROVIDER_ENV) delete rest[name];
  return { ...rest, ...env };
}

let builtMain: string | undefined;

/**
 * Runs the file's tests on the built CLI (see `buildCli`): it starts in a fraction of the time
 * `tsx` takes, which matters over a hundred runs, and it is what users run.
 */
export function useBuiltCli(): void {
  beforeAll(async () => {
    builtMain = await buildCli(root);
  }, 180_000);
  afterAll(() => {
    builtMain = undefined;
  });
}

/** The command line that runs the CLI: the built one when `useBuiltCli` is in force. */
export function cliCommand(): string[] {
  return builtMain ? [builtMain] : ["--import", "tsx", "src/cli/main.ts"];
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: root,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function finish(child: ChildProcess): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return finish(spawnCli(args, env));
}

/** An emulator on a free port and the environment that points every provider at it. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<{
  emulator: Emulator;
  env: NodeJS.ProcessEnv;
  url: string;
  close(): Promise<void>;
}> {
  const emulator = createEmulator({
    phases: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 },
    ...options,
  });
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  return {
    emulator,
    url: server.url,
    env: {
      OPENAI_BASE_URL: `${server.url}/v1`,
      ANTHROPIC_BASE_URL: server.url,
      GOOGLE_GEMINI_BASE_URL: server.url,
      OPENAI_API_KEY: SECRET_KEY,
      ANTHROPIC_API_KEY: SECRET_KEY,
      GEMINI_API_KEY: SECRET_KEY,
      // The emulator serves Mistral under /mistral; the SDK's paths start with /v1.
      MISTRAL_BASE_URL: `${server.url}/mistral`,
      MISTRAL_API_KEY: SECRET_KEY,
      AZURE_OPENAI_ENDPOINT: `${server.url}/azure`,
      AZURE_OPENAI_API_KEY: SECRET_KEY,
      GROQ_BASE_URL: `${server.url}/groq/openai/v1`,
      GROQ_API_KEY: SECRET_KEY,
      // Bedrock: the emulator at /bedrock and /s3, AWS credentials whose secret must never show.
      BEDROCK_BATCH_BASE_URL: server.url,
      AWS_ACCESS_KEY_ID: "AKIACLITESTKEY",
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_REGION: "us-east-1",
      BEDROCK_BATCH_ROLE_ARN: "arn:aws:iam::123456789012:role/CliBedrockBatch",
      BEDROCK_BATCH_S3_URI: "s3://cli-bucket/batches/",
      BEDROCK_BATCH_MIN_RECORDS_PER_JOB: "1",
      // Vertex AI: the jobs under /vertex, Cloud Storage under /gcs, the key as its token.
      GOOGLE_VERTEX_BASE_URL: `${server.url}/vertex`,
      STORAGE_EMULATOR_HOST: `${server.url}/gcs`,
      GOOGLE_CLOUD_PROJECT: "cli-project",
      GOOGLE_CLOUD_LOCATION: "us-central1",
      VERTEX_GCS_URI: "gs://cli-bucket/batches",
      GOOGLE_OAUTH_ACCESS_TOKEN: SECRET_KEY,
      TOGETHER_BASE_URL: `${server.url}/together/v1`,
      TOGETHER_API_KEY: SECRET_KEY,
    },
    close: server.close,
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sb-cli-"));
}
