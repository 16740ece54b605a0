// Invariant, not example: whatever faults QuickBooks Online throws at a run of writes (throttling, 5xx before
// or after the write, answers lost after the write), every write sent with its own requestid — resent with
// the same requestid until it is answered — exists exactly once. Seeded, so a failure is reproducible.

import { afterEach, describe, expect, it } from 'vitest';
import { QboApiError } from '../../qbo/src/index.ts';
import type { InjectedFault } from './api/fault-injector.ts';
import { startTestSimulator, type TestSimulator } from './test-support/start-test-simulator.ts';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS: InjectedFault[] = [
  { kind: 'status', status: 503 },
  { kind: 'status-after-write', status: 500 },
  { kind: 'drop-after-write' },
  { kind: 'drop' },
  { kind: 'throttle', retryAfterSeconds: 2 },
  { kind: 'throttle', retryAfterSeconds: null },
];

describe('writes under injected faults', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every vendor written with a requestid exists exactly once`, async () => {
      t = await startTestSimulator();
      const rng = createRng(seed);
      // Few client retries, so some writes give up and are sent again later by "the sync layer" below.
      const client = t.client({ maxRetries: 1 });
      for (let i = 0; i < 60; i++) if (rng() < 0.6) t.sim.faults.inject(FAULTS[Math.floor(rng() * FAULTS.length)] as InjectedFault, { method: 'POST' });
      const writes = Array.from({ length: 20 }, (_, i) => ({ requestId: `inv-${seed}-${i}`, name: `Invariant ${seed} Vendor ${i}` }));
      let gaveUp = 0;
      const unanswered: string[] = [];
      for (const write of writes) {
        let answered = false;
        // Bounded: a write that never gets an answer is a failure of the invariant, not a hang.
        for (let run = 0; run < 10 && !answered; run++) {
          try {
            await client.create('Vendor', { DisplayName: write.name }, { requestId: write.requestId });
            answered = true;
          } catch (error) {
            if (!(error instanceof QboApiError)) throw error;
            gaveUp++; // the sync layer's next run resends the same write with the same requestid
          }
        }
        if (!answered) unanswered.push(write.requestId);
      }
      expect(unanswered).toEqual([]);
      t.sim.faults.clear();
      const vendors = await t.client().queryAll('Vendor', `select * from Vendor where DisplayName like 'Invariant ${seed} %'`);
      const counts = new Map<string, number>();
      for (const v of vendors) counts.set(v.DisplayName as string, (counts.get(v.DisplayName as string) ?? 0) + 1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect([...counts.keys()].sort()).toEqual(writes.map((w) => w.name).sort());
      expect(t.sim.faults.injected).toBeGreaterThan(0);
      // Not an assertion of how many: it shows the run went through give-ups, not only through client retries.
      expect(gaveUp + t.sim.stats().replayed).toBeGreaterThan(0);
    });
  }
});
