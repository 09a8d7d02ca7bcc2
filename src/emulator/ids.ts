const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

// Random bytes are drawn in blocks: a large batch makes several ids per request, and one
// getRandomValues call each was the emulator's costliest step.
const POOL_SIZE = 16_384;
const pool = new Uint8Array(POOL_SIZE);
let poolAt = POOL_SIZE;

function randomBytes(length: number): Uint8Array {
  if (length > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(length));
  if (poolAt + length > POOL_SIZE) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + length);
  poolAt += length;
  return bytes;
}

export function randomToken(length: number, alphabet: string = BASE62): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

export function randomHex(length: number): string {
  return randomToken(length, HEX);
}

/** Id shapes follow what the real APIs hand out, so clients that sniff prefixes keep working. */
export const openaiIds = {
  file: () => `file-${randomToken(22)}`,
  batch: () => `batch_${randomHex(32)}`,
  batchRequest: () => `batch_req_${randomHex(32)}`,
  requestId: () => `req_${randomHex(32)}`,
  chatCompletion: () => `chatcmpl-${randomToken(29)}`,
  response: () => `resp_${randomHex(48)}`,
  message: () => `msg_${randomHex(48)}`,
  reasoning: () => `rs_${randomHex(48)}`,
};

/** Deterministic PRNG (mulberry32) so a seeded shuffle gives the same order on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Order in which results are written. `true` reverses, a number seeds a permutation;
 * real providers return results in arbitrary order and clients must join on the id.
 */
export function resultOrder(count: number, shuffle: boolean | number | undefined): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  if (shuffle === undefined || shuffle === false) return order;
  if (shuffle === true) return order.reverse();
  const random = seededRandom(shuffle);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
