import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { gcsUriIssue } from "./gcs-uri.js";
import { kit } from "./vertex-kit.js";

/** Projects ids (6-30 lowercase letters, digits, hyphens) and numbers; domain-scoped ids have `:`/`.`. */
const VERTEX_PROJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** `us-central1`, `europe-west4`, `global`, `us`, `eu`. */
const VERTEX_LOCATION_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

/** `v1`, `v1beta1`. */
const VERTEX_API_VERSION_PATTERN = /^v\d+(?:(?:alpha|beta)\d*)?$/;

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

/**
 * What is wrong with the `vertex` settings' values, checked when the adapter first connects,
 * before any request (unknown keys are refused when the processor is made). Project, location
 * and version go into URL paths, so each must be one plain path segment.
 */
export function vertexSettingsIssues(vertex: Record<string, unknown>): InputIssue[] {
  const issues: InputIssue[] = [];
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
    const issue = kit.baseUrlIssue(vertex.storageBaseURL, ["vertex", "storageBaseURL"]);
    if (issue) issues.push(issue);
  }
  const auth = vertex.googleAuthOptions;
  if (auth !== undefined && (typeof auth !== "object" || auth === null || Array.isArray(auth))) {
    issues.push({
      code: "invalid_option",
      path: ["vertex", "googleAuthOptions"],
      message: "must be an object of google-auth-library's GoogleAuthOptions",
    });
  }
  return issues;
}
