import { InvalidArgumentError as CommanderArgumentError } from "commander";
import type { CostEstimate, ExplicitPrice } from "../../cost/cost-types.js";

/** `--price <input>:<output>`: USD per million tokens, as paid for batch requests. */
export function priceFlag(value: string): ExplicitPrice {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*:\s*([0-9]+(?:\.[0-9]+)?)\s*$/.exec(value);
  if (!match) {
    throw new CommanderArgumentError(
      "must be <input>:<output>, USD per million tokens as paid for batch requests, e.g. 0.125:1",
    );
  }
  return { inputPerMillion: Number(match[1]), outputPerMillion: Number(match[2]) };
}

const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toPrecision(3) : n.toFixed(2)}`;

/** The estimate in words, a line each, for a terminal. */
export function estimateLines(e: CostEstimate): string[] {
  const lines = [
    `Estimate for ${e.requests} requests to ${e.provider}/${e.model}:`,
    `  input: ${e.inputTokens} tokens (${e.tokenCounting}); schema ${e.schemaTokensPerRequest} per request`,
  ];
  if (e.files.images + e.files.pdfs > 0) {
    lines.push(
      `  files: ${e.files.images} images, ${e.files.pdfs} PDFs (${e.files.pdfPages} pages), ${e.files.tokens} tokens (${e.files.counting})`,
    );
  }
  const out = e.maxOutputTokens;
  lines.push(
    out.total === undefined
      ? "  output: not bounded (no maxTokens, no known ceiling for the model)"
      : `  output: at most ${out.total} tokens (${out.perRequest === undefined ? "varies" : out.perRequest} per request, from ${out.source})`,
  );
  if (e.cost === undefined) {
    lines.push(`  cost: unknown: ${e.unknownPrice}`);
    return lines;
  }
  const p = e.cost.prices;
  const from =
    p.source.kind === "dataset"
      ? `${p.source.package} ${p.source.version}, data of ${p.source.dataDate}, model ${p.source.modelId}`
      : "--price";
  lines.push(
    `  cost: input ${usd(e.cost.input)} + output at most ${usd(e.cost.output)} = at most ${usd(e.cost.total)}`,
    `  prices: $${p.inputPerMillion} in / $${p.outputPerMillion} out per million tokens, batch discount ${p.batchDiscount * 100}%${p.tiers.length > 0 ? `, ${p.requestsInHigherTier} requests in a higher tier` : ""} (${from})`,
  );
  return lines;
}
