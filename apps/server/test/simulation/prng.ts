// A small seeded PRNG (mulberry32) for the simulation harness: the history generator and every fault
// decision draw from it, so one seed is one history, and a history is replayed exactly by running its steps.

export class Prng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so that neighbouring seeds do not start with neighbouring states.
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ (seed >>> 13)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Up to `max` distinct items, in their original order (at least one). */
  some<T>(items: readonly T[], max = items.length): T[] {
    const chosen = items.filter(() => this.chance(0.5)).slice(0, max);
    return chosen.length > 0 ? chosen : [this.pick(items)];
  }

  /** A choice by weight: [[weight, value], ...]. */
  weighted<T>(table: ReadonlyArray<readonly [number, T]>): T {
    const total = table.reduce((sum, [w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [w, value] of table) {
      roll -= w;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![1];
  }
}
