import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { isPlainObject } from "../../schema/schema-refs.js";
import { pushUnknownKeyIssues } from "../../util/unknown-keys.js";
import { BEDROCK_TIMEOUT_HOURS } from "./bedrock-limits.js";
import { s3UriIssue } from "./s3-location.js";

const QUOTA_KEYS = new Set(["minRecordsPerJob", "maxRecordsPerJob", "maxInputFileBytes"]);

function unknown(
  object: Record<string, unknown>,
  known: Set<string>,
  path: string[],
  issues: InputIssue[],
) {
  pushUnknownKeyIssues(
    object,
    known,
    path,
    "unknown_option",
    (_, near) =>
      near
        ? `is not an option; did you mean "${near}"?`
        : `is not an option (known: ${[...known].join(", ")})`,
    issues,
  );
}

/**
 * What is wrong with the values of `BatchProcessorOptions.bedrock` (its keys are checked when
 * the processor is made), checked when the Bedrock code loads, before the first request.
 */
export function bedrockOptionIssues(bedrock: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!isPlainObject(bedrock)) {
    return [{ code: "invalid_option", path: ["bedrock"], message: "must be an object" }];
  }
  for (const name of ["region", "roleArn", "endpoint", "s3Endpoint"] as const) {
    const value = bedrock[name];
    if (value !== undefined && (typeof value !== "string" || value.trim() === "")) {
      issues.push({
        code: "invalid_option",
        path: ["bedrock", name],
        message: "must be a non-empty string",
      });
    }
  }
  if (
    typeof bedrock.roleArn === "string" &&
    !/^arn:aws(?:-[a-z-]+)?:iam::\d{12}:role\/.+$/.test(bedrock.roleArn)
  ) {
    issues.push({
      code: "invalid_option",
      path: ["bedrock", "roleArn"],
      message: `must be an IAM role ARN such as arn:aws:iam::123456789012:role/BedrockBatch, got ${JSON.stringify(bedrock.roleArn)}`,
    });
  }
  for (const name of ["s3Uri", "outputS3Uri"] as const) {
    if (bedrock[name] === undefined) continue;
    const issue = s3UriIssue(bedrock[name], ["bedrock", name]);
    if (issue) issues.push(issue);
  }
  const credentials = bedrock.credentials;
  if (
    credentials !== undefined &&
    !(
      isPlainObject(credentials) &&
      typeof credentials.accessKeyId === "string" &&
      typeof credentials.secretAccessKey === "string"
    )
  ) {
    // The value is never quoted: it holds secrets.
    issues.push({
      code: "invalid_option",
      path: ["bedrock", "credentials"],
      message: "must be { accessKeyId, secretAccessKey, sessionToken? } (strings)",
    });
  }
  const hours = bedrock.timeoutHours;
  if (
    hours !== undefined &&
    !(
      Number.isInteger(hours) &&
      (hours as number) >= BEDROCK_TIMEOUT_HOURS.min &&
      (hours as number) <= BEDROCK_TIMEOUT_HOURS.max
    )
  ) {
    issues.push({
      code: "invalid_option",
      path: ["bedrock", "timeoutHours"],
      message: `must be a whole number of hours from ${BEDROCK_TIMEOUT_HOURS.min} to ${BEDROCK_TIMEOUT_HOURS.max} (timeoutDurationInHours), got ${JSON.stringify(hours)}`,
    });
  }
  const quotas = bedrock.quotas;
  if (quotas !== undefined) {
    if (!isPlainObject(quotas)) {
      issues.push({
        code: "invalid_option",
        path: ["bedrock", "quotas"],
        message: "must be an object",
      });
    } else {
      unknown(quotas, QUOTA_KEYS, ["bedrock", "quotas"], issues);
      for (const key of QUOTA_KEYS) {
        const value = quotas[key];
        if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 1)) {
          issues.push({
            code: "invalid_limits",
            path: ["bedrock", "quotas", key],
            message: `must be a whole number >= 1, got ${JSON.stringify(value)}`,
          });
        }
      }
      const min = quotas.minRecordsPerJob as number | undefined;
      const max = quotas.maxRecordsPerJob as number | undefined;
      if (typeof min === "number" && typeof max === "number" && min > max) {
        issues.push({
          code: "invalid_limits",
          path: ["bedrock", "quotas", "minRecordsPerJob"],
          message: `${min} is above maxRecordsPerJob ${max}`,
        });
      }
    }
  }
  return issues;
}
