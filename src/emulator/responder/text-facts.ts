import { capitalisedRuns } from "./capitalised-runs.js";
import { findEmails, type Span } from "./find-emails.js";

/**
 * The few facts the default responder can find in free text with simple rules: enough to make
 * extraction demos come back right, deliberately not a language model.
 */
export interface NumberFact {
  value: number;
  start: number;
}

export interface TextFacts {
  text: string;
  emails: string[];
  names: string[];
  /** Numbers in order of appearance, e-mail addresses excluded. */
  numbers: NumberFact[];
  /** Position (start) of the number that a rule identifies as an age, if any. */
  ageStart: number | undefined;
}

// Every rule runs over the whole of a user's text, which may be megabytes: each is written so
// that no character is tried from more than a bounded number of start positions, and no regex
// repeats a group per word (its backtracking stack overflows on a long enough run): e-mails
// and capitalised runs are scanned by hand. text-facts.test.ts feeds each rule its worst inputs
// and checks that time grows linearly.
// A number is never entered in its middle: the lookbehinds skip the rest of a digit run.
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?!\w)/g;
// `(?<!\d)` and `\s*(?:-\s*)?` match what `\s*-?\s*` without the lookbehind did (a leftmost
// match never starts inside a digit run), without trying every split of a run of spaces or
// every start inside a run of digits.
const AGE_PATTERNS = [
  /(?<!\d)(\d+(?:\.\d+)?)\s*(?:-\s*)?(?:years?|yrs?)[\s-]*old/i,
  /\bage[d]?\s*(?:(?:is|of|:|=)\s*)?(\d+(?:\.\d+)?)/i,
  /(?<!\d)(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b/i,
];

/**
 * Capitalised words that begin instructions or sentences rather than names. They are stripped
 * from the ends of a run, so "Extract John Doe" still yields "John Doe".
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the this that these those here there and or but extract please parse get find return " +
    "give identify list given from in on at for with to of by as is are was were hello hi hey " +
    "dear thanks name email age user users person people text input output summarize summarise " +
    "classify analyze analyse read use tell show write create generate describe what who when " +
    "where why how which you your my our we it he she they his her their mr mrs ms dr prof sir " +
    "madam information info details data respond answer convert translate contact customer " +
    "client note notes"
  ).split(" "),
);

export function findFacts(text: string): TextFacts {
  const spans = findEmails(text);
  const emails = spans.map((s) => text.slice(s.start, s.end));
  // Blank out e-mails (keeping offsets) so their digits are not read as numbers.
  const withoutEmails = blankOut(text, spans);
  const numbers = [...withoutEmails.matchAll(NUMBER)].map((m) => ({
    value: Number(m[0]),
    start: m.index,
  }));
  return {
    text,
    emails,
    names: findNames(withoutEmails),
    numbers,
    ageStart: findAgeStart(withoutEmails, numbers),
  };
}

function blankOut(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  const pieces: string[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    pieces.push(text.slice(at, start), " ".repeat(end - start));
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces.join("");
}

function findNames(text: string): string[] {
  const names: string[] = [];
  for (const { start, end } of capitalisedRuns(text)) {
    const name = trimInstructionWords(text.slice(start, end));
    if (name !== undefined) names.push(name);
  }
  return names;
}

const isBlank = (c: number) => c === 32 || c === 9;

/**
 * The run without the instruction words at its ends, its words joined by single spaces, or
 * undefined when fewer than two words are left. Walks in from both ends rather than splitting,
 * because a run can be millions of words that are all instruction words.
 */
function trimInstructionWords(run: string): string | undefined {
  let start = 0;
  let end = run.length;
  for (;;) {
    let wordEnd = start;
    while (wordEnd < end && !isBlank(run.charCodeAt(wordEnd))) wordEnd++;
    if (!NOT_NAME_WORDS.has(run.slice(start, wordEnd).toLowerCase())) break;
    start = wordEnd;
    while (start < end && isBlank(run.charCodeAt(start))) start++;
    if (start === end) return undefined;
  }
  for (;;) {
    let wordStart = end;
    while (wordStart > start && !isBlank(run.charCodeAt(wordStart - 1))) wordStart--;
    // One word left: not a name.
    if (wordStart === start) return undefined;
    if (!NOT_NAME_WORDS.has(run.slice(wordStart, end).toLowerCase())) break;
    end = wordStart;
    while (end > start && isBlank(run.charCodeAt(end - 1))) end--;
  }
  return run.slice(start, end).replace(/[ \t]+/g, " ");
}

function findAgeStart(text: string, numbers: NumberFact[]): number | undefined {
  const starts = new Set(numbers.map((n) => n.start));
  for (const pattern of AGE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match || match[1] === undefined) continue;
    const start = match.index + match[0].indexOf(match[1]);
    if (starts.has(start)) return start;
  }
  return undefined;
}

/** The enum value that occurs earliest in the text (case-insensitive, whole words). */
export function findEnumValue(text: string, values: readonly unknown[]): unknown {
  let best: { value: unknown; at: number } | undefined;
  for (const value of values) {
    if (typeof value !== "string" || value.length === 0) continue;
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const match = new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, "i").exec(text);
    if (match && (best === undefined || match.index < best.at)) {
      best = { value, at: match.index };
    }
  }
  return best?.value;
}
