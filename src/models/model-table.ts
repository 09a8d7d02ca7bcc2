import type { ModelCapabilities, ReasoningControl } from "./model-capabilities.js";
import { MODEL_CATALOG } from "./model-catalog.js";

const PROVIDER_LABEL = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Gemini",
  mistral: "Mistral",
  azure: "Azure OpenAI",
  groq: "Groq",
  bedrock: "Bedrock",
  vertex: "Vertex AI",
  together: "Together AI",
} as const;

function reasoningCell(control: ReasoningControl): string {
  switch (control.kind) {
    case "none":
      return "none (`reasoning` refused)";
    case "effort":
      return `\`effort\`${control.efforts ? `: ${control.efforts.join(", ")}` : ""}`;
    case "budget":
      return `\`budgetTokens\` ${control.min.toLocaleString("en-US")}${control.max !== undefined ? `–${control.max.toLocaleString("en-US")}` : "+"}${control.canDisable ? ", 0 = off" : ""}`;
  }
}

function row(entry: ModelCapabilities): string {
  const cells = [
    PROVIDER_LABEL[entry.provider],
    entry.family,
    entry.rejects.length > 0 ? entry.rejects.map((p) => `\`${p}\``).join(", ") : "",
    reasoningCell(entry.reasoning),
    entry.maxOutputTokens?.toLocaleString("en-US") ?? "not checked",
    entry.structuredOutput ? "yes" : "no",
    [entry.inputs.images && "images", entry.inputs.pdfs && "PDFs"].filter(Boolean).join(", "),
    entry.endpoints ? entry.endpoints.join(", ") : "",
  ];
  return `| ${cells.join(" | ")} |`;
}

/**
 * The catalog as the README's markdown table (a test checks that the README holds exactly
 * this, so the table cannot drift from the data the checks use). `npm run models:table`
 * prints it.
 */
export function modelTableMarkdown(): string {
  const header =
    "| provider | family | left out, warned | reasoning | max output tokens | strict schema output | inputs | endpoints |";
  const rule = "| --- | --- | --- | --- | --- | --- | --- | --- |";
  return [header, rule, ...MODEL_CATALOG.map(row)].join("\n");
}
