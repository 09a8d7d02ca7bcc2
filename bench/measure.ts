/** Wall time and memory growth of one run; gc between runs when node runs with --expose-gc. */
export interface Sample {
  ms: number;
  /** Growth of heap + array buffers during the run (the JS-visible memory), in bytes. */
  peakGrowth: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs `fn`, sampling memory every few ms to find its peak. */
export async function measure(fn: () => unknown | Promise<unknown>): Promise<Sample> {
  gc?.();
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 2);
  const start = performance.now();
  const keep = await fn();
  const ms = performance.now() - start;
  peak = Math.max(peak, used());
  clearInterval(timer);
  void keep;
  return { ms, peakGrowth: peak - base };
}

/**
 * Alternates the two functions `rounds` times (swapping which goes first each round) and returns
 * the medians, plus `ratio`: the median of the per-round ratios a/b. The two runs of a round are
 * seconds apart, so a neighbour's load on this shared machine hits both; the ratio of the two
 * medians would mix rounds taken under different loads.
 */
export async function compare(rounds: number, a: () => unknown, b: () => unknown) {
  const as: Sample[] = [];
  const bs: Sample[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sa: Sample;
    let sb: Sample;
    if (r % 2 === 0) {
      sa = await measure(a);
      sb = await measure(b);
    } else {
      sb = await measure(b);
      sa = await measure(a);
    }
    as.push(sa);
    bs.push(sb);
    ratios.push(sa.ms / sb.ms);
  }
  ratios.sort((x, y) => x - y);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.floor(ratios.length * q))]!;
  // The spread is printed next to the ratio: on a shared machine it is part of the result.
  return { a: median(as), b: median(bs), ratio: at(0.5), spread: [at(0.25), at(0.75)] as const };
}

function median(samples: Sample[]): Sample {
  const ms = samples.map((s) => s.ms).sort((x, y) => x - y);
  const mem = samples.map((s) => s.peakGrowth).sort((x, y) => x - y);
  return { ms: ms[Math.floor(ms.length / 2)]!, peakGrowth: mem[Math.floor(mem.length / 2)]! };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
