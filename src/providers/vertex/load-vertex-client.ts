import type { GcsAccess } from "./gcs-json-api.js";
import { kit } from "./vertex-kit.js";
import type { VertexProviderOptions } from "./vertex-provider-options.js";

/** Vertex AI's API version for batch prediction jobs (the SDK's default in Vertex mode). */
export const VERTEX_API_VERSION = "v1";

/** The GCS JSON API's host; `STORAGE_EMULATOR_HOST` or `vertex.storageBaseURL` replace it. */
export const GCS_DEFAULT_BASE_URL = "https://storage.googleapis.com";

/** Per-call options every SDK method takes. */
export interface VertexCallConfig {
  [key: string]: unknown;
}

/** The parts of `@google/genai`'s client (in Vertex mode) this adapter calls. */
export interface VertexClientLike {
  batches: {
    create(args: { model: string; src: unknown; config?: VertexCallConfig }): Promise<{
      name?: string;
    }>;
    get(args: { name: string; config?: VertexCallConfig }): Promise<unknown>;
    list(args: { config?: VertexCallConfig }): Promise<AsyncIterable<unknown>>;
    cancel(args: { name: string; config?: VertexCallConfig }): Promise<unknown>;
    delete(args: { name: string; config?: VertexCallConfig }): Promise<unknown>;
  };
}

export interface VertexConnection {
  sdk: VertexClientLike;
  gcs: GcsAccess;
  project: string;
  location: string;
}

/** What `GoogleGenAI` keeps in its (TypeScript-protected, runtime-public) `apiClient`. */
interface SdkApiClient {
  getProject?(): string | undefined;
  getLocation?(): string | undefined;
  getAuthHeaders?(): Promise<Headers>;
  getFetch?(): typeof globalThis.fetch | undefined;
}

// google-auth-library's words when Application Default Credentials finds nothing.
const NO_ADC = /Could not load the default credentials/i;

/**
 * The SDK's own auth headers (`Authorization: Bearer ...`, and `x-goog-user-project` when the
 * credentials name a quota project), so Cloud Storage is called as the same principal.
 */
function authHeaders(api: SdkApiClient): () => Promise<Record<string, string>> {
  return async () => {
    let headers: Headers;
    try {
      headers = await api.getAuthHeaders!();
    } catch (error) {
      if (NO_ADC.test(String((error as Error)?.message))) {
        throw new kit.MissingGoogleCredentialsError("Google Vertex AI", { cause: error });
      }
      throw error;
    }
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      out[name] = value;
    });
    return out;
  };
}

/** `STORAGE_EMULATOR_HOST` may be given without a scheme (`localhost:9023`), as gcloud tools take it. */
function storageBaseUrl(option: string | undefined): string {
  if (option !== undefined) return kit.trimBaseUrl(option);
  const env = kit.readEnv("STORAGE_EMULATOR_HOST");
  if (env === undefined) return GCS_DEFAULT_BASE_URL;
  const url = /^[a-z]+:\/\//i.test(env) ? env : `http://${env}`;
  const issue = kit.baseUrlIssue(url, ["env", "STORAGE_EMULATOR_HOST"]);
  if (issue) throw new kit.InvalidBaseUrlError([issue]);
  return kit.trimBaseUrl(url);
}

function missing(path: string[], message: string) {
  return new kit.InvalidArgumentError([{ code: "missing_option", path, message }]);
}

/**
 * A fixed OAuth access token as the auth client google-auth-library's `GoogleAuth` takes
 * (`authClient`: it asks only `getRequestHeaders`), so no credential lookup runs at all.
 */
function tokenAuthClient(token: string) {
  return {
    getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }),
  };
}

/**
 * Runs `make` with `console.debug` silenced: the SDK's constructor notes there that the project
 * given wins over a GEMINI_API_KEY/GOOGLE_API_KEY in the environment, which would land in a CLI's
 * stdout. The choice is this library's, on purpose; the note says nothing to its user.
 */
function quietly<T>(make: () => T): T {
  const debug = console.debug;
  console.debug = () => {};
  try {
    return make();
  } finally {
    console.debug = debug;
  }
}

/**
 * Builds the SDK client once per processor (Vertex mode: project, location, Google auth) and
 * the Cloud Storage access beside it, with the same credentials and fetch. The SDK is an
 * optional peer dependency, loaded only when Vertex is used.
 */
export async function loadVertexClient(options: VertexProviderOptions): Promise<VertexConnection> {
  const gcsBase = storageBaseUrl(options.storageBaseURL);
  const gcsFetch: typeof globalThis.fetch =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (options.client !== undefined) {
    const client = options.client as { vertexai?: unknown; apiClient?: SdkApiClient };
    if (client?.vertexai !== true) {
      throw new kit.InvalidArgumentError([
        {
          code: "unsupported_client",
          path: ["client"],
          message:
            "is not a Vertex AI client: pass new GoogleGenAI({ vertexai: true, project, location })",
        },
      ]);
    }
    const api = client.apiClient;
    const project = api?.getProject?.() ?? options.project;
    const location = api?.getLocation?.() ?? options.location;
    if (typeof api?.getAuthHeaders !== "function" || !project || !location) {
      throw new kit.InvalidArgumentError([
        {
          code: "unsupported_client",
          path: ["client"],
          message:
            "does not expose its project, location and credentials (needed for Cloud Storage): pass a GoogleGenAI client made with { vertexai: true, project, location }",
        },
      ]);
    }
    return {
      sdk: options.client as VertexClientLike,
      gcs: {
        baseUrl: gcsBase,
        fetch: api.getFetch?.() ?? gcsFetch,
        headers: authHeaders(api),
        secrets: [],
      },
      project,
      location,
    };
  }
  const project = options.project ?? kit.readEnv("GOOGLE_CLOUD_PROJECT");
  if (!project) {
    throw missing(
      ["vertex", "project"],
      "no Google Cloud project: set GOOGLE_CLOUD_PROJECT or pass { vertex: { project } }",
    );
  }
  // The SDK's own default when neither is set.
  const location = options.location ?? kit.readEnv("GOOGLE_CLOUD_LOCATION") ?? "global";
  let mod: { GoogleGenAI: new (opts: Record<string, unknown>) => unknown };
  try {
    mod = (await import("@google/genai")) as unknown as typeof mod;
  } catch (cause) {
    throw new kit.MissingDependencyError("@google/genai", "The Google Vertex AI provider", {
      cause,
    });
  }
  const baseUrl = kit.resolveBaseURL(options.baseURL, "GOOGLE_VERTEX_BASE_URL");
  // A fixed token from the environment, under the name Terraform's Google provider reads.
  const token = options.apiKey ?? kit.readEnv("GOOGLE_OAUTH_ACCESS_TOKEN");
  const googleAuthOptions =
    token !== undefined
      ? { authClient: tokenAuthClient(token) }
      : options.googleAuthOptions && { ...options.googleAuthOptions };
  const client = quietly(
    () =>
      new mod.GoogleGenAI({
        vertexai: true,
        project,
        location,
        ...(googleAuthOptions !== undefined && { googleAuthOptions }),
        apiVersion: options.apiVersion ?? VERTEX_API_VERSION,
        httpOptions: {
          ...(baseUrl !== undefined && { baseUrl }),
          ...(options.fetch !== undefined && { fetch: options.fetch }),
        },
      }),
  );
  const api = (client as { apiClient?: SdkApiClient }).apiClient;
  if (typeof api?.getAuthHeaders !== "function") {
    throw new kit.MissingDependencyError(
      "@google/genai",
      "The Google Vertex AI provider (a version whose client exposes its auth headers, 1.20 or later)",
      {},
    );
  }
  return {
    sdk: client as VertexClientLike,
    gcs: { baseUrl: gcsBase, fetch: gcsFetch, headers: authHeaders(api), secrets: [token] },
    project,
    location,
  };
}
