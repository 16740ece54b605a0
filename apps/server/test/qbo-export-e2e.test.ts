import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isExceptionCode } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import type { QboRecord, QboSimulator } from '@connector/qbo-simulator';
import { createCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { runWebConnectorSession } from '@connector/qbwc-client';
import { APP_ERRORS, createImportService, setQbwcCredentials } from '@connector/sync';
import type { ProcoreTestSetup } from './support/procore-test-setup.ts';
import type { ChosenProject } from './support/choose-export-project.ts';
import { startQboExportSetup, type QboExportSetup } from './support/qbo-export-setup.ts';

// Exports to QuickBooks Online, end to end (issue 22, the accounting-backend seam): the real server, the Procore
// simulator's seeded general contractor and the qbo-simulator. A project with its vendors, cost codes, two
// commitments, a change order and an approved invoice with retainage is sent and approved; the qbo.deliver job writes
// it over Intuit's API (Customer + sub-customer, Service items, Vendors, PurchaseOrders, a Bill linked to PO lines),
// and each answer settles through the same code as a Web Connector answer. Then the faults: answers lost after the
// write (requestid replay), a failed delivery resumed with the same requestid, a 5010 stale SyncToken (a purchase
// order edited in QuickBooks Online: the change order goes to the exception queue, nothing clobbered), 6240 (a vendor
// already in QuickBooks Online: matched, not duplicated), and the Web Connector of an Online company has nothing to do.

const kinds = await databaseKinds();
const REALMS = Array.from({ length: 10 }, (_, i) => `93414530502900${String(i + 1).padStart(2, '0')}`);

describe.each(kinds)('export to QuickBooks Online end to end (%s)', (kind) => {
  let online: QboExportSetup;
  let scenario = -1;
  let setup: ProcoreTestSetup;
  let sim: QboSimulator;
  let companyId: string;
  let pick: ChosenProject;
  const db = () => setup.testDb.database;
  const api: QboExportSetup['api'] = (...args) => online.api(...args);
  const store = () => online.store();
  const named: QboExportSetup['named'] = (...args) => online.named(...args);
  const runFailedDeliveriesNow = () => online.runFailedDeliveriesNow();

  beforeAll(async () => {
    online = await startQboExportSetup(kind, REALMS);
    ({ setup, sim, companyId, pick } = online);
  }, 120_000);
  afterAll(async () => online?.close());

  /** Each scenario: a fresh QuickBooks Online company (the next realm) and a connector that has exported nothing yet. */
  beforeEach(async () => {
    scenario += 1;
    await online.useRealm(REALMS[scenario]!);
  });

  const RECORDS = (): Array<[string, string[]]> => [
    ['project', [String(pick.projectId)]],
    ['budget', [String(pick.projectId)]],
    ['commitment', pick.commitmentIds.map(String)],
    ['change_order', [String(pick.changeOrderId)]],
    ['invoice', [String(pick.requisitionId)]],
  ];

  /** A project manager sends; an accountant approves; the jobs run (export.prepare, then qbo.deliver). */
  async function sendAndApprove(records = RECORDS()) {
    for (const [type, ids] of records) {
      const sent = await api('POST', `/exports/${type}/send`, { procoreIds: ids });
      expect(sent.statusCode, sent.body).toBe(200);
      const approved = await api('POST', `/exports/${type}/approve`, { procoreIds: ids });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().results.map((r: { status: string }) => r.status)).toEqual(ids.map(() => 'approved'));
    }
    await setup.app.jobRunner.drain();
  }

  const exportRows = () => db().prisma.exportRecord.findMany({ where: { companyId }, orderBy: [{ recordType: 'asc' }, { procoreId: 'asc' }] });
  const unsynced = async () =>
    (await exportRows()).filter((r) => r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorCode, r.errorMessage]);

  /** The QuickBooks Online company against the Procore records it came from: one of each, amounts and links right. */
  function assertQuickBooksOnline() {
    const procore = setup.simulator.store;
    for (const entity of ['Vendor', 'Customer', 'Item'] as const) {
      const names = store()
        .list(entity)
        .map((r) => String(r.FullyQualifiedName ?? r.DisplayName ?? r.Name).toLowerCase());
      expect(new Set(names).size, `duplicate ${entity}`).toBe(names.length);
    }
    const project = procore.projects.get(pick.projectId)!;
    const job = store()
      .list('Customer')
      .find((c) => c.Job === true && [project.name.slice(0, 41), `${project.name.slice(0, 41)} (job)`].includes(String(c.DisplayName)))!;
    expect(job, 'sub-customer for the project').toBeDefined();
    const pos = store().list('PurchaseOrder');
    expect(pos).toHaveLength(2);
    const cco = procore.changeOrders.get(pick.changeOrderId)!;
    for (const commitmentId of pick.commitmentIds) {
      const commitment = procore.commitments.get(commitmentId)!;
      const po = pos.find((p) => p.DocNumber === commitment.number)!;
      expect(po, `purchase order ${commitment.number}`).toBeDefined();
      const committed = procore.commitmentLineItems.list(commitmentId).reduce((sum, l) => sum + Math.round(l.amount * 100), 0);
      const changed = cco.contract_id === commitmentId ? cco.line_items.reduce((sum, l) => sum + Math.round(l.amount * 100), 0) : 0;
      const lines = po.Line as Array<{ Amount: number; ItemBasedExpenseLineDetail: { CustomerRef: { value: string } } }>;
      expect(lines.reduce((sum, l) => sum + Math.round(l.Amount * 100), 0)).toBe(committed + changed);
      for (const line of lines) expect(line.ItemBasedExpenseLineDetail.CustomerRef.value).toBe(job.Id);
    }
    const requisition = procore.requisitions.get(pick.requisitionId)!;
    // The budget: one estimate for the job, its lines the budget's.
    const estimates = store().list('Estimate');
    expect(estimates).toHaveLength(1);
    expect((estimates[0]!.CustomerRef as { value: string }).value).toBe(job.Id);
    expect((estimates[0]!.Line as unknown[]).length).toBeGreaterThan(0);
    const bills = store().list('Bill');
    expect(bills).toHaveLength(1);
    const po = pos.find((p) => p.DocNumber === procore.commitments.get(requisition.commitment_id)!.number)!;
    const poLineIds = new Set((po.Line as Array<{ Id: string }>).map((l) => l.Id));
    const billLines = bills[0]!.Line as Array<{
      Amount: number;
      LinkedTxn?: Array<{ TxnId: string; TxnLineId: string }>;
      ItemBasedExpenseLineDetail: { ItemRef: { value: string } };
    }>;
    const linked = billLines.filter((l) => l.LinkedTxn?.length);
    expect(linked.length).toBeGreaterThan(0);
    for (const l of linked) {
      expect(l.LinkedTxn![0]!.TxnId).toBe(po.Id);
      expect(poLineIds.has(l.LinkedTxn![0]!.TxnLineId)).toBe(true);
    }
    const retainage = named('Item', 'Retainage');
    expect(billLines.filter((l) => l.ItemBasedExpenseLineDetail.ItemRef.value === retainage.Id).every((l) => l.Amount < 0)).toBe(true);
  }

  it('exports a project, its vendors and cost codes, two commitments, a change order and an invoice with retainage; again writes nothing', async () => {
    await sendAndApprove();
    expect(await unsynced()).toEqual([]);
    assertQuickBooksOnline();
    // The links hold QuickBooks Online's Id and SyncToken, as a Desktop link holds ListID/TxnID and EditSequence.
    // (The other commitment: the bill against the first one moved its purchase order's SyncToken, in QBO as on Desktop.)
    const poLink = await db().prisma.recordLink.findFirstOrThrow({ where: { companyId, procoreType: 'commitment', procoreId: String(pick.commitmentIds[1]) } });
    const po = store().read('PurchaseOrder', poLink.qbId);
    expect(poLink.editSequence).toBe(po.SyncToken);
    // Every write went with a requestid and is in the audit trail with what was sent.
    const sent = await db().prisma.auditEntry.findMany({ where: { companyId, action: 'qbo.request_sent' } });
    expect(sent.length).toBeGreaterThanOrEqual(store().list('PurchaseOrder').length + store().list('Bill').length);
    expect(sent.every((a) => typeof (a.detail as { requestId?: unknown }).requestId === 'string')).toBe(true);
    // Approving again, and another delivery run, write nothing twice.
    const writesBefore = sim.stats().requests;
    const again = await api('POST', '/exports/commitment/approve', { procoreIds: pick.commitmentIds.map(String) });
    expect(again.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['already', 'already']);
    await setup.app.jobRunner.drain();
    expect(sim.stats().requests).toBe(writesBefore);
    assertQuickBooksOnline();
  });

  it('a batch of purchase orders written and its answer lost past every retry: the next run resends the same stored batch, nothing twice', async () => {
    // The purchase orders go in one batch request; Intuit writes them and the answer is lost, and so are the client's
    // two retries (replayed): the delivery job fails with the batch in flight (the process could as well have died).
    online.line.cut(3, 'after', 'batch', '"PurchaseOrder"');
    await sendAndApprove();
    expect(online.line.cutsLeft).toBe(0);
    const stuck = await db().prisma.queuedRequest.findMany({ where: { companyId, status: 'sent', messageId: null } });
    // The purchase orders, and the budget's estimate of the same priority level, in the same batch.
    expect(stuck.map((r) => r.kind).sort()).toEqual(['EstimateAdd', 'PurchaseOrderAdd', 'PurchaseOrderAdd']);
    // What was sent is stored: one batch, its requestid prefix and each item's bId.
    const prefixes = new Set(stuck.map((r) => (r.qboSent as { batch?: { requestIdPrefix: string } }).batch?.requestIdPrefix));
    expect(prefixes.size).toBe(1);
    expect(store().list('PurchaseOrder')).toHaveLength(2);
    // The delivery run failed with the reason (its retry may have been merged into a twin queued meanwhile: record-job-failure.ts).
    const failedJob = await db().prisma.job.findFirst({ where: { companyId, kind: 'qbo.deliver', lastError: { not: null } } });
    expect(failedJob?.lastError ?? '').toMatch(/QBO_NETWORK_ERROR/);
    const replayedBefore = sim.stats().replayed;
    await runFailedDeliveriesNow();
    expect(await unsynced()).toEqual([]);
    // The same batch went again under the same requestid: QuickBooks Online replayed its first answer.
    expect(sim.stats().replayed).toBe(replayedBefore + 1);
    const resent = await db().prisma.auditEntry.findMany({ where: { companyId, action: 'qbo.request_sent', subjectId: { in: stuck.map((r) => r.id) } } });
    expect(new Set(resent.map((a) => (a.detail as { requestId: string }).requestId))).toEqual(new Set([`${[...prefixes][0]}-1`]));
    assertQuickBooksOnline();
  });

  it('a lone write whose answer is lost past every retry: the next run resends the same requestid and nothing is written twice', async () => {
    // The invoice's bill is the only write of its level: it goes alone, under its row's requestid.
    online.line.cut(3, 'after', 'bill');
    await sendAndApprove();
    const stuck = await db().prisma.queuedRequest.findMany({ where: { companyId, status: 'sent', messageId: null } });
    expect(stuck.map((r) => r.kind)).toEqual(['BillAdd']);
    expect(store().list('Bill')).toHaveLength(1);
    expect(stuck[0]!.qboSent).toMatchObject({ entity: 'Bill', operation: 'create' });
    const replayedBefore = sim.stats().replayed;
    await runFailedDeliveriesNow();
    expect(await unsynced()).toEqual([]);
    expect(sim.stats().replayed).toBe(replayedBefore + 1);
    const resent = await db().prisma.queuedRequest.findUniqueOrThrow({ where: { id: stuck[0]!.id } });
    expect(resent.requestId).toBe(stuck[0]!.requestId);
    assertQuickBooksOnline();
  });

  it('the company disconnects the app in QuickBooks Online mid-export: deliveries stop with "reconnect needed", nothing lost; once reconnected, each record goes once', async () => {
    await sendAndApprove([['project', [String(pick.projectId)]]]);
    expect(await unsynced()).toEqual([]);
    // Intuit revokes the refresh token; the stored access token has run out.
    sim.oauth.revokeRealm(online.realmId());
    await db().prisma.qboConnection.update({ where: { companyId }, data: { accessTokenExpiresAt: new Date(Date.now() - 1000) } });
    const commitments: Array<[string, string[]]> = [['commitment', pick.commitmentIds.map(String)]];
    await sendAndApprove(commitments);
    const connection = await api('GET', '/qbo/connection');
    expect(connection.json()).toMatchObject({ status: 'needs_reconnect', lastError: { code: 'QBO_RECONNECT_REQUIRED' } });
    // Nothing written, nothing lost: the commitments wait (queued or in flight), no purchase order in QuickBooks Online.
    expect(store().list('PurchaseOrder')).toHaveLength(0);
    expect((await exportRows()).filter((r) => r.recordType === 'commitment').map((r) => r.status)).toEqual(['queued', 'queued']);
    const failedJob = await db().prisma.job.findFirst({ where: { companyId, kind: 'qbo.deliver', errorCode: 'QBO_RECONNECT_REQUIRED' } });
    expect(failedJob).not.toBeNull();
    // Meanwhile more sends are refused with the reason.
    const refused = await api('POST', '/exports/change_order/send', { procoreIds: [String(pick.changeOrderId)] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('QBO_RECONNECT_REQUIRED');
    // An admin connects again; the deliveries resume and each purchase order is written once.
    await online.reconnect();
    await runFailedDeliveriesNow();
    expect(await unsynced()).toEqual([]);
    expect(store().list('PurchaseOrder')).toHaveLength(2);
  });

  it('QuickBooks Online unavailable (503) past every retry: the requests wait in flight, then go once it is back', async () => {
    sim.faults.inject({ kind: 'status', status: 503 }, { times: 6 });
    await sendAndApprove();
    expect((await exportRows()).some((r) => r.status === 'synced')).toBe(false);
    await runFailedDeliveriesNow();
    await runFailedDeliveriesNow();
    expect(await unsynced()).toEqual([]);
    assertQuickBooksOnline();
  });

  it('a purchase order edited in QuickBooks Online since the export: the change order is refused by 5010 and waits in the exception queue; nothing is clobbered', async () => {
    const [withoutChange] = RECORDS().filter(([type]) => type !== 'change_order' && type !== 'invoice');
    await sendAndApprove([withoutChange!, ['commitment', pick.commitmentIds.map(String)]]);
    expect(await unsynced()).toEqual([]);
    const cco = setup.simulator.store.changeOrders.get(pick.changeOrderId)!;
    const link = await db().prisma.recordLink.findFirstOrThrow({ where: { companyId, procoreType: 'commitment', procoreId: String(cco.contract_id) } });
    // The accountant changes a line's amount in QuickBooks Online: its SyncToken moves on.
    const before = store().read('PurchaseOrder', link.qbId);
    const lines = structuredClone(before.Line) as Array<{ Amount: number; ItemBasedExpenseLineDetail: { Qty?: number; UnitPrice?: number } }>;
    lines[0]!.Amount += 100;
    lines[0]!.ItemBasedExpenseLineDetail.Qty = 1;
    lines[0]!.ItemBasedExpenseLineDetail.UnitPrice = lines[0]!.Amount;
    const edited = store().editAsUser('PurchaseOrder', link.qbId, { Line: lines });
    expect(edited.SyncToken).not.toBe(link.editSequence);
    await sendAndApprove([['change_order', [String(pick.changeOrderId)]]]);
    const row = (await exportRows()).find((r) => r.recordType === 'change_order')!;
    expect(row.status).toBe('failed');
    expect(row.errorCode).toMatch(/QB_CHANGED_IN_QUICKBOOKS|QB_RECORD_KEEPS_CHANGING/);
    expect(isExceptionCode(row.errorCode!)).toBe(true);
    // QuickBooks Online's purchase order is the accountant's, untouched by the connector.
    const po = store().read('PurchaseOrder', link.qbId) as QboRecord & { Line: Array<{ Amount: number }> };
    expect(po.SyncToken).toBe(edited.SyncToken);
    expect(po.Line.map((l) => l.Amount)).toEqual(lines.map((l) => l.Amount));
    const raw = await db().prisma.queuedRequest.findFirst({ where: { companyId, kind: 'PurchaseOrderMod', statusCode: 3200 } });
    expect(raw?.statusMessage).toMatch(/5010/);
  });

  it('a vendor already in QuickBooks Online (6240) is matched, not duplicated', async () => {
    const commitment = setup.simulator.store.commitments.get(pick.commitmentIds[0])!;
    const vendorName = setup.simulator.store.vendors.get(commitment.vendor_id!)!.name.slice(0, 41);
    const existing = store().create('Vendor', { DisplayName: vendorName, CompanyName: vendorName });
    await sendAndApprove([
      ['project', [String(pick.projectId)]],
      ['commitment', [String(pick.commitmentIds[0])]],
    ]);
    expect(await unsynced()).toEqual([]);
    expect(
      store()
        .list('Vendor')
        .filter((v) => String(v.DisplayName).toLowerCase() === vendorName.toLowerCase()),
    ).toHaveLength(1);
    const link = await db().prisma.recordLink.findFirstOrThrow({ where: { companyId, procoreType: 'vendor', procoreId: String(commitment.vendor_id) } });
    expect(link.qbId).toBe(existing.Id);
    const po = store()
      .list('PurchaseOrder')
      .find((p) => p.DocNumber === commitment.number)!;
    expect((po.VendorRef as { value: string }).value).toBe(existing.Id);
  });

  it('refreshes items (with accounts and classes), jobs and vendors from QuickBooks Online: the Settings pickers and the lists show them; again reads only what changed', async () => {
    const refresh = async (kind: 'items' | 'jobs' | 'vendors') => {
      const res = await api('POST', '/imports/refresh', { kind });
      expect(res.statusCode, res.body).toBe(202);
      await setup.app.jobRunner.drain();
    };
    await refresh('items');
    // The Settings pickers: QuickBooks Online's chart of accounts in qbXML's account types, and its classes.
    const lists = await api('GET', '/settings/quickbooks-lists?accountType=Income&accountType=CostOfGoodsSold');
    expect(lists.statusCode, lists.body).toBe(200);
    const body = lists.json() as {
      accounts: { readAt: string | null; entries: Array<{ listId: string; fullName: string; accountType: string }> };
      classes: { entries: Array<{ fullName: string }> };
      refreshPending: boolean;
    };
    expect(body.accounts.readAt).not.toBeNull();
    expect(body.refreshPending).toBe(false);
    expect(body.accounts.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ listId: named('Account', 'Contract Revenue').Id, fullName: 'Contract Revenue', accountType: 'Income' }),
        expect.objectContaining({ fullName: 'Job Costs - Subcontracts', accountType: 'CostOfGoodsSold' }),
      ]),
    );
    expect(body.accounts.entries.every((a) => a.accountType === 'Income' || a.accountType === 'CostOfGoodsSold')).toBe(true);
    expect(body.classes.entries.map((c) => c.fullName).sort()).toEqual(['Commercial', 'Public Works', 'Residential']);
    const entries = (listType: string) => db().prisma.qbListEntry.findMany({ where: { companyId, listType } });
    expect((await entries('Item')).length).toBe(store().list('Item').length);
    expect((await entries('Item')).find((i) => i.name === 'Retainage')?.listId).toBe(named('Item', 'Retainage').Id);

    await refresh('jobs');
    await refresh('vendors');
    expect((await entries('Customer')).length).toBe(store().list('Customer').length);
    expect((await entries('Vendor')).length).toBe(store().list('Vendor').length);
    const job = store()
      .list('Customer')
      .find((c) => c.Job === true)!;
    expect((await entries('Customer')).find((c) => c.listId === job.Id)).toMatchObject({
      fullName: job.FullyQualifiedName,
      parentListId: (job.ParentRef as { value: string }).value,
    });

    // An accountant renames a vendor in QuickBooks Online; the next refresh reads what changed since the last one.
    const vendor = store().list('Vendor')[0]!;
    store().editAsUser('Vendor', vendor.Id, { DisplayName: `${String(vendor.DisplayName)} Inc` });
    await refresh('vendors');
    expect((await entries('Vendor')).find((v) => v.listId === vendor.Id)).toMatchObject({
      name: `${String(vendor.DisplayName)} Inc`,
      editSequence: String(Number(vendor.SyncToken) + 1),
    });
    const reads = await db().prisma.queuedRequest.findMany({ where: { companyId, kind: 'VendorQuery', status: 'done' }, orderBy: { createdAt: 'asc' } });
    expect(reads.length).toBe(2);
    expect((reads[1]!.payload as { fromModifiedDate?: string }).fromModifiedDate).toBeDefined();
    // Job costs are not read from QuickBooks Online yet: refused, nothing queued.
    const costs = await api('POST', '/imports/refresh', { kind: 'job_costs' });
    expect(costs.statusCode).toBe(409);
    expect(costs.json().code).toBe('ONLINE_EDITION_NOT_READY');
    // The schedule refreshes an Online company's lists when they are due (never its job costs), delivered at once.
    const imports = createImportService({ db: db(), clientFor: () => Promise.reject(new Error('no Procore needed')) });
    expect(await imports.queueDueRefreshes(new Date(Date.now() + 30 * 24 * 3_600_000))).toBe(3);
    expect(await db().prisma.queuedRequest.count({ where: { companyId, dedupeKey: { startsWith: 'import:job_costs:' } } })).toBe(0);
    await setup.app.jobRunner.drain();
    expect(await db().prisma.queuedRequest.count({ where: { companyId, status: { in: ['queued', 'sent'] } } })).toBe(0);
  });

  it('the Web Connector of an Online company has nothing to do; back to Desktop waits for the Online work; every stored code is typed', async () => {
    const credentials = await setQbwcCredentials(db(), { companyId, actor: 'test' });
    await db().prisma.queuedRequest.create({ data: { companyId, kind: 'VendorQuery', payload: { type: 'VendorQuery' }, dedupeKey: 'online-wc-test' } });
    const poll = () =>
      runWebConnectorSession({
        url: `${setup.publicUrl}/qbwc`,
        username: credentials.connection.username,
        password: credentials.password,
        processor: new QuickBooksSimulator({ company: createCompanyFile({ companyName: 'Not this one' }) }),
        noOpDelayMs: 10,
      });
    expect((await poll()).outcome).toBe('no-work');
    // Polled again within the day: told the same, audited once a day, not on every poll.
    expect((await poll()).outcome).toBe('no-work');
    expect(await db().prisma.auditEntry.count({ where: { companyId, action: 'qbwc.online_company' } })).toBe(1);
    expect(await db().prisma.queuedRequest.count({ where: { companyId, dedupeKey: 'online-wc-test', status: 'queued' } })).toBe(1);
    // Back to Desktop is refused while QuickBooks Online has work: it would go to the other books.
    const back = await api('PUT', '/accounting-edition', { edition: 'desktop' });
    expect(back.statusCode, back.body).toBe(409);
    expect(back.json()).toMatchObject({ code: 'EDITION_SWITCH_BLOCKED', error: { details: { queued: 1 } } });
    expect(back.json().message).toMatch(/QuickBooks Online still has 1 request queued/);
    await db().prisma.queuedRequest.deleteMany({ where: { companyId, dedupeKey: 'online-wc-test' } });
    const codes = [
      ...(await db().prisma.exportRecord.findMany({ where: { companyId, errorCode: { not: null } }, select: { errorCode: true } })),
      ...(await db().prisma.queuedRequest.findMany({ where: { companyId, errorCode: { not: null } }, select: { errorCode: true } })),
    ].map((r) => r.errorCode!);
    expect([...new Set(codes)].filter((code) => !isExceptionCode(code) && !Object.hasOwn(APP_ERRORS, code))).toEqual([]);
  });
});
