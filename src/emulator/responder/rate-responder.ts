import { seededRandom } from "../ids.js";
import { invalidAnswer } from "./invalid-answer.js";
import type { EmulatedOutcome, EmulatedRequest, Responder } from "./types.js";

/**
 * The outcomes `rateResponder` can draw, in the order their shares are laid out on [0, 1).
 *
 * @example
 * RATE_OUTCOMES.includes("invalid"); // true
 */
export const RATE_OUTCOMES = [
  "error",
  "refusal",
  "truncated",
  "text",
  "invalid",
  "expired",
  "cancelled",
] as const;

/** One outcome a rate can be given for, e.g. `"refusal"`. */
export type RateOutcome = (typeof RATE_OUTCOMES)[number];

/**
 * @example
 * rateResponder({ error: 0.1 }, { seed: 42, fallback: forwardResponder({ baseURL }) });
 */
export interface RateResponderOptions {
  /** Picks another, equally deterministic, assignment of outcomes to custom ids. Default 0. */
  seed?: number;
  /**
   * Answers the requests drawn as successes. Default: none, so they get the default answer
   * (or, inside `combineResponders`, the next responder's).
   */
  fallback?: Responder;
}

/** What each drawn outcome becomes; `invalid` and success are handled apart. */
const OUTCOMES: Record<Exclude<RateOutcome, "invalid">, EmulatedOutcome> = {
  // A server error: the request ran and failed, as a transient provider failure does.
  error: { type: "error", status: 500 },
  refusal: { type: "refusal" },
  truncated: { type: "truncated" },
  text: { type: "text", text: "Sorry, I can only answer in prose: the details are above." },
  expired: { type: "expired" },
  cancelled: { type: "cancelled" },
};

// Rates are often written as sums of decimals (0.1 + 0.2): allow their rounding error.
const EPSILON = 1e-9;

function validate(rates: Partial<Record<RateOutcome, number>>): [RateOutcome, number][] {
  if (typeof rates !== "object" || rates === null) {
    throw new TypeError("rateResponder: rates must be an object such as { error: 0.05 }");
  }
  const entries: [RateOutcome, number][] = [];
  for (const [name, rate] of Object.entries(rates)) {
    if (!(RATE_OUTCOMES as readonly string[]).includes(name)) {
      throw new RangeError(
        `rateResponder: unknown outcome "${name}"; use ${RATE_OUTCOMES.join(", ")}`,
      );
    }
    if (rate === undefined) continue;
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new RangeError(
        `rateResponder: rates.${name} must be a number from 0 to 1, got ${String(rate)}`,
      );
    }
    entries.push([name as RateOutcome, rate]);
  }
  const total = entries.reduce((sum, [, rate]) => sum + rate, 0);
  if (total > 1 + EPSILON) {
    throw new RangeError(
      `rateResponder: the rates add up to ${total}, more than 1 (the rest are successes)`,
    );
  }
  // Fixed order, so the same rates lay out the same intervals whatever the key order.
  return RATE_OUTCOMES.flatMap((name) => entries.filter(([n]) => n === name));
}

/** FNV-1a over the seed and the key: a stable 32-bit number per (seed, custom id). */
function hash(seed: number, key: string): number {
  let h = 0x811c9dc5;
  const text = `${seed}\u0000${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function draw(
  request: Pick<EmulatedRequest, "customId" | "index">,
  laidOut: readonly (readonly [RateOutcome, number])[],
  seed: number,
): RateOutcome | "success" {
  // Requests without a custom id (Gemini inline ones without a key) differ only by position.
  const key = request.customId !== "" ? request.customId : `#${request.index}`;
  const value = seededRandom(hash(seed, key))();
  let upTo = 0;
  for (const [name, rate] of laidOut) {
    upTo += rate;
    if (value < upTo) return name;
  }
  return "success";
}

function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`rateResponder: seed must be an integer, got ${String(seed)}`);
  }
  return seed;
}

/**
 * The outcome `rateResponder(rates, { seed })` gives a request: a pure function of (seed,
 * custom id), so the same request gets the same outcome in every run and whatever order
 * requests are answered in. Tests use it to know which requests to expect failed.
 *
 * @example
 * const rates = { error: 0.1 };
 * const failing = ids.filter((id) => drawRateOutcome({ customId: id, index: 0 }, rates) === "error");
 */
export function drawRateOutcome(
  request: Pick<EmulatedRequest, "customId" | "index">,
  rates: Partial<Record<RateOutcome, number>>,
  seed = 0,
): RateOutcome | "success" {
  return draw(request, validate(rates), checkSeed(seed));
}

/**
 * Gives each request an outcome drawn with the given probabilities; the remaining share
 * succeeds. `invalid` answers JSON that breaks the request's schema (the default answer with a
 * required field removed or a field's type changed); a request without a schema has nothing to
 * break and succeeds instead. `error` is an HTTP 500 for that request. The draw is seeded by
 * (seed, custom id), so reruns and reordered batches give every request the same outcome.
 * Throws a RangeError for a rate outside 0..1, an unknown outcome, or rates adding up to more
 * than 1.
 *
 * @example
 * const emulator = createEmulator({
 *   responder: rateResponder({ error: 0.02, refusal: 0.01, invalid: 0.05 }, { seed: 7 }),
 * });
 */
export function rateResponder(
  rates: Partial<Record<RateOutcome, number>>,
  options: RateResponderOptions = {},
): Responder {
  const laidOut = validate(rates);
  const seed = checkSeed(options.seed ?? 0);
  const { fallback } = options;
  return (request) => {
    const drawn = draw(request, laidOut, seed);
    if (drawn === "success") return fallback?.(request);
    if (drawn === "invalid") {
      const content = invalidAnswer(request);
      return content === undefined ? fallback?.(request) : { type: "success", content };
    }
    // A copy, so a responder further on that edits its outcome cannot change the table.
    return { ...OUTCOMES[drawn] };
  };
}
