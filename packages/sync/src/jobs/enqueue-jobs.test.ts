import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { enqueueJob } from './enqueue-job.ts';
import { enqueueJobs } from './enqueue-jobs.ts';

describe.each(await databaseKinds())('enqueueJobs: many jobs in one INSERT (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '71', name: 'Jobs GC', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  it('queues each job once, as enqueueJob does: a key already queued is not queued twice, one no longer queued is queued again', async () => {
    const prisma = testDb.database.prisma;
    const job = (n: number) => ({ companyId, kind: 'export.prepare', payload: { exportId: `e${n}` }, dedupeKey: `export.prepare:e${n}` });
    const twin = await enqueueJob(prisma, job(1));
    const done = await enqueueJob(prisma, job(2));
    await prisma.job.update({ where: { id: done.id }, data: { status: 'done' } });
    await prisma.$transaction((tx) => enqueueJobs(tx, [job(1), job(2), job(3)]));
    await prisma.$transaction((tx) => enqueueJobs(tx, [job(3)]));
    const queued = await prisma.job.findMany({ where: { companyId, status: 'queued' }, orderBy: { dedupeKey: 'asc' } });
    expect(queued.map((j) => [j.dedupeKey, j.payload, j.maxAttempts])).toEqual([
      ['export.prepare:e1', { exportId: 'e1' }, 8],
      ['export.prepare:e2', { exportId: 'e2' }, 8],
      ['export.prepare:e3', { exportId: 'e3' }, 8],
    ]);
    expect(queued[0]!.id).toBe(twin.id);
    expect(await prisma.job.count({ where: { companyId } })).toBe(4);
  });
});
