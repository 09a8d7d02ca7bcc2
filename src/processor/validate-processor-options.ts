import { costOptionIssues } from "../cost/check-cost-options.js";
import { type InputIssue, InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { InvalidBaseUrlError } from "../errors/invalid-base-url-error.js";
import { azureOptionIssues } from "../providers/azure/check-azure-options.js";
import { BEDROCK_OPTION_KEYS } from "../providers/bedrock/bedrock-provider-options.js";
import { apiKeyIssue } from "../providers/check-connection.js";
import { GEMINI_API_VERSION_PATTERN } from "../providers/google/google-limits.js";
import { OPENAI_ENDPOINTS } from "../providers/openai/openai-limits.js";
import { VERTEX_SETTING_KEYS } from "../providers/vertex/vertex-provider-options.js";
import { SCHEMA_NAME_PATTERN } from "../schema/resolve-schema.js";
import { isPlainObject } from "../schema/schema-refs.js";
import { baseUrlIssue } from "../util/check-base-url.js";
import { pushUnknownKeyIssues } from "../util/unknown-keys.js";
import type { BatchProcessorOptions } from "./batch-processor-options.js";

const KNOWN = [
  "client",
  "apiKey",
  "baseURL",
  "fetch",
  "logger",
  "schemaName",
  "includeRaw",
  "google",
  "anthropic",
  "openai",
  "mistral",
  "azure",
  "bedrock",
  "vertex",
  "limits",
  "maxCost",
  "price",
] as const;

const GOOGLE_KNOWN = new Set(["apiVersion", "inlineMaxBytes"]);
const LIMITS_KNOWN = new Set(["maxRequests", "maxBytes"]);
const ANTHROPIC_KNOWN = new Set(["structuredOutput"]);

function unknownKeys(
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string[],
  issues: InputIssue[],
): void {
  // `baseUrl` for `baseURL` would otherwise send the batch to the default endpoint.
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

function checkLimits(limits: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(limits)) {
    issues.push({ code: "invalid_limits", path: ["limits"], message: "must be an object" });
    return;
  }
  unknownKeys(limits, LIMITS_KNOWN, ["limits"], issues);
  for (const name of LIMITS_KNOWN) {
    const value = limits[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 1)) {
      issues.push({
        code: "invalid_limits",
        path: ["limits", name],
        message: `must be an integer of at least 1, got ${String(value)}`,
      });
    }
  }
}

function checkGoogle(google: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(google)) {
    issues.push({ code: "invalid_option", path: ["google"], message: "must be an object" });
    return;
  }
  unknownKeys(google, GOOGLE_KNOWN, ["google"], issues);
  const { apiVersion, inlineMaxBytes } = google;
  // It becomes a URL path segment.
  if (
    apiVersion !== undefined &&
    !(typeof apiVersion === "string" && GEMINI_API_VERSION_PATTERN.test(apiVersion))
  ) {
    issues.push({
      code: "invalid_option",
      path: ["google", "apiVersion"],
      message: `must be an API version such as "v1beta" or "v1", got ${JSON.stringify(apiVersion) ?? String(apiVersion)}`,
    });
  }
  if (
    inlineMaxBytes !== undefined &&
    !(Number.isSafeInteger(inlineMaxBytes) && (inlineMaxBytes as number) >= 0)
  ) {
    issues.push({
      code: "invalid_option",
      path: ["google", "inlineMaxBytes"],
      message: `must be an integer of at least 0, got ${String(inlineMaxBytes)}`,
    });
  }
}

function checkAnthropic(anthropic: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(anthropic)) {
    issues.push({ code: "invalid_option", path: ["anthropic"], message: "must be an object" });
    return;
  }
  unknownKeys(anthropic, ANTHROPIC_KNOWN, ["anthropic"], issues);
  const mode = anthropic.structuredOutput;
  if (mode !== undefined && mode !== "tool" && mode !== "native") {
    issues.push({
      code: "invalid_option",
      path: ["anthropic", "structuredOutput"],
      message: `must be "tool" or "native", got ${JSON.stringify(mode) ?? String(mode)}`,
    });
  }
}

/** Names only: the values are checked when the Bedrock code loads, before any request. */
function checkBedrockKeys(bedrock: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(bedrock)) {
    issues.push({ code: "invalid_option", path: ["bedrock"], message: "must be an object" });
    return;
  }
  unknownKeys(bedrock, BEDROCK_OPTION_KEYS, ["bedrock"], issues);
}

function checkOpenAI(openai: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(openai)) {
    issues.push({ code: "invalid_option", path: ["openai"], message: "must be an object" });
    return;
  }
  unknownKeys(openai, new Set(["endpoint"]), ["openai"], issues);
  const { endpoint } = openai;
  if (endpoint !== undefined && !OPENAI_ENDPOINTS.includes(endpoint as never)) {
    issues.push({
      code: "invalid_option",
      path: ["openai", "endpoint"],
      message: `must be ${OPENAI_ENDPOINTS.map((e) => `"${e}"`).join(" or ")}, got ${JSON.stringify(endpoint) ?? String(endpoint)}`,
    });
  }
}

function checkMistral(mistral: unknown, issues: InputIssue[]): void {
  if (!isPlainObject(mistral)) {
    issues.push({ code: "invalid_option", path: ["mistral"], message: "must be an object" });
    return;
  }
  unknownKeys(mistral, new Set(["inlineMaxBytes"]), ["mistral"], issues);
  const { inlineMaxBytes } = mistral;
  if (
    inlineMaxBytes !== undefined &&
    !(Number.isSafeInteger(inlineMaxBytes) && (inlineMaxBytes as number) >= 0)
  ) {
    issues.push({
      code: "invalid_option",
      path: ["mistral", "inlineMaxBytes"],
      message: `must be an integer of at least 0, got ${String(inlineMaxBytes)}`,
    });
  }
}

function checkConnection(options: Record<string, unknown>, issues: InputIssue[]): void {
  const { apiKey, baseURL } = options;
  const keyIssue = apiKey === undefined ? undefined : apiKeyIssue(apiKey, ["apiKey"]);
  if (keyIssue) issues.push(keyIssue);
  const urlIssue = baseURL === undefined ? undefined : baseUrlIssue(baseURL, ["baseURL"]);
  if (urlIssue) issues.push(urlIssue);
  for (const name of ["fetch"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      issues.push({ code: "invalid_option", path: [name], message: "must be a function" });
    }
  }
  if (options.logger !== undefined && !isPlainObject(options.logger)) {
    issues.push({
      code: "invalid_option",
      path: ["logger"],
      message: "must be an object with debug/info/warn/error methods (console works)",
    });
  }
}

/**
 * Checks `new BatchProcessor` options before anything is set up: a misspelt option (`baseUrl`)
 * would otherwise be ignored and the batch sent to the provider's default endpoint, and a bad
 * key, URL or limit would fail only at the first request.
 * @throws InvalidArgumentError naming every bad option.
 */
export function validateProcessorOptions(options: BatchProcessorOptions): void {
  if (!isPlainObject(options)) {
    throw new InvalidArgumentError([
      { code: "invalid_option", path: ["options"], message: "must be an object" },
    ]);
  }
  const issues: InputIssue[] = [];
  unknownKeys(options, new Set(KNOWN), [], issues);
  checkConnection(options, issues);
  const name = options.schemaName;
  if (name !== undefined && !(typeof name === "string" && SCHEMA_NAME_PATTERN.test(name))) {
    // OpenAI's json_schema.name and Anthropic's tool name both follow this rule.
    issues.push({
      code: "invalid_schema_name",
      path: ["schemaName"],
      message: `must be 1 to 64 letters, digits, "_" or "-", got ${JSON.stringify(name) ?? String(name)}`,
    });
  }
  if (options.includeRaw !== undefined && typeof options.includeRaw !== "boolean") {
    issues.push({ code: "invalid_option", path: ["includeRaw"], message: "must be a boolean" });
  }
  if (options.limits !== undefined) checkLimits(options.limits, issues);
  if (options.google !== undefined) checkGoogle(options.google, issues);
  if (options.anthropic !== undefined) checkAnthropic(options.anthropic, issues);
  if (options.openai !== undefined) checkOpenAI(options.openai, issues);
  if (options.mistral !== undefined) checkMistral(options.mistral, issues);
  if (options.azure !== undefined) azureOptionIssues(options.azure, options.apiKey, issues);
  if (options.bedrock !== undefined) checkBedrockKeys(options.bedrock, issues);
  // Its values are checked when the adapter first connects, before any request (the checks
  // load with the Vertex client, keeping the core small); unknown keys here.
  if (options.vertex !== undefined) {
    if (!isPlainObject(options.vertex)) {
      issues.push({ code: "invalid_option", path: ["vertex"], message: "must be an object" });
    } else {
      unknownKeys(options.vertex, VERTEX_SETTING_KEYS, ["vertex"], issues);
    }
  }
  issues.push(...costOptionIssues(options));
  if (issues.length > 0) {
    // The base URL's own class, so that it is caught the same whichever way the URL came in.
    const urlCodes = new Set(["invalid_base_url", "credentials_in_base_url", "query_in_base_url"]);
    throw issues.some((i) => urlCodes.has(i.code))
      ? new InvalidBaseUrlError(issues)
      : new InvalidArgumentError(issues);
  }
}
