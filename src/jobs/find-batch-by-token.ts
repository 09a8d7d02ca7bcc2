import type { BatchProcessor } from "../processor/batch-processor.js";
import { wireFamily } from "../providers/wire-family.js";
import type { BatchStatus } from "../results/types.js";
import type { StoredBatch } from "./stores/job-store.js";

/** The metadata key that carries a job batch's intent token (OpenAI). */
export const TOKEN_METADATA_KEY = "structured_batch_token";

/** What goes to the provider with a batch so it can be found again by its token. */
export function tokenMetadata(
  provider: string,
  token: string,
  job: string,
): Record<string, string> | undefined {
  if (provider === "openai" || provider === "azure" || provider === "groq") {
    return { [TOKEN_METADATA_KEY]: token, structured_batch_job: job.slice(0, 512) };
  }
  // Gemini and Vertex keep only a display name: the token is it.
  if (provider === "google" || provider === "vertex") {
    return { displayName: displayNameFor(token) };
  }
  // Anthropic batches carry nothing of the caller's: found by size and time instead.
  return undefined;
}

export const displayNameFor = (token: string) => `sb-${token}`;

/** How many of the account's newest batches a recovery looks through. */
export const LOOKUP_DEPTH = 500;

/** How far back (and forward, for clock skew) from the intent a created batch may be. */
const SKEW_MS = 5 * 60_000;

/**
 * Looks for the provider batch an intent created before its process died. OpenAI and Gemini
 * batches carry the token; an Anthropic batch carries nothing, so the match there is the
 * oldest batch of the intent's size created around the intent's time that no intent of this
 * job owns yet (results are routed by custom id and batch, so even a wrong pick of two
 * same-size crashed intents loses nothing: their rows come back as `missing` and are retried).
 */
export async function findBatchByToken(
  processor: BatchProcessor<unknown>,
  intent: StoredBatch,
  known: ReadonlySet<string>,
): Promise<string | undefined> {
  // Newest first, across pages: a busy account may have made hundreds of batches since.
  const listed: BatchStatus[] = await processor.listBatches({ limit: LOOKUP_DEPTH });
  // Together keeps no metadata on its batch objects: found by size and time, as Anthropic's.
  if (wireFamily(processor.provider) === "openai" && processor.provider !== "together") {
    return listed.find((b) => b.metadata?.[TOKEN_METADATA_KEY] === intent.token)?.id;
  }
  if (processor.provider === "google" || processor.provider === "vertex") {
    return listed.find((b) => b.metadata?.displayName === displayNameFor(intent.token))?.id;
  }
  const since = intent.createdAt.getTime() - SKEW_MS;
  const candidates = listed.filter(
    (b) =>
      !known.has(b.id) &&
      b.requestCounts.total === intent.requestCount &&
      (b.createdAt === undefined || b.createdAt.getTime() >= since),
  );
  candidates.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  return candidates[0]?.id;
}
