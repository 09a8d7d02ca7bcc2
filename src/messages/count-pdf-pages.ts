/** A PDF page object: `/Type /Page`, not `/Type /Pages` (the page tree). */
const PAGE_OBJECT = /\/Type\s*\/Page(?![a-zA-Z])/g;

/**
 * Pages of an inline PDF, from its base64 data: the page objects in the bytes, at least 1 (a
 * PDF whose objects are compressed shows none). Linear in the data; decoded in slices so a
 * large PDF is never held twice as a string. Shared by the cost estimate and the emulator (usage,
 * Anthropic's 100-page check).
 */
export function countPdfPages(base64: string): number {
  let pages = 0;
  // Slices of a multiple of 4 base64 characters decode on their own. A marker may straddle two
  // slices: the last 32 bytes of a slice are carried into the next one, and a match is counted
  // in the round where it starts before the carried tail (or in the last round), so once.
  const step = 1 << 20;
  const overlap = 32;
  let carry = "";
  for (let at = 0; at < base64.length; at += step) {
    let bytes: string;
    try {
      bytes = atob(base64.slice(at, at + step));
    } catch {
      return Math.max(1, pages);
    }
    const text = carry + bytes;
    const last = at + step >= base64.length;
    const limit = last ? text.length : text.length - overlap;
    PAGE_OBJECT.lastIndex = 0;
    for (
      let m = PAGE_OBJECT.exec(text);
      m !== null && m.index < limit;
      m = PAGE_OBJECT.exec(text)
    ) {
      pages++;
    }
    carry = text.slice(Math.max(0, limit));
  }
  return Math.max(1, pages);
}
