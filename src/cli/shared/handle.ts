import { decodeBatchHandle } from "../../batch/batch-handle.js";
import { parseModelString } from "../../processor/parse-model-string.js";
import { PROVIDER_IDS } from "../../providers/provider-ids.js";
import type { ProviderId } from "../../providers/types.js";
import { UsageError } from "./exit-codes.js";

export { PROVIDER_IDS };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The batch a command acts on, and how to reach it. */
export interface BatchTarget {
  provider: ProviderId;
  /** `provider/model` when `--model` was given (only `create` and `submit` need one). */
  model: string | undefined;
  /** The id or handle as given. */
  id: string;
}

/**
 * Which provider made a batch, from the shape of its id: `batch_...` OpenAI, `msgbatch_...`
 * Anthropic, `batches/...` Gemini, a bare UUID Mistral (its job ids); a multi-part handle
 * (`sbh1_...`) names its provider.
 * Anthropic, `batches/...` Gemini, `arn:aws:bedrock:...` Bedrock; a multi-part handle (`sbh1_...`) names its provider.
 */
export function providerFromId(id: string): ProviderId | undefined {
  const handle = decodeBatchHandle(id);
  if (handle) return handle.provider;
  if (id.startsWith("batch_")) return "openai";
  if (id.startsWith("msgbatch_")) return "anthropic";
  if (id.startsWith("batches/")) return "google";
  if (UUID.test(id)) return "mistral";
  if (id.startsWith("arn:aws:bedrock:") || /^arn:aws-[a-z-]+:bedrock:/.test(id)) return "bedrock";
  if (id.startsWith("projects/") && id.includes("/batchPredictionJobs/")) return "vertex";
  return undefined;
}

/** The provider named by `--provider` or `--model` (which must agree), if any. */
export function providerFromFlags(flags: {
  provider?: ProviderId;
  model?: string;
}): ProviderId | undefined {
  const fromModel = flags.model === undefined ? undefined : parseModelString(flags.model).provider;
  if (flags.provider && fromModel && flags.provider !== fromModel) {
    throw new UsageError(
      `--provider ${flags.provider} and --model ${flags.model} name different providers`,
      "Give one of them, or make them agree",
    );
  }
  return flags.provider ?? fromModel;
}

/**
 * Reads a handle printed by `submit`. The provider comes from the id's shape, or from
 * `--provider` / `--model` for ids of another shape (an OpenAI-compatible server); a multi-part
 * handle's own provider cannot be overridden.
 */
export function resolveTarget(
  id: string,
  flags: { provider?: ProviderId; model?: string },
): BatchTarget {
  const trimmed = id.trim();
  if (trimmed === "")
    throw new UsageError("the batch id is empty", "Pass the id printed by submit");
  const given = providerFromFlags(flags);
  const inferred = providerFromId(trimmed);
  if (decodeBatchHandle(trimmed) && given && inferred !== given) {
    throw new UsageError(
      `the handle belongs to ${inferred}, but ${flags.provider ? "--provider" : "--model"} names ${given}`,
      "Drop the flag: a handle carries its provider",
    );
  }
  const provider = given ?? inferred;
  if (!provider) {
    throw new UsageError(
      `cannot tell which provider made "${trimmed}" (ids look like batch_..., msgbatch_..., batches/..., projects/.../batchPredictionJobs/..., a UUID, arn:aws:bedrock:... or sbh1_...)`,
      `Add --provider ${PROVIDER_IDS.join("|")}`,
    );
  }
  return { provider, model: flags.model, id: trimmed };
}
