/** The sentence the demo extracts; every worst-case text ends with it. */
export const FACT_SENTENCE = "John Doe is 25 years old and his email is john@example.com";
export const FACT = { name: "John Doe", age: 25, email: "john@example.com" };

/*
 * One long run for each rule the emulator's default responder runs over user text, each the
 * input that made its regex retry from every position (or try every split of a run of spaces).
 * None of them holds a name, an age or an e-mail address, so the answer must still be the fact
 * sentence's.
 */
const RUNS: ((n: number) => string)[] = [
  (n) => "x".repeat(n), // no "@": the e-mail rule
  (n) => "a.b-c_d%e+".repeat(n / 10), // address characters without "@"
  (n) => `a@${"b.".repeat(n / 2)}`, // a domain without a top-level part
  (n) => "1".repeat(n), // one number: number and age rules
  (n) => "1.".repeat(n / 2), // dotted digits
  (n) => `1${" ".repeat(n / 2)}-${" ".repeat(n / 2)}x`, // spaces around an optional dash
  (n) => `age${" ".repeat(n)}x`, // spaces after "age"
  (n) => "A".repeat(n), // capitals: the name rule
  (n) => "The ".repeat(n / 4), // instruction words, trimmed off a run
  (n) => `Ab${"-b".repeat(n / 2)}`, // one hyphenated word
];

/**
 * About `chars` characters of the responder's worst inputs, one run after another on lines of
 * their own, then the fact sentence.
 *
 * @example
 * worstCaseText(2_000_000).endsWith(FACT_SENTENCE); // true
 */
export function worstCaseText(chars: number): string {
  const each = Math.max(16, Math.floor(chars / RUNS.length));
  return `${RUNS.map((run) => run(each)).join("\n")}\n${FACT_SENTENCE}`;
}
