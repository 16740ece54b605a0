import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// export.prepare coalesced (issue 19): the job of one approved export reads and queues every approved export of the
// company, each commitment read from Procore in one call (the contract with its line items); what each export must
// pass is unchanged — gone from our copy of Procore: PROCORE_RECORD_MISSING; set back in Procore: NOT_APPROVED_IN_PROCORE;
// a read that may pass later is left to its own job, which reads Procore again. The real server and the Procore simulator.
describe.each(await databaseKinds())('export.prepare reads the approved exports of a company together (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let auth: AuthHeaders;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind);
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Batch GC', actor: 'test' })).id;
    auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
  }, 120_000);
  afterAll(async () => setup?.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  const prisma = () => setup.testDb.database.prisma;
  const store = () => setup.simulator.store;
  async function sendAndApprove(ids: number[]) {
    for (const action of ['send', 'approve'] as const) {
      const answer = await api('POST', `/exports/commitment/${action}`, { procoreIds: ids.map(String) });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(ids.map(() => 'applied'));
    }
  }
  /** Approved commitments (with a vendor) that no test has used yet. */
  const used = new Set<number>();
  function approvedCommitments(count: number): number[] {
    const ids = store()
      .projects.list(setup.simulator.companyId)
      .flatMap((p) => store().commitments.list(p.id))
      .filter((c) => c.status === 'Approved' && c.vendor_id !== null && !used.has(c.id))
      .map((c) => c.id)
      .slice(0, count);
    if (ids.length < count) throw new Error(`the seed has fewer than ${count} unused approved commitments`);
    for (const id of ids) used.add(id);
    return ids;
  }
  const projectsOf = (ids: number[]) => new Set(ids.map((id) => store().commitments.get(id)!.project_id)).size;
  const commitmentRows = (ids: number[]) =>
    prisma().exportRecord.findMany({ where: { companyId, recordType: 'commitment', procoreId: { in: ids.map(String) } } });
  const calls = (pattern: RegExp) =>
    Object.entries(setup.simulator.stats().byRoute)
      .filter(([route]) => pattern.test(route))
      .reduce((n, [, count]) => n + count, 0);

  it('one job reads and queues them all, one Procore call per commitment; gone and set-back ones fail as before; the other jobs are done without running', async () => {
    const ids = approvedCommitments(5);
    const [gone, setBack] = ids as [number, number];
    await sendAndApprove(ids);
    // Deleted in Procore and our copy knows (a webhook's delete); set back to Draft in Procore after our approval.
    await prisma().procoreRecord.updateMany({
      where: { companyId, resourceType: { in: ['work_order_contract', 'purchase_order_contract'] }, procoreId: String(gone) },
      data: { deletedAt: new Date() },
    });
    setup.simulator.edit.updateCommitment(setup.simulator.companyId, setBack, { status: 'Draft' });
    setup.simulator.resetStats();
    expect(await prisma().job.count({ where: { companyId, kind: 'export.prepare', status: 'queued' } })).toBe(5);

    await runUntilMoved(ids.slice(0, 1));
    const rows = await commitmentRows(ids);
    const row = (id: number) => rows.find((r) => r.procoreId === String(id))!;
    expect(row(gone)).toMatchObject({ status: 'failed', errorCode: 'PROCORE_RECORD_MISSING' });
    expect(row(setBack)).toMatchObject({ status: 'failed', errorCode: 'NOT_APPROVED_IN_PROCORE' });
    expect(row(setBack).errorMessage).toContain('status Draft');
    for (const id of ids.slice(2)) {
      // Queued with what Procore answered (the planning pass may then fail it on a dependency: no item account is set here).
      expect(row(id).errorCode, `${row(id).errorCode}: ${row(id).errorMessage}`).not.toMatch(/^PROCORE|NOT_APPROVED/);
      const source = row(id).source as { record: { lines: Array<{ id: number }>; commitment: Record<string, unknown> } };
      expect(source.record.lines.map((l) => l.id).sort()).toEqual(
        store()
          .commitmentLineItems.list(id)
          .map((l) => l.id)
          .sort(),
      );
      expect(source.record.commitment).not.toHaveProperty('line_items');
    }
    // Four reads (the one gone from our copy is not read), each the contract with its line items; the project's cost codes once.
    expect(calls(/^GET \/rest\/v1\.0\/(work_order|purchase_order)_contracts\/\{id\}$/)).toBe(4);
    expect(calls(/line_items/)).toBe(0);
    expect(calls(/^GET \/rest\/v1\.0\/cost_codes$/)).toBeLessThanOrEqual(projectsOf(ids));
    // One audit entry per export moved by export.prepare (a later planning failure has its own, internal one).
    const audits = await prisma().auditEntry.findMany({
      where: {
        companyId,
        subjectId: { in: ids.map(String) },
        OR: [{ action: 'export.queue' }, { action: 'export.failed', direction: 'from_procore' }],
      },
    });
    expect(audits.map((a) => `${a.action} ${a.subjectId}`).sort()).toEqual(
      [`export.failed ${gone}`, `export.failed ${setBack}`, ...ids.slice(2).map((id) => `export.queue ${id}`)].sort(),
    );

    // The other four jobs are done without running, naming the job that prepared their exports; Procore is called no more.
    const jobs = await prisma().job.findMany({ where: { companyId, kind: 'export.prepare' } });
    const ownJobs = jobs.filter((j) => rows.some((r) => r.id === (j.payload as { exportId: string }).exportId));
    expect(ownJobs.map((j) => j.status)).toEqual(ownJobs.map(() => 'done'));
    const ran = ownJobs.filter((j) => j.attempts === 1);
    expect(ran).toHaveLength(1);
    expect(ownJobs.filter((j) => j.attempts === 0).map((j) => j.result)).toEqual(
      Array.from({ length: 4 }, () => ({ skipped: 'prepared by another job', by: ran[0]!.id })),
    );
    const before = calls(/contracts/);
    await setup.app.jobRunner.drain({ companyId });
    expect(calls(/contracts/)).toBe(before);
  }, 120_000);

  it('a read that fails for now leaves that export approved for its own job, which reads Procore again and queues it', async () => {
    await setup.app.jobRunner.drain({ companyId });
    const ids = approvedCommitments(3);
    const target = ids[2]!;
    await sendAndApprove(ids);
    // The target's own job waits, so another job's batch meets the failure; Procore unavailable for this one contract
    // through every retry of the client (503 with Retry-After 0).
    const targetRow = await prisma().exportRecord.findFirstOrThrow({ where: { companyId, recordType: 'commitment', procoreId: String(target) } });
    const targetJob = (await prisma().job.findMany({ where: { companyId, kind: 'export.prepare', status: 'queued' } })).find(
      (j) => (j.payload as { exportId: string }).exportId === targetRow.id,
    )!;
    await prisma().job.update({ where: { id: targetJob.id }, data: { runAt: new Date(Date.now() + 3_600_000) } });
    setup.simulator.faults.failNext(6, { status: 503, retryAfterSeconds: 0, path: new RegExp(`_contracts/${target}\\?`) });

    await runUntilMoved(ids.slice(0, 2));
    const afterFirst = await commitmentRows(ids);
    for (const id of ids.slice(0, 2)) expect(afterFirst.find((r) => r.procoreId === String(id))!.source).not.toBeNull();
    expect(afterFirst.find((r) => r.procoreId === String(target))).toMatchObject({ status: 'approved', errorCode: null, source: null });

    await prisma().job.update({ where: { id: targetJob.id }, data: { runAt: new Date() } });
    await setup.app.jobRunner.drain({ companyId });
    const done = await prisma().exportRecord.findUniqueOrThrow({ where: { id: targetRow.id } });
    expect(done.errorCode ?? '').not.toMatch(/^PROCORE/);
    expect((done.source as { record: { lines: unknown[] } }).record.lines).toHaveLength(store().commitmentLineItems.list(target).length);
    expect(await prisma().job.findUniqueOrThrow({ where: { id: targetJob.id } })).toMatchObject({ status: 'done' });
    setup.simulator.faults.clear();
  }, 180_000);

  /** Runs jobs one at a time until every export named has left 'approved' (at most 20 jobs). */
  async function runUntilMoved(ids: number[]) {
    for (let i = 0; i < 20; i++) {
      const rows = await commitmentRows(ids);
      if (rows.every((r) => r.status !== 'approved')) return;
      expect(await setup.app.jobRunner.drain({ companyId, maxJobs: 1 })).toBe(1);
    }
    throw new Error('the exports were not prepared');
  }
});
