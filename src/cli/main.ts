#!/usr/bin/env node
import { Command, InvalidArgumentError as CommanderArgumentError, Option } from "commander";
import { StructuredBatchError } from "../errors/structured-batch-error.js";
import type { ProviderId } from "../providers/types.js";
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
  .option("--host <host>", "address to bind", "127.0.0.1")
  .addHelpText(
    "after",
    "\nExamples:\n  $ structured-batch emulator --port 8787\n  $ OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=test node my-pipeline.js",
  )
  .action(async (opts: { port: number; host: string }) => {
    await runEmulatorCommand(opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // One clear line, never a stack trace or a key; the library's messages carry no secrets.
  const message =
    error instanceof StructuredBatchError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`structured-batch: ${message}\n`);
  process.exitCode = 1;
}
