import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Data safety, defect 6 ("Sending what is not ready"): only what Procore considers approved can be sent to
// accounting, approved and written to QuickBooks. Pending change orders and invoices under review are
// listed with the reason and refused per record with NOT_APPROVED_IN_PROCORE; a record approved here that
// goes back to a non-approved status in Procore before its request is queued (export.prepare reads Procore
// again) lands in the exception queue instead of QuickBooks. The real server, the Procore simulator (seeded
// with records in several statuses), the Web Connector client and the QuickBooks simulator.
describe.each(await databaseKinds())('only what Procore approved is exported (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let auth: AuthHeaders;
  let qbwc: { username: string; password: string };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Readiness GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    await reconcile();
  }, 120_000);
  afterAll(async () => setup?.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  const store = () => setup.simulator.store;
  const procoreCompanyId = () => setup.simulator.companyId;
  /** Our copy of Procore catches up (what webhooks or the nightly reconciliation do). */
  async function reconcile() {
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
  }
  async function listed(recordType: string, projectId: number, procoreId: number) {
    const list = await api('GET', `/exports/${recordType}?project=${projectId}&limit=500`);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { procoreId: string }) => i.procoreId === String(procoreId));
    expect(item, `${recordType} ${procoreId} listed`).toBeDefined();
    return item;
  }
  async function act(action: 'send' | 'approve', recordType: string, ids: number[]) {
    const answer = await api('POST', `/exports/${recordType}/${action}`, { procoreIds: ids.map(String) });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().results as Array<{ procoreId: string; outcome: string; status: string; code?: string | null; message: string | null }>;
  }

  it('lists a pending change order and an invoice under review as not ready, with the reason, and refuses to send or approve them', async () => {
    const projects = store().projects.list(procoreCompanyId());
    const pending = projects.flatMap((p) => store().changeOrders.list(p.id)).find((co) => co.status === 'pending')!;
    const approvedCo = projects.flatMap((p) => store().changeOrders.list(p.id)).find((co) => co.status === 'approved')!;
    const underReview = projects.flatMap((p) => store().requisitions.list(p.id)).find((r) => r.status === 'under_review')!;
    const approvedInvoices = projects.flatMap((p) => store().requisitions.list(p.id)).filter((r) => r.status === 'approved');
    expect([pending, approvedCo, underReview, approvedInvoices[0]], 'the seed has records in these statuses').not.toContain(undefined);

    const pendingItem = await listed('change_order', pending.project_id, pending.id);
    expect(pendingItem).toMatchObject({ status: 'not_synced', notReady: { code: 'NOT_APPROVED_IN_PROCORE', procoreStatus: 'pending' } });
    expect(pendingItem.notReady.message).toContain('Not approved in Procore: status Pending — approve it in Procore first');
    expect((await listed('change_order', approvedCo.project_id, approvedCo.id)).notReady).toBeNull();
    const reviewItem = await listed('invoice', underReview.project_id, underReview.id);
    expect(reviewItem.notReady).toMatchObject({ code: 'NOT_APPROVED_IN_PROCORE', procoreStatus: 'under_review' });
    expect(reviewItem.notReady.message).toContain('Not approved in Procore: status Under Review — approve it in Procore first');

    // Sending is refused per record, with our code and the same sentence; nothing is written.
    const [sentCo] = await act('send', 'change_order', [pending.id]);
    expect(sentCo).toMatchObject({ outcome: 'refused', status: 'not_synced', code: 'NOT_APPROVED_IN_PROCORE' });
    expect(sentCo!.message).toContain('status Pending');
    const bulk = await act('send', 'invoice', [underReview.id, approvedInvoices[0]!.id]);
    expect(bulk.map((r) => [r.outcome, r.code ?? null])).toEqual([
      ['refused', 'NOT_APPROVED_IN_PROCORE'],
      ['applied', null],
    ]);
    expect(bulk[0]!.message).toContain('status Under Review');
    expect(
      await setup.testDb.database.prisma.exportRecord.count({
        where: { companyId, procoreId: { in: [String(pending.id), String(underReview.id)] }, status: { not: 'not_synced' } },
      }),
    ).toBe(0);

    // An invoice sent while approved goes back to review in Procore: the accountant cannot approve it.
    setup.simulator.edit.updateRequisition(procoreCompanyId(), approvedInvoices[0]!.id, { status: 'under_review' });
    await reconcile();
    expect((await listed('invoice', approvedInvoices[0]!.project_id, approvedInvoices[0]!.id)).notReady).toMatchObject({ code: 'NOT_APPROVED_IN_PROCORE' });
    const [approved] = await act('approve', 'invoice', [approvedInvoices[0]!.id]);
    expect(approved).toMatchObject({ outcome: 'refused', status: 'sent_to_accounting', code: 'NOT_APPROVED_IN_PROCORE' });
    expect(await setup.testDb.database.prisma.job.count({ where: { companyId, kind: 'export.prepare' } })).toBe(0);
  });

  it('a change order and a commitment approved here, set back in Procore before the Web Connector runs, land in the exception queue, not in QuickBooks', async () => {
    const db = setup.testDb.database;
    const company = createCompanyFile({ companyName: 'Readiness Builders' });
    const quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    const subcontractors = company.accounts.find((a) => a.name === 'Subcontractors')!;
    const saved = await api('PATCH', '/settings', {
      itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' },
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const pick = choose(setup);
    const [keep, setBack] = pick.commitmentIds;
    for (const [type, ids] of [
      ['commitment', [keep, setBack]],
      ['change_order', [pick.changeOrderId]],
    ] as const) {
      expect((await act('send', type, [...ids])).map((r) => r.outcome)).toEqual(ids.map(() => 'applied'));
      expect((await act('approve', type, [...ids])).map((r) => r.status)).toEqual(ids.map(() => 'approved'));
    }
    // In Procore, after our approval and before export.prepare reads the records again.
    setup.simulator.edit.updateChangeOrder(procoreCompanyId(), pick.changeOrderId, { status: 'pending', executed: false, approved_date: null });
    setup.simulator.edit.updateCommitment(procoreCompanyId(), setBack, { status: 'Draft' });
    await setup.app.jobRunner.drain();
    const reports: SessionReport[] = [];
    for (let i = 0; i < 6; i++) {
      const report = await runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
      reports.push(report);
      await setup.app.jobRunner.drain();
      if (report.outcome === 'no-work') break;
    }
    expect(reports.map((r) => r.outcome)).not.toContain('failed');

    const rows = await db.prisma.exportRecord.findMany({ where: { companyId, recordType: { in: ['commitment', 'change_order'] } } });
    const row = (type: string, id: number) => rows.find((r) => r.recordType === type && r.procoreId === String(id))!;
    expect(row('change_order', pick.changeOrderId)).toMatchObject({ status: 'failed', errorCode: 'NOT_APPROVED_IN_PROCORE', requestId: null });
    expect(row('change_order', pick.changeOrderId).errorMessage).toContain('Not approved in Procore: status Pending — approve it in Procore first');
    expect(row('commitment', setBack)).toMatchObject({ status: 'failed', errorCode: 'NOT_APPROVED_IN_PROCORE', requestId: null });
    expect(row('commitment', setBack).errorMessage).toContain('Not approved in Procore: status Draft — approve it in Procore first');
    expect(row('commitment', keep).status, JSON.stringify(reports.map((r) => [r.outcome, r.lastError]))).toBe('synced');

    // QuickBooks got the purchase order that is still approved, without the change order's lines.
    const kept = store().commitments.get(keep)!;
    expect(company.purchaseOrders.map((p) => p.refNumber)).toEqual([kept.number]);
    const committed = store()
      .commitmentLineItems.list(keep)
      .reduce((sum, l) => sum + Math.round(l.amount * 100), 0);
    expect(company.purchaseOrders[0]!.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(committed);

    // The exception queue says why, with our code.
    const exceptions = (await api('GET', '/exports/exceptions')).json().items as Array<{ recordType: string; procoreId: string; errorCode: string }>;
    expect(exceptions.map((e) => [e.recordType, e.procoreId, e.errorCode])).toEqual(
      expect.arrayContaining([
        ['change_order', String(pick.changeOrderId), 'NOT_APPROVED_IN_PROCORE'],
        ['commitment', String(setBack), 'NOT_APPROVED_IN_PROCORE'],
      ]),
    );
  }, 120_000);
});

/** A seeded project with two approved commitments (with vendors) and an approved change order on the first. */
function choose(setup: ProcoreTestSetup) {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    const commitments = store.commitments.list(project.id).filter((c) => c.vendor_id !== null && c.status === 'Approved');
    const changeOrder = store.changeOrders.list(project.id).find((co) => co.status === 'approved' && commitments.some((c) => c.id === co.contract_id));
    const other = commitments.find((c) => c.id !== changeOrder?.contract_id);
    if (!changeOrder || !other) continue;
    return { projectId: project.id, commitmentIds: [changeOrder.contract_id, other.id] as [number, number], changeOrderId: changeOrder.id };
  }
  throw new Error('the seed has no project with two approved commitments and an approved change order');
}
