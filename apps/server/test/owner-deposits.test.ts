import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile, type Invoice, type ReceivePayment } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Deposits of payments received (issue 21), end to end: the real server on PGlite and PostgreSQL, the Web Connector
// client and a simulated QuickBooks file. Update Job Costs reads DepositQuery (with its lines) after
// ReceivePaymentQuery; each payment received a deposit names keeps the deposit's date and TxnID in its
// qb_transactions row (data.deposit). Procore has no update for payments received (API-CONTRACT.md), so the date
// stays on our side. Checked as an invariant after every refresh: what we keep equals what the QuickBooks file says.

describe.each(await databaseKinds())('deposits of payments received (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let auth: AuthHeaders;
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let jobId: string;
  let invoice: Invoice;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '1' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Owner Deposits GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);

    company = generateCompanyFile({ seed: 22, vendors: 1, customers: 1, jobsPerCustomer: 1, items: 4, bills: 0, checks: 0, creditCardCharges: 0 });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    jobId = company.customers.find((c) => c.parentId)!.listId;
    const itemId = company.items.find((i) => i.itemType === 'Service' || i.itemType === 'OtherCharge')?.listId;
    invoice = quickbooks.addInvoice({
      customerId: jobId,
      refNumber: 'OI-1',
      txnDate: '2026-11-02',
      lines: [{ ...(itemId ? { itemId } : {}), desc: 'Work billed', amountCents: 10_000_00 }],
    });
  }, 180_000);
  afterAll(async () => setup?.close());

  function api(method: 'GET' | 'POST', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  }

  /** Update Job Costs as the button does, with Web Connector sessions until QuickBooks has nothing left to answer. */
  async function updateJobCosts() {
    const queued = await api('POST', '/imports/refresh', { kind: 'job_costs' });
    expect(queued.statusCode, queued.body).toBe(202);
    for (let i = 0; i < 6; i++) {
      const report: SessionReport = await runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
      await setup.app.jobRunner.drain();
      expect(['completed', 'no-work'], report.lastError ?? report.statusLine).toContain(report.outcome);
      if (report.outcome === 'no-work') return;
    }
    throw new Error('the Web Connector still had work after 6 sessions');
  }

  /** payment TxnID → the deposit we keep on it (null: none), for every payment received we hold and have not seen deleted. */
  async function kept(): Promise<Record<string, { txnId: string; date: string } | null>> {
    const rows = await setup.testDb.database.prisma.qbTransaction.findMany({ where: { companyId, txnType: 'ReceivePayment', deletedAt: null } });
    return Object.fromEntries(rows.map((r) => [r.txnId!, (r.data as { deposit?: { txnId: string; date: string } }).deposit ?? null]));
  }

  /** The same, as the QuickBooks file says: a payment is deposited by the one deposit whose (non-voided) lines name it. */
  function inQuickBooks(payments: readonly ReceivePayment[]): Record<string, { txnId: string; date: string } | null> {
    const expected: Record<string, { txnId: string; date: string } | null> = Object.fromEntries(payments.map((p) => [p.txnId, null]));
    for (const d of quickbooks.store.txnArray('Deposit')) {
      if (/^\s*VOID:/.test(d.memo ?? '')) continue;
      for (const l of d.lines) if (l.paymentTxnId && l.paymentTxnId in expected) expected[l.paymentTxnId] = { txnId: d.txnId, date: d.txnDate };
    }
    return expected;
  }

  it('payments deposited in QuickBooks carry the deposit date; a changed payment keeps it; a deleted or voided deposit clears it; a new deposit sets it again', async () => {
    const pay = (refNumber: string, cents: number) =>
      quickbooks.receivePayment({
        customerId: jobId,
        txnDate: '2026-11-20',
        refNumber,
        paymentMethod: 'Check',
        applied: [{ invoiceTxnId: invoice.txnId, amountCents: cents }],
      });
    const payments = [pay('8001', 1_000_00), pay('8002', 500_00), pay('8003', 250_00), pay('8004', 100_00)];
    const [p1, p2, p3, p4] = payments as [ReceivePayment, ReceivePayment, ReceivePayment, ReceivePayment];
    const check = async () => {
      const ours = await kept();
      expect(ours).toEqual(inQuickBooks(payments));
      return ours;
    };

    await updateJobCosts();
    expect(Object.values(await check())).toEqual([null, null, null, null]);

    // Make Deposits: two payments on 24 Nov, one on 25 Nov; the fourth stays in Undeposited Funds.
    const first = quickbooks.depositPayments({ paymentTxnIds: [p1.txnId, p2.txnId], txnDate: '2026-11-24' });
    const second = quickbooks.depositPayments({ paymentTxnIds: [p3.txnId], txnDate: '2026-11-25' });
    await updateJobCosts();
    let ours = await check();
    expect([ours[p1.txnId], ours[p2.txnId], ours[p3.txnId], ours[p4.txnId]]).toEqual([
      { txnId: first.txnId, date: '2026-11-24' },
      { txnId: first.txnId, date: '2026-11-24' },
      { txnId: second.txnId, date: '2026-11-25' },
      null,
    ]);

    // The payment itself is edited in QuickBooks (its memo): it is read again, and keeps its deposit.
    quickbooks.modifyTransaction(p1.txnId, (rec) => {
      rec.memo = 'Owner check, pay app 1';
    });
    await updateJobCosts();
    expect((await check())[p1.txnId]).toEqual({ txnId: first.txnId, date: '2026-11-24' });

    // The first deposit is deleted: its payments are back in Undeposited Funds (TxnDeletedQuery, TxnDelType Deposit).
    quickbooks.deleteTransaction(first.txnId);
    await updateJobCosts();
    ours = await check();
    expect([ours[p1.txnId], ours[p2.txnId], ours[p3.txnId]]).toEqual([null, null, { txnId: second.txnId, date: '2026-11-25' }]);

    // The second is voided (modified: zero amounts, memo VOID:): it deposits nothing.
    quickbooks.voidTransaction(second.txnId);
    await updateJobCosts();
    expect((await check())[p3.txnId]).toBeNull();

    // A new deposit of the first payment and the one never deposited; then, twice more, nothing changes.
    const third = quickbooks.depositPayments({ paymentTxnIds: [p1.txnId, p4.txnId], txnDate: '2026-12-01' });
    await updateJobCosts();
    ours = await check();
    expect([ours[p1.txnId], ours[p4.txnId]]).toEqual([
      { txnId: third.txnId, date: '2026-12-01' },
      { txnId: third.txnId, date: '2026-12-01' },
    ]);
    await updateJobCosts();
    await updateJobCosts();
    expect(await check()).toEqual(ours);

    // The deposit date is not sent to Procore: no payment received has an update there, and these invoices stand for
    // no owner invoice, so nothing was posted at all.
    expect([...setup.simulator.store.primeContractPayments.all()].filter((p) => p.origin_id?.startsWith('qb:ReceivePayment:'))).toEqual([]);
  }, 600_000);
});
