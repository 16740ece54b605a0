// Fake time for retry and throttle tests: sleep() advances the clock at once and records the wait.

export interface FakeClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every wait asked of sleep(), in order. */
  sleeps: number[];
  advance(ms: number): void;
}

export function createFakeClock(startMs = Date.UTC(2026, 11, 7, 10, 0, 0)): FakeClock {
  let t = startMs;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      if (ms > 0) t += ms;
    },
    sleeps,
    advance(ms: number) {
      t += ms;
    },
  };
}
