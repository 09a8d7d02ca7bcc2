import { InvalidArgumentError as CommanderArgumentError } from "commander";
import { parseModelString } from "../../processor/parse-model-string.js";

// A plain decimal number: `Number()` alone would also take "" and " " (as 0), "0x10" and "0b1".
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a number flag as a person writes one; `undefined` when it is not one. */
export function parseDecimal(value: string): number | undefined {
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** A number flag within bounds, for commander's argument parsers. */
export function numberFlag(min: number, max: number, integer = false) {
  return (value: string): number => {
    const n = parseDecimal(value);
    if (n === undefined || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new CommanderArgumentError(
        `must be ${integer ? "an integer" : "a number"} from ${min} to ${max}`,
      );
    }
    return n;
  };
}

/**
 * `--metadata key=value`, repeatable. The value may hold `=`; the key may not be empty, and a
 * key given twice is refused rather than silently keeping the last value.
 */
export function collectMetadata(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq <= 0) {
    throw new CommanderArgumentError(`expected key=value, got ${JSON.stringify(value)}`);
  }
  const key = value.slice(0, eq);
  if (Object.hasOwn(previous, key)) {
    throw new CommanderArgumentError(`the key "${key}" is given twice`);
  }
  return { ...previous, [key]: value.slice(eq + 1) };
}

/** `--model provider/model`, checked as the library checks it. */
export function modelFlag(value: string): string {
  try {
    parseModelString(value);
  } catch (error) {
    throw new CommanderArgumentError((error as Error).message);
  }
  return value;
}

/** `--port`: an integer from 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = parseDecimal(value);
  if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CommanderArgumentError("must be an integer from 0 to 65535");
  }
  return port;
}
