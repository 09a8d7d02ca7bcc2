import { Hono } from "hono";
import {
  anthropicNotFound,
  anthropicServerError,
  registerAnthropicRoutes,
} from "./anthropic/routes.js";
import { azureService } from "./azure/azure-service.js";
import { bedrockNotFound, bedrockServerError, registerBedrockRoutes } from "./bedrock/routes.js";
import { createClock } from "./clock.js";
import { createContext } from "./context.js";
import { createTransport, type Transport } from "./faults/transport.js";
import { internalError, notFound } from "./google/errors.js";
import { googleNotFound, googleServerError, registerGoogleRoutes } from "./google/routes.js";
import { createInspector } from "./inspect/inspect-emulator.js";
import { listen } from "./listen.js";
import { mistralNotFound, mistralServerError, registerMistralRoutes } from "./mistral/routes.js";
import { openaiError } from "./openai/errors.js";
import { registerOpenAIRoutes, registerOpenAIWireRoutes } from "./openai/routes.js";
import { groqService } from "./openai-compatible/groq-service.js";
import { togetherService } from "./openai-compatible/together-service.js";
import type { Emulator, EmulatorOptions, ListenOptions } from "./types.js";
import { isVertexPath, registerVertexRoutes } from "./vertex/vertex-routes.js";

/**
 * A local emulator of the providers' batch APIs (OpenAI Files + Batch, Anthropic Message
 * Batches, Gemini batch mode + Files, Amazon Bedrock batch inference + the S3 object calls). All state lives in memory and is computed from the clock
 * when a request arrives: no timers, nothing that keeps a process alive, and `clock.advance`
 * fast-forwards every batch.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = createClock();
  const ctx = createContext(options, clock);
  const app = new Hono();

  app.notFound(
    (c) =>
      vertexNotFound(c.req.raw) ??
      googleNotFound(c.req.raw) ??
      anthropicNotFound(c.req.url) ??
      mistralNotFound(c.req.url) ??
      bedrockNotFound(c.req.url) ??
      (new URL(c.req.url).pathname.startsWith("/azure/")
        ? // Azure's gateway answer for a path it does not serve.
          Response.json({ error: { code: "404", message: "Resource not found" } }, { status: 404 })
        : openaiError(404, `Invalid URL (${c.req.method} ${new URL(c.req.url).pathname})`)),
  );
  app.onError((error, c) => {
    if (isVertexPath(new URL(c.req.url).pathname)) return internalError(error);
    const googleAnswer = googleServerError(c.req.raw, error);
    if (googleAnswer) return googleAnswer;
    const anthropicAnswer = anthropicServerError(c.req.url, error);
    if (anthropicAnswer) return anthropicAnswer;
    const mistralAnswer = mistralServerError(c.req.url, error);
    if (mistralAnswer) return mistralAnswer;
    const bedrockAnswer = bedrockServerError(c.req.url, error);
    if (bedrockAnswer) return bedrockAnswer;
    // A bug of the emulator, not of the client: say so instead of imitating a provider outage.
    const reason = error instanceof Error ? error.message : String(error);
    return openaiError(500, `The emulator failed to handle the request: ${reason}`);
  });
  // Vertex AI and Cloud Storage live under their own prefixes (/vertex, /gcs).
  const vertex = registerVertexRoutes(app, ctx);
  // Then: Gemini shares /v1/files and /v1/batches with OpenAI and claims its requests by key.
  const google = registerGoogleRoutes(app, ctx);
  const openai = registerOpenAIRoutes(app, ctx);
  // The same Files + Batch code, each service under its own prefix and with its own rules.
  const azure = registerOpenAIWireRoutes(app, ctx, azureService(ctx));
  const groq = registerOpenAIWireRoutes(app, ctx, groqService(ctx));
  const together = registerOpenAIWireRoutes(app, ctx, togetherService(ctx));
  const anthropic = registerAnthropicRoutes(app, ctx);
  const mistral = registerMistralRoutes(app, ctx);
  const bedrock = registerBedrockRoutes(app, ctx);
  const transport = createTransport((request) => app.fetch(request), options);
  const inspect = createInspector(
    {
      openai,
      azure,
      groq,
      together,
      anthropic,
      google: google.store,
      mistral,
      bedrock: bedrock.jobs,
      vertex: vertex.store,
    },
    ctx.files,
    clock,
    transport,
  );

  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    // Relative URLs have no base outside a browser; the host is irrelevant in process.
    const target =
      typeof input === "string" && input.startsWith("/") ? `http://emulator.local${input}` : input;
    const request =
      target instanceof Request && init === undefined ? target : new Request(target, init);
    return transport.handle(request);
  };

  return {
    app,
    fetch,
    listen: (listenOptions) => listen(intercepted(transport.handle, listenOptions), listenOptions),
    inspect,
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    hold: (id) => ctx.holds.hold(id, clock.now()),
    release: (id) => ctx.holds.release(id, clock.now()),
    faults: transport.faults,
    reset() {
      transport.reset();
      ctx.holds.clear();
      ctx.files.clear();
      openai.clear();
      azure.clear();
      groq.clear();
      together.clear();
      anthropic.clear();
      google.clear();
      mistral.clear();
      bedrock.clear();
      vertex.clear();
      clock.reset();
    },
  };
}

/** Requests `intercept` answers skip the transport: no fault, latency, log line or failRate draw. */
function intercepted(
  handle: Transport["handle"],
  options: ListenOptions | undefined,
): Transport["handle"] {
  const intercept = options?.intercept;
  if (!intercept) return handle;
  return async (request, connection) => (await intercept(request)) ?? handle(request, connection);
}

/** The app's 404 for a Vertex AI or Cloud Storage path, in Google's envelope. */
function vertexNotFound(request: Request): Response | undefined {
  const path = new URL(request.url).pathname;
  return isVertexPath(path) ? notFound(request.method, path) : undefined;
}

export { DEFAULT_PHASES } from "./context.js";
export { formatRequestLogLine } from "./faults/request-log.js";
export type {
  DelayFault,
  EmulatorProvider,
  Fault,
  FaultControl,
  FaultMatch,
  FaultRule,
  RequestLogEntry,
  ResetFault,
  StatusFault,
} from "./faults/types.js";
export type {
  BatchPhase,
  BatchSnapshot,
  EmulatorSnapshot,
  FaultRuleSnapshot,
} from "./inspect/snapshot-types.js";
export {
  chatCompletionsBody,
  chatCompletionsOutcome,
  combineResponders,
  conversationText,
  DEFAULT_REFUSAL,
  defaultAnswer,
  defaultResponder,
  drawRateOutcome,
  type FixtureResponderOptions,
  type ForwardResponderOptions,
  fixtureResponder,
  forwardResponder,
  generateFromSchema,
  invalidAnswer,
  isEmulatedOutcome,
  RATE_OUTCOMES,
  type RateOutcome,
  type RateResponderOptions,
  rateResponder,
} from "./responder/index.js";
export type {
  EmulatedOutcome,
  EmulatedRequest,
  EmulatedUsage,
  Responder,
} from "./responder/types.js";
export type {
  AnthropicEmulatorLimits,
  BedrockEmulatorLimits,
  EmulatedBatch,
  Emulator,
  EmulatorOptions,
  EmulatorPhases,
  EmulatorServer,
  GoogleEmulatorLimits,
  ListenOptions,
  MistralEmulatorLimits,
  OpenAIEmulatorLimits,
} from "./types.js";
