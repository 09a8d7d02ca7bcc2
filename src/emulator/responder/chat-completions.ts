import { isObject } from "../message-text.js";
import type { EmulatedOutcome, EmulatedRequest } from "./types.js";

/**
 * The translation between an emulated batch request (of any provider) and one OpenAI-compatible
 * chat completion, the dialect local model servers (llama.cpp, vLLM, Ollama, LM Studio) share.
 */

type Json = Record<string, unknown>;

/** Gemini accepts camelCase and snake_case field names; the others have one spelling each. */
function field(object: unknown, camel: string): unknown {
  if (!isObject(object)) return undefined;
  if (object[camel] !== undefined) return object[camel];
  return object[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Where each provider's request keeps its sampling settings. */
function settings(request: EmulatedRequest): { maxTokens: unknown; temperature: unknown } {
  const { body } = request;
  if (request.provider === "google") {
    const config = field(body, "generationConfig");
    return {
      maxTokens: field(config, "maxOutputTokens"),
      temperature: field(config, "temperature"),
    };
  }
  if (request.provider === "anthropic") {
    return { maxTokens: body.max_tokens, temperature: body.temperature };
  }
  return {
    // Chat completions (new name first), then the Responses API's.
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens,
    temperature: body.temperature,
  };
}

/** The schema's name and strictness as the request gave them, where its format has them. */
function schemaFormat(request: EmulatedRequest): { name: unknown; strict: unknown } {
  const { body } = request;
  if (request.provider === "openai") {
    const chat = isObject(body.response_format) ? body.response_format.json_schema : undefined;
    const responses = isObject(body.text) ? body.text.format : undefined;
    const format = isObject(chat) ? chat : isObject(responses) ? responses : {};
    return { name: format.name, strict: format.strict };
  }
  if (request.provider === "anthropic") {
    // Forced tool use: the tool's name and its own `strict`; output_config.format has neither.
    const choice = body.tool_choice;
    const name = isObject(choice) && choice.type === "tool" ? choice.name : undefined;
    const tool = Array.isArray(body.tools)
      ? body.tools.find((t) => isObject(t) && t.name === name)
      : undefined;
    return { name, strict: isObject(tool) ? tool.strict : undefined };
  }
  return { name: undefined, strict: undefined };
}

/** OpenAI's rule for schema names: 1-64 of letters, digits, `_` and `-`. */
function schemaName(name: unknown): string {
  const cleaned = typeof name === "string" ? name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) : "";
  return cleaned || "response";
}

/** OpenAI's `developer` and Gemini's `model` are spelt the way every server knows. */
function chatRole(role: string): "system" | "user" | "assistant" {
  if (role === "system" || role === "developer") return "system";
  if (role === "assistant" || role === "model") return "assistant";
  return "user";
}

/**
 * The chat-completions body for one request: its conversation, its schema as
 * `response_format` (strict only where the original request was), its token limit and
 * temperature. The model is the request's unless `model` overrides it.
 *
 * @example
 * chatCompletionsBody(request, "qwen2.5:7b");
 * // { model: "qwen2.5:7b", messages: [...], max_tokens: 150, response_format: {...} }
 */
export function chatCompletionsBody(request: EmulatedRequest, model?: string): Json {
  const out: Json = {
    model: model ?? request.model,
    // Servers refuse empty turns; an empty system prompt (Gemini's) says nothing anyway.
    messages: request.messages
      .filter((m) => m.text !== "")
      .map((m) => ({ role: chatRole(m.role), content: m.text })),
  };
  const { maxTokens, temperature } = settings(request);
  const max = positiveInteger(maxTokens);
  if (max !== undefined) out.max_tokens = max;
  const t = finiteNumber(temperature);
  if (t !== undefined) out.temperature = t;
  if (request.jsonSchema) {
    const format = schemaFormat(request);
    out.response_format = {
      type: "json_schema",
      json_schema: {
        name: schemaName(format.name),
        schema: request.jsonSchema,
        strict: format.strict === true,
      },
    };
  }
  return out;
}

function errorDetail(body: unknown, text: string): string {
  const error = isObject(body) ? body.error : undefined;
  if (isObject(error) && typeof error.message === "string") return error.message;
  if (typeof error === "string") return error;
  if (isObject(body) && typeof body.message === "string") return body.message;
  const trimmed = text.trim();
  return trimmed.length > 500 ? `${trimmed.slice(0, 500)}...` : trimmed;
}

function messageText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content.filter(
    (p): p is { text: string } => isObject(p) && typeof p.text === "string",
  );
  return parts.length > 0 ? parts.map((p) => p.text).join("") : undefined;
}

/**
 * The outcome a chat-completions answer means: its text as a success (sent on as it is, not
 * checked against the schema: that is the client's job), `finish_reason: "length"` as a
 * truncation, a refusal (or a content filter) as a refusal, and an HTTP error status as that
 * request's error with the server's message.
 *
 * @example
 * chatCompletionsOutcome(200, '{"choices":[{"message":{"content":"{}"},"finish_reason":"stop"}]}');
 * // { type: "success", content: "{}" }
 */
export function chatCompletionsOutcome(status: number, text: string): EmulatedOutcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status < 200 || status > 299) {
    const detail = errorDetail(body, text);
    return { type: "error", status, message: `The model server answered ${status}: ${detail}` };
  }
  const choice = isObject(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isObject(choice)) {
    return { type: "error", status: 502, message: "The model server's answer had no choices." };
  }
  const message = isObject(choice.message) ? choice.message : {};
  if (typeof message.refusal === "string" && message.refusal !== "") {
    return { type: "refusal", message: message.refusal };
  }
  const content = messageText(message.content);
  if (choice.finish_reason === "length") return { type: "truncated", text: content ?? "" };
  if (choice.finish_reason === "content_filter" && !content) return { type: "refusal" };
  if (content === undefined) {
    return { type: "error", status: 502, message: "The model server's answer had no text." };
  }
  const usage = isObject(body) && isObject(body.usage) ? body.usage : {};
  const inputTokens = positiveInteger(usage.prompt_tokens);
  const outputTokens = positiveInteger(usage.completion_tokens);
  return {
    type: "success",
    content,
    ...(inputTokens !== undefined || outputTokens !== undefined
      ? { usage: { inputTokens, outputTokens } }
      : {}),
  };
}
