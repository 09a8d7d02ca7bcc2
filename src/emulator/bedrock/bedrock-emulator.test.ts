// The emulated Bedrock control plane and S3, reached by the official AWS SDK v3 clients over
// real HTTP: status names, error shapes, SigV4 checks and the output layout.
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  StopModelInvocationJobCommand,
} from "@aws-sdk/client-bedrock";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../index.js";
import { decodeAwsChunked } from "./s3-store.js";

const credentials = { accessKeyId: "AKIAEMULATORTEST", secretAccessKey: "s" };
const ctx = {} as { emulator: Emulator; url: string; close: () => Promise<void> };
beforeAll(async () => {
  ctx.emulator = createEmulator({
    apiKeys: [credentials.accessKeyId],
    // Long phases, moved by clock.advance: the real time a slow machine adds changes nothing.
    phases: {
      validatingMs: 30_000,
      inProgressMs: 30_000,
      finalizingMs: 30_000,
      cancellingMs: 30_000,
    },
  });
  const server = await ctx.emulator.listen({ port: 0 });
  ctx.url = server.url;
  ctx.close = server.close;
});
afterAll(async () => ctx.close());

const bedrock = (creds = credentials) =>
  new BedrockClient({
    region: "eu-west-1",
    endpoint: `${ctx.url}/bedrock`,
    credentials: creds,
    maxAttempts: 1,
  });
const s3 = (creds = credentials) =>
  new S3Client({
    region: "eu-west-1",
    endpoint: `${ctx.url}/s3`,
    forcePathStyle: true,
    credentials: creds,
    maxAttempts: 1,
  });

const record = (id: string) =>
  JSON.stringify({
    recordId: id,
    modelInput: {
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 50,
      messages: [{ role: "user", content: `Hello ${id}` }],
    },
  });

async function putInput(key: string, body: string) {
  await s3().send(new PutObjectCommand({ Bucket: "emu-bucket", Key: key, Body: body }));
}

const create = (name: string, input: string, extra: Record<string, unknown> = {}) =>
  bedrock().send(
    new CreateModelInvocationJobCommand({
      jobName: name,
      modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
      roleArn: "arn:aws:iam::123456789012:role/R",
      inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://emu-bucket/${input}` } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://emu-bucket/out/" } },
      ...extra,
    }),
  );

describe("emulated Bedrock batch inference", () => {
  it("walks a job through Bedrock's statuses and writes <output>/<job id>/<input>.out and the manifest", async () => {
    await putInput("in/a.jsonl", `${record("r1")}\n${record("r2")}\n`);
    const { jobArn } = await create("lifecycle-job", "in/a.jsonl");
    expect(jobArn).toMatch(
      /^arn:aws:bedrock:eu-west-1:123456789012:model-invocation-job\/[a-z0-9]{12}$/,
    );
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      const job = await bedrock().send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
      if (seen.at(-1) !== job.status) seen.push(job.status!);
      ctx.emulator.clock.advance(10_000);
    }
    expect(seen).toEqual(["Submitted", "Validating", "Scheduled", "InProgress", "Completed"]);
    const id = jobArn!.slice(jobArn!.lastIndexOf("/") + 1);
    const out = await s3().send(
      new GetObjectCommand({ Bucket: "emu-bucket", Key: `out/${id}/a.jsonl.out` }),
    );
    const lines = (await out.Body!.transformToString())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.recordId)).toEqual(["r1", "r2"]);
    expect(lines[0]).toMatchObject({
      modelInput: { max_tokens: 50 },
      modelOutput: { type: "message", role: "assistant" },
    });
    const manifest = await s3().send(
      new GetObjectCommand({ Bucket: "emu-bucket", Key: `out/${id}/manifest.json.out` }),
    );
    expect(JSON.parse(await manifest.Body!.transformToString())).toMatchObject({
      totalRecordCount: 2,
      processedRecordCount: 2,
      successRecordCount: 2,
      errorRecordCount: 0,
    });
  });

  it("answers the same clientRequestToken with the same job, and refuses a bad job name with a ValidationException", async () => {
    await putInput("in/b.jsonl", `${record("x")}\n`);
    const first = await create("token-job", "in/b.jsonl", { clientRequestToken: "tok123" });
    const again = await create("token-job", "in/b.jsonl", { clientRequestToken: "tok123" });
    expect(again.jobArn).toBe(first.jobArn);
    const bad = await create("bad name!", "in/b.jsonl").catch((e: unknown) => e);
    expect(bad).toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
    expect((bad as Error).message).toContain("at 'jobName' failed to satisfy constraint");
  });

  it("stops a running job (Stopping, then Stopped) and writes only the records it ran", async () => {
    await putInput("in/c.jsonl", [1, 2, 3, 4].map((i) => record(`s${i}`)).join("\n"));
    const { jobArn } = await create("stop-job", "in/c.jsonl");
    // Records finish every 7.5 s of the 30 s in progress: two are done 16 s in.
    ctx.emulator.clock.advance(30_000 + 16_000);
    await bedrock().send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
    const stopping = await bedrock().send(
      new GetModelInvocationJobCommand({ jobIdentifier: jobArn }),
    );
    expect(stopping.status).toBe("Stopping");
    ctx.emulator.clock.advance(30_000);
    const stopped = await bedrock().send(
      new GetModelInvocationJobCommand({ jobIdentifier: jobArn }),
    );
    expect(stopped).toMatchObject({
      status: "Stopped",
      totalRecordCount: 4,
      successRecordCount: 2,
    });
    const id = jobArn!.slice(jobArn!.lastIndexOf("/") + 1);
    const out = await s3().send(
      new GetObjectCommand({ Bucket: "emu-bucket", Key: `out/${id}/c.jsonl.out` }),
    );
    expect((await out.Body!.transformToString()).trim().split("\n")).toHaveLength(2);
    const again = await bedrock()
      .send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }))
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ name: "ValidationException" });
  });

  it("lists newest first with maxResults and nextToken, filtered by name", async () => {
    const page = await bedrock().send(
      new ListModelInvocationJobsCommand({
        maxResults: 1,
        sortOrder: "Descending",
        nameContains: "job",
      }),
    );
    expect(page.invocationJobSummaries).toHaveLength(1);
    expect(page.invocationJobSummaries![0]!.jobName).toBe("stop-job");
    const next = await bedrock().send(
      new ListModelInvocationJobsCommand({
        maxResults: 1,
        nameContains: "job",
        nextToken: page.nextToken,
      }),
    );
    expect(next.invocationJobSummaries![0]!.jobName).toBe("token-job");
    const missing = await bedrock()
      .send(new GetModelInvocationJobCommand({ jobIdentifier: "abcd1234efgh" }))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("answers an unknown access key as AWS does: UnrecognizedClientException (Bedrock), InvalidAccessKeyId (S3)", async () => {
    const stranger = { accessKeyId: "AKIAUNKNOWN", secretAccessKey: "s" };
    const control = await bedrock(stranger)
      .send(new ListModelInvocationJobsCommand({}))
      .catch((e: unknown) => e);
    expect(control).toMatchObject({
      name: "UnrecognizedClientException",
      $metadata: { httpStatusCode: 403 },
    });
    expect((control as Error).message).toBe(
      "The security token included in the request is invalid.",
    );
    const object = await s3(stranger)
      .send(new GetObjectCommand({ Bucket: "emu-bucket", Key: "in/a.jsonl" }))
      .catch((e: unknown) => e);
    expect(object).toMatchObject({
      name: "InvalidAccessKeyId",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("answers an unsigned request with 403: x-amzn-errortype for Bedrock, XML for S3", async () => {
    const control = await fetch(`${ctx.url}/bedrock/model-invocation-jobs`);
    expect(control.status).toBe(403);
    expect(control.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await control.json()).toEqual({ message: "Missing Authentication Token" });
    const object = await fetch(`${ctx.url}/s3/emu-bucket/in/a.jsonl`);
    expect(object.status).toBe(403);
    expect(await object.text()).toMatch(/^<\?xml[^>]*>\n<Error><Code>AccessDenied<\/Code>/);
    const missing = await s3()
      .send(new GetObjectCommand({ Bucket: "emu-bucket", Key: "nothing-here" }))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "NoSuchKey", $metadata: { httpStatusCode: 404 } });
  });
});

describe("decodeAwsChunked", () => {
  it("joins the chunks of a SigV4 streaming body and ignores the trailer", () => {
    const text =
      "5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n";
    expect(new TextDecoder().decode(decodeAwsChunked(new TextEncoder().encode(text)))).toBe(
      "hello world",
    );
    expect(decodeAwsChunked(new TextEncoder().encode("5\r\nhel"))).toBeUndefined();
  });
});
