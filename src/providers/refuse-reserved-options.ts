import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ProviderId } from "./types.js";

/**
 * Refuses `providerOptions[provider]` fields the library sets itself: letting them override
 * the library's would break result parsing (the schema fields, tools, stream) or send something
 * other than the caller's messages.
 */
export function refuseReservedOptions(
  provider: ProviderId,
  extra: Record<string, unknown>,
  reserved: ReadonlySet<string>,
): void {
  for (const key of Object.keys(extra)) {
    if (!reserved.has(key)) continue;
    throw new InvalidArgumentError([
      {
        code: "reserved_parameter",
        path: ["providerOptions", provider, key],
        message: `"${key}" is set by structured-batch and cannot be overridden`,
      },
    ]);
  }
}
