// Shared by the per-provider end-to-end files: an emulator whose answers a test scripts, and the
// steps from conversations to results.
import { afterEach } from "vitest";
import {
  createEmulator,
  type EmulatedOutcome,
  type EmulatedRequest,
  type EmulatorOptions,
} from "../../src/emulator/index.js";
import {
  type BatchProcessor,
  type CreateBatchOptions,
  resultsByCustomId,
} from "../../src/index.js";
import { useEmulatorServer } from "./emulator-server.js";

type Script = (request: EmulatedRequest) => EmulatedOutcome | undefined;

/** `useEmulatorServer` whose answers a test can script; back to the default after each test. */
export function useScriptedServer(options: EmulatorOptions = {}) {
  let script: Script = () => undefined;
  afterEach(() => {
    script = () => undefined;
  });
  const server = useEmulatorServer({ ...options, responder: (request) => script(request) });
  return {
    server,
    /** Answers each request with `next` (undefined: the emulator's default answer). */
    answer(next: Script) {
      script = next;
    },
    /** Runs one request per entry, answered with `outcomes[customId]`; the results by id. */
    async runOutcomes<T>(
      processor: BatchProcessor<T>,
      outcomes: Record<string, EmulatedOutcome>,
      options: CreateBatchOptions = {},
    ) {
      script = (request) => outcomes[request.customId];
      const customIds = Object.keys(outcomes);
      const texts = customIds.map(() => "x");
      const { results } = await runToResults(processor, texts, { ...options, customIds });
      return resultsByCustomId(results);
    },
    /** Answers as usual and collects each request body as the emulator receives it. */
    recordBodies(): Record<string, unknown>[] {
      const bodies: Record<string, unknown>[] = [];
      script = (request) => {
        bodies.push(request.body);
        return undefined;
      };
      return bodies;
    },
  };
}

export const conversation = (text: string) => [{ role: "user" as const, content: text }];

/** One conversation a text: built, submitted, waited for and read. */
export async function runToResults<T>(
  processor: BatchProcessor<T>,
  texts: string[],
  options: CreateBatchOptions = {},
) {
  const buffer = await processor.createBatchFromMessages(texts.map(conversation), options);
  const id = await processor.submitBatch(buffer);
  const status = await processor.waitForCompletion(id, { pollIntervalMs: 5 });
  return { id, status, results: await processor.getResults(id) };
}

/** An in-process emulator whose batches stay in their first state until the clock is advanced. */
export function slowEmulator() {
  const emulator = createEmulator({
    phases: { validatingMs: 3_600_000, inProgressMs: 1000, finalizingMs: 1000, cancellingMs: 1000 },
  });
  return { emulator, fetch: emulator.fetch as typeof fetch };
}
