import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { purgeFinishedJobs } from './purge-finished-jobs.ts';

const DAY = 86_400_000;

// Issue 20 part 2: finished jobs are not kept forever; failed ones (the exception queue) and open ones are.
describe.each(await databaseKinds())('job retention (%s)', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => testDb?.dispose());

  it('deletes done and cancelled jobs past the retention, in batches, for every company; keeps failed, open and recent ones', async () => {
    const now = new Date(Date.UTC(2026, 11, 7, 8, 0, 0));
    const companies = [
      (await createCompany(testDb.database, { procoreCompanyId: '61', name: 'Retention A', actor: 't' })).id,
      (await createCompany(testDb.database, { procoreCompanyId: '62', name: 'Retention B', actor: 't' })).id,
    ];
    const statuses = ['done', 'cancelled', 'failed', 'queued', 'running'] as const;
    const ages = [1, 6.9, 7.1, 30];
    const rows = companies.flatMap((companyId) =>
      statuses.flatMap((status) =>
        ages.map((age) => ({
          companyId,
          kind: 'retained',
          payload: { status, age },
          status,
          finishedAt: ['done', 'cancelled', 'failed'].includes(status) ? new Date(now.getTime() - age * DAY) : null,
          runAt: new Date(now.getTime() - age * DAY),
          ...(status === 'running' ? { leaseId: `l-${companyId}-${age}`, leaseUntil: new Date(now.getTime() + 60_000) } : {}),
        })),
      ),
    );
    await testDb.database.prisma.job.createMany({ data: rows });
    const shouldGo = rows.filter((r) => (r.status === 'done' || r.status === 'cancelled') && r.finishedAt!.getTime() < now.getTime() - 7 * DAY);

    const deleted = await purgeFinishedJobs(testDb.database, now, { retentionMs: 7 * DAY, batchSize: 3 });

    expect(deleted).toBe(shouldGo.length);
    const left = await testDb.database.prisma.job.findMany({ where: { kind: 'retained' } });
    expect(left).toHaveLength(rows.length - shouldGo.length);
    for (const job of left) {
      const { status, age } = job.payload as { status: string; age: number };
      expect(['done', 'cancelled'].includes(status) && age > 7).toBe(false);
    }
    // A second run finds nothing more.
    expect(await purgeFinishedJobs(testDb.database, now, { retentionMs: 7 * DAY, batchSize: 3 })).toBe(0);
  });

  it('stops after maxBatches and leaves the rest for the next run', async () => {
    const now = new Date(Date.UTC(2026, 11, 7, 8, 0, 0)); // the first test left nothing past the retention at this time
    const companyId = (await createCompany(testDb.database, { procoreCompanyId: '63', name: 'Retention C', actor: 't' })).id;
    await testDb.database.prisma.job.createMany({
      data: Array.from({ length: 10 }, (_, n) => ({ companyId, kind: 'bulk', payload: { n }, status: 'done', finishedAt: new Date(now.getTime() - 8 * DAY) })),
    });
    expect(await purgeFinishedJobs(testDb.database, now, { retentionMs: 7 * DAY, batchSize: 4, maxBatches: 2 })).toBe(8);
    expect(await testDb.database.prisma.job.count({ where: { companyId } })).toBe(2);
    expect(await purgeFinishedJobs(testDb.database, now, { retentionMs: 7 * DAY, batchSize: 4, maxBatches: 2 })).toBe(2);
    expect(await testDb.database.prisma.job.count({ where: { companyId } })).toBe(0);
  });
});
