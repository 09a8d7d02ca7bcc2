import { type InputIssue, InvalidArgumentError } from "../../errors/invalid-argument-error.js";

/** A bucket and a key prefix ("" or ending in "/"). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

// Bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
// 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** What is wrong with an `s3://bucket/prefix` URI, if anything. */
export function s3UriIssue(uri: unknown, path: string[]): InputIssue | undefined {
  if (typeof uri !== "string") {
    return {
      code: "invalid_s3_uri",
      path,
      message: "must be a string such as s3://bucket/prefix/",
    };
  }
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!match) {
    return {
      code: "invalid_s3_uri",
      path,
      message: `${JSON.stringify(uri)} is not an S3 URI such as s3://bucket/prefix/`,
    };
  }
  if (!BUCKET.test(match[1]!)) {
    return {
      code: "invalid_s3_uri",
      path,
      message: `${JSON.stringify(match[1])} is not a valid S3 bucket name (3 to 63 lowercase letters, digits, "." and "-")`,
    };
  }
  return undefined;
}

/** Splits `s3://bucket/prefix` into bucket and prefix ("" or ending in "/"). */
export function parseS3Uri(uri: string, path: string[]): S3Location {
  const issue = s3UriIssue(uri, path);
  if (issue) throw new InvalidArgumentError([issue]);
  const rest = uri.slice(5);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  let prefix = slash === -1 ? "" : rest.slice(slash + 1);
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  return { bucket, prefix };
}

export function s3UriOf(location: S3Location, key = ""): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}
