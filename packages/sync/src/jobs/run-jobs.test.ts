import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from './enqueue-job.ts';
import { createJobRunner } from './run-jobs.ts';

const kinds = await databaseKinds();

describe.each(kinds)('durable jobs (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '51', name: 'Jobs Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  it('dedupes queued jobs by key and runs each once, even with two runners on two connections', async () => {
    const first = await enqueueJob(testDb.database.prisma, { companyId, kind: 'count', payload: { n: 1 }, dedupeKey: 'same' });
    const again = await enqueueJob(testDb.database.prisma, { companyId, kind: 'count', payload: { n: 2 }, dedupeKey: 'same' });
    expect(again).toEqual({ id: first.id, created: false });
    for (let i = 0; i < 20; i++) await enqueueJob(testDb.database.prisma, { companyId, kind: 'count', payload: { n: i } });
    const ran: string[] = [];
    const handlers = { count: async (job: { id: string }) => void ran.push(job.id) };
    const other = await testDb.openAnother();
    const [a, b] = await Promise.all([
      createJobRunner({ db: testDb.database, handlers }).drain(),
      createJobRunner({ db: other, handlers }).drain(),
    ]);
    expect(a + b).toBe(21);
    expect(new Set(ran).size).toBe(21);
    expect(ran).toHaveLength(21);
  });

  it('retries a failing job with backoff, then keeps it failed with our code and message', async () => {
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'flaky', payload: {}, maxAttempts: 3 });
    let calls = 0;
    const runner = createJobRunner({
      db: testDb.database,
      handlers: { flaky: async () => { calls++; throw new AppError('PROCORE_UNAVAILABLE', 'Procore did not answer'); } },
      retryBaseMs: 1, retryMaxMs: 5,
    });
    for (let i = 0; i < 5; i++) {
      await runner.drain({ companyId });
      await new Promise((r) => setTimeout(r, 20));
    }
    const row = await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(calls).toBe(3);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, errorCode: 'PROCORE_UNAVAILABLE', lastError: 'Procore did not answer' });
  });

  it('does not retry what retrying cannot fix (sign-in required)', async () => {
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'signin', payload: {} });
    const runner = createJobRunner({ db: testDb.database, handlers: { signin: async () => { throw new AppError('PROCORE_SIGN_IN_REQUIRED'); } } });
    await runner.drain({ companyId });
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'PROCORE_SIGN_IN_REQUIRED' });
  });

  it('picks up a job whose runner died (lease lapsed)', async () => {
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'orphan', payload: {} });
    await testDb.database.prisma.job.update({ where: { id: job.id }, data: { status: 'running', leaseId: 'dead-runner', leaseUntil: new Date(Date.now() - 1000), attempts: 1 } });
    const runner = createJobRunner({ db: testDb.database, handlers: { orphan: async () => ({ ok: true }) } });
    expect(await runner.drain({ companyId })).toBe(1);
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'done', attempts: 2, result: { ok: true } });
  });
});
