import type { BatchErrorType } from "../results/types.js";
import type { JobRecord } from "./stores/job-store.js";

/** What a job is bound to: reopening it with anything else is refused unless asked for. */
export interface JobConfig {
  provider: string;
  model: string;
  /** The JSON Schema the provider gets (after its structured-output conversion). */
  schema: unknown;
  params: Record<string, unknown>;
  maxRetries: number;
  retryOn: BatchErrorType[];
  /** `JobOptions.promptVersion`, when given. */
  promptVersion?: string | undefined;
}

/** JSON with object keys sorted, so equal configs give equal text whatever the key order. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

/** SHA-256 of the config's stable JSON (Web Crypto: the same in every runtime). */
export async function hashConfig(config: JobConfig): Promise<string> {
  const bytes = new TextEncoder().encode(stableJson(config));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** Which parts of a stored config differ from `config`, each with a short description. */
export function configDifferences(
  stored: JobRecord,
  config: JobConfig,
): { fields: string[]; details: string[] } {
  const old = stored.config as Partial<JobConfig>;
  const fields: string[] = [];
  const details: string[] = [];
  if (stored.provider !== config.provider || stored.model !== config.model) {
    fields.push("model");
    details.push(
      `model was ${stored.provider}/${stored.model}, now ${config.provider}/${config.model}`,
    );
  }
  if (stableJson(old.schema) !== stableJson(config.schema)) {
    fields.push("schema");
    details.push("the output schema differs");
  }
  if (stableJson(old.params ?? {}) !== stableJson(config.params)) {
    fields.push("params");
    details.push(`params were ${stableJson(old.params ?? {})}, now ${stableJson(config.params)}`);
  }
  if (
    old.maxRetries !== config.maxRetries ||
    stableJson(old.retryOn) !== stableJson(config.retryOn)
  ) {
    fields.push("retry policy");
    details.push(
      `maxRetries ${old.maxRetries} retryOn ${stableJson(old.retryOn)}, now ${config.maxRetries} ${stableJson(config.retryOn)}`,
    );
  }
  if ((old.promptVersion ?? null) !== (config.promptVersion ?? null)) {
    fields.push("prompt");
    details.push(
      `the prompt version was ${JSON.stringify(old.promptVersion ?? null)}, now ${JSON.stringify(config.promptVersion ?? null)}`,
    );
  }
  return { fields, details };
}
