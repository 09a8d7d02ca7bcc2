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

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?!\w)/g;
const CAPITALISED_RUN =
  /[A-Z][a-z]+[A-Za-z]*(?:['’-][A-Za-z]+)*(?:[ \t]+[A-Z][a-z]+[A-Za-z]*(?:['’-][A-Za-z]+)*)*/g;
const AGE_PATTERNS = [
  /(\d+(?:\.\d+)?)\s*-?\s*(?:years?|yrs?)[\s-]*old/i,
  /\bage[d]?\s*(?:is|of|:|=)?\s*(\d+(?:\.\d+)?)/i,
  /(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b/i,
];

/**
 * Capitalised words that begin instructions or sentences rather than names. They are stripped
 * from the ends of a run, so "Extract John Doe" still yields "John Doe".
 */
const NOT_NAME_WORDS = new Set(
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
  const emails = [...text.matchAll(EMAIL)].map((m) => m[0]);
  // Blank out e-mails (keeping offsets) so their digits are not read as numbers.
  const withoutEmails = text.replace(EMAIL, (m) => " ".repeat(m.length));
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

function findNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    const words = match[0].split(/[ \t]+/);
    while (words.length > 0 && NOT_NAME_WORDS.has(words[0]!.toLowerCase())) words.shift();
    while (words.length > 0 && NOT_NAME_WORDS.has(words[words.length - 1]!.toLowerCase())) {
      words.pop();
    }
    if (words.length >= 2) names.push(words.join(" "));
  }
  return names;
}

function findAgeStart(text: string, numbers: NumberFact[]): number | undefined {
  for (const pattern of AGE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match || match[1] === undefined) continue;
    const start = match.index + match[0].indexOf(match[1]);
    if (numbers.some((n) => n.start === start)) return start;
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
