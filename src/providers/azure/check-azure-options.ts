import type { InputIssue } from "../../errors/invalid-argument-error.js";
import { isPlainObject } from "../../schema/schema-refs.js";
import { baseUrlIssue } from "../../util/check-base-url.js";
import { pushUnknownKeyIssues } from "../../util/unknown-keys.js";
import { AZURE_EXPIRY_SECONDS } from "./azure-limits.js";

const KNOWN = new Set([
  "endpoint",
  "apiVersion",
  "azureADTokenProvider",
  "model",
  "fileExpirySeconds",
]);
// Azure's api-versions: 2024-10-21, 2025-04-01-preview, and `preview` / `latest` on v1.
const API_VERSION = /^(\d{4}-\d{2}-\d{2}(-preview)?|preview|latest)$/;

/** The issues of `options.azure` (none when it is fine), pushed onto `issues`. */
export function azureOptionIssues(azure: unknown, apiKey: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(azure)) {
    issues.push({ code: "invalid_option", path: ["azure"], message: "must be an object" });
    return;
  }
  pushUnknownKeyIssues(
    azure,
    KNOWN,
    ["azure"],
    "unknown_option",
    (_, near) =>
      near
        ? `is not an option; did you mean "${near}"?`
        : `is not an option (known: ${[...KNOWN].join(", ")})`,
    issues,
  );
  const { endpoint, apiVersion, azureADTokenProvider, model, fileExpirySeconds } = azure;
  if (endpoint !== undefined) {
    const issue = baseUrlIssue(endpoint, ["azure", "endpoint"]);
    if (issue) issues.push(issue);
  }
  if (
    apiVersion !== undefined &&
    !(typeof apiVersion === "string" && API_VERSION.test(apiVersion))
  ) {
    issues.push({
      code: "invalid_option",
      path: ["azure", "apiVersion"],
      message: `must be an Azure api-version such as "2024-10-21" or "2025-04-01-preview", got ${JSON.stringify(apiVersion) ?? String(apiVersion)}`,
    });
  }
  if (azureADTokenProvider !== undefined) {
    if (typeof azureADTokenProvider !== "function") {
      issues.push({
        code: "invalid_option",
        path: ["azure", "azureADTokenProvider"],
        message: "must be a function returning a promise of a bearer token",
      });
    } else if (apiKey !== undefined) {
      // The SDK refuses both at once; one of them would be ignored otherwise.
      issues.push({
        code: "conflicting_options",
        path: ["azure", "azureADTokenProvider"],
        message: "give either apiKey or azure.azureADTokenProvider, not both",
      });
    }
  }
  if (model !== undefined && !(typeof model === "string" && /^[^\s\p{Cc}]+$/u.test(model))) {
    issues.push({
      code: "invalid_option",
      path: ["azure", "model"],
      message: 'must be a model name such as "gpt-4o-mini" (no whitespace)',
    });
  }
  if (fileExpirySeconds !== undefined) {
    const { min, max } = AZURE_EXPIRY_SECONDS;
    if (
      !Number.isSafeInteger(fileExpirySeconds) ||
      (fileExpirySeconds as number) < min ||
      (fileExpirySeconds as number) > max
    ) {
      issues.push({
        code: "invalid_option",
        path: ["azure", "fileExpirySeconds"],
        message: `must be an integer from ${min} to ${max} seconds (Azure: 14 to 30 days), got ${String(fileExpirySeconds)}`,
      });
    }
  }
}
