import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany, enqueueJob } from '@connector/sync';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Issue 20 part 2, "dead-letter into the exception queue", over HTTP on the real server: a reconciliation (a job with
// no export or import row of its own) fails for good — the company is not connected to Procore, which retrying cannot
// fix — and the Exceptions list shows it; retry (accountant or admin, idempotent) queues it again and it runs;
// dismiss takes it off. On PGlite and PostgreSQL.
describe.each(await databaseKinds())('failed jobs in the exception queue, over HTTP (%s)', (kind) => {
  let server: TestServer;
  let companyId: string;
  let accountant: AuthHeaders;
  let manager: AuthHeaders;
  beforeAll(async () => {
    server = await startTestServer(kind);
    companyId = (await createCompany(server.testDb.database, { procoreCompanyId: '97', name: 'Dead Letter Builders', actor: 'test' })).id;
    accountant = await signInAs(server.app, { companyId, roles: ['accountant'], login: 'acct@example.com' });
    manager = await signInAs(server.app, { companyId, roles: ['project_manager'], login: 'pm@example.com' });
  });
  afterAll(async () => server?.close());

  const list = async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/companies/${companyId}/exceptions?direction=background`, headers: accountant });
    expect(response.statusCode).toBe(200);
    return response.json() as { total: number; counts: Record<string, number>; items: Array<Record<string, unknown>> };
  };
  const post = (path: string, headers: Record<string, string>) => server.app.inject({ method: 'POST', url: `/api/companies/${companyId}${path}`, headers });
  const failReconciliation = async () => {
    const job = await enqueueJob(server.testDb.database.prisma, { companyId, kind: 'procore.reconcile', payload: { full: true, actor: 'schedule' } });
    await server.app.jobRunner.drain({ companyId });
    return job.id;
  };

  it('lists it with our code, what to do and the actions; retry queues it once (double click) and it runs; dismiss takes it off', async () => {
    const jobId = await failReconciliation();
    const listed = await list();
    expect(listed.total).toBe(1);
    expect(listed.counts).toMatchObject({ to_quickbooks: 0, to_procore: 0, background: 1 });
    expect(listed.items[0]).toMatchObject({
      direction: 'background',
      key: `job:${jobId}`,
      recordType: 'procore.reconcile',
      title: 'Reconcile with Procore: read every record again (full reconciliation)',
      code: 'PROCORE_NOT_CONNECTED',
      actions: ['retry', 'dismiss'],
      job: { id: jobId, kind: 'procore.reconcile', attempts: 1, procoreStatus: null },
    });
    expect(listed.items[0]!.todo).toEqual(expect.stringContaining('not tried again by itself'));

    // A project manager may not (the role table's retryOrDismiss); an unknown job is 404; a bad id 400.
    expect((await post(`/exceptions/jobs/${jobId}/retry`, manager)).statusCode).toBe(403);
    expect((await post(`/exceptions/jobs/00000000-0000-4000-8000-000000000000/retry`, accountant)).json()).toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect((await post(`/exceptions/jobs/not-a-uuid/retry`, accountant)).statusCode).toBe(400);

    // The web app's double click: two requests with their own keys, and a replay of the first key.
    const first = await post(`/exceptions/jobs/${jobId}/retry`, { ...accountant, 'idempotency-key': 'retry-job-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'queued' });
    const newJobId = (first.json() as { jobId: string }).jobId;
    expect((await post(`/exceptions/jobs/${jobId}/retry`, { ...accountant, 'idempotency-key': 'retry-job-2' })).json()).toEqual({
      outcome: 'already_retried',
      jobId: newJobId,
    });
    expect((await post(`/exceptions/jobs/${jobId}/retry`, { ...accountant, 'idempotency-key': 'retry-job-1' })).json()).toEqual(first.json());
    const prisma = server.testDb.database.prisma;
    expect(await prisma.job.count({ where: { companyId, kind: 'procore.reconcile', status: 'queued' } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { companyId, action: 'job.retry', subjectId: jobId } })).toBe(1);
    expect((await list()).total).toBe(0);

    // It runs: a fresh attempt count, and (still not connected) it is a dead letter again, listed as the new job.
    expect(await server.app.jobRunner.drain({ companyId })).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: newJobId } })).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await list()).items.map((e) => e.key)).toEqual([`job:${newJobId}`]);

    const dismissed = await post(`/exceptions/jobs/${newJobId}/dismiss`, { ...accountant, 'idempotency-key': 'dismiss-job-1' });
    expect(dismissed.json()).toEqual({ outcome: 'dismissed', jobId: null });
    expect((await list()).total).toBe(0);
    expect(await prisma.auditEntry.count({ where: { companyId, action: 'job.dismiss', subjectId: newJobId } })).toBe(1);
    // The Activity screen says it in words.
    const activity = await server.app.inject({ method: 'GET', url: `/api/companies/${companyId}/activity`, headers: accountant });
    expect(activity.body).toContain('dismissed a failed background job: Reconcile with Procore');
  });
});
