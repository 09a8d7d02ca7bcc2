/** A google.rpc.Status: `code` is a google.rpc code (13 = INTERNAL), not an HTTP status. */
export interface RpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

const RPC_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];

/** `INTERNAL` for `{code: 13}`; a `status` string given with the error wins. */
export function rpcStatusName(error: RpcStatus | undefined): string | undefined {
  if (typeof error?.status === "string" && error.status !== "") return error.status;
  if (typeof error?.code !== "number") return undefined;
  return RPC_NAMES[error.code] ?? String(error.code);
}

type Count = string | number | undefined;

/** A batch as the REST API returns it: an Operation whose `metadata` is the batch. */
export interface GeminiOperation {
  name?: string;
  done?: boolean;
  error?: RpcStatus;
  /** The batch's output again, once done. */
  response?: GeminiBatchOutput;
  metadata?: {
    name?: string;
    displayName?: string;
    model?: string;
    state?: string;
    createTime?: string;
    updateTime?: string;
    endTime?: string;
    batchStats?: {
      requestCount?: Count;
      successfulRequestCount?: Count;
      failedRequestCount?: Count;
      pendingRequestCount?: Count;
    };
    inputConfig?: { fileName?: string; requests?: { requests?: { metadata?: unknown }[] } };
    output?: GeminiBatchOutput;
  };
}

interface GeminiBatchOutput {
  responsesFile?: string;
  inlinedResponses?: { inlinedResponses?: unknown[] };
}

/** A batch as the SDK returns it (`BatchJob`): state renamed, stats and error dropped. */
export interface SdkBatchJob {
  name?: string;
  displayName?: string;
  state?: string;
  createTime?: string;
  updateTime?: string;
  endTime?: string;
  error?: RpcStatus;
  dest?: { fileName?: string; inlinedResponses?: unknown[] };
}

/** One reading of either shape, so status and results code need not care which it got. */
export interface GeminiBatchView {
  name: string;
  state: string;
  displayName: string | undefined;
  createTime: string | undefined;
  endTime: string | undefined;
  /** Undefined when the source has no counts (the SDK's shape, or a batch just created). */
  stats:
    | { total: number; succeeded: number; failed: number; pending: number | undefined }
    | undefined;
  error: RpcStatus | undefined;
  inputFile: string | undefined;
  /** The keys of an inline batch's requests, when the API echoes its input. */
  inputKeys: (string | undefined)[] | undefined;
  responsesFile: string | undefined;
  inlinedResponses: unknown[] | undefined;
  raw: unknown;
}

function count(value: Count): number {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

function keyOf(metadata: unknown): string | undefined {
  const key = (metadata as { key?: unknown } | undefined)?.key;
  return typeof key === "string" && key !== "" ? key : undefined;
}

export function viewGeminiBatch(raw: unknown): GeminiBatchView {
  const op = raw as GeminiOperation & SdkBatchJob;
  if (op.metadata !== undefined && typeof op.metadata === "object") {
    const meta = op.metadata;
    const stats = meta.batchStats;
    const output = meta.output ?? op.response;
    return {
      name: op.name ?? meta.name ?? "",
      state: meta.state ?? "BATCH_STATE_UNSPECIFIED",
      displayName: meta.displayName,
      createTime: meta.createTime,
      endTime: meta.endTime,
      stats: stats && {
        total: count(stats.requestCount),
        succeeded: count(stats.successfulRequestCount),
        failed: count(stats.failedRequestCount),
        pending:
          stats.pendingRequestCount === undefined ? undefined : count(stats.pendingRequestCount),
      },
      error: op.error,
      inputFile: meta.inputConfig?.fileName,
      inputKeys: meta.inputConfig?.requests?.requests?.map((r) => keyOf(r?.metadata)),
      responsesFile: output?.responsesFile,
      inlinedResponses: output?.inlinedResponses?.inlinedResponses,
      raw,
    };
  }
  return {
    name: op.name ?? "",
    state: op.state ?? "JOB_STATE_UNSPECIFIED",
    displayName: op.displayName,
    createTime: op.createTime,
    endTime: op.endTime,
    stats: undefined,
    error: op.error,
    inputFile: undefined,
    inputKeys: undefined,
    responsesFile: op.dest?.fileName,
    inlinedResponses: op.dest?.inlinedResponses,
    raw,
  };
}

/** The `metadata.key` of an inline request or response. */
export { keyOf as inlineKeyOf };
