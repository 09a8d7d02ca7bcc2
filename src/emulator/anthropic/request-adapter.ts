import { contentText, isObject } from "../message-text.js";
import type { EmulatedRequest } from "../responder/types.js";
import { imageBlockRejection } from "./image-block-check.js";
import { anthropicContentText, mediaInputTokens } from "./request-media.js";
import { requestParamRejection, type ThinkingSettings, thinkingOf } from "./request-param-check.js";

/** How the answer must be shaped on the wire. */
export type AnswerShape =
  /** Forced tool use: the answer is a `tool_use` block whose `input` is the object. */
  | { kind: "tool"; name: string }
  /** `output_config.format` json_schema: the JSON arrives as a `text` block. */
  | { kind: "json" }
  | { kind: "text" };

/** A param the real API refuses, found only once the request runs (as the real API does). */
export interface ParamRejection {
  param: string;
  message: string;
}

export interface AdaptedRequest {
  request: EmulatedRequest;
  maxOutputTokens: number | undefined;
  /** Input tokens of images and PDF pages, on top of the text's (see request-media.ts). */
  mediaTokens: number;
  shape: AnswerShape;
  /** Whether the model thinks first (a `thinking` block before the answer), and its budget. */
  thinking: ThinkingSettings;
  rejection: ParamRejection | undefined;
}

/**
 * Sampling params the official SDK 1.x (which declares 2026-10-21) no longer has in its types,
 * reported as rejected under that version. 2023-06-01 still takes them.
 */
const REJECTED_BY_VERSION: Record<string, readonly string[]> = {
  "2026-10-21": ["temperature", "top_p", "top_k"],
};

function flattenMessages(params: Record<string, unknown>): EmulatedRequest["messages"] {
  const messages: EmulatedRequest["messages"] = [];
  const system = contentText(params.system);
  if (system) messages.push({ role: "system", text: system });
  if (!Array.isArray(params.messages)) return messages;
  for (const m of params.messages) {
    if (!isObject(m)) continue;
    messages.push({
      role: typeof m.role === "string" ? m.role : "user",
      // Documents read as their text, so the responder can answer from a PDF.
      text: anthropicContentText(m.content),
    });
  }
  return messages;
}

function forcedTool(params: Record<string, unknown>): string | undefined {
  const choice = params.tool_choice;
  if (!isObject(choice) || choice.type !== "tool" || typeof choice.name !== "string") {
    return undefined;
  }
  return choice.name;
}

function findTool(
  params: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  if (!Array.isArray(params.tools)) return undefined;
  return params.tools.find((t): t is Record<string, unknown> => isObject(t) && t.name === name);
}

function outputSchema(params: Record<string, unknown>): Record<string, unknown> | undefined {
  const config = params.output_config;
  const format = isObject(config) ? config.format : undefined;
  if (!isObject(format) || format.type !== "json_schema") return undefined;
  return isObject(format.schema) ? format.schema : undefined;
}

/*
 * Wording follows the real API's validation messages for unknown params
 * (`<param>: Extra inputs are not permitted`, observed); the missing-tool one is chosen.
 */
function rejection(
  params: Record<string, unknown>,
  version: string,
  toolName: string | undefined,
): ParamRejection | undefined {
  for (const param of REJECTED_BY_VERSION[version] ?? []) {
    if (param in params) return { param, message: `${param}: Extra inputs are not permitted` };
  }
  if (toolName !== undefined && !findTool(params, toolName)) {
    return {
      param: "tool_choice",
      message: `tool_choice.name: Tool '${toolName}' not found in tools`,
    };
  }
  return requestParamRejection(params) ?? imageBlockRejection(params);
}

/** One `{custom_id, params}` item as every responder sees a request, plus its wire shape. */
export function adaptRequest(
  customId: string,
  params: Record<string, unknown>,
  index: number,
  version: string,
): AdaptedRequest {
  const toolName = forcedTool(params);
  const tool = toolName === undefined ? undefined : findTool(params, toolName);
  const toolSchema = tool && isObject(tool.input_schema) ? tool.input_schema : undefined;
  const jsonSchema = toolSchema ?? outputSchema(params);
  const shape: AnswerShape =
    toolName !== undefined
      ? { kind: "tool", name: toolName }
      : jsonSchema
        ? { kind: "json" }
        : { kind: "text" };
  const maxTokens = params.max_tokens;
  return {
    request: {
      provider: "anthropic",
      customId,
      index,
      model: String(params.model),
      body: params,
      messages: flattenMessages(params),
      jsonSchema,
    },
    maxOutputTokens:
      typeof maxTokens === "number" && Number.isInteger(maxTokens) && maxTokens > 0
        ? maxTokens
        : undefined,
    mediaTokens: mediaInputTokens(params),
    shape,
    thinking: thinkingOf(params),
    rejection: rejection(params, version, toolName),
  };
}
