import type { ErrorDefaults } from "../responder/resolve-outcome.js";
import type { ResolvedOutcome } from "../responder/types.js";
import { defaultErrorMessage, isRpcStatus, RPC_CODES, rpcStatusForHttp } from "./errors.js";
import { googleIds, type Json } from "./wire.js";

/** A per-request error in a batch result: a google.rpc code, not an HTTP status. */
export interface RpcError {
  code: number;
  message: string;
}

export type GoogleResult = { response: Json } | { error: RpcError };

/**
 * Requests that never ran. The real API's form for these is undocumented; these follow the
 * google.rpc meaning of the situation (CANCELLED, DEADLINE_EXCEEDED) with our wording.
 */
export const NOT_RUN_ERRORS: Record<"cancelled" | "expired", RpcError> = {
  cancelled: {
    code: RPC_CODES.CANCELLED,
    message: "The batch was cancelled before this request was processed.",
  },
  expired: {
    code: RPC_CODES.DEADLINE_EXCEEDED,
    message: "The batch expired before this request was processed.",
  },
};

/** Defaults for a responder's `{ type: "error" }` without a message: Google's names and words. */
export function googleErrorDefaults(status: number): ErrorDefaults {
  const rpc = rpcStatusForHttp(status);
  return { errorType: rpc, code: rpc, message: defaultErrorMessage(status) };
}

// What a blocked candidate or prompt carries: the category that tripped, rated HIGH.
const BLOCKED_RATINGS = [
  { category: "HARM_CATEGORY_HATE_SPEECH", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true },
  { category: "HARM_CATEGORY_HARASSMENT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_SEXUALLY_EXPLICIT", probability: "NEGLIGIBLE" },
];

type Answer = Extract<ResolvedOutcome, { kind: "answer" }>;

/**
 * Thinking tokens an emulated answer reports: a made-up but steady amount (64 plus four per
 * answer token, as thinking models spend far more on thoughts than on short JSON answers),
 * capped by the request's thinking budget. Not counted against maxOutputTokens.
 */
export function emulatedThoughts(outputTokens: number, cap: number): number {
  return Math.min(cap, 64 + 4 * outputTokens);
}

function generateContentResponse(
  outcome: Answer,
  modelVersion: string,
  thinkingCap: number | undefined,
): Json {
  const prompt = outcome.inputTokens;
  const promptDetails = [{ modality: "TEXT", tokenCount: prompt }];
  if (outcome.refusal !== null) {
    // A refusal is a safety block: no text at all, only the reason and the ratings.
    const usageMetadata = {
      promptTokenCount: prompt,
      totalTokenCount: prompt,
      promptTokensDetails: promptDetails,
    };
    const tail = { usageMetadata, modelVersion, responseId: googleIds.responseId() };
    if (outcome.blockedPrompt) {
      return { promptFeedback: { blockReason: "SAFETY", safetyRatings: BLOCKED_RATINGS }, ...tail };
    }
    return {
      candidates: [{ finishReason: "SAFETY", index: 0, safetyRatings: BLOCKED_RATINGS }],
      ...tail,
    };
  }
  const thoughts =
    thinkingCap === undefined ? 0 : emulatedThoughts(outcome.outputTokens, thinkingCap);
  return {
    candidates: [
      {
        content: { role: "model", parts: [{ text: outcome.content ?? "" }] },
        finishReason: outcome.finishReason === "length" ? "MAX_TOKENS" : "STOP",
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: prompt,
      candidatesTokenCount: outcome.outputTokens,
      ...(thoughts > 0 && { thoughtsTokenCount: thoughts }),
      totalTokenCount: prompt + outcome.outputTokens + thoughts,
      promptTokensDetails: promptDetails,
    },
    modelVersion,
    responseId: googleIds.responseId(),
  };
}

/**
 * The `response` or `error` half of a result, for the inline list and the responses file.
 * `thinkingCap`: see `thinkingCap` in generation-config-check.ts (undefined = no thinking).
 */
export function resultOf(
  outcome: ResolvedOutcome,
  modelVersion: string,
  thinkingCap?: number,
): GoogleResult {
  switch (outcome.kind) {
    case "not_run":
      return { error: { ...NOT_RUN_ERRORS[outcome.reason] } };
    case "http_error": {
      // A responder may name the google.rpc status itself; otherwise it follows the HTTP status.
      const rpc = isRpcStatus(outcome.code) ? outcome.code : rpcStatusForHttp(outcome.status);
      return { error: { code: RPC_CODES[rpc], message: outcome.message } };
    }
    case "answer":
      return { response: generateContentResponse(outcome, modelVersion, thinkingCap) };
  }
}

export function isSuccess(result: GoogleResult): boolean {
  return "response" in result;
}
