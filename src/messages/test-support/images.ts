/**
 * Base64 payloads for tests: a real 1x1 PNG, and the first bytes of each other format (which
 * is all a provider's format check, and `sniffImageType`, reads).
 */
export const IMAGES = {
  png: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
  jpeg: "/9j/4AAQ",
  gif: "R0lGODlh",
  webp: "UklGRgAAAABXRUJQ",
  heic: "AAAAGGZ0eXBoZWlj",
  heif: "AAAAGGZ0eXBtaWYx",
} as const;

/** `data:<type>;base64,<payload>` */
export function dataUrl(mediaType: string, payload: string): string {
  return `data:${mediaType};base64,${payload}`;
}

/**
 * A PNG payload of `decodedBytes` bytes (at least 9): the PNG signature, then zeros, padded.
 * Built by repeat, so a large one costs one flat string.
 */
export function pngOfSize(decodedBytes: number): string {
  // "iVBORw0KGgoA" decodes to 9 bytes: the 8-byte signature and a zero.
  const rest = decodedBytes - 9;
  const tail = ["", "AA==", "AAA="][rest % 3]!;
  return `iVBORw0KGgoA${"A".repeat(Math.floor(rest / 3) * 4)}${tail}`;
}
