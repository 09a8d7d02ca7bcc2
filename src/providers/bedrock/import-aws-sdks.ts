import { MissingDependencyError } from "../../errors/missing-dependency-error.js";

/** The exports of an AWS SDK client package: client and command classes by name. */
export type AwsSdkModule = Record<string, unknown>;

async function load(name: "@aws-sdk/client-bedrock" | "@aws-sdk/client-s3"): Promise<AwsSdkModule> {
  try {
    // Named, not a variable specifier, so bundlers see the optional peers.
    return (name === "@aws-sdk/client-bedrock"
      ? await import("@aws-sdk/client-bedrock")
      : await import("@aws-sdk/client-s3")) as unknown as AwsSdkModule;
  } catch (cause) {
    throw new MissingDependencyError(name, "The Amazon Bedrock provider", { cause });
  }
}

/**
 * Both optional peers, loaded when a processor first talks to Bedrock. Kept in the core (as
 * the other providers' SDK loaders are) so that the SDKs are imported from it alone; the code
 * that uses them loads with them.
 */
export async function importAwsSdks(): Promise<{ bedrock: AwsSdkModule; s3: AwsSdkModule }> {
  return { bedrock: await load("@aws-sdk/client-bedrock"), s3: await load("@aws-sdk/client-s3") };
}
