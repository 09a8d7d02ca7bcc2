/** Where an e-mail address sits in a text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** `[A-Za-z0-9-]`: a character of a domain label. */
const isLabel = (c: number) => isLetter(c) || isDigit(c) || c === 45;
/** `[A-Za-z0-9._%+-]`: a character of the part before the `@`. */
const isLocal = (c: number) => isLabel(c) || c === 46 || c === 95 || c === 37 || c === 43;

/**
 * The e-mail addresses in `text`, exactly the matches of
 * `/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g`, found in time linear
 * in the text. The regex itself retries from every start position of a run of address
 * characters without an `@` (and backtracks through every dot of a domain without a top-level
 * one), which is quadratic: 160 KB of one letter took 48 s.
 *
 * Every match holds exactly one `@`, so the search goes from `@` to `@`: the local part is the
 * run of local characters before it (not reaching back into the previous match), the domain
 * the rule below. Each character is looked at a bounded number of times.
 *
 * @example
 * findEmails("write to ann@x.org or bob@y.io"); // [{ start: 9, end: 18 }, { start: 22, end: 30 }]
 */
export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  // No match may start before the end of the previous one (the regex's lastIndex).
  let from = 0;
  let at = text.indexOf("@");
  while (at !== -1) {
    let start = at;
    while (start > from && isLocal(text.charCodeAt(start - 1))) start--;
    const end = start < at ? domainEnd(text, at + 1) : -1;
    if (end === -1) {
      at = text.indexOf("@", at + 1);
      continue;
    }
    spans.push({ start, end });
    from = end;
    at = text.indexOf("@", end);
  }
  return spans;
}

/**
 * Where the domain that starts at `from` ends, or -1 when there is none. The regex's greedy
 * labels then backtracking make the match end at the last dot that follows only non-empty
 * labels and is followed by at least two letters, plus all the letters after that dot.
 */
function domainEnd(text: string, from: number): number {
  let end = -1;
  let pos = from;
  for (;;) {
    const labelStart = pos;
    while (pos < text.length && isLabel(text.charCodeAt(pos))) pos++;
    // An empty label (a leading or a doubled dot) ends the domain: no later dot can count.
    if (pos === labelStart || text.charCodeAt(pos) !== 46) return end;
    let letters = pos + 1;
    while (letters < text.length && isLetter(text.charCodeAt(letters))) letters++;
    if (letters - (pos + 1) >= 2) end = letters;
    pos++;
  }
}
