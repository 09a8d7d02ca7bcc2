/** One request of a batch, as every provider's emulation hands it to a responder. */
export interface EmulatedRequest {
  provider: "openai" | "anthropic" | "google" | "mistral" | "bedrock";
  customId: string;
  /** 0-based position of the request in the submitted input. */
  index: number;
  model: string;
  /** The request body exactly as submitted. */
  body: Record<string, unknown>;
  /** The conversation flattened to text, system prompts included. */
  messages: { role: string; text: string }[];
  /** The JSON Schema the answer must satisfy, when the request asked for structured output. */
  jsonSchema: Record<string, unknown> | undefined;
  /**
   * Input tokens of the request's images and document pages, as the provider's emulation counts
   * them; added to the estimate of its text. Absent when it has none.
   */
  mediaTokens?: number;
}

export interface EmulatedUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** What happened to one request. `undefined` from a responder means "answer as the default does". */
export type EmulatedOutcome =
  | {
      type: "success";
      /** A string is sent as is, any other value JSON.stringified; undefined = the default answer. */
      content?: unknown;
      usage?: EmulatedUsage;
    }
  /** A non-JSON answer (the model ignored the format). */
  | { type: "text"; text: string; usage?: EmulatedUsage }
  | {
      type: "refusal";
      message?: string;
      /** Gemini: the prompt was blocked (`promptFeedback`), not the answer. Others ignore it. */
      blockedPrompt?: boolean;
    }
  /** Cut off by the token limit; by default the default answer cut in half. */
  | { type: "truncated"; text?: string }
  /** The request ran and the provider answered with an HTTP error. */
  | { type: "error"; status?: number; message?: string; errorType?: string; code?: string }
  /** Never ran: the completion window closed first. */
  | { type: "expired" }
  /** Never ran: the batch was cancelled first. */
  | { type: "cancelled" }
  /**
   * A fault, for testing reconciliation: the request ran and got the default answer (it counts
   * as succeeded in the batch's request counts), but its result line is absent from the results
   * (OpenAI output file, Anthropic results, Gemini inline responses and responses file), as real
   * providers occasionally lose one.
   */
  | { type: "dropped" }
  /**
   * A fault, for testing reconciliation: the request ran and got the default answer, and its
   * result line appears twice in the results (the copy is written after every other line).
   */
  | { type: "duplicated" };

/**
 * How a settled request's result line is delivered, when not exactly once: the `dropped` and
 * `duplicated` faults.
 */
export type ResultDelivery = "dropped" | "duplicated";

export type Responder = (
  request: EmulatedRequest,
) => EmulatedOutcome | undefined | Promise<EmulatedOutcome | undefined>;

/**
 * An outcome with everything a provider needs to write its result line: the default filled in,
 * token counts settled. Provider-neutral so the Anthropic and Gemini emulations can share it.
 * `delivery`, on an answer, says its line is to be left out or written twice (the faults).
 */
export type ResolvedOutcome =
  | {
      kind: "answer";
      content: string | null;
      refusal: string | null;
      /** Set only for a refusal whose outcome asked for it (see the refusal outcome). */
      blockedPrompt?: true;
      finishReason: "stop" | "length";
      inputTokens: number;
      outputTokens: number;
      delivery?: ResultDelivery;
    }
  | {
      kind: "http_error";
      status: number;
      message: string;
      errorType: string;
      code: string | null;
      param?: string | null;
    }
  | { kind: "not_run"; reason: "expired" | "cancelled" };
