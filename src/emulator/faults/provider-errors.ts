import {
  type AnthropicErrorType,
  anthropicError,
  anthropicErrorDefaults,
  errorTypeForStatus,
} from "../anthropic/errors.js";
import { isAnthropicPath } from "../anthropic/routes.js";
import { bedrockError, bedrockErrorType, s3Error, s3ErrorCode } from "../bedrock/errors.js";
import { bedrockServiceOf } from "../bedrock/routes.js";
import { defaultErrorMessage, googleError } from "../google/errors.js";
import { isGoogleRequest } from "../google/routes.js";
import { isMistralPath, mistralError, mistralStatusMessage } from "../mistral/errors.js";
import { openaiError } from "../openai/errors.js";
import { isVertexPath } from "../vertex/vertex-routes.js";
import type { EmulatorProvider } from "./types.js";

/**
 * The provider a request is for. Gemini is asked first with the very rule its routes use, since
 * it shares /v1/files and /v1/batches with OpenAI.
 */
export function providerOf(request: Request): EmulatorProvider | undefined {
  const path = new URL(request.url).pathname;
  // Vertex AI and its Cloud Storage first: their own prefixes, whatever the headers.
  if (isVertexPath(path)) return "vertex";
  if (isGoogleRequest(request)) return "google";
  if (isAnthropicPath(path)) return "anthropic";
  if (isMistralPath(path)) return "mistral";
  if (bedrockServiceOf(path) !== undefined) return "bedrock";
  if (path === "/v1" || path.startsWith("/v1/")) return "openai";
  if (path.startsWith("/azure/")) return "azure";
  if (path.startsWith("/groq/")) return "groq";
  if (path.startsWith("/together/")) return "together";
  return undefined;
}

/*
 * OpenAI's wordings: 500 and 503 are messages seen on the real API; 429 shortens the real
 * "Rate limit reached for <model> in organization <org> on requests per min (RPM): ..." which
 * comes with type "requests" and code "rate_limit_exceeded".
 */
const OPENAI_DEFAULTS: Record<number, { message: string; type?: string; code?: string }> = {
  429: {
    message: "Rate limit reached for requests per min (RPM). Please try again later.",
    type: "requests",
    code: "rate_limit_exceeded",
  },
  500: { message: "The server had an error while processing your request. Sorry about that!" },
  502: { message: "Bad gateway." },
  503: { message: "The server is overloaded or not ready yet." },
  504: { message: "Gateway timeout." },
};

function openaiStatus(status: number, message: string | undefined): Response {
  const known = OPENAI_DEFAULTS[status];
  return openaiError(status, message ?? known?.message ?? `Request failed with status ${status}.`, {
    ...(known?.type ? { type: known.type } : {}),
    ...(known?.code ? { code: known.code } : {}),
  });
}

function anthropicStatus(status: number, message: string | undefined): Response {
  const type = errorTypeForStatus(status) as AnthropicErrorType;
  const response = anthropicError(type, message ?? anthropicErrorDefaults(status).message);
  // The envelope carries the type's usual status (api_error: 500); a 503 keeps its own.
  if (response.status === status) return response;
  return new Response(response.body, { status, headers: response.headers });
}

function bedrockStatus(status: number, message: string | undefined, path: string | undefined) {
  const text =
    message ?? (status === 429 ? "Rate exceeded" : `Request failed with status ${status}.`);
  return path !== undefined && bedrockServiceOf(path) === "s3"
    ? s3Error(status, s3ErrorCode(status), text)
    : bedrockError(status, bedrockErrorType(status), text);
}

/** An HTTP error in the envelope of the request's provider (OpenAI's for unknown paths). */
export function statusResponse(
  provider: EmulatorProvider | undefined,
  status: number,
  options: {
    message?: string | undefined;
    retryAfterSeconds?: number | undefined;
    /** The request's path: Bedrock's faults on `/s3` are S3's XML errors. */
    path?: string | undefined;
  } = {},
): Response {
  const { message, retryAfterSeconds } = options;
  const response =
    provider === "bedrock"
      ? bedrockStatus(status, message, options.path)
      : provider === "anthropic"
        ? anthropicStatus(status, message)
        : provider === "google" || provider === "vertex"
          ? googleError(status, message ?? defaultErrorMessage(status))
          : provider === "mistral"
            ? mistralError(status, message ?? mistralStatusMessage(status))
            : openaiStatus(status, message);
  if (retryAfterSeconds !== undefined) {
    response.headers.set("retry-after", String(retryAfterSeconds));
  }
  return response;
}

/** The status each provider answers an overloaded moment with: 529 at Anthropic, else 503. */
export function overloadStatus(provider: EmulatorProvider | undefined): number {
  return provider === "anthropic" ? 529 : 503;
}
