import { findModel } from "../../models/find-model.js";
import type { ModelCapabilities } from "../../models/model-capabilities.js";
import { isObject } from "../message-text.js";

/**
 * What the real API refuses for a model when a request runs (in a batch: a 400 line in the error
 * file, hours after submission), checked against the same catalog the library uses
 * (src/models). A model the catalog does not know is taken as it is.
 *
 * Wording, all `invalid_request_error`:
 * - "Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1)
 *   value is supported." (`unsupported_value`), and "Unsupported parameter: 'max_tokens' is not
 *   supported with this model. Use 'max_completion_tokens' instead." (`unsupported_parameter`):
 *   the real API's, observed on the o-series and gpt-5;
 * - "max_tokens is too large: 100000. This model supports at most 16384 completion tokens,
 *   whereas you provided 100000." (`invalid_value`): observed with max_tokens; the same form is
 *   used for max_completion_tokens and max_output_tokens (unverified);
 * - "Unsupported parameter: 'reasoning_effort' is not supported with this model."
 *   (`unsupported_parameter`), observed on gpt-4o; the unsupported-effort message follows the
 *   unsupported-value form (unverified);
 * - "This model is only supported in v1/responses and not in v1/chat/completions." (param
 *   `model`, code null): as reported for o1-pro; the reverse message is ours.
 */
export interface ParamRejection {
  message: string;
  param: string;
  code: string | null;
}

const DEFAULTS: [string, number][] = [
  ["temperature", 1],
  ["top_p", 1],
  ["presence_penalty", 0],
  ["frequency_penalty", 0],
];

const quoteList = (values: readonly string[]) => {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 2
    ? quoted.join(" and ")
    : `${quoted.slice(0, -1).join(", ")}, and ${quoted.at(-1)}`;
};

function endpointRejection(caps: ModelCapabilities, responses: boolean) {
  const served = caps.endpoints;
  if (served === undefined) return undefined;
  if (!responses && !served.includes("chat")) {
    return {
      message: "This model is only supported in v1/responses and not in v1/chat/completions.",
      param: "model",
      code: null,
    };
  }
  if (responses && !served.includes("responses")) {
    return {
      message: "This model is only supported in v1/chat/completions and not in v1/responses.",
      param: "model",
      code: null,
    };
  }
  return undefined;
}

function effortRejection(caps: ModelCapabilities, body: Record<string, unknown>, param: string) {
  const effort =
    param === "reasoning_effort"
      ? body.reasoning_effort
      : isObject(body.reasoning)
        ? body.reasoning.effort
        : undefined;
  if (effort === undefined || effort === null) return undefined;
  const control = caps.reasoning;
  if (control.kind !== "effort") {
    return {
      message: `Unsupported parameter: '${param}' is not supported with this model.`,
      param,
      code: "unsupported_parameter",
    };
  }
  if (control.efforts && !control.efforts.includes(String(effort))) {
    return {
      message: `Unsupported value: '${param}' does not support '${String(effort)}' with this model. Supported values are: ${quoteList(control.efforts)}.`,
      param,
      code: "unsupported_value",
    };
  }
  return undefined;
}

/** The first parameter of a request the real API would refuse for its model, if any. */
export function modelParamRejection(
  body: Record<string, unknown>,
  endpoint: string,
): ParamRejection | undefined {
  if (typeof body.model !== "string") return undefined;
  const caps = findModel("openai", body.model);
  if (caps === undefined) return undefined;
  const responses = endpoint === "/v1/responses";
  const wrongEndpoint = endpointRejection(caps, responses);
  if (wrongEndpoint) return wrongEndpoint;
  if (caps.rejects.includes("temperature")) {
    if (!responses && body.max_tokens !== undefined && body.max_tokens !== null) {
      return {
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        param: "max_tokens",
        code: "unsupported_parameter",
      };
    }
    for (const [param, only] of DEFAULTS) {
      const value = body[param];
      if (value === undefined || value === null || value === only) continue;
      return {
        message: `Unsupported value: '${param}' does not support ${JSON.stringify(value)} with this model. Only the default (${only}) value is supported.`,
        param,
        code: "unsupported_value",
      };
    }
  }
  const effort = effortRejection(caps, body, responses ? "reasoning.effort" : "reasoning_effort");
  if (effort) return effort;
  const ceiling = caps.maxOutputTokens;
  const limitParams = responses ? ["max_output_tokens"] : ["max_completion_tokens", "max_tokens"];
  for (const param of limitParams) {
    const value = body[param];
    if (ceiling === undefined || typeof value !== "number" || value <= ceiling) continue;
    return {
      message: `${param} is too large: ${value}. This model supports at most ${ceiling} completion tokens, whereas you provided ${value}.`,
      param,
      code: "invalid_value",
    };
  }
  return undefined;
}
