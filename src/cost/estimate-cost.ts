import { BatchBuffer } from "../batch/batch-buffer.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { CreateBatchOptions } from "../processor/batch-processor-options.js";
import type { ConversationSource } from "../processor/build-batch-parts.js";
import type { ProviderId } from "../providers/types.js";
import type { CostEstimate } from "./cost-types.js";
import {
  type CeilingOf,
  type EstimateCostOptions,
  estimateLinesCost,
} from "./estimate-lines-cost.js";

/** A built batch: a buffer, or the parts of a streamed build (consumed by the estimate). */
export type BuiltBatch = BatchBuffer | Iterable<BatchBuffer> | AsyncIterable<BatchBuffer>;

/** What `processor.estimateCost` takes: conversations, or a batch the processor built. */
export type CostInput = ConversationSource | BuiltBatch;

/** Options of `processor.estimateCost`: the generation parameters of the build, and a price. */
export type ProcessorEstimateOptions = Omit<CreateBatchOptions, "filePath" | "stream"> &
  EstimateCostOptions;

async function* linesOfParts(
  parts: Iterable<BatchBuffer> | AsyncIterable<BatchBuffer>,
  first: BatchBuffer | undefined,
  provider: ProviderId,
): AsyncGenerator<string> {
  const check = (b: unknown): BatchBuffer => {
    if (!(b instanceof BatchBuffer) || b.provider !== provider) {
      throw new InvalidArgumentError([
        {
          code: "invalid_batch",
          path: ["batch"],
          message: `every part must be a BatchBuffer built for ${provider}`,
        },
      ]);
    }
    return b;
  };
  if (first !== undefined) yield* check(first).lines();
  for await (const part of parts as AsyncIterable<BatchBuffer>) yield* check(part).lines();
}

/** See `estimateCost` in lazy-cost.ts, the entry point the package exports. */
export async function estimateCost(
  batch: BuiltBatch,
  options: EstimateCostOptions,
  ceilingOf: CeilingOf,
): Promise<CostEstimate> {
  if (batch instanceof BatchBuffer) {
    return estimateLinesCost(batch.provider, batch.model, batch.lines(), options, ceilingOf);
  }
  const iterator =
    typeof (batch as AsyncIterable<BatchBuffer>)?.[Symbol.asyncIterator] === "function"
      ? (batch as AsyncIterable<BatchBuffer>)[Symbol.asyncIterator]()
      : typeof (batch as Iterable<BatchBuffer>)?.[Symbol.iterator] === "function"
        ? (batch as Iterable<BatchBuffer>)[Symbol.iterator]()
        : undefined;
  const first = iterator === undefined ? undefined : await iterator.next();
  if (first === undefined || first.done || !(first.value instanceof BatchBuffer)) {
    throw new InvalidArgumentError([
      {
        code: "invalid_batch",
        path: ["batch"],
        message: "must be a BatchBuffer or the (non-empty) parts of a streamed build",
      },
    ]);
  }
  const rest = { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<BatchBuffer>;
  const { provider, model } = first.value;
  return estimateLinesCost(
    provider,
    model,
    linesOfParts(rest, first.value, provider),
    options,
    ceilingOf,
  );
}

/** What `estimateProcessorCost` needs of the processor. */
export interface CostProcessor {
  readonly provider: ProviderId;
  readonly model: string;
  createBatchFromMessages(
    source: ConversationSource,
    options: CreateBatchOptions & { stream: true },
  ): Promise<AsyncIterable<BatchBuffer>>;
}

function isBuilt(input: CostInput): input is BuiltBatch {
  if (input instanceof BatchBuffer) return true;
  return Array.isArray(input) && input.length > 0 && input[0] instanceof BatchBuffer;
}

/**
 * `processor.estimateCost`: conversations are encoded exactly as `createBatchFromMessages`
 * would (same checks, same parameters) a part at a time, so memory stays flat; a built batch
 * is read as it is. An async iterable of `BatchBuffer` parts is told apart by its first item.
 */
export async function estimateProcessorCost(
  processor: CostProcessor,
  input: CostInput,
  options: ProcessorEstimateOptions,
  ceilingOf: CeilingOf,
): Promise<CostEstimate> {
  const { price, ...params } = options;
  const priceOption = price === undefined ? {} : { price };
  if (isBuilt(input)) return estimateCost(input, priceOption, ceilingOf);
  // Any other iterable (a generator, a cursor) is told apart by its first item, then replayed.
  const source = input as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
  const iterator: AsyncIterator<unknown> | Iterator<unknown> | undefined =
    typeof source?.[Symbol.asyncIterator] === "function"
      ? source[Symbol.asyncIterator]!()
      : !Array.isArray(input) && typeof source?.[Symbol.iterator] === "function"
        ? source[Symbol.iterator]!()
        : undefined;
  if (iterator !== undefined) {
    const first = await iterator.next();
    const replay = (async function* () {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    })();
    if (first.value instanceof BatchBuffer) {
      return estimateCost(replay as AsyncIterable<BatchBuffer>, priceOption, ceilingOf);
    }
    input = replay as AsyncIterable<never>;
  }
  const parts = await processor.createBatchFromMessages(input as ConversationSource, {
    ...params,
    stream: true,
  });
  return estimateCost(parts, priceOption, ceilingOf);
}
