import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import {
  formatIssuePath,
  type InvalidArgumentError,
  type InvalidMessagesError,
} from "../../errors/index.js";
import type { InputIssue } from "../../errors/invalid-argument-error.js";
import type { Conversation } from "../../messages/types.js";
import { stripBom } from "../../util/strip-bom.js";
import { UsageError } from "./exit-codes.js";
import { resolveFilePaths } from "./file-part-paths.js";

const LINE_FORMS =
  'each line must be a JSON array of messages, { "messages": [...] } or { "custom_id": "...", "messages": [...] }';

/** Checks that an input file exists before anything else runs ("-" is stdin). */
export async function ensureInputFile(path: string, flag: string, hint: string): Promise<void> {
  if (path === "-") return;
  try {
    if ((await stat(path)).isFile()) return;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${flag} ${path}: no such file`, hint);
}

/** The non-blank lines of a file (or stdin for "-"), with their 1-based line numbers. */
export async function* fileLines(
  path: string,
): AsyncGenerator<{ text: string; lineNumber: number }> {
  const input = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    // Node's utf8 streams keep a byte-order mark; it belongs to no line.
    const text = lineNumber === 0 ? stripBom(line) : line;
    lineNumber++;
    if (text.trim() !== "") yield { text, lineNumber };
  }
}

/** Conversations read from a JSONL file, with the line each came from. */
export interface ConversationsFile {
  conversations: Conversation[];
  /** The ids given on the lines (`custom_id`), when every line has one. */
  customIds: string[] | undefined;
  lineNumbers: number[];
}

/** Reads one conversation per line; a bad line is a usage error naming the line. */
export async function readConversations(path: string): Promise<ConversationsFile> {
  const conversations: Conversation[] = [];
  const ids: (string | undefined)[] = [];
  const lineNumbers: number[] = [];
  for await (const { text, lineNumber } of fileLines(path)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(
        `${path} line ${lineNumber}: not valid JSON (${(error as Error).message})`,
        LINE_FORMS,
      );
    }
    if (Array.isArray(value)) {
      conversations.push(await resolveFilePaths(value as Conversation, path, lineNumber));
      ids.push(undefined);
    } else if (
      typeof value === "object" &&
      value !== null &&
      Array.isArray((value as { messages?: unknown }).messages)
    ) {
      const {
        messages,
        custom_id: id,
        ...rest
      } = value as {
        messages: Conversation;
        custom_id?: unknown;
      };
      // A misspelt "custom_id" would otherwise be dropped and the default ids used instead.
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) {
        const near = /^(custom[-_]?id|customId|id|key)$/i.test(extra)
          ? '; did you mean "custom_id"?'
          : "";
        throw new UsageError(
          `${path} line ${lineNumber}: unknown field ${JSON.stringify(extra)}${near}`,
          LINE_FORMS,
        );
      }
      if (id !== undefined && typeof id !== "string") {
        throw new UsageError(
          `${path} line ${lineNumber}: "custom_id" must be a string`,
          LINE_FORMS,
        );
      }
      conversations.push(await resolveFilePaths(messages, path, lineNumber));
      ids.push(id);
    } else {
      throw new UsageError(`${path} line ${lineNumber}: not a conversation`, LINE_FORMS);
    }
    lineNumbers.push(lineNumber);
  }
  if (conversations.length === 0) {
    throw new UsageError(`${path}: no conversations`, LINE_FORMS);
  }
  const withId = ids.filter((id) => id !== undefined).length;
  if (withId > 0 && withId < ids.length) {
    const first = ids.indexOf(undefined);
    throw new UsageError(
      `${path} line ${lineNumbers[first]}: has no "custom_id" while other lines have one`,
      "Give every line a custom_id, or none (ids then default to request-0, request-1, ...)",
    );
  }
  return { conversations, customIds: withId > 0 ? (ids as string[]) : undefined, lineNumbers };
}

/** One id per non-blank line (trimmed), with the line each came from. */
export async function readIdsFile(path: string): Promise<{ ids: string[]; lineNumbers: number[] }> {
  const ids: string[] = [];
  const lineNumbers: number[] = [];
  for await (const { text, lineNumber } of fileLines(path)) {
    ids.push(text.trim());
    lineNumbers.push(lineNumber);
  }
  return { ids, lineNumbers };
}

/**
 * The library's custom id errors (`customIds[4]: ...`), with the file and line each id came
 * from: `where` is `conversations.jsonl line 5 custom_id` or `--custom-ids ids.txt line 5`.
 */
export function customIdsErrorWithLines(
  error: InvalidArgumentError,
  where: (index: number) => string,
  whole: string,
): UsageError {
  const describe = (issue: InputIssue) => {
    const [first, index] = issue.path;
    const place = first === "customIds" && typeof index === "number" ? where(index) : whole;
    const message = issue.message.replace(/customIds\[(\d+)\]/g, (_, k) => where(Number(k)));
    return `${place}: ${message}`;
  };
  const shown = error.issues.slice(0, 3).map(describe).join("; ");
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : "";
  return new UsageError(`bad custom id: ${shown}${more}`, "Fix those ids and run create again", {
    cause: error,
  });
}

/** The library's message errors, with input lines instead of conversation indexes. */
export function messagesErrorWithLines(
  error: InvalidMessagesError,
  path: string,
  lineNumbers: number[],
): UsageError {
  const describe = (issue: InputIssue) => {
    const [index, ...rest] = issue.path;
    const line = typeof index === "number" ? lineNumbers[index] : undefined;
    const where = rest.length > 0 ? ` messages${formatIssuePath(rest)}` : "";
    return `${path} line ${line ?? "?"}${where}: ${issue.message}`;
  };
  const shown = error.issues.slice(0, 3).map(describe).join("; ");
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : "";
  return new UsageError(
    `bad conversation: ${shown}${more}`,
    "Fix those lines and run create again",
    {
      cause: error,
    },
  );
}

/**
 * The ids of the requests that were submitted: from a batch file (each line's `custom_id`, or
 * Gemini's `key`) or from a file of one id per line.
 */
export async function readSubmittedIds(path: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const { text, lineNumber } of fileLines(path)) {
    const trimmed = text.trim();
    if (!trimmed.startsWith("{")) {
      ids.push(trimmed);
      continue;
    }
    let id: unknown;
    try {
      const line = JSON.parse(trimmed) as {
        custom_id?: unknown;
        key?: unknown;
        recordId?: unknown;
      };
      id = line.custom_id ?? line.key ?? line.recordId;
    } catch {
      // Reported below.
    }
    if (typeof id !== "string") {
      throw new UsageError(
        `--ids ${path} line ${lineNumber}: no custom_id (or key, or recordId) found`,
        "Pass the batch file that was submitted, or one id per line",
      );
    }
    ids.push(id);
  }
  return ids;
}
