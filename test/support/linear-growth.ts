import { expect } from "vitest";

/**
 * A complexity check, not a speed claim: how much longer work on `factor` times the input takes.
 * Linear work grows about `factor` times, quadratic work `factor²` times; the bound sits well
 * between the two, so load on the machine does not make the check flaky while a quadratic path
 * still fails it. Absolute times are never asserted.
 */
export interface GrowthOptions {
  /** The first size tried. */
  start: number;
  /** The small size grows (doubling) until one run takes at least this long, so the ratio is not noise. */
  minMs?: number;
  /** Never grows the small size beyond this (memory). */
  maxSmall?: number;
  /** Large size = small size * factor. Default 4. */
  factor?: number;
  /** Runs per size; the fastest counts (least disturbed by other processes). Default 3. */
  runs?: number;
}

export interface Growth {
  small: number;
  large: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

async function fastest(work: (n: number) => unknown, n: number, runs: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(n);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Measures `work` at a calibrated size n and at n * factor. */
export async function measureGrowth(
  work: (n: number) => unknown,
  options: GrowthOptions,
): Promise<Growth> {
  const { minMs = 20, maxSmall = Number.POSITIVE_INFINITY, factor = 4, runs = 3 } = options;
  let small = options.start;
  // A first run warms up the JIT. The size is chosen from the fastest of two runs: one run
  // slowed by a collection or another process (tests run in parallel) would stop the growth
  // at a size too small to time, where the ratio is noise.
  await work(small);
  let smallMs = await fastest(work, small, 2);
  while (smallMs < minMs && small * 2 <= maxSmall) {
    small *= 2;
    smallMs = await fastest(work, small, 2);
  }
  for (;;) {
    const large = small * factor;
    // Alternated, so that both sizes see the same load from other processes.
    let largeMs = Number.POSITIVE_INFINITY;
    smallMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < runs; i++) {
      largeMs = Math.min(largeMs, await fastest(work, large, 1));
      smallMs = Math.min(smallMs, await fastest(work, small, 1));
    }
    // The calibration was fooled (its runs were slowed, the quiet ones are far quicker): grow
    // and measure again, as the size was meant to be.
    if (smallMs < minMs / 2 && small * 2 <= maxSmall) {
      small *= 2;
      continue;
    }
    // Timer resolution: a run too quick to measure counts as one millisecond.
    const ratio = largeMs / Math.max(smallMs, 1);
    return { small, large, smallMs, largeMs, ratio };
  }
}

/**
 * Fails when `work` grows faster than linearly: at 4x the input, linear is about 4x the time,
 * quadratic 16x; the default bound is 3x the factor, 12x (caches, the collector and other
 * processes make large inputs cost more per byte than small ones, never 4x more). Where the
 * work is cheap, factor 8 separates better: linear 8x, quadratic 64x, bound 24x.
 *
 * @example
 * await expectLinear((n) => findFacts("x".repeat(n)), { start: 100_000 });
 */
export async function expectLinear(
  work: (n: number) => unknown,
  options: GrowthOptions & { bound?: number },
): Promise<Growth> {
  const factor = options.factor ?? 4;
  const bound = options.bound ?? factor * 3;
  const growth = await measureGrowth(work, options);
  expect(
    growth.ratio,
    `${growth.small} -> ${growth.large}: ${growth.smallMs.toFixed(1)} ms -> ${growth.largeMs.toFixed(1)} ms`,
  ).toBeLessThan(bound);
  return growth;
}
