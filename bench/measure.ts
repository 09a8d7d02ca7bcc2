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

/** Alternates the two functions `rounds` times and returns the medians. */
export async function compare(rounds: number, a: () => unknown, b: () => unknown) {
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await measure(a));
    bs.push(await measure(b));
  }
  return { a: median(as), b: median(bs) };
}

function median(samples: Sample[]): Sample {
  const ms = samples.map((s) => s.ms).sort((x, y) => x - y);
  const mem = samples.map((s) => s.peakGrowth).sort((x, y) => x - y);
  return { ms: ms[Math.floor(ms.length / 2)]!, peakGrowth: mem[Math.floor(mem.length / 2)]! };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
