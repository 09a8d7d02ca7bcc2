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
// Azure's api-versions (2024-10-21, 2025-04-01-preview, `preview` / `latest` on v1) and model
// names: no whitespace, nothing empty.
const WORD = /^[^\s\p{Cc}]+$/u;

/** The issues of `options.azure` (none when it is fine), pushed onto `issues`. */
export function azureOptionIssues(azure: unknown, apiKey: unknown, issues: InputIssue[]): void {
  const bad = (key: string, message: string) =>
    issues.push({ code: "invalid_option", path: ["azure", key], message });
  if (!isPlainObject(azure)) {
    issues.push({ code: "invalid_option", path: ["azure"], message: "must be an object" });
    return;
  }
  pushUnknownKeyIssues(
    azure,
    KNOWN,
    ["azure"],
    "unknown_option",
    () => `is not an option (known: ${[...KNOWN].join(", ")})`,
    issues,
  );
  const { endpoint, apiVersion, azureADTokenProvider: tokens, model, fileExpirySeconds } = azure;
  const urlIssue =
    endpoint === undefined ? undefined : baseUrlIssue(endpoint, ["azure", "endpoint"]);
  if (urlIssue) issues.push(urlIssue);
  if (apiVersion !== undefined && !(typeof apiVersion === "string" && WORD.test(apiVersion))) {
    bad("apiVersion", 'must be an Azure api-version such as "2024-10-21"');
  }
  if (tokens !== undefined && typeof tokens !== "function") {
    bad("azureADTokenProvider", "must be a function (returning a token)");
  }
  // The SDK refuses both at once; one of them would be ignored otherwise.
  if (tokens !== undefined && apiKey !== undefined) {
    bad("azureADTokenProvider", "give either apiKey or azure.azureADTokenProvider, not both");
  }
  if (model !== undefined && !(typeof model === "string" && WORD.test(model))) {
    bad("model", "must be a model name (no whitespace)");
  }
  const { min, max } = AZURE_EXPIRY_SECONDS;
  const seconds = fileExpirySeconds as number;
  if (
    fileExpirySeconds !== undefined &&
    !(Number.isSafeInteger(seconds) && seconds >= min && seconds <= max)
  ) {
    bad("fileExpirySeconds", `must be an integer from ${min} to ${max} (14 to 30 days)`);
  }
}
