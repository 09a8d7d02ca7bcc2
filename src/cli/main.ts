#!/usr/bin/env node
import { Command, InvalidArgumentError as CommanderArgumentError, Option } from "commander";
import type { ProviderId } from "../providers/types.js";
import { type EmulatorFlags, numberFlag, parseRates } from "./emulator-options-from-flags.js";
import { runDemoCommand } from "./run-demo-command.js";
import { runEmulatorCommand } from "./run-emulator-command.js";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CommanderArgumentError("must be an integer from 0 to 65535");
  }
  return port;
}

const program = new Command()
  .name("structured-batch")
  .description(
    "Schema-validated structured extraction through LLM batch APIs, with a local emulator.",
  )
  .showHelpAfterError()
  .exitOverride((err) => {
    // Usage errors exit 2; --help and --version exit 0 as usual.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program
  .command("demo")
  .description(
    "Run the quick start: on the provider's API when its key is set, else on the embedded emulator.",
  )
  .addOption(
    new Option("--provider <provider>", "which provider's batch API to use")
      .choices(["openai", "anthropic", "google"])
      .default("openai"),
  )
  .addHelpText(
    "after",
    "\nExamples:\n  $ structured-batch demo\n  $ structured-batch demo --provider anthropic\n  $ OPENAI_API_KEY=sk-... structured-batch demo",
  )
  .action(async (opts: { provider: ProviderId }) => {
    process.exitCode = await runDemoCommand(opts.provider);
  });

program
  .command("emulator")
  .description("Serve the batch API emulator (OpenAI, Anthropic, Gemini) over HTTP on loopback.")
  .option("-p, --port <port>", "port to listen on (0 picks a free one)", parsePort, 8787)
  .option("--host <host>", "address to bind (loopback unless told otherwise)", "127.0.0.1")
  .option("--latency <ms>", "delay every answer by this many ms", numberFlag(0, 600_000))
  .option("--fail-rate <rate>", "answer this fraction of requests with 503/529", numberFlag(0, 1))
  .option("--seed <n>", "seed for --fail-rate and --rates", numberFlag(0, 2 ** 31, true))
  .addOption(
    new Option("--responder <kind>", "how requests are answered")
      .choices(["default", "forward", "fixtures"])
      .default("default"),
  )
  .option(
    "--forward-url <url>",
    "OpenAI-compatible server for --responder forward (e.g. http://127.0.0.1:8080/v1)",
  )
  .option("--forward-model <name>", "model name sent to the forward server")
  .option(
    "--forward-concurrency <n>",
    "calls in flight to the forward server",
    numberFlag(1, 1024, true),
  )
  .option(
    "--fixtures <file>",
    "JSON object of outcomes keyed by custom id, for --responder fixtures",
  )
  .option(
    "--rates <pairs>",
    "outcome rates, e.g. refusal=0.1,error=0.05,truncated=0.02",
    parseRates,
  )
  .option("-q, --quiet", "no request log")
  .addHelpText(
    "after",
    [
      "",
      "Each request is logged to stderr as one line (method, path, status, time, provider);",
      "never a header, a query string or a key.",
      "",
      "Examples:",
      "  $ structured-batch emulator --port 8787",
      "  $ structured-batch emulator --rates refusal=0.1,error=0.05 --seed 7",
      "  $ structured-batch emulator --responder forward --forward-url http://127.0.0.1:8080/v1",
      "  $ OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=test node my-pipeline.js",
    ].join("\n"),
  )
  .action(async (flags: EmulatorFlags) => {
    await runEmulatorCommand(flags);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // One clear line, never a stack trace or a key; the library's messages carry no secrets.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`structured-batch: ${message}\n`);
  // A flag combination found wrong only when the command runs is still a usage error.
  process.exitCode = error instanceof CommanderArgumentError ? 2 : 1;
}
