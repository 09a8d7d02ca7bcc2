import type { EmulatedOutcome, Responder } from "./types.js";

/**
 * The fields each outcome type may carry. An object is read as an outcome only when its `type`
 * is one of these and it has no other fields, so extracted data that merely has a `type` field
 * (`{ type: "text", text: "hi", lang: "en" }`) is still treated as content.
 */
const OUTCOME_FIELDS: Record<EmulatedOutcome["type"], readonly string[]> = {
  success: ["content", "usage"],
  text: ["text", "usage"],
  refusal: ["message", "blockedPrompt"],
  truncated: ["text"],
  error: ["status", "message", "errorType", "code"],
  expired: [],
  cancelled: [],
  dropped: [],
  duplicated: [],
};

/**
 * Whether a value is an `EmulatedOutcome` rather than content to answer with.
 *
 * @example
 * isEmulatedOutcome({ type: "refusal" }); // true
 * isEmulatedOutcome({ name: "Ada", age: 36 }); // false: content
 */
export function isEmulatedOutcome(value: unknown): value is EmulatedOutcome {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== "string" || !Object.hasOwn(OUTCOME_FIELDS, type)) return false;
  const allowed = OUTCOME_FIELDS[type as EmulatedOutcome["type"]];
  const fieldsFit = Object.keys(value).every((key) => key === "type" || allowed.includes(key));
  if (!fieldsFit) return false;
  // A text outcome without its text would be a responder bug, not content.
  return type !== "text" || typeof (value as { text?: unknown }).text === "string";
}

/**
 * @example
 * fixtureResponder({ "request-0": { type: "refusal" } }, { fallback: rateResponder({ error: 0.1 }) });
 */
export interface FixtureResponderOptions {
  /**
   * Answers the custom ids not in the fixtures. Default: none, so they get the default answer
   * (or, inside `combineResponders`, the next responder's).
   */
  fallback?: Responder;
}

/**
 * Answers each request from a table keyed by custom id. A value that is an outcome
 * (`{ type: "refusal" }`, `{ type: "error", status: 429 }`, ...) is used as it is; any other value
 * is the answer's content (`{ type: "success", content: value }`: a string is sent as is,
 * anything else as JSON). To answer with data that looks like an outcome, wrap it:
 * `{ type: "success", content: { type: "text", text: "..." } }`.
 *
 * @example
 * const emulator = createEmulator({
 *   responder: fixtureResponder({
 *     "request-0": { name: "Ada", age: 36, email: "ada@example.com" },
 *     "request-1": { type: "refusal" },
 *     "request-2": '{"name": "cut off',
 *   }),
 * });
 */
export function fixtureResponder(
  fixtures: Record<string, EmulatedOutcome | unknown>,
  options: FixtureResponderOptions = {},
): Responder {
  // A Map of own entries: later edits to the caller's object do not change answers mid-batch,
  // and ids such as "constructor" do not find Object.prototype's members.
  const table = new Map(Object.entries(fixtures));
  const { fallback } = options;
  return (request) => {
    if (!table.has(request.customId)) return fallback?.(request);
    const value = table.get(request.customId);
    return isEmulatedOutcome(value) ? value : { type: "success", content: value };
  };
}

/**
 * Asks each responder in turn; the first that returns an outcome (not undefined) decides. When
 * none does, the request gets the default answer.
 *
 * @example
 * const responder = combineResponders(
 *   fixtureResponder({ "request-3": { type: "error", status: 500 } }),
 *   rateResponder({ refusal: 0.1 }),
 *   forwardResponder({ baseURL: "http://127.0.0.1:8080/v1" }),
 * );
 */
export function combineResponders(...responders: Responder[]): Responder {
  return async (request) => {
    for (const responder of responders) {
      const outcome = await responder(request);
      if (outcome !== undefined) return outcome;
    }
    return undefined;
  };
}
