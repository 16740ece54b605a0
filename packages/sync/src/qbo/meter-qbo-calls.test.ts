import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@connector/db';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import type { QboCallEvent } from '@connector/qbo';
import { createCompany } from '../companies/create-company.ts';
import { createQboCallMeter, type QboCallCounts } from './meter-qbo-calls.ts';

const read = (resource = 'vendor'): QboCallEvent => ({ method: 'GET', resource, status: 200, operations: 1 });
const write = (resource = 'vendor', operations = 1, status: number | null = 200): QboCallEvent => ({ method: 'POST', resource, status, operations });

/** A database whose next `failures` count writes fail (a busy database), reads untouched. */
function flaky(db: Database) {
  const state = { failures: 0 };
  const prisma = new Proxy(db.prisma, {
    get(target, key) {
      if (key === '$executeRaw' && state.failures > 0) {
        state.failures -= 1;
        return () => Promise.reject(new Error('database busy'));
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { database: { ...db, prisma } as Database, state };
}

/** A tiny seeded generator, so a failing history can be replayed by its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe.each(await databaseKinds())('QuickBooks Online call meter (%s)', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => testDb?.dispose());

  it('counts reads (metered) and writes per company and month, batch items as operations, 429s', async () => {
    const db = testDb.database;
    const a = await createCompany(db, { procoreCompanyId: '9101', name: 'Meter A', actor: 't' });
    const b = await createCompany(db, { procoreCompanyId: '9102', name: 'Meter B', actor: 't' });
    let at = new Date('2026-11-30T23:59:00Z');
    const meter = createQboCallMeter({ db, now: () => at });
    meter.record(a.id, read('companyinfo'));
    meter.record(a.id, read('query'));
    meter.record(a.id, write('vendor'));
    meter.record(a.id, write('batch', 10));
    meter.record(a.id, write('vendor', 1, 429));
    meter.record(b.id, { method: 'POST', resource: 'query', status: 200, operations: 1 });
    await meter.flush();
    at = new Date('2026-12-01T00:00:01Z');
    meter.record(a.id, read('cdc'));

    expect(await meter.read(a.id, '2026-11')).toEqual<QboCallCounts>({ month: '2026-11', readCalls: 2, writeCalls: 3, writeOperations: 12, throttledCalls: 1 });
    expect(await meter.read(b.id, '2026-11')).toEqual<QboCallCounts>({ month: '2026-11', readCalls: 1, writeCalls: 0, writeOperations: 0, throttledCalls: 0 });
    // read() writes what is pending first: December's CDC call is in the table, not only in memory.
    expect(await meter.read(a.id)).toEqual<QboCallCounts>({ month: '2026-12', readCalls: 1, writeCalls: 0, writeOperations: 0, throttledCalls: 0 });
    const rows = await db.prisma.qboApiCallCount.findMany({ where: { companyId: a.id }, orderBy: { month: 'asc' } });
    expect(rows.map((r) => [r.month, r.readCalls, r.writeCalls])).toEqual([
      ['2026-11', 2, 3],
      ['2026-12', 1, 0],
    ]);
    await meter.close();
  });

  it('over generated histories with failed writes, every call is counted exactly once', async () => {
    const company = await createCompany(testDb.database, { procoreCompanyId: '9103', name: 'Meter C', actor: 't' });
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      await testDb.database.prisma.qboApiCallCount.deleteMany({ where: { companyId: company.id } });
      const next = rng(seed);
      const { database, state } = flaky(testDb.database);
      const meter = createQboCallMeter({ db: database, now: () => new Date('2026-12-07T12:00:00Z') });
      const expected = { readCalls: 0, writeCalls: 0, writeOperations: 0, throttledCalls: 0 };
      const flushes: Promise<void>[] = [];
      for (let step = 0; step < 60; step++) {
        const r = next();
        if (r < 0.5) {
          meter.record(company.id, read());
          expected.readCalls += 1;
        } else if (r < 0.8) {
          const ops = 1 + Math.floor(next() * 30);
          const throttled = next() < 0.2;
          meter.record(company.id, write('batch', ops, throttled ? 429 : 200));
          expected.writeCalls += 1;
          expected.writeOperations += ops;
          expected.throttledCalls += throttled ? 1 : 0;
        } else if (r < 0.9) {
          // Flushes overlap (not awaited); some fail and must keep their counts.
          if (next() < 0.4) state.failures += 1;
          flushes.push(meter.flush().catch(() => {}));
        } else {
          await Promise.all(flushes.splice(0));
        }
      }
      await Promise.all(flushes);
      state.failures = 0;
      await meter.close();
      expect({ seed, ...(await meter.read(company.id, '2026-12')) }).toEqual({ seed, month: '2026-12', ...expected });
      const row = await testDb.database.prisma.qboApiCallCount.findUniqueOrThrow({ where: { companyId_month: { companyId: company.id, month: '2026-12' } } });
      expect({ seed, reads: row.readCalls, ops: row.writeOperations }).toEqual({ seed, reads: expected.readCalls, ops: expected.writeOperations });
    }
  });

  it('counts of a company deleted meanwhile are dropped, not kept failing the flush for the others', async () => {
    const db = testDb.database;
    const gone = await createCompany(db, { procoreCompanyId: '9104', name: 'Meter Gone', actor: 't' });
    const kept = await createCompany(db, { procoreCompanyId: '9105', name: 'Meter Kept', actor: 't' });
    const meter = createQboCallMeter({ db, now: () => new Date('2026-12-07T12:00:00Z') });
    meter.record(gone.id, read());
    meter.record(kept.id, read());
    await db.prisma.company.delete({ where: { id: gone.id } });
    await meter.flush();
    expect((await meter.read(kept.id)).readCalls).toBe(1);
    expect(await db.prisma.qboApiCallCount.count({ where: { companyId: gone.id } })).toBe(0);
  });
});
