import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { ANTHROPIC_BATCH_ID_PATTERN } from "./anthropic/anthropic-limits.js";
import { BEDROCK_JOB_ID_PATTERN } from "./bedrock/bedrock-limits.js";
import { GEMINI_BATCH_NAME_PATTERN } from "./google/google-limits.js";
import { MISTRAL_BATCH_ID_PATTERN } from "./mistral/mistral-limits.js";
import { OPENAI_BATCH_ID_PATTERN } from "./openai/openai-limits.js";
import type { ProviderId } from "./types.js";
import { VERTEX_JOB_NAME_PATTERN } from "./vertex/vertex-limits.js";
import { wireFamily } from "./wire-family.js";

const RULES: Record<ProviderId, { pattern: RegExp; expected: string }> = {
  openai: {
    pattern: OPENAI_BATCH_ID_PATTERN,
    expected:
      'an OpenAI batch id such as "batch_abc123" (one URL path segment: letters, digits and _ - . : ~ = +)',
  },
  anthropic: {
    pattern: ANTHROPIC_BATCH_ID_PATTERN,
    expected: 'an Anthropic batch id such as "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d"',
  },
  bedrock: {
    pattern: BEDROCK_JOB_ID_PATTERN,
    expected:
      'a Bedrock batch inference job ARN such as "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcd1234efgh" (or its 12-character id)',
  },
  google: {
    pattern: GEMINI_BATCH_NAME_PATTERN,
    expected: 'a Gemini batch name such as "batches/abc123" (letters, digits, "_" and "-")',
  },
  mistral: {
    pattern: MISTRAL_BATCH_ID_PATTERN,
    expected:
      'a Mistral batch job id such as "2f3e7c4a-9b1d-4c8e-a0f2-5d6b7c8e9f01" (one URL path segment)',
  },
  // Azure's are `batch_<uuid>`, Groq's `batch_<26 letters and digits>`: OpenAI's shape.
  azure: { pattern: OPENAI_BATCH_ID_PATTERN, expected: "an Azure OpenAI batch id (batch_...)" },
  groq: { pattern: OPENAI_BATCH_ID_PATTERN, expected: "a Groq batch id (batch_...)" },
  vertex: {
    pattern: VERTEX_JOB_NAME_PATTERN,
    expected:
      'a Vertex AI batch prediction job name such as "projects/my-project/locations/us-central1/batchPredictionJobs/1234567890" (or its numeric id)',
  },
  // Together's are UUIDs (docs.together.ai/reference/batch-get): one URL path segment.
  together: { pattern: OPENAI_BATCH_ID_PATTERN, expected: "a Together batch id (a UUID)" },
};

// Shapes only one provider hands out: given to another provider's processor, they are a mix-up
// that would otherwise come back as a 404 naming nothing useful.
const SHAPES: [prefix: string, provider: ProviderId, name: string][] = [
  ["msgbatch_", "anthropic", "an Anthropic batch id"],
  ["batches/", "google", "a Gemini batch name"],
  ["batch_", "openai", "an OpenAI batch id"],
  ["arn:aws:bedrock:", "bedrock", "a Bedrock job ARN"],
  ["projects/", "vertex", "a Vertex AI batch prediction job name"],
];

function shown(id: string): string {
  return JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}...` : id);
}

/**
 * What is wrong with a batch id for `provider`, if anything. Ids are interpolated into URL
 * paths, so an id that is not one plain path segment (`../files`, `x?alt=media`, `a/b`) could
 * reach another endpoint: refused here, before any request.
 */
export function batchIdIssue(
  id: unknown,
  provider: ProviderId,
  path: (string | number)[] = ["batchId"],
): InputIssue | undefined {
  if (typeof id !== "string" || id === "") {
    return {
      code: "invalid_batch_id",
      path,
      message: `must be a non-empty string (a batch id or an sbh1_ handle), got ${typeof id === "string" ? '""' : String(id)}`,
    };
  }
  for (const [prefix, owner, name] of SHAPES) {
    // `batch_` is every OpenAI-wire service's: a mix-up only across wire families is certain.
    if (wireFamily(owner) !== wireFamily(provider) && id.startsWith(prefix)) {
      return {
        code: "provider_mismatch",
        path,
        message: `${shown(id)} is ${name}, but this processor talks to ${provider}: use a processor for ${owner}`,
      };
    }
  }
  const rule = RULES[provider];
  if (!rule.pattern.test(id)) {
    return {
      code: "invalid_batch_id",
      path,
      message: `${shown(id)} is not ${rule.expected}`,
    };
  }
  return undefined;
}

/** Throws `InvalidArgumentError` (code `invalid_batch_id`) naming every bad id. */
export function checkBatchIds(ids: readonly unknown[], provider: ProviderId, handle = false): void {
  const issues: InputIssue[] = [];
  ids.forEach((id, i) => {
    const issue = batchIdIssue(id, provider, handle ? ["handle", "parts", i, "id"] : ["batchId"]);
    if (issue) issues.push(issue);
  });
  if (issues.length > 0) throw new InvalidArgumentError(issues, { code: "invalid_batch_id" });
}
