import type { Command } from "commander";
import type { ProviderId } from "../../providers/types.js";
import type { BatchStatus } from "../../results/types.js";
import { configuredKeyEnv, DEMO_PROVIDERS } from "../demo-providers.js";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { UsageError } from "../shared/exit-codes.js";
import { numberFlag } from "../shared/flag-parsers.js";
import { PROVIDER_IDS, providerFromFlags } from "../shared/handle.js";
import { makeProcessor } from "../shared/make-processor.js";
import { batchTable, printJson, printLine, statusJson } from "../shared/output.js";

interface ListFlags extends ConnectionFlags {
  limit: number;
}

/** The providers to list: the one named, else every one whose key is set. */
function providersToList(flags: ListFlags): ProviderId[] {
  const named = providerFromFlags(flags);
  if (named) return [named];
  if (flags.baseUrl !== undefined) {
    throw new UsageError("--base-url needs --provider: it is one provider's endpoint");
  }
  const configured = PROVIDER_IDS.filter((id) => configuredKeyEnv(DEMO_PROVIDERS[id]));
  if (configured.length === 0) {
    throw new UsageError(
      "no provider key is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY)",
      "Set one, or name the provider with --provider",
    );
  }
  return configured;
}

async function runList(flags: ListFlags): Promise<void> {
  const batches: BatchStatus[] = [];
  for (const provider of providersToList(flags)) {
    const processor = makeProcessor({
      provider,
      model: flags.model,
      baseUrl: flags.baseUrl,
      vertexFlags: flags,
    });
    batches.push(...(await processor.listBatches({ limit: flags.limit })));
  }
  if (flags.json) {
    printJson(batches.map((b) => statusJson(b)));
    return;
  }
  if (batches.length === 0) {
    printLine("No batches.");
    return;
  }
  printLine(batchTable(batches));
}

export function registerListCommand(program: Command): void {
  const command = program
    .command("list")
    .description("List the newest batches, as a table.")
    .option("-n, --limit <n>", "batches per provider", numberFlag(1, 10_000, true), 20);
  addConnectionOptions(command, "provider/model: the same as --provider");
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch list",
      "structured-batch list --provider anthropic --limit 5",
      "structured-batch list --provider openai --json",
    ],
    ["Without --provider, every provider whose API key is set is listed."],
  ).action(async (flags: ListFlags) => runList(flags));
}
