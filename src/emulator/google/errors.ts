/**
 * Google's error envelope `{"error":{"code":<HTTP status>,"message","status":<google.rpc name>}}`
 * and the google.rpc codes that batch results carry instead of HTTP statuses.
 */
export const RPC_CODES = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type RpcStatus = keyof typeof RPC_CODES;

// The canonical HTTP <-> google.rpc pairs (google/rpc/code.proto).
const BY_HTTP: Record<number, RpcStatus> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function isRpcStatus(value: unknown): value is RpcStatus {
  return typeof value === "string" && Object.hasOwn(RPC_CODES, value);
}

/** Unlisted statuses fall back by class: a client error is an argument problem, else internal. */
export function rpcStatusForHttp(status: number): RpcStatus {
  return BY_HTTP[status] ?? (status >= 400 && status < 500 ? "INVALID_ARGUMENT" : "INTERNAL");
}

/*
 * Default wordings for per-request errors. 400 ("Request contains an invalid argument.") and
 * 500 ("An internal error has occurred.") are seen on the real API; 429 and 503 are the wordings
 * commonly reported for it; the rest are ours.
 */
const DEFAULT_MESSAGES: Partial<Record<RpcStatus, string>> = {
  INVALID_ARGUMENT: "Request contains an invalid argument.",
  RESOURCE_EXHAUSTED: "Resource has been exhausted (e.g. check quota).",
  INTERNAL: "An internal error has occurred.",
  UNAVAILABLE: "The model is overloaded. Please try again later.",
  DEADLINE_EXCEEDED: "Deadline expired before operation could complete.",
  PERMISSION_DENIED: "The caller does not have permission.",
  NOT_FOUND: "Requested entity was not found.",
};

export function defaultErrorMessage(status: number): string {
  const rpc = rpcStatusForHttp(status);
  return DEFAULT_MESSAGES[rpc] ?? `The request failed with status ${rpc}.`;
}

const JSON_HEADERS = { "content-type": "application/json; charset=UTF-8" };

export function googleError(
  httpStatus: number,
  message: string,
  status: RpcStatus = rpcStatusForHttp(httpStatus),
  details?: unknown[],
): Response {
  const error: Record<string, unknown> = { code: httpStatus, message, status };
  if (details) error.details = details;
  return new Response(JSON.stringify({ error }, null, 2), {
    status: httpStatus,
    headers: JSON_HEADERS,
  });
}

export function googleJson(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status: 200,
    headers: { ...JSON_HEADERS, ...headers },
  });
}

export const invalidArgument = (message: string) => googleError(400, message, "INVALID_ARGUMENT");

/** Wording of the real API for a File it cannot find (it answers 403, not 404). */
export const noSuchFile = (id: string) =>
  googleError(
    403,
    `You do not have permission to access the File ${id} or it may not exist.`,
    "PERMISSION_DENIED",
  );

/** The generic NOT_FOUND wording of Google APIs (unverified for batches in particular). */
export const noSuchBatch = () => googleError(404, "Requested entity was not found.", "NOT_FOUND");

export function notFound(method: string, path: string): Response {
  return googleError(404, `The emulator has no route for ${method} ${path}.`, "NOT_FOUND");
}

/** A bug of the emulator, not of the client: say so instead of imitating a provider outage. */
export function internalError(error: unknown): Response {
  const reason = error instanceof Error ? error.message : String(error);
  return googleError(500, `The emulator failed to handle the request: ${reason}`, "INTERNAL");
}
