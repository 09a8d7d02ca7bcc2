import { randomHex } from "../ids.js";

export interface OpenAIErrorFields {
  type?: string;
  param?: string | null;
  code?: string | null;
}

/** OpenAI's error envelope: all four keys always present, as the SDK's error classes expect. */
export function openaiError(
  status: number,
  message: string,
  fields: OpenAIErrorFields = {},
): Response {
  const body = {
    error: {
      message,
      type: fields.type ?? (status >= 500 ? "server_error" : "invalid_request_error"),
      param: fields.param ?? null,
      code: fields.code ?? null,
    },
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": `req_${randomHex(32)}` },
  });
}

export function openaiJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": `req_${randomHex(32)}` },
  });
}

export const badRequest = (message: string, param: string | null, code: string | null = null) =>
  openaiError(400, message, { param, code });

/** `Missing required parameter: 'x'.` is the real wording (observed in batch validation errors). */
export const missingParameter = (param: string) =>
  badRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");

export function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal";
  if (typeof value === "boolean") return "a boolean";
  return `a ${typeof value}`;
}

/** `Invalid type for 'x': expected a string, but got an array instead.` (observed wording). */
export const invalidType = (param: string, expected: string, value: unknown) =>
  badRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describeJsonType(value)} instead.`,
    param,
    "invalid_type",
  );

/** `Invalid value: 'x'. Supported values are: ...` (observed for `endpoint`). */
export function invalidValue(
  param: string,
  value: unknown,
  supported: readonly string[],
): Response {
  const quoted = supported.map((s) => `'${s}'`);
  const list =
    quoted.length <= 1
      ? (quoted[0] ?? "")
      : `${quoted.slice(0, -1).join(", ")}${quoted.length > 2 ? "," : ""} and ${quoted.at(-1)}`;
  return badRequest(
    `Invalid value: '${String(value)}'. Supported values are: ${list}.`,
    param,
    "invalid_value",
  );
}

/**
 * Bounds on integers follow OpenAI's wording for them; the codes `integer_below_min_value` /
 * `integer_above_max_value` are the ones its API uses elsewhere (unverified for these routes).
 */
export function integerOutOfRange(
  param: string,
  raw: string,
  min: number,
  max: number,
): Response | undefined {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw)) {
    return badRequest(
      `Invalid '${param}': expected an integer, but got '${raw}' instead.`,
      param,
      "invalid_type",
    );
  }
  if (value < min) {
    return badRequest(
      `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      param,
      "integer_below_min_value",
    );
  }
  if (value > max) {
    return badRequest(
      `Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      param,
      "integer_above_max_value",
    );
  }
  return undefined;
}
