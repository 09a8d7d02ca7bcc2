import { type Command, Option } from "commander";
import type { ProviderId } from "../../providers/types.js";
import { PROVIDER_IDS } from "./handle.js";
import { addVertexOptions, type VertexFlags } from "./vertex-flags.js";

/** Flags every command has. */
export interface OutputFlags {
  json?: boolean;
  verbose?: boolean;
}

/** Flags of the commands that talk to a provider. */
export interface ConnectionFlags extends OutputFlags, VertexFlags {
  provider?: ProviderId;
  model?: string;
  baseUrl?: string;
}

/** `--json` and `--verbose`, on every command. */
export function addOutputOptions(command: Command): Command {
  return command
    .option("--json", "machine-readable output: one JSON document on stdout")
    .option("--verbose", "on failure, print the stack trace and causes too");
}

/** `--provider`, `--model` and `--base-url`, for commands that take a batch handle. */
export function addConnectionOptions(
  command: Command,
  modelHelp: string,
  options: { requireModel?: boolean } = {},
): Command {
  addVertexOptions(command);
  return command
    .addOption(
      new Option(
        "--provider <provider>",
        "the provider, when the id's shape does not tell (batch_ OpenAI, msgbatch_ Anthropic, batches/ Gemini, projects/.../batchPredictionJobs/ Vertex, sbh1_ handles; Azure and Groq ids look like OpenAI's, Together's are UUIDs (read as Mistral's): say azure, groq or together)",
      ).choices(PROVIDER_IDS),
    )
    .addOption(
      new Option("--model <provider/model>", modelHelp).makeOptionMandatory(
        options.requireModel ?? false,
      ),
    )
    .option(
      "--base-url <url>",
      "the provider's endpoint (else OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GOOGLE_GEMINI_BASE_URL, GOOGLE_VERTEX_BASE_URL, MISTRAL_BASE_URL, AZURE_OPENAI_ENDPOINT, GROQ_BASE_URL or TOGETHER_BASE_URL; OpenAI's ends in /v1, Azure's is the resource endpoint)",
    );
}

/** The "Examples:" block of `--help`. */
export function addExamples(command: Command, examples: string[], notes: string[] = []): Command {
  const lines = ["", ...notes, ...(notes.length > 0 ? [""] : []), "Examples:"];
  for (const example of examples) lines.push(`  $ ${example}`);
  return command.addHelpText("after", lines.join("\n"));
}
