// Spawns job workers (test/jobs/job-worker.ts) as real processes and counts, on the emulator's
// side, what they did: batches created and requests answered.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
  type Emulator,
  type EmulatorOptions,
} from "../../src/emulator/index.js";
import type { WorkerConfig } from "./job-worker.js";

const worker = fileURLToPath(new URL("./job-worker.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

export const MODELS = {
  openai: "openai/gpt-4o-mini",
  anthropic: "anthropic/claude-haiku-4-5",
  google: "google/gemini-2.5-flash",
} as const;
export type Provider = keyof typeof MODELS;

const CREATE_PATHS: Record<Provider, RegExp> = {
  openai: /^\/v1\/batches$/,
  anthropic: /^\/v1\/messages\/batches$/,
  google: /:batchGenerateContent$/,
};

/** An emulator on 127.0.0.1 that records batch creations and every request it answers. */
export async function countingEmulator(
  provider: Provider,
  options: Omit<EmulatorOptions, "responder" | "onRequest" | "phases"> & { phasesMs?: number } = {},
) {
  const created: string[] = [];
  const answered = new Map<string, number>();
  /** Answers a request knowing how many times its id was answered before (undefined: default). */
  const script: {
    current: (request: EmulatedRequest, before: number) => EmulatedOutcome | undefined;
  } = {
    current: () => undefined,
  };
  const ms = options.phasesMs ?? 0;
  const emulator: Emulator = createEmulator({
    ...options,
    phases: { validatingMs: ms, inProgressMs: ms, finalizingMs: ms, cancellingMs: ms },
    responder: (request) => {
      const before = answered.get(request.customId) ?? 0;
      answered.set(request.customId, before + 1);
      return script.current(request, before);
    },
    onRequest: (entry) => {
      if (
        entry.method === "POST" &&
        entry.status === 200 &&
        CREATE_PATHS[provider].test(entry.path)
      ) {
        created.push(entry.path);
      }
    },
  });
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  return {
    emulator,
    server,
    created,
    answered,
    script,
    baseURL: provider === "openai" ? `${server.url}/v1` : server.url,
  };
}

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs one worker; `killAfterMs` sends it SIGKILL from outside at that time. */
export function runWorker(config: WorkerConfig, options: { killAfterMs?: number } = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", worker, JSON.stringify(config)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const timer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
  return new Promise<WorkerExit>((resolve) => {
    // "close", not "exit": it comes once the output is all read.
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
