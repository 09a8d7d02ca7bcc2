import { defaultAnswer } from "./default-responder.js";
import type {
  EmulatedOutcome,
  EmulatedRequest,
  EmulatedUsage,
  ResolvedOutcome,
  Responder,
  ResultDelivery,
} from "./types.js";

export const DEFAULT_REFUSAL = "I'm sorry, but I can't help with that request.";

export interface ErrorDefaults {
  errorType: string;
  code: string | null;
  message: string;
}

export interface ResolveOptions {
  /** The request's output token limit, reported as the output size of a truncated answer. */
  maxOutputTokens?: number;
  /**
   * The provider's error type, code and message for an HTTP status, used where the outcome
   * names none. Default: OpenAI's.
   */
  errorDefaults?: (status: number) => ErrorDefaults;
}

/**
 * Whether a settled request's result line is left out or written twice (the `dropped` and
 * `duplicated` faults); undefined for the normal single line.
 */
export function deliveryOf(outcome: ResolvedOutcome | undefined): ResultDelivery | undefined {
  return outcome?.kind === "answer" ? outcome.delivery : undefined;
}

/**
 * Result lines in the order they are written, with the faults applied: a dropped line is left
 * out, a duplicated one is written again after all the others.
 */
export function deliveredLines<L>(
  order: readonly number[],
  outcomeAt: (index: number) => ResolvedOutcome | undefined,
  lineAt: (index: number) => L,
): L[] {
  const lines: L[] = [];
  const copies: L[] = [];
  for (const i of order) {
    const delivery = deliveryOf(outcomeAt(i));
    if (delivery === "dropped") continue;
    const line = lineAt(i);
    lines.push(line);
    if (delivery === "duplicated") copies.push(line);
  }
  // A loop, not push(...copies): spreading ~150,000 arguments overflows the stack.
  for (const copy of copies) lines.push(copy);
  return lines;
}

/** Rough but deterministic: about four characters a token, as the providers' rule of thumb. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function estimateInputTokens(request: EmulatedRequest): number {
  const chars = request.messages.reduce((sum, m) => sum + m.text.length, 0);
  const schemaChars = request.jsonSchema ? JSON.stringify(request.jsonSchema).length : 0;
  const text = Math.ceil((chars + schemaChars) / 4) + 4 * request.messages.length;
  return Math.max(1, text + (request.mediaTokens ?? 0));
}

export function openaiErrorDefaults(status: number): ErrorDefaults {
  if (status === 429) {
    return { errorType: "requests", code: "rate_limit_exceeded", message: "Rate limit reached." };
  }
  if (status >= 500) {
    return {
      errorType: "server_error",
      code: null,
      message: "The server had an error while processing your request. Sorry about that!",
    };
  }
  return { errorType: "invalid_request_error", code: null, message: "Invalid request." };
}

function errorDefaultsOf(options: ResolveOptions): (status: number) => ErrorDefaults {
  return options.errorDefaults ?? openaiErrorDefaults;
}

function stringify(content: unknown): string {
  if (typeof content === "string") return content;
  return JSON.stringify(content) ?? String(content);
}

/**
 * Asks the responder (if any) and falls back to the default answer, so every request ends with
 * exactly one settled outcome. A responder that throws becomes a 500 for that request alone:
 * the error file then shows the test's mistake instead of the whole batch going down.
 */
export async function resolveOutcome(
  request: EmulatedRequest,
  responder: Responder | undefined,
  options: ResolveOptions = {},
): Promise<ResolvedOutcome> {
  let outcome: EmulatedOutcome | undefined;
  try {
    outcome = responder ? await responder(request) : undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: "http_error",
      status: 500,
      message: `The emulator's responder threw: ${reason}`,
      errorType: errorDefaultsOf(options)(500).errorType,
      code: null,
    };
  }
  return settle(outcome ?? { type: "success" }, request, options);
}

function settle(
  outcome: EmulatedOutcome,
  request: EmulatedRequest,
  options: ResolveOptions,
): ResolvedOutcome {
  const inputTokens = estimateInputTokens(request);
  const answer = (
    content: string,
    usage: EmulatedUsage | undefined,
  ): Extract<ResolvedOutcome, { kind: "answer" }> => ({
    kind: "answer",
    content,
    refusal: null,
    finishReason: "stop",
    inputTokens: usage?.inputTokens ?? inputTokens,
    outputTokens: usage?.outputTokens ?? estimateTokens(content),
  });
  switch (outcome.type) {
    case "success":
      return answer(
        outcome.content === undefined ? defaultAnswer(request) : stringify(outcome.content),
        outcome.usage,
      );
    case "text":
      return answer(outcome.text, outcome.usage);
    case "refusal": {
      const refusal = outcome.message ?? DEFAULT_REFUSAL;
      return {
        kind: "answer",
        content: null,
        refusal,
        ...(outcome.blockedPrompt ? { blockedPrompt: true as const } : {}),
        finishReason: "stop",
        inputTokens,
        outputTokens: estimateTokens(refusal),
      };
    }
    case "truncated": {
      const full = defaultAnswer(request);
      const text = outcome.text ?? full.slice(0, Math.max(1, Math.floor(full.length / 2)));
      return {
        kind: "answer",
        content: text,
        refusal: null,
        finishReason: "length",
        inputTokens,
        outputTokens: options.maxOutputTokens ?? estimateTokens(text),
      };
    }
    case "error": {
      const status = outcome.status ?? 500;
      const defaults = errorDefaultsOf(options)(status);
      return {
        kind: "http_error",
        status,
        message: outcome.message ?? defaults.message,
        errorType: outcome.errorType ?? defaults.errorType,
        code: outcome.code ?? defaults.code,
      };
    }
    case "expired":
    case "cancelled":
      return { kind: "not_run", reason: outcome.type };
    case "dropped":
    case "duplicated":
      return { ...answer(defaultAnswer(request), undefined), delivery: outcome.type };
    default: {
      const unknown = (outcome as { type?: unknown }).type;
      return {
        kind: "http_error",
        status: 500,
        message: `The emulator's responder returned an unknown outcome type: ${String(unknown)}`,
        errorType: errorDefaultsOf(options)(500).errorType,
        code: null,
      };
    }
  }
}
