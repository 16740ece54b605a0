import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { enqueueJob } from './enqueue-job.ts';
import { createJobRunner } from './run-jobs.ts';

// Graceful shutdown (SIGTERM, apps/server/src/main.ts): stop() lets the job in hand finish and record its
// outcome — so no lease is left to lapse — and claims nothing after it, though more jobs are due.
describe.each(await databaseKinds())('stopping the job runner (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '77', name: 'Stop Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  it('finishes the running job, writes its outcome and claims no other', async () => {
    const first = await enqueueJob(testDb.database.prisma, { companyId, kind: 'slow', payload: { n: 1 } });
    const second = await enqueueJob(testDb.database.prisma, { companyId, kind: 'slow', payload: { n: 2 }, runAt: new Date(Date.now() + 1) });
    let entered!: () => void;
    const running = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    const runner = createJobRunner({
      db: testDb.database,
      pollIntervalMs: 1,
      handlers: {
        slow: async (job) => {
          ran.push(job.id);
          entered();
          await released;
        },
      },
    });
    runner.start();
    await running;
    const stopped = runner.stop();
    release();
    await stopped;

    expect(ran).toEqual([first.id]);
    const rows = await testDb.database.prisma.job.findMany({ where: { id: { in: [first.id, second.id] } } });
    expect(rows.find((r) => r.id === first.id)).toMatchObject({ status: 'done', leaseId: null, leaseUntil: null });
    expect(rows.find((r) => r.id === second.id)).toMatchObject({ status: 'queued', leaseId: null, attempts: 0 });
  });

  it('with JOB_CONCURRENCY 2: both jobs in hand finish and record their outcome; the third is not claimed', async () => {
    const jobs: Array<{ id: string; created: boolean }> = [];
    for (let n = 0; n < 3; n++)
      jobs.push(await enqueueJob(testDb.database.prisma, { companyId, kind: 'pair', payload: { n }, runAt: new Date(Date.now() + n) }));
    let bothIn!: () => void;
    const twoRunning = new Promise<void>((resolve) => (bothIn = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    const runner = createJobRunner({
      db: testDb.database,
      pollIntervalMs: 1,
      concurrency: 2,
      handlers: {
        pair: async (job) => {
          ran.push(job.id);
          if (ran.length === 2) bothIn();
          await released;
        },
      },
    });
    runner.start();
    await twoRunning;
    expect(runner.inFlight()).toBe(2);
    const stopped = runner.stop();
    release();
    await stopped;

    expect(ran.sort()).toEqual([jobs[0]!.id, jobs[1]!.id].sort());
    const rows = await testDb.database.prisma.job.findMany({ where: { id: { in: jobs.map((j) => j.id) } } });
    for (const job of jobs.slice(0, 2)) expect(rows.find((r) => r.id === job.id)).toMatchObject({ status: 'done', leaseId: null, leaseUntil: null });
    expect(rows.find((r) => r.id === jobs[2]!.id)).toMatchObject({ status: 'queued', leaseId: null, attempts: 0 });
  });
});
