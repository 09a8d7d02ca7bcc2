// emulator.inspect for the services whose names differ most: Mistral's jobs, Groq on the OpenAI
// wire, Bedrock's invocation jobs (by ARN, with job names); each made with its official SDK.
import { BedrockClient, CreateModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Mistral } from "@mistralai/mistralai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../index.js";
import type { Emulator, EmulatorServer } from "../types.js";
import { openaiBatch } from "./test-support/three-sdks.js";

const KEY = "AKIAINSPECTTEST";
const MINUTE = 60_000;

let emulator: Emulator;
let server: EmulatorServer;
beforeAll(async () => {
  emulator = createEmulator({
    apiKeys: [KEY],
    phases: { validatingMs: MINUTE, inProgressMs: 2 * MINUTE, finalizingMs: 0, cancellingMs: 0 },
  });
  server = await emulator.listen({ port: 0 });
});
afterAll(() => server.close());

const chat = (text: string) => ({
  model: "mistral-small-latest",
  messages: [{ role: "user", content: text }],
  max_tokens: 50,
});

async function bedrockJob(name: string): Promise<string> {
  const credentials = { accessKeyId: KEY, secretAccessKey: "s" };
  const region = "us-east-1";
  const s3 = new S3Client({
    region,
    endpoint: `${server.url}/s3`,
    forcePathStyle: true,
    credentials,
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
  await s3.send(
    new PutObjectCommand({
      Bucket: "inspect",
      Key: "in.jsonl",
      Body: `${record("a")}\n${record("b")}\n`,
    }),
  );
  const bedrock = new BedrockClient({
    region,
    endpoint: `${server.url}/bedrock`,
    credentials,
    maxAttempts: 1,
  });
  const { jobArn } = await bedrock.send(
    new CreateModelInvocationJobCommand({
      jobName: name,
      modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
      roleArn: "arn:aws:iam::123456789012:role/R",
      inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://inspect/in.jsonl" } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://inspect/out/" } },
    }),
  );
  return jobArn!;
}

describe("emulator.inspect on Mistral, Groq and Bedrock", () => {
  it("shows each service's own status names beside the common phase", async () => {
    const mistral = new Mistral({ apiKey: KEY, serverURL: `${server.url}/mistral` });
    const job = await mistral.batch.jobs.create({
      requests: [
        { customId: "a", body: chat("a") },
        { customId: "b", body: chat("b") },
      ],
      endpoint: "/v1/chat/completions",
      model: "mistral-small-latest",
      metadata: { run: "m" },
    });
    const groq = new OpenAI({
      apiKey: KEY,
      baseURL: `${server.url}/groq/openai/v1`,
      maxRetries: 0,
    });
    const groqBatch = await openaiBatch(groq, ["a", "b"]);
    const arn = await bedrockJob("inspect-job");

    const pick = async () => {
      const { batches } = await emulator.inspect();
      return batches.map((b) => [b.provider, b.id, b.status, b.phase, b.succeeded]);
    };
    // Listed in the library's provider order: mistral before groq before bedrock.
    expect(await pick()).toEqual([
      ["mistral", job.id, "QUEUED", "queued", 0],
      ["groq", groqBatch, "validating", "queued", 0],
      ["bedrock", arn, "Submitted", "queued", 0],
    ]);
    const { batches } = await emulator.inspect();
    expect(batches[0]).toMatchObject({ requestCount: 2, metadata: { run: "m" } });
    expect(batches[2]).toMatchObject({
      requestCount: 2,
      displayName: "inspect-job",
      model: "anthropic.claude-haiku-4-5-20251001-v1:0",
    });

    emulator.clock.advance(2 * MINUTE);
    expect(await pick()).toEqual([
      ["mistral", job.id, "RUNNING", "running", 1],
      ["groq", groqBatch, "in_progress", "running", 1],
      ["bedrock", arn, "InProgress", "running", 1],
    ]);
    emulator.clock.advance(2 * MINUTE);
    expect(await pick()).toEqual([
      ["mistral", job.id, "SUCCESS", "completed", 2],
      ["groq", groqBatch, "completed", "completed", 2],
      ["bedrock", arn, "Completed", "completed", 2],
    ]);
  });
});
