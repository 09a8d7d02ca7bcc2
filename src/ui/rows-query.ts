import type { RowState } from "../jobs/stores/job-store.js";

/** The results table's request: which rows, which text, which page. */
export interface RowsQuery {
  states: RowState[];
  text: string | undefined;
  after: string | undefined;
  before: string | undefined;
  limit: number;
}

/** A query parameter the dashboard cannot use, as plain data (Zod style). */
export interface QueryIssue {
  code: "invalid_state" | "invalid_cursor" | "invalid_limit" | "text_too_long" | "both_cursors";
  param: string;
  message: string;
}

const STATES: readonly RowState[] = ["pending", "submitted", "succeeded", "failed", "cancelled"];
const CURSOR = /^[0-9]{1,19}$/;
export const MAX_PAGE = 200;
const MAX_TEXT = 200;

/** Reads `state`, `q`, `after`, `before` and `limit`, or says what is wrong with them. */
export function parseRowsQuery(
  params: URLSearchParams,
): { ok: true; query: RowsQuery } | { ok: false; issue: QueryIssue } {
  const stateParam = params.get("state") ?? "all";
  const states =
    stateParam === "all" ? [...STATES] : (stateParam.split(",").filter(Boolean) as RowState[]);
  const unknown = states.find((s) => !STATES.includes(s));
  if (unknown !== undefined || states.length === 0) {
    return fail(
      "invalid_state",
      "state",
      `must be "all" or a comma-separated list of ${STATES.join(", ")}`,
    );
  }
  const text = params.get("q") ?? undefined;
  if (text !== undefined && text.length > MAX_TEXT) {
    return fail("text_too_long", "q", `is ${text.length} characters; at most ${MAX_TEXT}`);
  }
  const after = params.get("after") || undefined;
  const before = params.get("before") || undefined;
  for (const [param, value] of [
    ["after", after],
    ["before", before],
  ] as const) {
    if (value !== undefined && !CURSOR.test(value)) {
      return fail("invalid_cursor", param, "must be a row's seq from an earlier page");
    }
  }
  if (after !== undefined && before !== undefined) {
    return fail("both_cursors", "before", "give after or before, not both");
  }
  const limitParam = params.get("limit");
  const limit = limitParam === null ? 50 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    return fail("invalid_limit", "limit", `must be an integer from 1 to ${MAX_PAGE}`);
  }
  return { ok: true, query: { states, text, after, before, limit } };
}

const fail = (code: QueryIssue["code"], param: string, message: string) =>
  ({ ok: false, issue: { code, param, message } }) as const;
