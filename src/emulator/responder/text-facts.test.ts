import { describe, expect, it } from "vitest";
import { expectLinear } from "../../../test/support/linear-growth.js";
import { findEmails } from "./find-emails.js";
import { findEnumValue, findFacts, NOT_NAME_WORDS } from "./text-facts.js";

/*
 * The rules as they were first written, as plain regexes: right on short texts, quadratic on
 * long ones. The linear versions must find exactly the same facts.
 */
const REFERENCE_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const REFERENCE_AGES = [
  /(\d+(?:\.\d+)?)\s*-?\s*(?:years?|yrs?)[\s-]*old/i,
  /\bage[d]?\s*(?:is|of|:|=)?\s*(\d+(?:\.\d+)?)/i,
  /(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b/i,
];

function referenceEmails(text: string): string[] {
  return [...text.matchAll(REFERENCE_EMAIL)].map((m) => m[0]);
}

const REFERENCE_NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?!\w)/g;
const REFERENCE_RUN =
  /[A-Z][a-z]+[A-Za-z]*(?:['’-][A-Za-z]+)*(?:[ \t]+[A-Z][a-z]+[A-Za-z]*(?:['’-][A-Za-z]+)*)*/g;

/** The facts as the first version found them. */
function referenceFacts(text: string) {
  const withoutEmails = text.replace(REFERENCE_EMAIL, (m) => " ".repeat(m.length));
  const numbers = [...withoutEmails.matchAll(REFERENCE_NUMBER)].map((m) => m.index);
  const names: string[] = [];
  for (const match of withoutEmails.matchAll(REFERENCE_RUN)) {
    const words = match[0].split(/[ \t]+/);
    while (words.length > 0 && NOT_NAME_WORDS.has(words[0]!.toLowerCase())) words.shift();
    while (words.length > 0 && NOT_NAME_WORDS.has(words[words.length - 1]!.toLowerCase()))
      words.pop();
    if (words.length >= 2) names.push(words.join(" "));
  }
  let ageStart: number | undefined;
  for (const pattern of REFERENCE_AGES) {
    const match = pattern.exec(withoutEmails);
    if (!match || match[1] === undefined) continue;
    const start = match.index + match[0].indexOf(match[1]);
    if (numbers.includes(start)) {
      ageStart = start;
      break;
    }
  }
  return { emails: referenceEmails(text), numbers, names, ageStart };
}

/** A deterministic generator, so a failure names a text that can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// biome-ignore format: one list of the pieces random texts are made of
const PIECES = [
  "a", "Bo", "John", "Smith", "x", "@", "@", ".", ".", "-", " ", " ", "\t", "\n", "1", "23",
  "4.5", "years", "year", "yrs", "old", "age", "aged", "Age", "is", "of", ":", "=", "com", "io",
  "c0m", "%", "+", "_", "'", "’", "mr", "The", "Extract", "please", "Lee", "ann@x.org", "b..c",
  "1.2.3", "Ann-Marie",
];

function randomText(next: () => number): string {
  const length = 1 + Math.floor(next() * 40);
  let text = "";
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe("text facts", () => {
  it("finds the same facts as the original regexes on 20,000 random texts", () => {
    const next = random(12);
    for (let i = 0; i < 20_000; i++) {
      const text = randomText(next);
      const facts = findFacts(text);
      expect(
        {
          emails: facts.emails,
          numbers: facts.numbers.map((n) => n.start),
          names: facts.names,
          ageStart: facts.ageStart,
        },
        JSON.stringify(text),
      ).toEqual(referenceFacts(text));
    }
  });

  it.each([
    ["a@b.com", ["a@b.com"]],
    ["x a@b.com1 y", ["a@b.com"]],
    ["a@b.com.xy1", ["a@b.com.xy"]],
    ["a@b.co-uk", ["a@b.co"]],
    ["a@b..com", []],
    ["a@b.com..x", ["a@b.com"]],
    ["a@b.c0m", []],
    ["a@b.com.x@c.org", ["a@b.com", ".x@c.org"]],
    ["@b.com", []],
    ["a@@b.com", []],
    ["x.y+z%_-@mail-1.example.co.uk!", ["x.y+z%_-@mail-1.example.co.uk"]],
  ])("reads the e-mails in %j", (text, emails) => {
    expect(findEmails(text).map((s) => text.slice(s.start, s.end))).toEqual(emails);
    expect(referenceEmails(text)).toEqual(emails);
  });

  it("still trims instruction words off names", () => {
    expect(findFacts("Extract John Doe Please").names).toEqual(["John Doe"]);
    expect(findFacts("The The The Ann Lee The The").names).toEqual(["Ann Lee"]);
  });

  // Each text is the worst case of one rule: a run the rule enters from every position, or a
  // run of spaces between two optional parts. All grew quadratically before (a 40 KB run of
  // digits took 12 s in the age rule, 40 KB without an `@` 3 s in the e-mail rule).
  const WORST: Record<string, (n: number) => string> = {
    "letters without @": (n) => "x".repeat(n),
    "address characters without @": (n) => "a.b-c_d%e+".repeat(n / 10),
    "a long local part": (n) => `${"a".repeat(n)}@`,
    "a domain without a top-level part": (n) => `a@${"b.".repeat(n / 2)}`,
    "@ after @": (n) => "a@".repeat(n / 2),
    "dots after @": (n) => `a@b${".".repeat(n)}`,
    digits: (n) => "1".repeat(n),
    "digits then a letter": (n) => `${"1".repeat(n)}x`,
    "dotted digits": (n) => "1.".repeat(n / 2),
    "a number then spaces": (n) => `1${" ".repeat(n)}x`,
    "spaces around a dash": (n) => `1${" ".repeat(n / 2)}-${" ".repeat(n / 2)}x`,
    "age then spaces": (n) => `age${" ".repeat(n)}x`,
    "years then dashes": (n) => `1 years${" -".repeat(n / 2)}x`,
    "capitalised words": (n) => "Ann ".repeat(n / 4),
    "instruction words": (n) => "The ".repeat(n / 4),
    capitals: (n) => "A".repeat(n),
    "a hyphenated word": (n) => `Ab${"-b".repeat(n / 2)}-`,
    "a capital word then spaces": (n) => `Ab${" ".repeat(n)}x`,
  };

  it.each(Object.entries(WORST))(
    "takes time linear in the text for %s",
    { timeout: 60_000 },
    async (_, make) => {
      await expectLinear((n) => findFacts(make(n)), {
        start: 128_000,
        maxSmall: 1_000_000,
        factor: 8,
      });
    },
  );

  // A regex that repeats a group per word keeps a backtracking entry per word: runs of a few
  // hundred thousand words overflowed its stack (RangeError, a 500 from the emulator).
  it.each([
    ["names", "Ann ".repeat(4_000_000), 1],
    ["instruction words", "The ".repeat(4_000_000), 0],
    ["joined word parts", `Ab${"-b".repeat(8_000_000)}`, 0],
    ["apostrophes", `O${"'Neil".repeat(3_000_000)} Lee`, 1],
  ])("reads 16 MB of %s without overflowing", (_, text, names) => {
    expect(findFacts(text).names).toHaveLength(names);
  });

  it("looks for enum values in time linear in the text", { timeout: 60_000 }, async () => {
    const values = ["positive", "negative", "a a a b"];
    await expectLinear((n) => findEnumValue("a ".repeat(n / 2), values), {
      start: 128_000,
      maxSmall: 1_000_000,
      factor: 8,
    });
  });
});
