import { PROVIDER_IDS } from "../../providers/provider-ids.js";
import type { FaultRuleSnapshot } from "../inspect/snapshot-types.js";
import type { EmulatorProvider, Fault, FaultControl, FaultMatch, FaultRule } from "./types.js";

const PROVIDERS: ReadonlySet<string> = new Set(PROVIDER_IDS);

interface ActiveRule {
  rule: FaultRule;
  /** Compiled without the `g`/`y` flags, whose `lastIndex` would make `test` alternate. */
  path: string | RegExp | undefined;
  skip: number;
  times: number;
  /** Requests the rule has affected so far (shown by `emulator.inspect`). */
  fired: number;
}

function fail(message: string): never {
  throw new RangeError(`fault rule: ${message}`);
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (value === Number.POSITIVE_INFINITY && name === "times") return value;
  if (!Number.isInteger(value) || value < min) {
    fail(
      `${name} must be an integer >= ${min}${name === "times" ? " or Infinity" : ""}, got ${value}`,
    );
  }
  return value;
}

function nonNegative(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    fail(`${name} must be a finite number >= 0, got ${value}`);
  }
}

function checkFault(fault: Fault | undefined): void {
  if (!fault || typeof fault !== "object") fail("fault is required");
  switch (fault.type) {
    case "status":
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
        fail(`status must be an integer from 400 to 599, got ${fault.status}`);
      }
      nonNegative("retryAfterSeconds", fault.retryAfterSeconds);
      if (fault.when !== undefined && fault.when !== "before" && fault.when !== "after") {
        fail(`status fault's when must be "before" or "after", got ${String(fault.when)}`);
      }
      return;
    case "reset":
      if (fault.when !== undefined && fault.when !== "request" && fault.when !== "response") {
        fail(`reset fault's when must be "request" or "response", got ${String(fault.when)}`);
      }
      count("afterBytes", fault.afterBytes, 0, 0);
      return;
    case "delay":
      if (fault.ms === undefined) fail("delay fault needs ms");
      nonNegative("ms", fault.ms);
      return;
    default:
      fail(`unknown fault type ${String((fault as { type?: unknown }).type)}`);
  }
}

function compilePath(path: FaultMatch["path"]): string | RegExp | undefined {
  if (path instanceof RegExp) return new RegExp(path.source, path.flags.replace(/[gy]/g, ""));
  if (path !== undefined && typeof path !== "string") fail("match.path must be a string or RegExp");
  return path;
}

function activate(rule: FaultRule): ActiveRule {
  checkFault(rule?.fault);
  const provider = rule.match?.provider;
  if (provider !== undefined && !PROVIDERS.has(provider)) {
    fail(`match.provider must be one of ${[...PROVIDERS].join(", ")}, got ${String(provider)}`);
  }
  return {
    rule,
    path: compilePath(rule.match?.path),
    skip: count("skip", rule.skip, 0, 0),
    times: count("times", rule.times, 1, 1),
    fired: 0,
  };
}

function matches(
  active: ActiveRule,
  method: string,
  path: string,
  provider: EmulatorProvider | undefined,
): boolean {
  const match = active.rule.match;
  if (match?.provider !== undefined && match.provider !== provider) return false;
  if (match?.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (typeof active.path === "string") return active.path === path;
  return active.path === undefined || active.path.test(path);
}

/** The rules of `EmulatorOptions.faults` and `emulator.faults`, with their counters. */
export class FaultRules implements FaultControl {
  #initial: readonly FaultRule[];
  #active: ActiveRule[] = [];

  /** Checks every rule now, so a mistyped rule fails at `createEmulator`, not mid-test. */
  constructor(initial: readonly FaultRule[] = []) {
    this.#initial = [...initial];
    this.restore();
  }

  add(rule: FaultRule): void {
    this.#active.push(activate(rule));
  }

  clear(): void {
    this.#active = [];
  }

  list(): FaultRule[] {
    return this.#active.map(({ rule, skip, times }) => ({ ...rule, skip, times }));
  }

  /** The rules in force as plain, JSON-safe data, with how often each has fired. */
  snapshot(): FaultRuleSnapshot[] {
    return this.#active.map(({ rule, path, skip, times, fired }) => {
      const match: FaultRuleSnapshot["match"] = {};
      if (rule.match?.provider !== undefined) match.provider = rule.match.provider;
      if (rule.match?.method !== undefined) match.method = rule.match.method;
      if (path !== undefined) match.path = typeof path === "string" ? path : String(path);
      return {
        match,
        fault: { ...rule.fault },
        skipLeft: skip,
        timesLeft: Number.isFinite(times) ? times : null,
        fired,
      };
    });
  }

  /** Back to the rules the emulator was created with, counters rewound (`emulator.reset`). */
  restore(): void {
    this.#active = this.#initial.map(activate);
  }

  /** The fault for this request, if a rule takes it; counts it against the rules it matches. */
  take(method: string, path: string, provider: EmulatorProvider | undefined): Fault | undefined {
    for (const active of this.#active) {
      if (!matches(active, method, path, provider)) continue;
      if (active.skip > 0) {
        active.skip -= 1;
        continue;
      }
      active.times -= 1;
      active.fired += 1;
      if (active.times <= 0) this.#active = this.#active.filter((a) => a !== active);
      return active.rule.fault;
    }
    return undefined;
  }
}
