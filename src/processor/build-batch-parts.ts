import { BatchBuffer } from "../batch/batch-buffer.js";
import { JsonlWriter } from "../batch/jsonl-writer.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import type { Conversation } from "../messages/types.js";
import { conversationIssues } from "../messages/validate-messages.js";
import type { ProviderId, ProviderLimits } from "../providers/types.js";
import { validateCustomIds } from "./validate-custom-ids.js";

/** Conversations as an array, an iterable or an async iterable (a database cursor, a file). */
export type ConversationSource =
  | readonly Conversation[]
  | Iterable<Conversation>
  | AsyncIterable<Conversation>;

/** Custom ids for streamed input: an array, or a function of the position and conversation. */
export type CustomIdSource =
  | readonly string[]
  | ((index: number, conversation: Conversation) => string);

export interface PartBuilder {
  provider: ProviderId;
  model: string;
  limits: ProviderLimits;
  /** Split limits: requests and bytes per part. */
  maxRequests: number;
  maxBytes: number;
  encode: (customId: string, messages: Conversation) => string;
  warnings: string[];
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === "function";
}

/**
 * Builds parts from a stream of conversations, each within the split limits, holding one part
 * at a time: a part is handed over before the next is started. Each conversation and id is
 * checked as it arrives; the first bad one ends the stream with its error (parts already
 * handed over stay valid).
 */
export async function* buildBatchParts(
  source: ConversationSource,
  ids: CustomIdSource | undefined,
  builder: PartBuilder,
): AsyncGenerator<BatchBuffer> {
  let writer = new JsonlWriter();
  let partIds: string[] = [];
  const seen = new Map<string, number>();
  let index = 0;
  const flush = () => {
    const buffer = new BatchBuffer({
      provider: builder.provider,
      model: builder.model,
      customIds: partIds,
      chunks: writer.finish(),
      warnings: builder.warnings,
    });
    writer = new JsonlWriter();
    partIds = [];
    return buffer;
  };
  for await (const conversation of source as AsyncIterable<Conversation>) {
    const issues = conversationIssues(conversation, index);
    if (issues.length > 0) throw new InvalidMessagesError(issues);
    const id = customIdAt(ids, index, conversation, builder);
    // Default ids are unique by construction: only given ones are remembered (a million ids
    // would otherwise cost tens of megabytes).
    if (ids !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        throw new InvalidArgumentError([
          {
            code: "duplicate_custom_id",
            path: ["customIds", index],
            message: `${JSON.stringify(id)} is already used by customIds[${first}]`,
          },
        ]);
      }
      seen.set(id, index);
    }
    const line = builder.encode(id, conversation);
    // Bytes are estimated at 3 per character until encoded; a part closes before it could pass.
    if (
      partIds.length >= builder.maxRequests ||
      (partIds.length > 0 && writer.approximateBytes + line.length * 3 > builder.maxBytes)
    ) {
      yield flush();
    }
    writer.push(line);
    partIds.push(id);
    index++;
  }
  if (Array.isArray(ids) && ids.length !== index) {
    throw new InvalidArgumentError([
      {
        code: "custom_ids_count_mismatch",
        path: ["customIds"],
        message: `has ${ids.length} ids for ${index} conversations; give exactly one id per conversation`,
      },
    ]);
  }
  if (index === 0) {
    throw new InvalidMessagesError([
      {
        code: "empty_messages_list",
        path: [],
        message: "the conversations are empty: nothing to batch",
      },
    ]);
  }
  if (partIds.length > 0) yield flush();
}

function customIdAt(
  ids: CustomIdSource | undefined,
  index: number,
  conversation: Conversation,
  builder: PartBuilder,
): string {
  if (ids === undefined) return `request-${index}`;
  const id = typeof ids === "function" ? ids(index, conversation) : ids[index];
  if (id === undefined && Array.isArray(ids)) {
    throw new InvalidArgumentError([
      {
        code: "custom_ids_count_mismatch",
        path: ["customIds"],
        message: `has ${ids.length} ids but there are more conversations; give exactly one id per conversation`,
      },
    ]);
  }
  // The same rules as for a whole list, applied to one id at its position.
  try {
    return validateCustomIds([id], 1, builder.provider, builder.limits)[0]!;
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(
      error.issues.map((issue) => ({ ...issue, path: ["customIds", index] })),
      { cause: error },
    );
  }
}
