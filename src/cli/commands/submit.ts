import type { Command } from "commander";
import type { ExplicitPrice } from "../../cost/cost-types.js";
import { findModel } from "../../models/find-model.js";
import { parseModelString } from "../../processor/parse-model-string.js";
import { lineShapeFits, providerOfBatchLine } from "../../providers/batch-line-shapes.js";
import type { ProviderId } from "../../providers/types.js";
import {
  addConnectionOptions,
  addExamples,
  addOutputOptions,
  type ConnectionFlags,
} from "../shared/common-options.js";
import { estimateLines, priceFlag } from "../shared/cost-output.js";
import { UsageError } from "../shared/exit-codes.js";
import { collectMetadata, numberFlag } from "../shared/flag-parsers.js";
import { makeProcessor } from "../shared/make-processor.js";
import { printJson, printLine, printNote } from "../shared/output.js";
import { ensureInputFile, fileLines } from "../shared/read-input.js";

interface SubmitFlags extends ConnectionFlags {
  model: string;
  metadata?: Record<string, string>;
  dryRun?: boolean;
  maxCost?: number;
  price?: ExplicitPrice;
}

async function* linesOf(path: string): AsyncGenerator<string> {
  for await (const { text } of fileLines(path)) if (text.trim() !== "") yield text;
}

/** Counts the requests and checks the first line was built for the provider of `--model`. */
async function inspectBatchFile(path: string, provider: ProviderId): Promise<number> {
  let requests = 0;
  for await (const { text, lineNumber } of fileLines(path)) {
    if (requests++ > 0) continue;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      throw new UsageError(
        `${path} line ${lineNumber}: not valid JSON`,
        "Pass a batch file written by structured-batch create",
      );
    }
    const built = typeof line === "object" && line ? providerOfBatchLine(line as never) : undefined;
    // Azure, Groq and Together files hold OpenAI-shaped lines, Vertex files Gemini's; their
    // `url` is checked when they are read.
    if (built !== undefined && !lineShapeFits(built, provider)) {
      throw new UsageError(
        `${path} holds ${built} requests, but --model names ${provider}`,
        `Submit it with a ${built}/... model, or create it again for ${provider}`,
      );
    }
  }
  if (requests === 0) throw new UsageError(`${path}: no requests`, "Create the batch file first");
  return requests;
}

async function runSubmit(file: string, flags: SubmitFlags): Promise<void> {
  await ensureInputFile(file, "batch file", "Pass a file written by structured-batch create");
  const provider = parseModelString(flags.model).provider;
  if (flags.provider && flags.provider !== provider) {
    throw new UsageError(`--provider ${flags.provider} and --model ${flags.model} disagree`);
  }
  const requests = await inspectBatchFile(file, provider);
  if (flags.dryRun) {
    // Nothing is sent: the file is read a line at a time and estimated.
    const { estimateLinesCost } = await import("../../cost/estimate-lines-cost.js");
    const { model } = parseModelString(flags.model);
    const estimate = await estimateLinesCost(
      provider,
      model,
      linesOf(file),
      flags.price ? { price: flags.price } : {},
      (p, m) => findModel(p, m)?.maxOutputTokens,
    );
    const over = flags.maxCost !== undefined && (estimate.cost?.total ?? Infinity) > flags.maxCost;
    if (flags.json) printJson({ dryRun: true, ...estimate, maxCost: flags.maxCost, over });
    else {
      printLine(estimateLines(estimate).join("\n"));
      printNote(
        over
          ? `Dry run: over --max-cost $${flags.maxCost}; submit would refuse it. No batch was created.`
          : "Dry run: no batch was created.",
      );
    }
    if (over) process.exitCode = 1;
    return;
  }
  const processor = makeProcessor({
    provider,
    model: flags.model,
    baseUrl: flags.baseUrl,
    vertexFlags: flags,
    maxCost: flags.maxCost,
    price: flags.price,
  });
  const handle = await processor.submitBatch(
    file,
    flags.metadata ? { metadata: flags.metadata } : {},
  );
  if (flags.json) {
    printJson({ handle, provider, model: flags.model, requests });
    return;
  }
  // The handle alone on stdout, so that `H=$(structured-batch submit ...)` works.
  printLine(handle);
  printNote(
    `Submitted ${requests} requests to ${flags.model}. Next: structured-batch wait ${handle}`,
  );
}

export function registerSubmitCommand(program: Command): void {
  const command = program
    .command("submit")
    .description("Send a batch file to the provider; prints the handle the other commands take.")
    .argument("<file>", "a batch file written by create")
    .option(
      "--metadata <key=value>",
      "attach metadata to the batch (repeatable; OpenAI keeps it, Gemini uses description as its name)",
      collectMetadata,
    )
    .option("--dry-run", "estimate what the batch will cost, and create nothing")
    .option(
      "--max-cost <usd>",
      "refuse (before sending anything) a batch whose estimate is over this many USD",
      numberFlag(0, Number.MAX_SAFE_INTEGER),
    )
    .option(
      "--price <input:output>",
      "USD per million tokens as paid for batch requests, instead of the price dataset",
      priceFlag,
    );
  addConnectionOptions(command, "the model the batch was created for", { requireModel: true });
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch submit batch.jsonl --model openai/gpt-4o-mini --metadata job=nightly",
      "H=$(structured-batch submit batch.jsonl --model google/gemini-2.5-flash) && structured-batch wait $H",
      "structured-batch submit batch.jsonl --model openai/gpt-5-mini --dry-run --max-cost 20",
    ],
    [
      "The handle is the provider's batch id (batch_... OpenAI, msgbatch_... Anthropic, batches/...",
      "Gemini), or sbh1_... when the batch was split over the provider's limits into several.",
      "Later commands tell the provider from it; keys and endpoints come from the environment.",
    ],
  ).action(async (file: string, flags: SubmitFlags) => runSubmit(file, flags));
}
