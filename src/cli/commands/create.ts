import type { Command } from "commander";
import type { ExplicitPrice } from "../../cost/cost-types.js";
import { InvalidArgumentError, InvalidMessagesError } from "../../errors/index.js";
import { parseModelString } from "../../processor/parse-model-string.js";
import {
  ANTHROPIC_OUTPUT_FLAG,
  type AnthropicOutput,
  anthropicOutputFlag,
} from "../shared/anthropic-output-flag.js";
import { addExamples, addOutputOptions, type OutputFlags } from "../shared/common-options.js";
import { estimateLines, priceFlag } from "../shared/cost-output.js";
import { UsageError } from "../shared/exit-codes.js";
import { modelFlag } from "../shared/flag-parsers.js";
import {
  addGenerationOptions,
  type GenerationFlags,
  generationParams,
} from "../shared/generation-flags.js";
import { openLineSink } from "../shared/line-sink.js";
import { loadSchema } from "../shared/load-schema.js";
import { makeProcessor } from "../shared/make-processor.js";
import { OPENAI_ENDPOINT_FLAG, openaiEndpointFlag } from "../shared/openai-endpoint-flag.js";
import { printJson, printNote } from "../shared/output.js";
import {
  customIdsErrorWithLines,
  ensureInputFile,
  messagesErrorWithLines,
  readConversations,
  readIdsFile,
} from "../shared/read-input.js";

interface CreateFlags extends OutputFlags, GenerationFlags {
  model: string;
  messages: string;
  schema: string;
  schemaName?: string;
  out?: string;
  customIds?: string;
  openaiEndpoint?: "/v1/chat/completions" | "/v1/responses";
  anthropicOutput?: AnthropicOutput;
  estimate?: boolean;
  price?: ExplicitPrice;
}

async function runCreate(flags: CreateFlags): Promise<void> {
  const { model, messages, out } = flags;
  await ensureInputFile(
    messages,
    "--messages",
    "Pass a JSONL file with one conversation per line (or - for stdin)",
  );
  if (flags.customIds !== undefined) {
    await ensureInputFile(flags.customIds, "--custom-ids", "Pass a file with one id per line");
  }
  const schema = await loadSchema(flags.schema);
  const processor = makeProcessor({
    provider: parseModelString(model).provider,
    model,
    schema,
    schemaName: flags.schemaName,
    openaiEndpoint: flags.openaiEndpoint,
    anthropicOutput: flags.anthropicOutput,
    price: flags.price,
  });
  const input = await readConversations(messages);
  let customIds = input.customIds;
  // Where each id came from, for errors: the input line's custom_id or the ids file's line.
  let idPlace = (i: number) => `${messages} line ${input.lineNumbers[i]} custom_id`;
  if (flags.customIds !== undefined) {
    if (customIds) {
      throw new UsageError(
        `${messages} has custom_id on its lines and --custom-ids was given too`,
        "Use one of the two",
      );
    }
    const idsFile = await readIdsFile(flags.customIds);
    customIds = idsFile.ids;
    idPlace = (i) => `--custom-ids ${flags.customIds} line ${idsFile.lineNumbers[i]}`;
  }
  const options = {
    ...(customIds && { customIds }),
    ...generationParams(flags),
  };
  let buffer: Awaited<ReturnType<typeof processor.createBatchFromMessages>>;
  try {
    buffer = await processor.createBatchFromMessages(input.conversations, options);
  } catch (error) {
    if (error instanceof InvalidMessagesError) {
      throw messagesErrorWithLines(error, messages, input.lineNumbers);
    }
    if (error instanceof InvalidArgumentError && error.issues[0]?.path[0] === "customIds") {
      throw customIdsErrorWithLines(
        error,
        idPlace,
        flags.customIds ? `--custom-ids ${flags.customIds}` : messages,
      );
    }
    throw error;
  }
  // Estimated from the built lines, before anything is written; without --out it is all the
  // command prints (stdout would otherwise carry the batch).
  const estimate = flags.estimate ? await processor.estimateCost(buffer) : undefined;
  if (estimate && out === undefined) {
    if (flags.json) printJson({ ...estimate, warnings: buffer.warnings });
    else {
      for (const warning of buffer.warnings) printNote(`note: ${warning}`);
      process.stdout.write(`${estimateLines(estimate).join("\n")}\n`);
    }
    return;
  }
  const sink = await openLineSink(out, "--out");
  try {
    const reader = buffer.stream().getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      await sink.writeBytes(next.value);
    }
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  const summary = {
    out: out ?? "stdout",
    provider: processor.provider,
    model: processor.model,
    requests: buffer.requestCount,
    bytes: buffer.size,
    warnings: buffer.warnings,
    ...(estimate && { estimate }),
  };
  // stdout holds the batch when there is no --out: the summary then goes to stderr.
  const stream = out === undefined ? process.stderr : process.stdout;
  if (flags.json) {
    printJson(summary, stream);
    return;
  }
  for (const warning of buffer.warnings) printNote(`note: ${warning}`);
  stream.write(
    `Wrote ${summary.requests} requests (${summary.bytes} bytes) for ${model} to ${summary.out}\n`,
  );
  if (estimate) stream.write(`${estimateLines(estimate).join("\n")}\n`);
}

export function registerCreateCommand(program: Command): void {
  const command = program
    .command("create")
    .description("Build the provider's batch file (JSONL) from one conversation per input line.")
    .requiredOption(
      "--model <provider/model>",
      "e.g. openai/gpt-4o-mini, anthropic/claude-haiku-4-5, google/gemini-2.5-flash",
      modelFlag,
    )
    .requiredOption(
      "--messages <file>",
      'conversations, one per line: [messages...], {"messages": [...]} or {"custom_id": "...", "messages": [...]}; - for stdin',
    )
    .requiredOption(
      "--schema <schema>",
      "a JSON Schema file (schema.json) or a module export (./schema.ts#User, ./schema.js#User)",
    )
    .option("--schema-name <name>", "the schema's name sent to the provider (default: its title)")
    .option("-o, --out <file>", "write the batch here (default: stdout)")
    .option("--custom-ids <file>", "one custom id per line, in input order")
    .option(...OPENAI_ENDPOINT_FLAG, openaiEndpointFlag)
    .option(...ANTHROPIC_OUTPUT_FLAG, anthropicOutputFlag)
    .option(
      "--estimate",
      "print what the batch will cost (tokens, USD): instead of the batch without --out, after writing it with --out",
    )
    .option(
      "--price <input:output>",
      "USD per million tokens as paid for batch requests, instead of the price dataset",
      priceFlag,
    );
  addGenerationOptions(command);
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch create --model openai/gpt-4o-mini --messages conversations.jsonl --schema user.schema.json --out batch.jsonl",
      "structured-batch create --model anthropic/claude-haiku-4-5 --messages conversations.jsonl --schema ./schema.ts#User --max-tokens 500 > batch.jsonl",
      "structured-batch create --model openai/gpt-5-mini --messages conversations.jsonl --schema user.schema.json --max-tokens 500 --estimate",
    ],
    [
      "A conversation is a list of OpenAI-style messages ({ role, content }); each provider's",
      "format is produced from it. Nothing is written when any line is bad.",
    ],
  ).action(async (flags: CreateFlags) => runCreate(flags));
}
