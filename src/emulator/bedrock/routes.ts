import { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { isObject } from "../message-text.js";
import { awsAuth, type BedrockEnv } from "./auth.js";
import { bedrockError, bedrockJson, s3Error } from "./errors.js";
import { type BedrockJobRecord, BedrockJobStore, statusAt } from "./job-store.js";
import { registerS3Routes } from "./s3-routes.js";
import { S3Store } from "./s3-store.js";

/** Whether a path is the emulated Bedrock control plane's or S3's (answered in their shapes). */
export function bedrockServiceOf(pathname: string): "bedrock" | "s3" | undefined {
  if (pathname === "/bedrock" || pathname.startsWith("/bedrock/")) return "bedrock";
  if (pathname === "/s3" || pathname.startsWith("/s3/")) return "s3";
  return undefined;
}

/** The app's notFound answer for these paths; undefined for others. */
export function bedrockNotFound(url: string): Response | undefined {
  const service = bedrockServiceOf(new URL(url).pathname);
  if (service === "bedrock")
    return bedrockError(404, "UnknownOperationException", "Unknown operation");
  if (service === "s3")
    return s3Error(
      400,
      "InvalidRequest",
      "The emulator serves path-style object requests: /s3/<bucket>/<key>.",
    );
  return undefined;
}

/** The app's onError answer for these paths; undefined for others. */
export function bedrockServerError(url: string, error: unknown): Response | undefined {
  const service = bedrockServiceOf(new URL(url).pathname);
  if (service === undefined) return undefined;
  const reason = `The emulator failed to handle the request: ${error instanceof Error ? error.message : String(error)}`;
  return service === "bedrock"
    ? bedrockError(500, "InternalServerException", reason)
    : s3Error(500, "InternalError", reason);
}

// CreateModelInvocationJob's documented constraints (API reference).
const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const S3_URI = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
const CLAUDE = /^(?:arn:[^/]+\/)?(?:[a-z-]{2,10}\.)?anthropic\.claude-/;

const validation = (field: string, value: unknown, constraint: string) =>
  bedrockError(
    400,
    "ValidationException",
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );

function createProblem(body: Record<string, unknown>): Response | undefined {
  const { jobName, roleArn, modelId, inputDataConfig, outputDataConfig } = body;
  if (typeof jobName !== "string" || !JOB_NAME.test(jobName) || jobName.length > 63) {
    return validation(
      "jobName",
      jobName,
      `Member must satisfy regular expression pattern: ${JOB_NAME.source}`,
    );
  }
  if (typeof roleArn !== "string" || !ROLE_ARN.test(roleArn)) {
    return validation(
      "roleArn",
      roleArn,
      `Member must satisfy regular expression pattern: ${ROLE_ARN.source}`,
    );
  }
  if (typeof modelId !== "string" || modelId === "")
    return validation("modelId", modelId, "Member must not be null");
  if (!CLAUDE.test(modelId)) {
    return bedrockError(
      400,
      "ValidationException",
      `The emulator runs Claude models only (anthropic.claude-...); got ${modelId}.`,
    );
  }
  const input =
    isObject(inputDataConfig) && isObject(inputDataConfig.s3InputDataConfig)
      ? inputDataConfig.s3InputDataConfig.s3Uri
      : undefined;
  if (typeof input !== "string" || !S3_URI.test(input)) {
    return validation(
      "inputDataConfig.s3InputDataConfig.s3Uri",
      input,
      `Member must satisfy regular expression pattern: ${S3_URI.source}`,
    );
  }
  const output =
    isObject(outputDataConfig) && isObject(outputDataConfig.s3OutputDataConfig)
      ? outputDataConfig.s3OutputDataConfig.s3Uri
      : undefined;
  if (typeof output !== "string" || !S3_URI.test(output)) {
    return validation(
      "outputDataConfig.s3OutputDataConfig.s3Uri",
      output,
      `Member must satisfy regular expression pattern: ${S3_URI.source}`,
    );
  }
  const hours = body.timeoutDurationInHours;
  if (
    hours !== undefined &&
    !(Number.isInteger(hours) && (hours as number) >= 24 && (hours as number) <= 168)
  ) {
    return validation("timeoutDurationInHours", hours, "Member must have value between 24 and 168");
  }
  return undefined;
}

const ENDED = ["Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired"];

/**
 * Amazon Bedrock batch inference (CreateModelInvocationJob, GetModelInvocationJob,
 * ListModelInvocationJobs, StopModelInvocationJob) under `/bedrock` and the S3 object calls
 * under `/s3`, both SigV4-checked; a BedrockClient given `endpoint: url + "/bedrock"` and an
 * S3Client given `endpoint: url + "/s3", forcePathStyle: true` reach them (the SDK keeps an
 * endpoint's path).
 */
export function registerBedrockRoutes(app: Hono, ctx: EmulatorContext) {
  const s3 = new S3Store();
  const jobs = new BedrockJobStore(ctx, s3);
  const aws = new Hono<BedrockEnv>();
  aws.use("/bedrock/*", awsAuth("bedrock", ctx.apiKeys));
  for (const path of ["/bedrock/*", "/s3/*"]) {
    aws.use(path, async (c, next) => {
      const now = ctx.clock.now();
      c.set("now", now);
      await jobs.advanceAll(now);
      await next();
    });
  }
  registerS3Routes(aws, s3, ctx);

  aws.post("/bedrock/model-invocation-job", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return bedrockError(400, "SerializationException", "The request body is not valid JSON.");
    }
    if (!isObject(body))
      return bedrockError(400, "SerializationException", "The request body must be a JSON object.");
    const problem = createProblem(body);
    if (problem) return problem;
    const token = typeof body.clientRequestToken === "string" ? body.clientRequestToken : undefined;
    const existing = jobs.newestFirst();
    // The same token again is the same request: answered with the job it made.
    const repeat =
      token === undefined ? undefined : existing.find((j) => j.spec.clientRequestToken === token);
    if (repeat) return bedrockJson({ jobArn: repeat.arn });
    if (existing.some((j) => j.spec.jobName === body.jobName)) {
      return bedrockError(
        409,
        "ConflictException",
        `A batch inference job named ${String(body.jobName)} already exists.`,
      );
    }
    const input = body.inputDataConfig as { s3InputDataConfig: { s3Uri: string } };
    const output = body.outputDataConfig as { s3OutputDataConfig: { s3Uri: string } };
    const job = jobs.create(
      {
        jobName: body.jobName as string,
        modelId: body.modelId as string,
        roleArn: body.roleArn as string,
        clientRequestToken: token,
        inputUri: input.s3InputDataConfig.s3Uri,
        outputUri: output.s3OutputDataConfig.s3Uri,
        timeoutHours: body.timeoutDurationInHours as number | undefined,
        region: c.get("region"),
      },
      c.get("now"),
    );
    await jobs.advance(job, c.get("now"));
    return bedrockJson({ jobArn: job.arn });
  });

  const notFound = (id: string) =>
    bedrockError(404, "ResourceNotFoundException", `The batch inference job ${id} was not found.`);

  aws.get("/bedrock/model-invocation-job/:id", async (c) => {
    const job = jobs.get(c.req.param("id"));
    if (!job) return notFound(c.req.param("id"));
    await jobs.advance(job, c.get("now"));
    return bedrockJson(jobs.toWire(job, c.get("now")));
  });

  aws.post("/bedrock/model-invocation-job/:id/stop", async (c) => {
    const now = c.get("now");
    const job = jobs.get(c.req.param("id"));
    if (!job) return notFound(c.req.param("id"));
    if (!(await jobs.stop(job, now))) {
      return bedrockError(
        400,
        "ValidationException",
        `The job ${job.arn} is ${statusAt(job, now)} and cannot be stopped.`,
      );
    }
    return bedrockJson({});
  });

  aws.get("/bedrock/model-invocation-jobs", async (c) => {
    const now = c.get("now");
    const raw = c.req.query("maxResults");
    const max = raw === undefined ? 1000 : Number(raw);
    if (!Number.isInteger(max) || max < 1 || max > 1000) {
      return validation("maxResults", raw, "Member must have value between 1 and 1000");
    }
    const nameContains = c.req.query("nameContains");
    const statusEquals = c.req.query("statusEquals");
    let list: BedrockJobRecord[] = jobs.newestFirst();
    if (c.req.query("sortOrder") === "Ascending") list = list.reverse();
    if (nameContains) list = list.filter((j) => j.spec.jobName.includes(nameContains));
    if (statusEquals) list = list.filter((j) => statusAt(j, now) === statusEquals);
    const start = Number(c.req.query("nextToken") ?? 0) || 0;
    const page = list.slice(start, start + max);
    for (const job of page) await jobs.advance(job, now);
    const next = start + max < list.length ? String(start + max) : undefined;
    return bedrockJson({
      invocationJobSummaries: page.map((job) => jobs.toWire(job, now)),
      ...(next !== undefined && { nextToken: next }),
    });
  });

  app.route("/", aws);
  return {
    jobs,
    clear() {
      jobs.clear();
      s3.clear();
    },
    ended: (job: BedrockJobRecord, now: number) => ENDED.includes(statusAt(job, now)),
  };
}
