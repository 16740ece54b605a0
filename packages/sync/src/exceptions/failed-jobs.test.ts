import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { createJobRunner, type HeartbeatTimer, type JobHandler } from '../jobs/run-jobs.ts';
import { listExceptions } from './list-exceptions.ts';
import { dismissFailedJob, retryFailedJob } from './resolve-failed-job.ts';

// Issue 20 part 2, "dead-letter into the exception queue": a job that failed for good is on the Exceptions screen
// with what it was doing, our code beside Procore's, attempts and when, and a person retries or dismisses it.
describe.each(await databaseKinds())('failed background jobs on the Exceptions screen (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  let otherCompanyId: string;
  const heartbeatTimer: HeartbeatTimer = () => () => undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '95', name: 'Dead Letter Co', actor: 't' })).id;
    otherCompanyId = (await createCompany(testDb.database, { procoreCompanyId: '96', name: 'Other Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  const runner = (handlers: Record<string, JobHandler>) =>
    createJobRunner({ db: testDb.database, heartbeatTimer, retryBaseMs: 1_000, retryMaxMs: 1_000, handlers });
  const background = async (id = companyId) =>
    (await listExceptions(testDb.database, { companyId: id, limit: 50, offset: 0 })).items.filter((e) => e.direction === 'background');
  const audits = (action: string) => testDb.database.prisma.auditEntry.count({ where: { companyId, action } });

  it('a webhook job that failed for good is listed with what it did, our code beside Procore’s, attempts; retry queues it once and it runs', async () => {
    const prisma = testDb.database.prisma;
    const payload = { resourceType: 'commitment', resourceId: '7', projectId: '3', eventType: 'update', ulid: 'u1' };
    const failed = await enqueueJob(prisma, { companyId, kind: 'procore.apply-change', payload, dedupeKey: 'commitment:7:upsert', maxAttempts: 2 });
    let procoreAnswers = false;
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = {
      'procore.apply-change': async (job) => {
        ran.push(job.id);
        if (!procoreAnswers)
          throw new AppError('PROCORE_UNAVAILABLE', 'Could not read commitment 7 from Procore: Procore answered 503 Service Unavailable.', {
            procoreStatus: 503,
            procoreCode: 'service_unavailable',
            procoreMessage: 'Service Unavailable',
          });
        return { applied: true };
      },
    };
    const first = runner(handlers);
    expect(await first.drain({ companyId })).toBe(1);
    // Retried after its backoff: moved due by hand (no sleep), then its last attempt fails too.
    await prisma.job.update({ where: { id: failed.id }, data: { runAt: new Date(Date.now() - 1_000) } });
    expect(await first.drain({ companyId })).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'failed', attempts: 2 });

    const [entry] = await background();
    expect(entry).toMatchObject({
      key: `job:${failed.id}`,
      recordType: 'procore.apply-change',
      recordId: failed.id,
      title: 'Apply a change Procore reported (webhook): commitment 7, update',
      code: 'PROCORE_UNAVAILABLE',
      reason: 'Could not read commitment 7 from Procore: Procore answered 503 Service Unavailable.',
      actions: ['retry', 'dismiss'],
      job: {
        id: failed.id,
        kind: 'procore.apply-change',
        attempts: 2,
        maxAttempts: 2,
        procoreStatus: 503,
        procoreCode: 'service_unavailable',
        procoreMessage: 'Service Unavailable',
      },
    });
    expect(entry!.todo).toMatch(/tried 2 times and is not tried again by itself/);
    expect((await listExceptions(testDb.database, { companyId, limit: 50, offset: 0 })).counts.background).toBe(1);
    // Scoped by company: the other company sees none of it, and cannot act on it.
    expect(await background(otherCompanyId)).toEqual([]);
    await expect(retryFailedJob(testDb.database, { companyId: otherCompanyId, jobId: failed.id, actor: 'u2' })).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
    });

    // A double click: two retries at once, then a third later — one job queued, one audit, the same answer.
    const clicks = await Promise.all([
      retryFailedJob(testDb.database, { companyId, jobId: failed.id, actor: 'u1' }),
      retryFailedJob(testDb.database, { companyId, jobId: failed.id, actor: 'u1' }),
    ]);
    const again = clicks.find((c) => c.outcome === 'queued')!;
    expect(clicks.map((c) => c.outcome).sort()).toEqual(['already_retried', 'queued']);
    expect(clicks.every((c) => c.jobId === again.jobId)).toBe(true);
    expect(await retryFailedJob(testDb.database, { companyId, jobId: failed.id, actor: 'u1' })).toEqual({ outcome: 'already_retried', jobId: again.jobId });
    expect(await prisma.job.count({ where: { companyId, kind: 'procore.apply-change', status: 'queued' } })).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: again.jobId! } })).toMatchObject({
      status: 'queued',
      attempts: 0,
      maxAttempts: 2,
      payload,
      dedupeKey: 'commitment:7:upsert',
    });
    expect(await prisma.job.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: 'cancelled',
      errorCode: 'PROCORE_UNAVAILABLE',
      result: { retriedAs: again.jobId, retriedBy: 'u1', failure: { procoreStatus: 503 } },
    });
    expect(await audits('job.retry')).toBe(1);
    expect(await background()).toEqual([]);

    // The retried job runs (Procore answers now) and is done; nothing is left on the list.
    procoreAnswers = true;
    expect(await runner(handlers).drain({ companyId })).toBe(1);
    expect(ran.at(-1)).toBe(again.jobId);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: again.jobId! } })).toMatchObject({ status: 'done', attempts: 1 });
    expect(await background()).toEqual([]);
  });

  it('dismiss takes a failed job off the list, audited once; a second click or a retry after it does nothing more', async () => {
    const prisma = testDb.database.prisma;
    const failed = await enqueueJob(prisma, { companyId, kind: 'summary.send-daily', payload: { day: '2026-12-07' }, maxAttempts: 1 });
    expect(
      await runner({
        'summary.send-daily': async () => {
          throw new AppError('SUMMARY_NOT_SENT', 'The SMTP server refused the message (550).');
        },
      }).drain({ companyId }),
    ).toBe(1);
    expect((await background()).map((e) => [e.key, e.title, e.code])).toEqual([
      [`job:${failed.id}`, 'Send the daily summary e-mail of 2026-12-07', 'SUMMARY_NOT_SENT'],
    ]);
    expect(await dismissFailedJob(testDb.database, { companyId, jobId: failed.id, actor: 'u1' })).toEqual({ outcome: 'dismissed', jobId: null });
    expect(await background()).toEqual([]);
    expect(await dismissFailedJob(testDb.database, { companyId, jobId: failed.id, actor: 'u1' })).toEqual({ outcome: 'already_dismissed', jobId: null });
    expect(await retryFailedJob(testDb.database, { companyId, jobId: failed.id, actor: 'u1' })).toEqual({ outcome: 'already_dismissed', jobId: null });
    expect(await audits('job.dismiss')).toBe(1);
    expect(await prisma.job.count({ where: { companyId, kind: 'summary.send-daily', status: 'queued' } })).toBe(0);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'cancelled', result: { dismissedBy: 'u1' } });
  });

  it('a job that has not failed cannot be retried or dismissed from here', async () => {
    const queued = await enqueueJob(testDb.database.prisma, {
      companyId,
      kind: 'procore.reconcile',
      payload: { full: false },
      runAt: new Date(Date.now() + 3_600_000),
    });
    await expect(retryFailedJob(testDb.database, { companyId, jobId: queued.id, actor: 'u1' })).rejects.toMatchObject({ code: 'JOB_NOT_FAILED' });
    await expect(dismissFailedJob(testDb.database, { companyId, jobId: queued.id, actor: 'u1' })).rejects.toMatchObject({ code: 'JOB_NOT_FAILED' });
    await testDb.database.prisma.job.delete({ where: { id: queued.id } });
  });

  it('not listed twice: a prepare job whose export row shows its own exception or no longer waits for it, or a job whose work is queued again or went through since', async () => {
    const prisma = testDb.database.prisma;
    const now = Date.now();
    const deadLetter = (kind: string, payload: object, dedupeKey: string | null, finishedAt: number) =>
      prisma.job.create({
        data: {
          companyId,
          kind,
          payload,
          dedupeKey,
          status: 'failed',
          attempts: 8,
          errorCode: 'INTERNAL',
          lastError: 'boom',
          finishedAt: new Date(finishedAt),
        },
      });
    const failedRow = await prisma.exportRecord.create({
      data: { companyId, recordType: 'commitment', procoreId: '501', title: 'SC-501 Framing', status: 'failed', errorCode: 'PROCORE_RECORD_MISSING' },
    });
    const approvedRow = await prisma.exportRecord.create({
      data: { companyId, recordType: 'commitment', procoreId: '502', title: 'SC-502 Roofing', status: 'approved' },
    });
    await deadLetter('export.prepare', { exportId: failedRow.id }, `export.prepare:${failedRow.id}`, now - 5_000);
    // Prepared since by another job's batch (queued with its source), and one whose export row is gone: nothing to retry.
    const preparedRow = await prisma.exportRecord.create({
      data: { companyId, recordType: 'commitment', procoreId: '503', title: 'SC-503 Glazing', status: 'queued', source: { record: {} } },
    });
    await deadLetter('export.prepare', { exportId: preparedRow.id }, `export.prepare:${preparedRow.id}`, now - 4_500);
    await deadLetter('export.prepare', { exportId: '00000000-0000-4000-8000-000000000503' }, 'export.prepare:gone', now - 4_500);
    const stuck = await deadLetter('export.prepare', { exportId: approvedRow.id }, `export.prepare:${approvedRow.id}`, now - 4_000);
    // Its twin is queued (an event arrived): the work is in hand.
    await deadLetter('procore.apply-change', { resourceType: 'vendor', resourceId: '1' }, 'vendor:1:upsert', now - 3_000);
    await enqueueJob(prisma, { companyId, kind: 'procore.apply-change', payload: {}, dedupeKey: 'vendor:1:upsert', runAt: new Date(now + 3_600_000) });
    // The same work went through afterwards; and two failures of one key: the later is listed, once.
    await deadLetter('procore.apply-change', { resourceType: 'vendor', resourceId: '2' }, 'vendor:2:upsert', now - 3_000);
    await prisma.job.create({
      data: { companyId, kind: 'procore.apply-change', payload: {}, dedupeKey: 'vendor:2:upsert', status: 'done', finishedAt: new Date(now - 2_000) },
    });
    await deadLetter('procore.apply-change', { resourceType: 'vendor', resourceId: '3' }, 'vendor:3:upsert', now - 3_000);
    const later = await deadLetter('procore.apply-change', { resourceType: 'vendor', resourceId: '3' }, 'vendor:3:upsert', now - 1_000);

    const listed = await background();
    expect(listed.map((e) => e.recordId)).toEqual([later.id, stuck.id]);
    expect(listed[1]!.title).toBe('Read an approved export from Procore before it is queued for QuickBooks: SC-502 Roofing');
    const page = await listExceptions(testDb.database, { companyId, limit: 1, offset: 1, direction: 'background' });
    expect(page).toMatchObject({ total: 2, items: [{ recordId: stuck.id }] });
    // The export row with its own exception is listed once, as an export.
    expect((await listExceptions(testDb.database, { companyId, limit: 50, offset: 0, direction: 'to_quickbooks' })).items.map((e) => e.title)).toEqual([
      'SC-501 Framing',
    ]);
  });
});
