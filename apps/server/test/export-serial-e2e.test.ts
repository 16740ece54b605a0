import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, enqueueRequest, setQbwcCredentials, createCompany } from '@connector/sync';
import type { CommitmentChangeOrder } from '@connector/procore-simulator';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Data safety, defect 2 ("the connector creates its own conflict"): several change orders and an invoice on ONE
// purchase order. Writes to one QuickBooks transaction go one at a time (docs/qbxml.md#writes-and-editsequence: a Mod needs the
// EditSequence the previous write returned), in approval order then Procore number, each built when it is its
// turn; a 3200 whose read-back shows nothing we manage changed is not someone else's edit; a real edit still
// becomes an exception that shows the fields; and taking QuickBooks' version of an approved change order that
// never reached QuickBooks needs an explicit confirmation. Server + Procore simulator + Web Connector client +
// QuickBooks simulator, as in export-e2e.test.ts.
/** A dozen Web Connector sessions: more than the default minute on a busy 2-core machine (a limit, not a measurement). */
const LONG = 300_000;

describe.each(await databaseKinds())('change orders and invoices on one purchase order (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let auth: AuthHeaders;
  let scenario = 0;
  let pick: { projectId: number; commitmentId: number };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Serial GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
    expect((await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/service-account`, headers: auth })).statusCode).toBe(200);
    pick = choose(setup);
  }, 120_000);
  afterAll(async () => setup?.close());

  beforeEach(async () => {
    scenario += 1;
    const db = setup.testDb.database;
    for (const table of ['exportRecord', 'recordLink', 'queuedRequest', 'qbwcMessage', 'qbwcSession'] as const) {
      await (db.prisma[table] as { deleteMany(args: object): Promise<unknown> }).deleteMany({ where: { companyId } });
    }
    await db.prisma.job.deleteMany({ where: { companyId, kind: { startsWith: 'export.' } } });
    await db.prisma.qbwcConnection.update({ where: { companyId }, data: { boundFileId: null, boundCompanyFile: null, boundCompanyName: null, boundAt: null } });
    company = createCompanyFile({ companyName: `Serial Builders ${scenario}` });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    // The retainage item and the item account exist in QuickBooks and are chosen in the settings.
    const retainageAccount = company.accounts.find((a) => a.name === 'Retainage Payable')!;
    await enqueueRequest(db, {
      companyId,
      dedupeKey: `setup:retainage:${scenario}`,
      requestedBy: 'admin',
      request: {
        type: 'ItemOtherChargeAdd',
        name: 'Retainage',
        salesOrPurchase: { desc: 'Retainage withheld', accountRef: { listId: retainageAccount.listId } },
      },
    });
    expect((await session()).outcome).toBe('completed');
    const retainage = company.items.find((i) => i.name === 'Retainage')!;
    const subcontractors = company.accounts.find((a) => a.name === 'Subcontractors')!;
    const saved = await api('PATCH', '/settings', {
      invoiceRetainageItem: { listId: retainage.listId, fullName: 'Retainage' },
      itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' },
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  const db = () => setup.testDb.database;
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });

  /** Web Connector sessions until the queue is empty; every one must complete (no idle timeouts, no sleeps). */
  async function runUntilIdle(max = 8) {
    for (let i = 0; i < max; i++) {
      const report = await session();
      await setup.app.jobRunner.drain();
      if (report.outcome === 'no-work') return;
      expect(report.outcome, report.lastError ?? report.statusLine).toBe('completed');
    }
    throw new Error(`still work after ${max} sessions`);
  }

  /** What a person does in Procore, then the connector's copy catches up (reconciliation). */
  async function refreshFromProcore() {
    const reconciled = await api('POST', '/procore/reconcile', { full: true });
    expect(reconciled.statusCode, reconciled.body).toBeLessThan(300);
    await setup.app.jobRunner.drain();
  }

  /** One bulk action: send, then approve, the given records of one type (ids in the order given). */
  async function sendAndApprove(type: string, ids: number[]) {
    const procoreIds = ids.map(String);
    const sent = await api('POST', `/exports/${type}/send`, { procoreIds });
    expect(
      sent.json().results.map((r: { outcome: string }) => r.outcome),
      sent.body,
    ).toEqual(procoreIds.map(() => 'applied'));
    const approved = await api('POST', `/exports/${type}/approve`, { procoreIds });
    expect(
      approved.json().results.map((r: { status: string }) => r.status),
      approved.body,
    ).toEqual(procoreIds.map(() => 'approved'));
  }

  /** A new approved change order on the commitment: one line editing each of the first SOV lines, one new-scope line. */
  function newChangeOrder(n: number): CommitmentChangeOrder {
    const store = setup.simulator.store;
    const lines = store.commitmentLineItems.list(pick.commitmentId).filter((l) => l.amount !== 0);
    return setup.simulator.edit.createChangeOrder(setup.simulator.companyId, pick.projectId, {
      contract_id: pick.commitmentId,
      status: 'approved',
      title: `Serial change ${n}`,
      line_items: [
        { commitment_line_item_id: lines[0]!.id, amount: 1000 + n * 111.11, description: `More work ${n}` },
        { commitment_line_item_id: lines[n % lines.length]!.id, amount: 250 + n, description: `Extra ${n}` },
        { cost_code_id: lines[0]!.cost_code_id, amount: -(75 + n), description: `Credit ${n}` },
      ],
    });
  }

  /** The purchase order as QuickBooks holds it, and the lines each change order put on it (by their "Change order #n" description). */
  function poInQuickBooks() {
    const commitment = setup.simulator.store.commitments.get(pick.commitmentId)!;
    const pos = company.purchaseOrders.filter((p) => p.refNumber === commitment.number);
    expect(pos, 'one purchase order for the commitment').toHaveLength(1);
    return pos[0]!;
  }
  const linesOf = (po: ReturnType<typeof poInQuickBooks>, co: CommitmentChangeOrder) =>
    po.lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.desc === `Change order #${co.number}` || line.desc?.startsWith(`Change order #${co.number}:`));
  const cents = (amount: number) => Math.round(amount * 100);

  /** No message carried two requests that write the same QuickBooks transaction. */
  async function assertOneWritePerTransactionPerMessage(poTxnId: string) {
    const messages = await db().prisma.qbwcMessage.findMany({ where: { companyId } });
    for (const message of messages) {
      const requests = await db().prisma.queuedRequest.findMany({ where: { companyId, id: { in: message.requestIds } } });
      const touching = requests.filter((r) => {
        const payload = r.payload as { type: string; txnId?: string; itemLines?: Array<{ linkToTxn?: { txnId: string } }> };
        return (
          (payload.type === 'PurchaseOrderMod' && payload.txnId === poTxnId) ||
          (payload.type === 'BillAdd' && (payload.itemLines ?? []).some((l) => l.linkToTxn?.txnId === poTxnId))
        );
      });
      expect(touching.length, `message ${message.id} writes purchase order ${poTxnId} ${touching.length} times`).toBeLessThanOrEqual(1);
    }
  }

  it(
    'three change orders approved in one bulk action, two more later and an invoice all land on the purchase order, in order, once, with no exception',
    async () => {
      const cos = [1, 2, 3, 4, 5].map(newChangeOrder);
      const commitment = setup.simulator.store.commitments.get(pick.commitmentId)!;
      const requisition = setup.simulator.edit.createRequisition(setup.simulator.companyId, pick.projectId, {
        commitment_id: pick.commitmentId,
        status: 'approved',
        invoice_number: `SER-${scenario}`,
        fraction: 0.1,
      });
      await refreshFromProcore();

      // The commitment first, then three change orders in ONE bulk action, listed out of number order.
      await sendAndApprove('commitment', [pick.commitmentId]);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      await sendAndApprove('change_order', [cos[2]!.id, cos[0]!.id, cos[1]!.id]);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      // Later: the invoice billing the same purchase order, then two more change orders (one bulk action). The
      // bill is received against the PO, which moves the PO's EditSequence in QuickBooks without changing a field
      // the connector writes: the next change order's Mod is refused (3200), and planned again, not an exception.
      await sendAndApprove('invoice', [requisition.id]);
      await sendAndApprove('change_order', [cos[4]!.id, cos[3]!.id]);
      await setup.app.jobRunner.drain();
      await runUntilIdle();

      const rows = await db().prisma.exportRecord.findMany({ where: { companyId } });
      expect(rows.filter((r) => r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorCode, r.errorMessage])).toEqual([]);
      const exceptions = await api('GET', '/exports/exceptions');
      expect(exceptions.json().total, exceptions.body).toBe(0);

      // Every change order line is on the purchase order exactly once, with its amount; commitment + changes = PO total.
      const po = poInQuickBooks();
      const committed = setup.simulator.store.commitmentLineItems.list(pick.commitmentId).reduce((sum, l) => sum + cents(l.amount), 0);
      const changed = cos.reduce((sum, co) => sum + co.line_items.reduce((s, l) => s + cents(l.amount), 0), 0);
      expect(po.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(committed + changed);
      for (const co of cos) {
        const onPo = linesOf(po, co);
        // Lines 1 and 3 are on the same cost code and commitment line only when the SOV line is the same; the
        // mapper sums a change order's lines per (cost code, commitment line): never more lines than line items.
        expect(onPo.length, `lines of change order #${co.number}`).toBeGreaterThan(0);
        expect(onPo.length).toBeLessThanOrEqual(co.line_items.length);
        expect(
          onPo.reduce((sum, { line }) => sum + line.amount, 0),
          `amount of change order #${co.number}`,
        ).toBe(co.line_items.reduce((s, l) => s + cents(l.amount), 0));
      }
      // In order: approval order (the first bulk action before the second), then Procore number within one action.
      const firstIndex = cos.map((co) => Math.min(...linesOf(po, co).map(({ index }) => index)));
      expect(firstIndex).toEqual([...firstIndex].sort((a, b) => a - b));
      const lastIndex = cos.map((co) => Math.max(...linesOf(po, co).map(({ index }) => index)));
      for (let i = 1; i < cos.length; i++) expect(lastIndex[i - 1]!).toBeLessThan(firstIndex[i]!);

      // The bill is there once, received against the purchase order.
      const bills = company.bills.filter((b) => b.refNumber === `SER-${scenario}`);
      expect(bills).toHaveLength(1);
      expect(bills[0]!.itemLines.some((l) => l.linkedTxnId === po.txnId)).toBe(true);
      expect(commitment.id).toBe(pick.commitmentId);

      // Writes to the purchase order went one at a time, and no change order ever failed on the way.
      await assertOneWritePerTransactionPerMessage(po.txnId);
      expect(await db().prisma.auditEntry.count({ where: { companyId, action: 'export.failed' } })).toBe(0);
      const replanned = await db().prisma.auditEntry.findMany({ where: { companyId, action: 'export.replanned' } });
      expect(replanned.map((a) => a.subjectId)).toEqual([String(cos[3]!.id)]);
      // The link knows every line QuickBooks has, with the EditSequence QuickBooks holds now.
      const link = await db().prisma.recordLink.findFirstOrThrow({ where: { companyId, procoreType: 'commitment', procoreId: String(pick.commitmentId) } });
      expect((link.lines as Array<{ txnLineId: string }>).map((l) => l.txnLineId)).toEqual(po.lines.map((l) => l.txnLineId));
    },
    LONG,
  );

  it(
    "a real edit in QuickBooks still becomes an exception showing the field; taking QuickBooks' version of a change order not in QuickBooks needs a confirmation",
    async () => {
      const co = newChangeOrder(1);
      await refreshFromProcore();
      await sendAndApprove('commitment', [pick.commitmentId]);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      const link = await db().prisma.recordLink.findFirstOrThrow({ where: { companyId, procoreType: 'commitment', procoreId: String(pick.commitmentId) } });
      // Someone in QuickBooks moves the first line of the purchase order to another job (a field the connector wrote).
      const po = company.purchaseOrders.find((p) => p.txnId === link.qbId)!;
      const otherJob = company.customers.find((c) => c.listId !== po.lines[0]!.customerId)!;
      quickbooks.modifyTransactionLine(po.txnId, po.lines[0]!.txnLineId, { customerId: otherJob.listId });

      await sendAndApprove('change_order', [co.id]);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      const row = await db().prisma.exportRecord.findFirstOrThrow({ where: { companyId, recordType: 'change_order', procoreId: String(co.id) } });
      expect(row).toMatchObject({ status: 'failed', errorCode: 'QB_CHANGED_IN_QUICKBOOKS', qbStatusCode: 3200 });
      const listed = (await api('GET', '/exports/exceptions')).json().items as Array<{
        procoreId: string;
        fieldDifferences: Array<{ field: string; ours: string | null; theirs: string | null }> | null;
        actions: string[];
      }>;
      const exception = listed.find((e) => e.procoreId === String(co.id))!;
      expect(exception.fieldDifferences?.length ?? 0, 'the exception names what changed').toBeGreaterThan(0);
      expect(exception.fieldDifferences!.some((d) => d.theirs?.includes(otherJob.name))).toBe(true);
      expect(exception.actions).toEqual(expect.arrayContaining(['keep_quickbooks', 'resend_ours']));

      // "Take QuickBooks' value" would leave the approved change order out of QuickBooks: refused until confirmed.
      const unconfirmed = await api('POST', `/exports/change_order/${co.id}/resolve`, { resolution: 'keep_quickbooks' });
      expect(unconfirmed.statusCode, unconfirmed.body).toBe(409);
      expect(unconfirmed.json()).toMatchObject({ code: 'CONFIRMATION_REQUIRED', message: expect.stringContaining('not in QuickBooks') });
      expect((await db().prisma.exportRecord.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('failed');
      const confirmed = await api('POST', `/exports/change_order/${co.id}/resolve`, { resolution: 'keep_quickbooks', confirm: true });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json()).toMatchObject({ status: 'dismissed' });
      const resolved = await db().prisma.auditEntry.findFirstOrThrow({ where: { companyId, action: 'export.resolve', subjectId: String(co.id) } });
      expect(resolved.detail).toMatchObject({ resolution: 'keep_quickbooks', confirmed: true });
      // Nothing was written to the purchase order.
      expect(company.purchaseOrders.find((p) => p.txnId === link.qbId)!.lines.length).toBe(po.lines.length);
    },
    LONG,
  );

  it(
    'a change order approved before its commitment is in the exception queue with the reason, and goes to QuickBooks by itself once the commitment is approved',
    async () => {
      // Found by the simulation (histories/co-waits-on-unapproved-commitment.json): the change order used to wait in
      // silence for a commitment only sent to accounting — neither in QuickBooks nor in the exception queue.
      const co = newChangeOrder(1);
      await refreshFromProcore();
      const sent = await api('POST', '/exports/commitment/send', { procoreIds: [String(pick.commitmentId)] });
      expect(sent.statusCode, sent.body).toBe(200);
      await sendAndApprove('change_order', [co.id]);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      const waiting = await db().prisma.exportRecord.findFirstOrThrow({ where: { companyId, recordType: 'change_order', procoreId: String(co.id) } });
      expect(waiting).toMatchObject({ status: 'failed', errorCode: 'COMMITMENT_NOT_APPROVED', waitingOn: [`commitment:${pick.commitmentId}`] });
      const listed = (await api('GET', '/exports/exceptions')).json().items as Array<{ procoreId: string; errorCode: string; errorMessage: string }>;
      expect(listed.find((e) => e.procoreId === String(co.id))).toMatchObject({
        errorCode: 'COMMITMENT_NOT_APPROVED',
        errorMessage: expect.stringContaining('sent to accounting, not approved yet'),
      });
      expect(company.purchaseOrders).toHaveLength(0);

      // The accountant approves the commitment: the purchase order goes, then the change order on it, with no retry.
      const approved = await api('POST', '/exports/commitment/approve', { procoreIds: [String(pick.commitmentId)] });
      expect(approved.statusCode, approved.body).toBe(200);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      const rows = await db().prisma.exportRecord.findMany({ where: { companyId, recordType: { in: ['commitment', 'change_order'] } } });
      expect(rows.map((r) => [r.recordType, r.status])).toEqual(
        expect.arrayContaining([
          ['commitment', 'synced'],
          ['change_order', 'synced'],
        ]),
      );
      const onPo = linesOf(poInQuickBooks(), co);
      expect(onPo.reduce((sum, { line }) => sum + line.amount, 0)).toBe(co.line_items.reduce((s, l) => s + cents(l.amount), 0));
      expect(await db().prisma.auditEntry.count({ where: { companyId, action: 'export.resumed', subjectId: String(co.id) } })).toBe(1);
    },
    LONG,
  );
});

/** A project whose commitment (with a vendor) has an approved invoice with retainage: its PO takes the change orders. */
function choose(setup: ProcoreTestSetup) {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    const requisition = store.requisitions
      .list(project.id)
      .find((r) => r.status === 'approved' && r.items.some((i) => i.work_completed_retainage_retained_this_period > 0));
    if (!requisition) continue;
    const commitment = store.commitments.get(requisition.commitment_id);
    if (!commitment?.vendor_id || store.commitmentLineItems.list(commitment.id).filter((l) => l.amount !== 0).length < 2) continue;
    return { projectId: project.id, commitmentId: commitment.id };
  }
  throw new Error('the seed has no project with an approved invoice on a commitment with a vendor');
}
