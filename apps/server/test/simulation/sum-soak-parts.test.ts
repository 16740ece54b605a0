import { describe, expect, it } from 'vitest';
import { describeSeedRanges, mergeSoakResults, type SoakPart } from '../../scripts/sum-soak-parts.ts';

function part(name: string, seeds: number[], figures: Record<string, unknown> = {}): SoakPart {
  return {
    name,
    seeds,
    result: {
      db: 'postgres',
      workers: 4,
      firstSeed: seeds[0],
      histories: seeds.length,
      steps: seeds.length * 30,
      violations: 0,
      faults: { none: 1, crash: 2 },
      cpuMs: { steps: 1000 * seeds.length },
      failingSeeds: [],
      ...figures,
    },
  };
}

describe('mergeSoakResults', () => {
  it('sums counters and faults by kind across parts, and counts injected faults without "none"', () => {
    const total = mergeSoakResults([
      part('a', [1, 2, 3], { faults: { none: 5, crash: 2, garble: 1 }, byInvariant: {} }),
      part('b', [5, 6], { faults: { none: 1, crash: 4, locked: 3 }, byInvariant: {} }),
    ]);
    expect(total).toMatchObject({
      histories: 5,
      steps: 150,
      violations: 0,
      faults: { none: 6, crash: 6, garble: 1, locked: 3 },
      faultsInjected: 10,
      cpuSecondsPerHistory: 1,
      distinctSeeds: 5,
      seedRanges: ['1-3', '5-6'],
    });
    expect(total.parts.map((p) => [p.name, p.histories])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('keeps violations and failing seeds from every part', () => {
    const failing = { seed: 6, invariants: ['committed-equals-po'], failedAt: 4 };
    const total = mergeSoakResults([part('a', [1]), part('b', [6], { violations: 2, byInvariant: { 'committed-equals-po': 2 }, failingSeeds: [failing] })]);
    expect(total).toMatchObject({ violations: 2, byInvariant: { 'committed-equals-po': 2 }, failingSeeds: [failing] });
  });

  it('refuses a seed run in two parts, so no history is counted twice', () => {
    expect(() => mergeSoakResults([part('a', [1, 2]), part('b', [2, 3])])).toThrow('seed 2 is listed twice');
  });

  it('refuses a seed list that does not match the part’s history count', () => {
    const short = part('a', [1, 2, 3]);
    short.result.histories = 4;
    expect(() => mergeSoakResults([short])).toThrow('3 seeds listed but 4 histories');
  });

  it('refuses parts of another configuration (database, steps per history): they are another run', () => {
    expect(() => mergeSoakResults([part('a', [1]), part('b', [2], { db: 'pglite' })])).toThrow('b: db pglite, but postgres in a');
    expect(() => mergeSoakResults([part('a', [1], { stepsPerHistory: 30 }), part('b', [2], { stepsPerHistory: 60 })])).toThrow(
      'b: stepsPerHistory 60, but 30 in a',
    );
  });

  it('refuses figures of different shapes', () => {
    expect(() => mergeSoakResults([part('a', [1], { faults: 3 }), part('b', [2])])).toThrow('faults');
  });
});

describe('describeSeedRanges', () => {
  it('writes consecutive seeds as one range', () => {
    expect(describeSeedRanges([])).toEqual([]);
    expect(describeSeedRanges([7])).toEqual(['7']);
    expect(describeSeedRanges([1, 2, 4, 6, 7, 8])).toEqual(['1-2', '4', '6-8']);
  });
});
