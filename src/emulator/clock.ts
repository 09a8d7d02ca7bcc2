/** The emulator's only source of time: wall time plus an offset that tests move forward. */
export interface EmulatorClock {
  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number;
  /** Moves emulated time forward; state catches up lazily on the next request. */
  advance(ms: number): void;
}

export interface ResettableClock extends EmulatorClock {
  reset(): void;
  /** What `advance` has added since creation or the last `reset`, in ms. */
  offset(): number;
}

export function createClock(wallClock: () => number = Date.now): ResettableClock {
  let offset = 0;
  // Wall time can step backwards (NTP); emulated time must not, or a batch could un-complete.
  let last = Number.NEGATIVE_INFINITY;
  return {
    now() {
      const t = wallClock() + offset;
      last = Math.max(last, t);
      return last;
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance expects a finite number >= 0, got ${ms}`);
      }
      offset += ms;
    },
    offset: () => offset,
    reset() {
      offset = 0;
      last = Number.NEGATIVE_INFINITY;
    },
  };
}

export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
