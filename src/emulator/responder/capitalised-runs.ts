import type { Span } from "./find-emails.js";

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLetter = (c: number) => isUpper(c) || isLower(c);
const isBlank = (c: number) => c === 32 || c === 9;
/** `'`, `’` and `-`: what may join the parts of one word (O'Neil, Jean-Luc). */
const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 45;

/**
 * Runs of capitalised words separated by spaces or tabs: exactly the matches of the global regex
 * `[A-Z][a-z]+[A-Za-z]*(?:['’-][A-Za-z]+)*(?:[ \t]+[A-Z][a-z]+[A-Za-z]*(?:['’-][A-Za-z]+)*)*`,
 * found by a scan instead. That regex keeps a backtracking entry for every word of a run, and
 * a run of a few hundred thousand words ("Ann Ann Ann ...") overflowed its stack with a
 * RangeError.
 *
 * @example
 * capitalisedRuns("ask Ann Lee now"); // [{ start: 4, end: 11 }]
 */
export function capitalisedRuns(text: string): Span[] {
  const runs: Span[] = [];
  let i = 0;
  while (i < text.length - 1) {
    if (!startsWord(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let end = wordEnd(text, i);
    for (;;) {
      let next = end;
      while (next < text.length && isBlank(text.charCodeAt(next))) next++;
      if (next === end || !startsWord(text, next)) break;
      end = wordEnd(text, next);
    }
    runs.push({ start, end });
    i = end;
  }
  return runs;
}

/** A capital followed by a small letter: where `[A-Z][a-z]` matches. */
function startsWord(text: string, at: number): boolean {
  return isUpper(text.charCodeAt(at)) && isLower(text.charCodeAt(at + 1));
}

/** The end of the word that starts at `at`: its letters, then any joiner followed by letters. */
function wordEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  while (isJoiner(text.charCodeAt(end)) && isLetter(text.charCodeAt(end + 1))) {
    end += 2;
    while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  }
  return end;
}
