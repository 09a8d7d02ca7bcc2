import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ListOptions } from "../providers/types.js";

/**
 * `limit` is how many batches to return, across as many pages as it takes (each provider's
 * page size is handled by its adapter), so any whole number of at least 1 is fine; a NaN would
 * otherwise be sent as the page size and never end the paging, and 2.5 be refused by OpenAI.
 */
export function checkListOptions(options: ListOptions): ListOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError([
      {
        code: "invalid_option",
        path: ["options"],
        message: "must be an object such as { limit: 20 }",
      },
    ]);
  }
  const { limit, ...rest } = options;
  const issues = Object.keys(rest).map((key) => ({
    code: "unknown_option",
    path: [key],
    message: "is not an option of listBatches (it takes { limit })",
  }));
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) {
    issues.push({
      code: "invalid_limit",
      path: ["limit"],
      message: `must be a whole number of at least 1, got ${JSON.stringify(limit) ?? String(limit)}`,
    });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  return options;
}
