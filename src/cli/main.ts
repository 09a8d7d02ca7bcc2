#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { registerCancelCommand } from "./commands/cancel.js";
import { registerCreateCommand } from "./commands/create.js";
import { registerDeleteCommand } from "./commands/delete.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerDownloadCommand } from "./commands/download.js";
import { registerEmulatorCommand } from "./commands/emulator.js";
import { registerJobCommand } from "./commands/job.js";
import { registerListCommand } from "./commands/list.js";
import { registerResultsCommand } from "./commands/results.js";
import { registerRunCommand } from "./commands/run.js";
import { registerStatusCommand } from "./commands/status.js";
import { registerSubmitCommand } from "./commands/submit.js";
import { registerUiCommand } from "./commands/ui.js";
import { registerWaitCommand } from "./commands/wait.js";
import { EXIT } from "./shared/exit-codes.js";
import { installInterruptHandler } from "./shared/interrupt.js";
import { reportError } from "./shared/report-error.js";

const PROGRAM_HELP = `
Handles: submit prints the provider's batch id (batch_... OpenAI, msgbatch_... Anthropic,
batches/... Gemini), or sbh1_... for a batch split into several parts. The other commands
tell the provider from that shape; for ids of another shape add --provider.

Credentials and endpoints come from the environment only: OPENAI_API_KEY, OPENAI_BASE_URL,
ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, GEMINI_API_KEY or GOOGLE_API_KEY,
GOOGLE_GEMINI_BASE_URL (or --base-url). No key is ever printed.

Jobs: structured-batch run sends every row of a JSONL or CSV file through a template as
batches until each has its result, keeping the job in a store (default: .structured-batch/,
or a postgres:// URL); stop it and run it again at any time. structured-batch job
status|results|errors|list inspects the jobs of a store.

Exit codes: 0 success; 1 the operation failed (provider error, a batch that did not
complete, result errors with --fail-on-errors); 2 usage error (unknown flag, missing file,
bad schema or input, no API key, unknown job, a job reopened with another schema or model,
a job store that cannot be opened); 130 interrupted (Ctrl-C).

Examples:
  $ structured-batch create --model openai/gpt-4o-mini --messages conversations.jsonl --schema user.schema.json --out batch.jsonl
  $ H=$(structured-batch submit batch.jsonl --model openai/gpt-4o-mini)
  $ structured-batch wait $H
  $ structured-batch results $H --schema user.schema.json --out users.jsonl --errors errors.jsonl
  $ structured-batch run --input rows.csv --template prompt.txt --schema user.schema.json --model openai/gpt-4o-mini --out users.jsonl
  $ structured-batch <command> --help`;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return String(pkg.version);
  } catch {
    return "unknown";
  }
}

let currentCommand: string | undefined;

const program = new Command()
  .name("structured-batch")
  .description(
    "Schema-validated structured extraction through LLM batch APIs (OpenAI, Anthropic, Gemini), with a local emulator.",
  )
  .version(version(), "-V, --version")
  .exitOverride((err) => {
    // Usage errors exit 2; --help and --version exit 0 as usual.
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  })
  .addHelpText("after", PROGRAM_HELP)
  .hook("preAction", (_program, action) => {
    // `job status` rather than `status`: subcommands are named with their parent.
    const parent = action.parent;
    currentCommand =
      parent && parent !== _program ? `${parent.name()} ${action.name()}` : action.name();
    // The emulator stops on Ctrl-C by itself; every batch command exits 130.
    if (currentCommand !== "emulator") installInterruptHandler();
  });

registerCreateCommand(program);
registerSubmitCommand(program);
registerStatusCommand(program);
registerWaitCommand(program);
registerListCommand(program);
registerCancelCommand(program);
registerDeleteCommand(program);
registerResultsCommand(program);
registerDownloadCommand(program);
registerEmulatorCommand(program);
registerDemoCommand(program);
registerRunCommand(program);
registerJobCommand(program);
registerUiCommand(program);

// Commander's usage errors as one line too: what was wrong, and where the help is.
const commands: [Command, string][] = [[program, "structured-batch"]];
for (const command of program.commands) {
  commands.push([command, `structured-batch ${command.name()}`]);
  for (const sub of command.commands) {
    commands.push([sub, `structured-batch ${command.name()} ${sub.name()}`]);
  }
}
for (const [command, name] of commands) {
  command.showHelpAfterError(false).configureOutput({
    outputError: (text, write) => {
      const message = text.trim().replace(/^error: /, "");
      if (process.argv.includes("--json")) {
        write(`${JSON.stringify({ error: { message, exitCode: EXIT.usage } })}\n`);
      } else write(`${name}: ${message}. Run ${name} --help for usage and examples.\n`);
    },
  });
}

// A closed pipe (`... | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, {
    command: currentCommand,
    json: process.argv.includes("--json"),
    verbose: process.argv.includes("--verbose"),
  });
}
