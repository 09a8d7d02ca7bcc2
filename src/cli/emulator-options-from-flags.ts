import { readFile } from "node:fs/promises";
import { InvalidArgumentError as CommanderArgumentError } from "commander";
import {
  type EmulatorOptions,
  fixtureResponder,
  forwardResponder,
  RATE_OUTCOMES,
  type RateOutcome,
  type Responder,
  rateResponder,
} from "../emulator/index.js";
import { stripBom } from "../util/strip-bom.js";
import { parseDecimal } from "./shared/flag-parsers.js";

/** The `structured-batch emulator` flags, as commander parses them. */
export interface EmulatorFlags {
  port: number;
  host: string;
  latency?: number;
  failRate?: number;
  seed?: number;
  responder: "default" | "forward" | "fixtures";
  forwardUrl?: string;
  forwardModel?: string;
  forwardConcurrency?: number;
  fixtures?: string;
  rates?: Partial<Record<RateOutcome, number>>;
  quiet?: boolean;
}

/** `refusal=0.1,error=0.05` -> `{ refusal: 0.1, error: 0.05 }`. */
export function parseRates(value: string): Partial<Record<RateOutcome, number>> {
  const rates: Partial<Record<RateOutcome, number>> = {};
  for (const pair of value.split(",")) {
    const [name, raw] = pair.split("=").map((s) => s.trim());
    if (!name || raw === undefined || !(RATE_OUTCOMES as readonly string[]).includes(name)) {
      throw new CommanderArgumentError(
        `expected name=rate pairs with names from ${RATE_OUTCOMES.join(", ")}, got "${pair}"`,
      );
    }
    const rate = parseDecimal(raw);
    if (rate === undefined || rate < 0 || rate > 1) {
      throw new CommanderArgumentError(`the rate of ${name} must be a number from 0 to 1`);
    }
    rates[name as RateOutcome] = rate;
  }
  return rates;
}

export { numberFlag } from "./shared/flag-parsers.js";

async function responderFrom(flags: EmulatorFlags): Promise<Responder | undefined> {
  let base: Responder | undefined;
  if (flags.responder === "forward") {
    if (!flags.forwardUrl) {
      throw new CommanderArgumentError("--responder forward needs --forward-url <url>");
    }
    base = forwardResponder({
      baseURL: flags.forwardUrl,
      ...(flags.forwardModel !== undefined && { model: flags.forwardModel }),
      ...(flags.forwardConcurrency !== undefined && { concurrency: flags.forwardConcurrency }),
    });
  } else if (flags.responder === "fixtures") {
    if (!flags.fixtures) {
      throw new CommanderArgumentError("--responder fixtures needs --fixtures <file.json>");
    }
    let table: unknown;
    try {
      table = JSON.parse(stripBom(await readFile(flags.fixtures, "utf8")));
    } catch (error) {
      throw new CommanderArgumentError(`--fixtures ${flags.fixtures}: ${(error as Error).message}`);
    }
    if (typeof table !== "object" || table === null || Array.isArray(table)) {
      throw new CommanderArgumentError(
        `--fixtures ${flags.fixtures}: expected a JSON object keyed by custom id`,
      );
    }
    base = fixtureResponder(table as Record<string, unknown>);
  }
  if (flags.rates) {
    return rateResponder(flags.rates, {
      ...(flags.seed !== undefined && { seed: flags.seed }),
      ...(base && { fallback: base }),
    });
  }
  return base;
}

/** Turns the command line into emulator options; a bad combination is a usage error. */
export async function emulatorOptionsFromFlags(
  flags: EmulatorFlags,
  onLine: (line: string) => void,
  format: (entry: Parameters<NonNullable<EmulatorOptions["onRequest"]>>[0]) => string,
): Promise<EmulatorOptions> {
  const responder = await responderFrom(flags);
  return {
    ...(responder && { responder }),
    ...(flags.latency !== undefined && { latencyMs: flags.latency }),
    ...(flags.failRate !== undefined && { failRate: flags.failRate }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(!flags.quiet && { onRequest: (entry) => onLine(format(entry)) }),
  };
}
