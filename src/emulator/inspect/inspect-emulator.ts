import { PROVIDER_IDS, type ProviderId } from "../../providers/provider-ids.js";
import type { AnthropicBatchStore } from "../anthropic/batch-store.js";
import type { BedrockJobStore } from "../bedrock/job-store.js";
import type { ResettableClock } from "../clock.js";
import type { Transport } from "../faults/transport.js";
import type { FileStore } from "../file-store.js";
import type { GoogleBatchStore } from "../google/batch-store.js";
import type { MistralJobStore } from "../mistral/job-store.js";
import type { OpenAIBatchStore } from "../openai/batch-store.js";
import type { VertexJobStore } from "../vertex/vertex-job-store.js";
import {
  anthropicSnapshot,
  bedrockSnapshot,
  googleSnapshot,
  mistralSnapshot,
  openAIWireSnapshot,
  vertexSnapshot,
} from "./batch-snapshots.js";
import type { BatchSnapshot, EmulatorSnapshot } from "./snapshot-types.js";

/** One service's batches: brought up to a moment, then described at it. */
interface BatchSource {
  provider: ProviderId;
  advanceAll(now: number): Promise<void>;
  snapshot(now: number): BatchSnapshot[];
}

/** Every store `createEmulator` registers, by service. */
export interface EmulatorStores {
  openai: OpenAIBatchStore;
  azure: OpenAIBatchStore;
  groq: OpenAIBatchStore;
  together: OpenAIBatchStore;
  anthropic: AnthropicBatchStore;
  google: GoogleBatchStore;
  mistral: MistralJobStore;
  bedrock: BedrockJobStore;
  vertex: VertexJobStore;
}

function sources(stores: EmulatorStores, files: FileStore): BatchSource[] {
  const wire = (provider: ProviderId, store: OpenAIBatchStore): BatchSource => ({
    provider,
    advanceAll: (now) => store.advanceAll(now),
    snapshot: (now) => store.newestFirst().map((r) => openAIWireSnapshot(r, provider, files, now)),
  });
  const of = <R>(
    provider: ProviderId,
    store: { advanceAll(now: number): Promise<void>; newestFirst(): R[] },
    describe: (record: R, now: number) => BatchSnapshot,
  ): BatchSource => ({
    provider,
    advanceAll: (now) => store.advanceAll(now),
    snapshot: (now) => store.newestFirst().map((r) => describe(r, now)),
  });
  const all = [
    wire("openai", stores.openai),
    wire("azure", stores.azure),
    wire("groq", stores.groq),
    wire("together", stores.together),
    of("anthropic", stores.anthropic, anthropicSnapshot),
    of("google", stores.google, googleSnapshot),
    of("mistral", stores.mistral, mistralSnapshot),
    of("bedrock", stores.bedrock, bedrockSnapshot),
    of("vertex", stores.vertex, vertexSnapshot),
  ];
  return all.sort((a, b) => PROVIDER_IDS.indexOf(a.provider) - PROVIDER_IDS.indexOf(b.provider));
}

/**
 * Builds `emulator.inspect()`. Each look first brings every batch up to the clock, as any
 * provider's list call does (requests that are due get their answers, results get written);
 * since every state is a function of the clock, looking never changes how a batch turns out.
 */
export function createInspector(
  stores: EmulatorStores,
  files: FileStore,
  clock: ResettableClock,
  transport: Pick<Transport, "snapshot">,
): () => Promise<EmulatorSnapshot> {
  const services = sources(stores, files);
  return async () => {
    const now = clock.now();
    for (const service of services) await service.advanceAll(now);
    const batches: BatchSnapshot[] = [];
    for (const service of services) for (const batch of service.snapshot(now)) batches.push(batch);
    const { faults, failRate, latencyMs } = transport.snapshot();
    return {
      clock: { now, offsetMs: clock.offset() },
      batches,
      faults,
      transport: { failRate, latencyMs },
    };
  };
}
