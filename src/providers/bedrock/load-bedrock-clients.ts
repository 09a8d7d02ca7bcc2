import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { MissingAwsCredentialsError } from "../../errors/missing-aws-credentials-error.js";
import { resolveBaseURL } from "../../util/check-base-url.js";
import { readEnv } from "../../util/env.js";
import type { ProviderClientOptions } from "../types.js";
import { BEDROCK_ENV, type BedrockProviderOptions } from "./bedrock-provider-options.js";
import { fetchRequestHandler } from "./fetch-request-handler.js";
import type { AwsSdkModule } from "./import-aws-sdks.js";

/** An AWS SDK v3 client: commands go through `send`. */
export interface AwsClientLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  config?: { credentials?: () => Promise<unknown> };
}

type CommandClass = new (input: Record<string, unknown>) => unknown;

/** The two clients and the command classes this adapter sends. */
export interface BedrockClients {
  bedrock: AwsClientLike;
  s3: AwsClientLike;
  /** Whether the S3 client was built here (it then takes a streamed upload body). */
  ownS3: boolean;
  commands: {
    CreateModelInvocationJob: CommandClass;
    GetModelInvocationJob: CommandClass;
    ListModelInvocationJobs: CommandClass;
    StopModelInvocationJob: CommandClass;
    PutObject: CommandClass;
    GetObject: CommandClass;
    DeleteObject: CommandClass;
  };
  /** Access key id, secret and session token in use, for redaction (never shown). */
  secrets: string[];
}

function pair(client: unknown): { bedrock?: unknown; s3?: unknown } | undefined {
  if (typeof client !== "object" || client === null) return undefined;
  const c = client as { bedrock?: unknown; s3?: unknown; send?: unknown };
  if (typeof c.send === "function") return { bedrock: client };
  if (c.bedrock !== undefined || c.s3 !== undefined) return c;
  return undefined;
}

/** The region from the settings or the environment, or an error naming both. */
export function resolveRegion(settings: BedrockProviderOptions): string {
  const region = settings.region ?? readEnv("AWS_REGION") ?? readEnv("AWS_DEFAULT_REGION");
  if (region === undefined || region.trim() === "") {
    throw new InvalidArgumentError(
      [
        {
          code: "missing_bedrock_setting",
          path: ["bedrock", "region"],
          message: `no AWS region: pass bedrock: { region } or set ${BEDROCK_ENV.region.join(" or ")}`,
        },
      ],
      { code: "missing_bedrock_setting" },
    );
  }
  return region;
}

function envSecrets(): string[] {
  return ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]
    .map(readEnv)
    .filter((v): v is string => v !== undefined);
}

/**
 * Builds (or takes) the Bedrock and S3 clients once per processor. Both SDKs are optional peer
 * dependencies, loaded only when Bedrock is used. Clients built here send through `fetch`
 * (`fetchRequestHandler`), so the upload streams from the buffer and an in-process emulator's
 * `fetch` can be given; S3 computes request checksums only where an operation requires one, so
 * a streamed PutObject needs no second pass over the body. Credentials are resolved before the
 * first request: a missing one fails here, naming the chain, with nothing sent.
 */
export async function loadBedrockClients(
  options: ProviderClientOptions,
  settings: BedrockProviderOptions,
  sdks: { bedrock: AwsSdkModule; s3: AwsSdkModule },
): Promise<BedrockClients> {
  const given = pair(options.client);
  const bedrockGiven = given?.bedrock ?? settings.bedrockClient;
  const s3Given = given?.s3 ?? settings.s3Client;
  const bedrockSdk = sdks.bedrock as Record<string, CommandClass>;
  const s3Sdk = sdks.s3 as Record<string, CommandClass>;
  // An origin serving both (this library's emulator): Bedrock at /bedrock, S3 at /s3.
  const base = resolveBaseURL(options.baseURL, BEDROCK_ENV.baseURL)?.replace(/\/+$/, "");
  const endpoint = settings.endpoint ?? (base === undefined ? undefined : `${base}/bedrock`);
  const s3Endpoint = settings.s3Endpoint ?? (base === undefined ? undefined : `${base}/s3`);
  const needsRegion = bedrockGiven === undefined || s3Given === undefined;
  const region = needsRegion ? resolveRegion(settings) : undefined;
  const common = {
    region,
    requestHandler: fetchRequestHandler(options.fetch ?? globalThis.fetch.bind(globalThis)),
    ...(settings.credentials !== undefined && { credentials: settings.credentials }),
  };
  const bedrock = (bedrockGiven ??
    new (bedrockSdk.BedrockClient as unknown as new (o: unknown) => AwsClientLike)({
      ...common,
      ...(endpoint !== undefined && { endpoint }),
      // One attempt per call: a create whose answer was lost is looked for before it is sent
      // again (createBatchOnce), and reads are sent again by the adapter.
      maxAttempts: 1,
    })) as AwsClientLike;
  const s3 = (s3Given ??
    new (s3Sdk.S3Client as unknown as new (o: unknown) => AwsClientLike)({
      ...common,
      ...(s3Endpoint !== undefined && { endpoint: s3Endpoint }),
      // An emulator or a custom endpoint is addressed path-style: <endpoint>/<bucket>/<key>.
      forcePathStyle: s3Endpoint !== undefined || readEnv("AWS_ENDPOINT_URL_S3") !== undefined,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    })) as AwsClientLike;
  const secrets = [
    settings.credentials?.accessKeyId,
    settings.credentials?.secretAccessKey,
    settings.credentials?.sessionToken,
    ...envSecrets(),
  ].filter((v): v is string => typeof v === "string" && v !== "");
  for (const client of [bedrock, s3]) {
    const resolve = client.config?.credentials;
    if (typeof resolve !== "function") continue;
    let found: { accessKeyId?: unknown; secretAccessKey?: unknown; sessionToken?: unknown };
    try {
      found = (await resolve()) as typeof found;
    } catch (cause) {
      throw new MissingAwsCredentialsError({ cause });
    }
    for (const value of [found?.accessKeyId, found?.secretAccessKey, found?.sessionToken]) {
      if (typeof value === "string" && value !== "") secrets.push(value);
    }
  }
  return {
    bedrock,
    s3,
    ownS3: s3Given === undefined,
    commands: {
      CreateModelInvocationJob: bedrockSdk.CreateModelInvocationJobCommand!,
      GetModelInvocationJob: bedrockSdk.GetModelInvocationJobCommand!,
      ListModelInvocationJobs: bedrockSdk.ListModelInvocationJobsCommand!,
      StopModelInvocationJob: bedrockSdk.StopModelInvocationJobCommand!,
      PutObject: s3Sdk.PutObjectCommand!,
      GetObject: s3Sdk.GetObjectCommand!,
      DeleteObject: s3Sdk.DeleteObjectCommand!,
    },
    secrets,
  };
}
