import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@connector/db';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { updateCompanySettings } from '../settings/company-settings.ts';
import { advanceExports, type AdvanceResult } from './advance-exports.ts';

/**
 * Two planning passes for one company at once (a QuickBooks answer, an export.prepare job, a person's action on another
 * instance): the second waits for the first (lock-export-planning.ts) and then finds everything planned. Before the lock
 * in advanceExports, a pass from a QuickBooks answer planned beside a job's: the vendor's request was queued and audited
 * by both, and a dependency created by both failed one pass on the unique index.
 */
describe.each(await databaseKinds())('two export planners for one company (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  const db = () => testDb.database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(db(), { procoreCompanyId: '77', name: 'Two Planners GC', actor: 't' })).id;
    // QuickBooks needs an account for every new item (cost codes).
    await updateCompanySettings(db(), companyId, { itemExpenseAccount: { listId: 'A-1', fullName: 'Job Costs' } }, 't');
    await db().prisma.procoreRecord.createMany({
      data: [
        { companyId, resourceType: 'vendor', procoreId: '701', data: { id: 701, name: 'Concurrent Concrete' } },
        { companyId, resourceType: 'standard_cost_code', procoreId: '801', data: { id: 801, code: '02', full_code: '02', name: 'Sitework' } },
        {
          companyId,
          resourceType: 'standard_cost_code',
          procoreId: '802',
          data: { id: 802, parent_id: 801, code: '100', full_code: '02-100', name: 'Grading' },
        },
      ],
    });
    // Approved and read (list records need no Procore read): what export.prepare leaves for planning.
    const queued = { companyId, status: 'queued', sentBy: 't', decidedBy: 't', decidedAt: new Date() };
    await db().prisma.exportRecord.create({ data: { ...queued, recordType: 'vendor', procoreId: '701', title: 'Concurrent Concrete' } });
    // Its parent (801) has no export yet: planning creates it as a dependency.
    await db().prisma.exportRecord.create({ data: { ...queued, recordType: 'cost_code', procoreId: '802', title: '02-100 Grading' } });
  });
  afterAll(async () => testDb?.dispose());

  const plan = (database: Database, during?: () => Promise<void>) =>
    database.prisma.$transaction(
      async (tx) => {
        const result = await advanceExports(tx, companyId, new Date(), { settle: false });
        await during?.();
        return result;
      },
      { timeout: 60_000 },
    );

  it('the second waits for the first, then plans nothing again: no deadlock, one row and one request per record', async () => {
    let first: AdvanceResult;
    let second: AdvanceResult;
    if (kind === 'postgres') {
      // The first pass holds its transaction open (everything planned, nothing committed) until the second, on another
      // connection, is seen waiting for a lock; then it commits. Ordered by the database's own lock table, not by time.
      const other = await testDb.openAnother();
      let planned!: () => void;
      const firstPlanned = new Promise<void>((resolve) => (planned = resolve));
      let release!: () => void;
      const secondWaiting = new Promise<void>((resolve) => (release = resolve));
      const a = plan(db(), async () => {
        planned();
        await secondWaiting;
      });
      await firstPlanned;
      const b = plan(other);
      const waited = await waitForLockWait(db(), b);
      release();
      const [ra, rb] = await Promise.allSettled([a, b]);
      expect(waited).toBe(true);
      if (rb.status === 'rejected') throw rb.reason;
      if (ra.status === 'rejected') throw ra.reason;
      [first, second] = [ra.value, rb.value];
    } else {
      // PGlite has one connection: transactions run one after the other; the lock is still taken (and re-entered).
      [first, second] = await Promise.all([plan(db()), plan(db())]);
    }

    // The vendor and the parent cost code are queued; the child waits for its parent.
    expect(first).toMatchObject({ queuedRequests: 2, waiting: 1, failed: 0 });
    expect(second).toMatchObject({ queuedRequests: 0, waiting: 0, failed: 0 });
    const rows = await db().prisma.exportRecord.findMany({ where: { companyId }, orderBy: { procoreId: 'asc' } });
    expect(rows.map((r) => [r.recordType, r.procoreId, r.status, r.requestId !== null, r.waitingOn])).toEqual([
      ['vendor', '701', 'queued', true, []],
      ['cost_code', '801', 'queued', true, []],
      ['cost_code', '802', 'queued', false, ['cost_code:801']],
    ]);
    const requests = await db().prisma.queuedRequest.findMany({ where: { companyId }, select: { dedupeKey: true } });
    expect(requests.map((r) => r.dedupeKey).sort()).toEqual(['export:cost_code:801', 'export:vendor:701']);
    const audits = await db().prisma.auditEntry.findMany({
      where: { companyId, action: { in: ['export.request_queued', 'export.dependency_queued'] } },
      select: { action: true, subjectId: true },
    });
    expect(audits.map((a) => `${a.action} ${a.subjectId}`).sort()).toEqual([
      'export.dependency_queued 801',
      'export.request_queued 701',
      'export.request_queued 801',
    ]);
  });
});

/**
 * Until a backend of this database waits for a lock it has not been granted (or `pending` settles first, which means it
 * never had to wait). Polls the lock table query after query: no sleeps, no timing assumptions.
 */
async function waitForLockWait(database: Database, pending: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 10_000 && !settled; i++) {
    const [row] = await database.prisma.$queryRaw<Array<{ waiting: number }>>`
      SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE NOT l.granted AND a.datname = current_database()`;
    if ((row?.waiting ?? 0) > 0) return true;
  }
  return false;
}
