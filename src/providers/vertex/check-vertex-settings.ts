import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { isPlainObject } from "../../schema/schema-refs.js";
import { baseUrlIssue } from "../../util/check-base-url.js";
import { pushUnknownKeyIssues } from "../../util/unknown-keys.js";
import { gcsUriIssue } from "./gcs-uri.js";
import {
  VERTEX_API_VERSION_PATTERN,
  VERTEX_LOCATION_PATTERN,
  VERTEX_PROJECT_PATTERN,
} from "./vertex-limits.js";

const KNOWN = new Set([
  "project",
  "location",
  "gcsUri",
  "googleAuthOptions",
  "apiVersion",
  "storageBaseURL",
]);

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

/**
 * What is wrong with the processor's `vertex` settings, checked when the processor is made.
 * Project, location and version go into URL paths, so each must be one plain path segment.
 */
export function vertexSettingsIssues(vertex: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!isPlainObject(vertex)) {
    return [{ code: "invalid_option", path: ["vertex"], message: "must be an object" }];
  }
  pushUnknownKeyIssues(
    vertex,
    KNOWN,
    ["vertex"],
    "unknown_option",
    (_, near) =>
      near
        ? `is not an option; did you mean "${near}"?`
        : `is not an option (known: ${[...KNOWN].join(", ")})`,
    issues,
  );
  const segment = (name: string, pattern: RegExp, example: string) => {
    const value = vertex[name];
    if (value !== undefined && !(typeof value === "string" && pattern.test(value))) {
      issues.push({
        code: "invalid_option",
        path: ["vertex", name],
        message: `must be ${example}, got ${shown(value)}`,
      });
    }
  };
  segment("project", VERTEX_PROJECT_PATTERN, 'a Google Cloud project id such as "my-project"');
  segment("location", VERTEX_LOCATION_PATTERN, 'a location such as "us-central1" or "global"');
  segment("apiVersion", VERTEX_API_VERSION_PATTERN, 'an API version such as "v1" or "v1beta1"');
  if (vertex.gcsUri !== undefined) {
    const issue = gcsUriIssue(vertex.gcsUri, ["vertex", "gcsUri"]);
    if (issue) issues.push(issue);
  }
  if (vertex.storageBaseURL !== undefined) {
    const issue = baseUrlIssue(vertex.storageBaseURL, ["vertex", "storageBaseURL"]);
    if (issue) issues.push(issue);
  }
  if (vertex.googleAuthOptions !== undefined && !isPlainObject(vertex.googleAuthOptions)) {
    issues.push({
      code: "invalid_option",
      path: ["vertex", "googleAuthOptions"],
      message: "must be an object of google-auth-library's GoogleAuthOptions",
    });
  }
  return issues;
}
