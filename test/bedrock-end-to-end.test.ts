// The library against its own emulator over real HTTP on 127.0.0.1: what is particular to the
// Bedrock path (S3 files, quotas, AWS credentials). What every adapter does alike is asserted
// once for all in test/conformance.
import { BedrockClient, GetModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_CONVERSATIONS, DemoUser } from "../src/cli/demo.js";
import { createEmulator } from "../src/emulator/index.js";
import {
  BatchProcessor,
  type BatchProcessorOptions,
  InvalidArgumentError,
  MissingApiKeyError,
  ProviderApiError,
} from "../src/index.js";
import { useServer } from "./conformance/scale-support.js";

const INSTANT = { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 };
const MODEL = "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0";
const CREDENTIALS = { accessKeyId: "AKIAE2ETESTKEY", secretAccessKey: "the-secret-access-key-42" };
const SETTINGS = {
  region: "us-east-1",
  roleArn: "arn:aws:iam::123456789012:role/E2EBedrockBatch",
  s3Uri: "s3://e2e-bucket/runs/",
};

let requests: string[] = [];
const server = useServer({
  phases: INSTANT,
  onRequest: (e) => requests.push(`${e.method} ${e.path}`),
});
afterEach(() => {
  requests = [];
});

const make = (bedrock: BatchProcessorOptions["bedrock"] = {}, extra: BatchProcessorOptions = {}) =>
  new BatchProcessor(MODEL, DemoUser, {
    baseURL: server.url,
    bedrock: { ...SETTINGS, credentials: CREDENTIALS, quotas: { minRecordsPerJob: 1 }, ...bedrock },
    ...extra,
  });

const s3 = () =>
  new S3Client({
    region: "us-east-1",
    endpoint: `${server.url}/s3`,
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });

describe("Bedrock path on the emulator", () => {
  it("writes Claude bodies under recordId/modelInput, without a model, and reads the output Bedrock lays out", async () => {
    const p = make();
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 150 });
    const first = JSON.parse(buffer.text().split("\n")[0]!);
    expect(Object.keys(first)).toEqual(["recordId", "modelInput"]);
    expect(first.modelInput).toMatchObject({
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 150,
      tool_choice: { type: "tool", name: "response" },
    });
    expect(first.modelInput).not.toHaveProperty("model");
    const id = await p.submitBatch(buffer, { metadata: { team: "e2e" } });
    expect(id).toMatch(
      /^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job\/[a-z0-9]{12}$/,
    );
    const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status.rawStatus).toBe("Completed");
    const job = (status.raw as { inputDataConfig: { s3InputDataConfig: { s3Uri: string } } })
      .inputDataConfig.s3InputDataConfig.s3Uri;
    expect(job).toMatch(
      /^s3:\/\/e2e-bucket\/runs\/input\/structured-batch-\d{14}-[a-z0-9]{8}\.jsonl$/,
    );
    // The output file is named after the input file, in a folder named after the job id.
    const jobId = id.slice(id.lastIndexOf("/") + 1);
    const name = job.slice(job.lastIndexOf("/") + 1);
    const manifest = await s3().send(
      new GetObjectCommand({ Bucket: "e2e-bucket", Key: `runs/output/${jobId}/manifest.json.out` }),
    );
    expect(JSON.parse(await manifest.Body!.transformToString())).toMatchObject({
      totalRecordCount: 3,
      successRecordCount: 3,
      errorRecordCount: 0,
    });
    const results = await p.getResults(id);
    expect(requests).toContain(`GET /s3/e2e-bucket/runs/output/${jobId}/${name}.out`);
    expect(results.every((r) => r.success)).toBe(true);
    expect(results[0]?.raw).toMatchObject({
      recordId: results[0]?.customId,
      modelOutput: { type: "message" },
    });
  });

  it("refuses a batch below the minimum records per job before sending anything, naming the quota", async () => {
    const p = make({ quotas: {} });
    const buffer = await p.createBatchFromMessages(DEMO_CONVERSATIONS, { maxTokens: 50 });
    const error = await p.submitBatch(buffer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).issues[0]).toMatchObject({ code: "too_few_records" });
    expect((error as Error).message).toContain("has 3 records");
    expect((error as Error).message).toContain("at least 100");
    expect((error as Error).message).toContain("Minimum number of records per batch inference job");
    expect(requests).toEqual([]);
  });

  it("splits a batch above the records-per-job quota into several jobs", async () => {
    const p = make({ quotas: { minRecordsPerJob: 1, maxRecordsPerJob: 2 } });
    const handle = await p.submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS));
    expect(handle).toMatch(/^sbh1_/);
    await p.waitForCompletion(handle, { pollIntervalMs: 5 });
    expect((await p.getResults(handle)).map((r) => r.customId)).toEqual([
      "request-0",
      "request-1",
      "request-2",
    ]);
    expect(requests.filter((r) => r === "POST /bedrock/model-invocation-job")).toHaveLength(2);
  });

  it("names the setting and its variable when the role or the S3 location is missing", async () => {
    for (const [missing, env] of [
      ["roleArn", "BEDROCK_BATCH_ROLE_ARN"],
      ["s3Uri", "BEDROCK_BATCH_S3_URI"],
    ] as const) {
      const p = make({ [missing]: undefined });
      const error = await p
        .submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).issues[0]).toMatchObject({
        code: "missing_bedrock_setting",
        path: ["bedrock", missing],
      });
      expect((error as Error).message).toContain(env);
    }
    expect(requests).toEqual([]);
  });

  it("refuses bad settings before the first request, without quoting credentials", async () => {
    const p = make({
      s3Uri: "s3://Bad_Bucket/x",
      timeoutHours: 2,
      credentials: { accessKeyId: "AKIA", secretAccessKey: 42 } as never,
    });
    const error = await p
      .getBatchStatus("arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcd1234efgh")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const paths = (error as InvalidArgumentError).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(["bedrock.s3Uri", "bedrock.credentials", "bedrock.timeoutHours"]);
    expect(() => make({ rgion: "x" } as never)).toThrow("bedrock.rgion: is not an option");
    expect(() => make({}, { apiKey: "sk-not-for-bedrock-123" })).toThrow(
      /AWS credentials, not an API key/,
    );
    expect(requests).toEqual([]);
  });

  it("never shows the secret access key or session token: not in errors, causes or logs", async () => {
    const guarded = createEmulator({ apiKeys: ["AKIAONLYVALID"] });
    const lines: string[] = [];
    const log = (message: string, data?: unknown) =>
      lines.push(message, JSON.stringify(data ?? null));
    const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    const token = "IQoJb3JpZ2luX2VjEXAMPLE-SESSION-TOKEN";
    const p = new BatchProcessor(MODEL, DemoUser, {
      baseURL: "http://emulator.local",
      fetch: guarded.fetch as typeof fetch,
      logger: { debug: log, info: log, warn: log, error: log },
      bedrock: {
        ...SETTINGS,
        quotas: { minRecordsPerJob: 1 },
        credentials: {
          accessKeyId: "AKIAUNKNOWNKEY",
          secretAccessKey: secret,
          sessionToken: token,
        },
      },
    });
    const submit = await p
      .submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS))
      .catch((e: unknown) => e);
    const status = await p
      .getBatchStatus("arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcd1234efgh")
      .catch((e: unknown) => e);
    expect(submit).toBeInstanceOf(ProviderApiError);
    expect(submit).toMatchObject({ status: 403, operation: "upload batch file" });
    expect((submit as Error).message).toContain("InvalidAccessKeyId");
    expect(status).toMatchObject({ status: 403 });
    expect((status as Error).message).toContain("UnrecognizedClientException");
    const everything: string[] = [...lines];
    for (const error of [submit, status]) {
      for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
        everything.push(String((e as Error).message), String((e as Error).stack));
        everything.push(JSON.stringify(e, Object.getOwnPropertyNames(e)) ?? "");
      }
    }
    const text = everything.join("\n");
    expect(text).not.toContain(secret);
    expect(text).not.toContain(token);
  });

  it("names the AWS credential chain when it finds nothing, before any request", async () => {
    const names = [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_PROFILE",
    ];
    const saved = names.map((n) => [n, process.env[n]] as const);
    const savedImds = process.env.AWS_EC2_METADATA_DISABLED;
    for (const n of names) delete process.env[n];
    // No instance metadata service to wait for on a developer machine or CI runner.
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    try {
      const p = new BatchProcessor(MODEL, DemoUser, {
        baseURL: server.url,
        bedrock: { ...SETTINGS, quotas: { minRecordsPerJob: 1 } },
      });
      const error = await p.listBatches().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).name).toBe("MissingAwsCredentialsError");
      expect((error as Error).message).toContain("AWS_ACCESS_KEY_ID");
      expect((error as Error).message).toContain("AWS_PROFILE");
      expect(requests).toEqual([]);
    } finally {
      for (const [n, v] of saved) if (v !== undefined) process.env[n] = v;
      if (savedImds === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
      else process.env.AWS_EC2_METADATA_DISABLED = savedImds;
    }
  });

  it("reports a job the emulator fails in validation (below its minimum) as failed, with Bedrock's message", async () => {
    const strict = createEmulator({
      phases: INSTANT,
      bedrock: { limits: { minRecordsPerJob: 100 } },
    });
    const p = new BatchProcessor(MODEL, DemoUser, {
      baseURL: "http://emulator.local",
      fetch: strict.fetch as typeof fetch,
      bedrock: { ...SETTINGS, credentials: CREDENTIALS, quotas: { minRecordsPerJob: 1 } },
    });
    const id = await p.submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS));
    const status = await p.waitForCompletion(id, { pollIntervalMs: 5 });
    expect(status).toMatchObject({ status: "failed", rawStatus: "Failed" });
    expect(status.errors[0]?.message).toContain(
      '"Minimum number of records per batch inference job" is 100',
    );
    await expect(p.getResults(id)).rejects.toThrow("Minimum number of records");
  });

  it("says in the delete report that the job itself stays", async () => {
    const p = make();
    const id = await p.submitBatch(await p.createBatchFromMessages(DEMO_CONVERSATIONS));
    await p.waitForCompletion(id, { pollIntervalMs: 5 });
    const report = await p.deleteBatch(id);
    expect(report).toMatchObject({
      batchDeleted: false,
      note: expect.stringContaining("no call to delete"),
    });
    expect(report.deletedFiles).toHaveLength(3);
    const missing = await s3()
      .send(
        new GetObjectCommand({
          Bucket: "e2e-bucket",
          Key: report.deletedFiles[0]!.slice("s3://e2e-bucket/".length),
        }),
      )
      .catch((e: unknown) => e);
    expect((missing as Error).name).toBe("NoSuchKey");
    // Still listed and readable: Bedrock keeps every job.
    const client = new BedrockClient({
      region: "us-east-1",
      endpoint: `${server.url}/bedrock`,
      credentials: CREDENTIALS,
    });
    const job = await client.send(new GetModelInvocationJobCommand({ jobIdentifier: id }));
    expect(job.status).toBe("Completed");
  });

  it("estimates the cost from the AWS prices of the dataset, at Bedrock's batch discount", async () => {
    const estimate = await make().estimateCost(DEMO_CONVERSATIONS, { maxTokens: 100 });
    // The dataset's regional list price of Claude Haiku 4.5 on Bedrock (its provider "aws").
    expect(estimate.cost?.prices).toMatchObject({
      batchDiscount: 0.5,
      inputPerMillion: 1.1,
      outputPerMillion: 5.5,
    });
    // The Claude body is read for the estimate: its max_tokens bounds the output.
    expect(estimate.maxOutputTokens).toMatchObject({ perRequest: 100, source: "request limit" });
    expect(estimate.cost?.output).toBeCloseTo((3 * 100 * 5.5 * 0.5) / 1e6, 9);
  });
});
