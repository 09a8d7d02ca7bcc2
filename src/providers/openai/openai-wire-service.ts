import type { ProviderClientOptions, ProviderId, ProviderLimits } from "../types.js";
import type { OpenAIClientLike } from "./load-openai-client.js";
import type { OpenAIBatchObject } from "./map-openai-batch-status.js";
import type { OpenAIEndpoint } from "./openai-limits.js";

/**
 * One service that speaks the OpenAI Files + Batch wire (OpenAI itself, Azure OpenAI, Groq):
 * the adapter is the same code for all of them, and what differs is said here, once.
 *
 * @example
 * const GROQ: OpenAIWireService = { id: "groq", label: "Groq", endpoints: { "/v1/chat/completions": "/v1/chat/completions" }, ... };
 */
export interface OpenAIWireService {
  id: ProviderId;
  /** The service's name in messages ("Azure OpenAI"). */
  label: string;
  limits: ProviderLimits;
  /**
   * The batch endpoints the service has, keyed by the library's name for them, valued by what the
   * service writes in a line's `url` and the create call's `endpoint` (Azure: `/chat/completions`).
   */
  endpoints: Partial<Record<OpenAIEndpoint, string>>;
  /** The `completion_window` sent on create (the service's default one). */
  completionWindow: string;
  /** Where a key is read from when none is given (named when none is set). */
  keyEnv: readonly string[];
  /** Builds (or takes) the SDK client; only this runs the SDK's module. */
  loadClient(options: ProviderClientOptions): Promise<OpenAIClientLike>;
  /**
   * The model the catalog knows the requests' `model` as, for the parameter rules and prices
   * (Azure: the model a deployment runs); default the model string itself.
   */
  catalogModel?: string;
  /** Extra form fields of the batch file upload (Azure's `expires_after[seconds]`). */
  uploadFields?: Record<string, string>;
  /**
   * Whether an upload may answer `pending` and must be `processed` before a batch reads it
   * (Azure): the adapter then waits for it (see `awaitFileProcessed`).
   */
  uploadsPending?: boolean;
  /**
   * Where the batch file goes and with which `purpose`, when not OpenAI's `/files` + `batch`
   * (Together: `/files/upload` + `batch-api`).
   */
  upload?: { path: string; purpose: string };
  /**
   * The batch calls of a service whose batch objects are not OpenAI's (Together: `{ job }` on
   * create, upper-case statuses, ISO dates, a bare list), loaded when first used so the core
   * stays small; each answer is read into OpenAI's shape. Default: the SDK's `batches.*`.
   */
  batchWire?: () => Promise<BatchWire>;
}

/** A service's own batch calls, answering OpenAI-shaped batch objects (see `batchWire`). */
export interface BatchWire {
  create(
    client: OpenAIClientLike,
    body: {
      input_file_id: string;
      endpoint: string;
      completion_window: string;
      metadata?: Record<string, string>;
    },
  ): Promise<OpenAIBatchObject>;
  retrieve(client: OpenAIClientLike, id: string): Promise<OpenAIBatchObject>;
  /** Newest first, at most `limit`. */
  list(client: OpenAIClientLike, limit: number): Promise<OpenAIBatchObject[]>;
  cancel(client: OpenAIClientLike, id: string): Promise<OpenAIBatchObject>;
}

/** The wire `url` of each endpoint a service has, for reading a batch file's first line. */
export function serviceUrls(service: OpenAIWireService): readonly string[] {
  return Object.values(service.endpoints).filter((u): u is string => u !== undefined);
}

/** The library's endpoint for a line `url` of this service, if it is one the service has. */
export function endpointOfUrl(
  service: OpenAIWireService,
  url: unknown,
): OpenAIEndpoint | undefined {
  for (const [endpoint, wire] of Object.entries(service.endpoints)) {
    if (wire === url) return endpoint as OpenAIEndpoint;
  }
  return undefined;
}
