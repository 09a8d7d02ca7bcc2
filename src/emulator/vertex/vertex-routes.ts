import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import type { StoredFile } from "../file-store.js";
import { type InputRequest, parseInputFile } from "../google/batch-input.js";
import { googleError, googleJson, invalidArgument, notFound } from "../google/errors.js";
import {
  decodePageToken,
  encodePageToken,
  field,
  isObject,
  parsePageSize,
} from "../google/wire.js";
import { GcsObjects, splitGsUri } from "./gcs-objects.js";
import { registerGcsRoutes } from "./gcs-routes.js";
import { vertexAuthError } from "./vertex-auth.js";
import { type NewVertexJob, VertexJobStore } from "./vertex-job-store.js";
import { toJobResource } from "./vertex-job-wire.js";

export interface VertexRoutes {
  clear(): void;
  /** The jobs, for `emulator.inspect`. */
  store: VertexJobStore;
}

const JOBS = "/vertex/:version/projects/:project/locations/:location/batchPredictionJobs";
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
const noSuchJob = () => googleError(404, "Requested entity was not found.", "NOT_FOUND");

/** Whether a request is for the Vertex AI or Cloud Storage emulation. */
export function isVertexPath(path: string): boolean {
  return /^\/(vertex|gcs)(\/|$)/.test(path);
}

/**
 * Vertex AI batch prediction jobs (`/vertex/{version}/projects/{p}/locations/{l}/
 * batchPredictionJobs`, what `@google/genai` in Vertex mode calls with
 * `httpOptions.baseUrl: url + "/vertex"`) and the Cloud Storage objects they read and write
 * (`/gcs/...`). Jobs read their input from the emulated bucket when created and write
 * `prediction-model-<time>/predictions.jsonl` under their output prefix when they end.
 */
export function registerVertexRoutes(app: Hono, ctx: EmulatorContext): VertexRoutes {
  const objects = new GcsObjects();
  const store = new VertexJobStore(ctx, objects);
  const vertex = new Hono();

  vertex.use("*", async (c, next) => {
    if (c.req.path.startsWith("/vertex")) {
      const denied = vertexAuthError(c.req.raw, ctx.apiKeys);
      if (denied) return denied;
    }
    // Every job up to now first, so output files exist before they are listed or read.
    await store.advanceAll(ctx.clock.now());
    await next();
  });
  registerGcsRoutes(vertex, ctx, objects);

  vertex.post(JOBS, async (c) => {
    const now = ctx.clock.now();
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return invalidArgument("Invalid JSON payload received.");
    }
    const job = readCreate(body, c.req.param("project"), c.req.param("location"));
    if (typeof job === "string") return invalidArgument(job);
    const input = splitGsUri(job.inputUri)!;
    const object = objects.get(input.bucket, input.name);
    const read = object
      ? await parseInputFile({ bytes: object.bytes } as StoredFile)
      : {
          ok: false as const,
          message: `Failed to read ${job.inputUri}: No such object.`,
          lines: 0,
        };
    const record = store.create(
      {
        ...job,
        requests: read.ok ? read.requests : ([] as InputRequest[]),
        requestCount: read.ok ? read.requests.length : read.lines,
        failure: read.ok ? undefined : read.message,
      } satisfies NewVertexJob,
      now,
    );
    await store.advance(record, now);
    return googleJson(toJobResource(record, now));
  });

  vertex.get(JOBS, async (c) => {
    const now = ctx.clock.now();
    const size = parsePageSize(c.req.query("pageSize"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    if (typeof size === "string") return invalidArgument(size);
    const token = c.req.query("pageToken");
    const before = token ? decodePageToken(token) : Number.POSITIVE_INFINITY;
    if (before === undefined) return invalidArgument("Invalid page token.");
    const { project, location } = c.req.param();
    const rest = store
      .newestFirst()
      .filter((r) => r.project === project && r.location === location && r.seq < before);
    const page = rest.slice(0, size);
    for (const record of page) await store.advance(record, now);
    const out: Record<string, unknown> = {};
    if (page.length > 0) out.batchPredictionJobs = page.map((r) => toJobResource(r, now));
    // The last page has no token at all: an empty one would make the SDK's pager ask again.
    if (rest.length > page.length) out.nextPageToken = encodePageToken(page.at(-1)!.seq);
    return googleJson(out);
  });

  const find = (c: { req: { param(n: string): string } }, id: string) => {
    const record = store.get(id);
    const { project, location } = {
      project: c.req.param("project"),
      location: c.req.param("location"),
    };
    return record && record.project === project && record.location === location
      ? record
      : undefined;
  };

  vertex.get(`${JOBS}/:job`, async (c) => {
    const now = ctx.clock.now();
    const id = c.req.param("job");
    if (id.includes(":")) return notFound(c.req.method, c.req.path);
    const record = find(c, id);
    if (!record) return noSuchJob();
    await store.advance(record, now);
    return googleJson(toJobResource(record, now));
  });

  vertex.post(`${JOBS}/:job`, async (c) => {
    const now = ctx.clock.now();
    const [id, method] = c.req.param("job").split(":");
    if (method !== "cancel") return notFound(c.req.method, c.req.path);
    const record = find(c, id!);
    if (!record) return noSuchJob();
    if ((await store.cancel(record, now)) === "already-done") {
      return googleError(
        400,
        `BatchPredictionJob ${record.name} has already ended and cannot be cancelled.`,
        "FAILED_PRECONDITION",
      );
    }
    return googleJson({});
  });

  // Deleting answers a long-running operation that is already done.
  vertex.delete(`${JOBS}/:job`, (c) => {
    const id = c.req.param("job");
    const record = find(c, id);
    if (!record || !store.delete(id)) return noSuchJob();
    const base = `projects/${record.project}/locations/${record.location}`;
    return googleJson({
      name: `${base}/operations/${record.id}`,
      metadata: {
        "@type": "type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata",
      },
      done: true,
      response: { "@type": "type.googleapis.com/google.protobuf.Empty" },
    });
  });

  vertex.notFound((c) => notFound(c.req.method, c.req.path));

  app.use("*", async (c, next) => {
    if (isVertexPath(new URL(c.req.url).pathname)) return vertex.fetch(c.req.raw);
    await next();
  });
  return {
    store,
    clear() {
      store.clear();
      objects.clear();
    },
  };
}

/** The create body, checked as the API checks it at once; a string says what is wrong. */
function readCreate(
  body: unknown,
  project: string,
  location: string,
): Omit<NewVertexJob, "requests" | "requestCount" | "failure"> | string {
  if (!isObject(body)) return "The request body must be a BatchPredictionJob.";
  const displayName = field(body, "displayName");
  if (typeof displayName !== "string" || displayName === "") {
    return "Required field is not set: display_name.";
  }
  const model = field(body, "model");
  if (typeof model !== "string" || !/^publishers\/google\/models\/[^/]+$|^projects\//.test(model)) {
    return `Invalid value at 'batch_prediction_job.model': expected publishers/google/models/<model>, got ${JSON.stringify(model)}.`;
  }
  const input = field(body, "inputConfig");
  const uris = field(field(input, "gcsSource"), "uris");
  if (field(input, "instancesFormat") !== "jsonl" || !Array.isArray(uris) || uris.length !== 1) {
    return 'input_config must have instances_format "jsonl" and one gcs_source.uris entry.';
  }
  const inputUri = uris[0];
  if (typeof inputUri !== "string" || !splitGsUri(inputUri)) {
    return `Invalid Cloud Storage URI: ${JSON.stringify(inputUri)}.`;
  }
  const output = field(body, "outputConfig");
  const prefix = field(field(output, "gcsDestination"), "outputUriPrefix");
  if (
    field(output, "predictionsFormat") !== "jsonl" ||
    typeof prefix !== "string" ||
    !/^gs:\/\/[^/]+/.test(prefix)
  ) {
    return 'output_config must have predictions_format "jsonl" and a gcs_destination.output_uri_prefix gs:// URI.';
  }
  return { project, location, model, displayName, inputUri, outputUriPrefix: prefix };
}
