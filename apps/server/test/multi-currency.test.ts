import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { splitCents } from '@connector/mapping';
import { generateCompanyFile, QuickBooksSimulator, type Bill, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks, runSessionsUntilIdle } from './support/refresh-from-quickbooks.ts';
import { signIn, type AuthHeaders } from './support/sign-in.ts';

// A multi-currency QuickBooks company file (US dollars home; some vendors in Canadian dollars or euros, their bills,
// purchase orders and bill payments in that currency), on both databases:
// - Update Job Costs: a foreign bill's lines reach Procore converted to US dollars with QuickBooks' own exchange rate
//   (adding up to its AmountDueInHomeCurrency), labelled with the currency and rate — never summed as dollars;
// - export: a commitment for a Procore vendor linked to a QuickBooks vendor in Canadian dollars is refused
//   (FOREIGN_CURRENCY_VENDOR) and nothing reaches QuickBooks; linked to a US-dollar vendor instead, it goes, at rate 1.
const FILE = {
  seed: 29,
  vendors: 12,
  customers: 2,
  jobsPerCustomer: 2,
  items: 14,
  classes: 2,
  bills: 60,
  purchaseOrders: 6,
  checks: 8,
  creditCardCharges: 8,
  paidBillRatio: 0.5,
  linesPerTxn: 3,
  multiCurrency: { foreignVendorRatio: 0.4 },
};

type CostTxn = CompanyFile['bills'][number] | CompanyFile['checks'][number] | CompanyFile['creditCardCharges'][number];

describe.each(await databaseKinds())('a multi-currency QuickBooks company file (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let auth: AuthHeaders;
  let linkedItems = new Set<string>();

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Border GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = (await signIn(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'border@example.com' })).headers;
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();
    company = generateCompanyFile(FILE);
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
  }, 240_000);
  afterAll(async () => setup?.close());

  const db = () => setup.testDb.database;
  function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  }
  async function call(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    const response = await api(method, path, payload);
    expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(200);
    return response.json();
  }
  const session = (): Promise<SessionReport> => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  const refresh = (...kinds: string[]) => refreshFromQuickBooks({ app: setup.app, companyId, headers: auth, session }, ...kinds);
  const isForeign = (t: { currencyId?: string; exchangeRate?: number }) =>
    t.currencyId !== undefined && t.currencyId !== company.homeCurrencyId && t.exchangeRate !== 1;
  const currencyName = (id: string | undefined) => company.currencies.find((c) => c.listId === id)?.name;

  /**
   * A transaction's lines in US dollars as QuickBooks states them: the home total is the amount × the rate to the cent
   * (AmountDueInHomeCurrency), spread over the lines pro rata (expense lines first, as the connector reads them).
   */
  function homeLines(t: CostTxn): Array<{ line: CostTxn['itemLines'][number] | CostTxn['expenseLines'][number]; cents: number }> {
    const lines = [...t.expenseLines, ...t.itemLines];
    if (!isForeign(t)) return lines.map((line) => ({ line, cents: line.amount }));
    const total = lines.reduce((s, l) => s + l.amount, 0);
    const home = Math.round(total * t.exchangeRate!);
    const parts = splitCents(
      home,
      lines.map((l) => l.amount),
    );
    return lines.map((line, i) => ({ line, cents: parts[i]! }));
  }
  const costTxns = (): CostTxn[] => [...company.bills, ...company.checks, ...company.creditCardCharges];

  it('the file has foreign bills, and summing them as dollars would give another figure', () => {
    const foreign = company.bills.filter(isForeign);
    expect(foreign.length).toBeGreaterThan(3);
    expect(new Set(foreign.map((b) => currencyName(b.currencyId)))).toEqual(new Set(['Canadian Dollar', 'Euro']));
    const naive = foreign.reduce((s, b) => s + [...b.expenseLines, ...b.itemLines].reduce((t, l) => t + l.amount, 0), 0);
    const home = foreign.reduce((s, b) => s + homeLines(b).reduce((t, l) => t + l.cents, 0), 0);
    expect(Math.abs(naive - home)).toBeGreaterThan(100_000);
  });

  it('Connection: multi-currency is on, the home currency named, with what the connector does about other currencies', async () => {
    await refresh('jobs', 'vendors', 'items');
    const connection = await call('GET', '/qbwc/connection');
    expect(connection.qbInfo).toMatchObject({ multiCurrency: true });
    expect(connection.warnings).toEqual([expect.stringContaining('Multi-currency is on in this QuickBooks company file (home currency: US Dollar)')]);
    expect(connection.warnings[0]).toContain('converted to US Dollar with the exchange rate QuickBooks holds');
    expect((await db().prisma.qbwcConnection.findUnique({ where: { companyId } }))?.qbHomeCurrency).toBe('US Dollar');
  });

  it('Vendors: each vendor in another currency says so, and that exports for it are refused, before anyone links it', async () => {
    const vendors = (await call('GET', '/imports/vendors?limit=500')).items as Array<{ qbListId: string; currencyNote?: string | null }>;
    expect(vendors).toHaveLength(company.vendors.length);
    for (const entry of vendors) {
      const vendor = company.vendors.find((v) => v.listId === entry.qbListId)!;
      const ref = vendor.extra?.find((n) => n.name === 'CurrencyRef')?.children?.[0]?.text;
      const currency = ref && ref !== company.homeCurrencyId ? currencyName(ref) : undefined;
      if (currency) {
        expect(entry.currencyNote, vendor.name).toContain(`this vendor is in ${currency}, not the home currency US Dollar`);
        expect(entry.currencyNote).toContain('FOREIGN_CURRENCY_VENDOR');
      } else {
        expect(entry.currencyNote ?? null, vendor.name).toBeNull();
      }
    }
    expect(vendors.filter((v) => v.currencyNote).length).toBeGreaterThan(0);
  });

  it("Update Job Costs: foreign bills and their payments are stored and pushed in US dollars at QuickBooks' rate, labelled", async () => {
    const jobs = await call('GET', '/imports/jobs?limit=500');
    for (const job of jobs.items) expect((await api('POST', `/imports/jobs/${job.qbListId}/create-project`)).statusCode).toBe(200);
    const items = await call('GET', '/imports/items');
    linkedItems = new Set(items.items.filter((i: { procoreCostCode: unknown }) => i.procoreCostCode !== null).map((i: { qbListId: string }) => i.qbListId));
    expect(linkedItems.size).toBeGreaterThan(0);
    await refresh('job_costs');

    // Our copy: every transaction's amount and lines in US dollars; foreign ones carry their currency, rate and original total.
    const stored = await db().prisma.qbTransaction.findMany({ where: { companyId, txnType: { in: ['Bill', 'Check', 'CreditCardCharge'] } } });
    expect(stored).toHaveLength(costTxns().length);
    const byId = new Map(stored.map((s) => [s.txnId, s]));
    const lines = await db().prisma.qbCostLine.findMany({ where: { companyId } });
    const lineSum = new Map<string, number>();
    for (const l of lines) lineSum.set(l.txnId, (lineSum.get(l.txnId) ?? 0) + Number(l.amountCents));
    for (const t of costTxns()) {
      const expected = homeLines(t).reduce((s, l) => s + l.cents, 0);
      const row = byId.get(t.txnId)!;
      expect(Number(row.amountCents), t.txnId).toBe(expected);
      expect(lineSum.get(t.txnId) ?? 0).toBe(expected);
      const currency = (row.data as { currency?: Record<string, unknown> | null }).currency ?? null;
      if (isForeign(t)) {
        expect(currency).toMatchObject({
          name: currencyName(t.currencyId),
          exchangeRate: String(t.exchangeRate),
          foreignAmountCents: [...t.expenseLines, ...t.itemLines].reduce((s, l) => s + l.amount, 0),
        });
      } else {
        expect(currency).toBeNull();
      }
    }
    expect(await db().prisma.qbTransaction.count({ where: { companyId, pushErrorCode: { not: null } } })).toBe(0);

    // Bill payments in a foreign currency: at the payment's own rate (AmountInHomeCurrency).
    const payments = await db().prisma.qbTransaction.findMany({ where: { companyId, txnType: 'BillPaymentCheck' } });
    const foreignPayments = company.billPaymentChecks.filter(isForeign);
    expect(foreignPayments.length).toBeGreaterThan(0);
    for (const p of foreignPayments) {
      const row = payments.find((r) => r.txnId === p.txnId)!;
      expect(Number(row.amountCents)).toBe(Math.round(p.applied.reduce((s, a) => s + a.amount, 0) * p.exchangeRate!));
    }

    // Procore: per (job, item) exactly the US-dollar figures; every direct cost from a foreign bill says so.
    const links = await db().prisma.recordLink.findMany({ where: { companyId } });
    const jobOfProject = new Map(links.filter((l) => l.procoreType === 'project').map((l) => [l.procoreId, l.qbId]));
    const itemOfCode = new Map(links.filter((l) => l.procoreType === 'cost_code').map((l) => [l.procoreId, l.qbId]));
    const store = setup.simulator.store;
    const inProcore = new Map<string, number>();
    const labelled: string[] = [];
    for (const [projectId, jobId] of jobOfProject) {
      const codes = new Map(store.costCodes.list(Number(projectId)).map((c) => [c.id, c.standard_cost_code_id ?? null]));
      for (const dc of store.directCosts.list(Number(projectId))) {
        if (dc.description?.includes("at QuickBooks' exchange rate")) labelled.push(dc.description);
        for (const li of dc.line_items) {
          const key = `${jobId}|${itemOfCode.get(String(codes.get(li.cost_code_id)))}`;
          inProcore.set(key, (inProcore.get(key) ?? 0) + Math.round(Number(li.amount) * 100));
        }
      }
    }
    const expected = new Map<string, number>();
    const foreignInProcore = new Set<string>();
    for (const t of costTxns()) {
      for (const { line, cents } of homeLines(t)) {
        if (!line.customerId || !('itemId' in line) || !line.itemId || !linkedItems.has(line.itemId)) continue;
        const key = `${line.customerId}|${line.itemId}`;
        expected.set(key, (expected.get(key) ?? 0) + cents);
        if (isForeign(t)) foreignInProcore.add(t.txnId);
      }
    }
    expect(inProcore).toEqual(expected);
    expect(foreignInProcore.size).toBeGreaterThan(0);
    expect(labelled.length).toBeGreaterThanOrEqual(foreignInProcore.size);
    const sample = company.bills.find((b) => foreignInProcore.has(b.txnId))! as Bill;
    expect(labelled.some((d) => d.includes(`${currencyName(sample.currencyId)} `) && d.includes(String(sample.exchangeRate)))).toBe(true);

    // "Cost not in Procore" on the Job costs screen: a foreign line's amount is the converted one, and says so.
    const unattributed = (await call('GET', '/job-costs/unattributed-lines?limit=200')).items as Array<{
      txnId: string;
      currency?: string | null;
    }>;
    const byTxn = new Map(costTxns().map((t) => [t.txnId, t]));
    let foreignLines = 0;
    for (const line of unattributed) {
      const t = byTxn.get(line.txnId)!;
      if (isForeign(t)) {
        foreignLines += 1;
        expect(line.currency, line.txnId).toContain(`converted from ${currencyName(t.currencyId)} `);
        expect(line.currency).toContain(`at QuickBooks' exchange rate ${t.exchangeRate}`);
      } else {
        expect(line.currency ?? null, line.txnId).toBeNull();
      }
    }
    expect(foreignLines).toBeGreaterThan(0);
  }, 600_000);

  it('export: a commitment for a vendor in Canadian dollars is refused (FOREIGN_CURRENCY_VENDOR); linked to a US-dollar vendor it goes at rate 1', async () => {
    const pick = chooseCommitment(setup);
    const cad = company.currencies.find((c) => c.currencyCode === 'CAD')!;
    const foreignVendor = company.vendors.find((v) => v.isActive && v.extra?.some((n) => n.name === 'CurrencyRef' && n.children?.[0]?.text === cad.listId))!;
    const homeVendor = company.vendors.find((v) => v.isActive && !v.extra?.some((n) => n.name === 'CurrencyRef'))!;
    const job = company.customers.find((c) => c.parentId)!;
    // The project of the commitment: link it to a QuickBooks job (unlinking the project created for that job first).
    await call('POST', `/imports/jobs/${job.listId}/unlink`);
    await call('POST', `/imports/jobs/${job.listId}/link`, { procoreProjectId: pick.projectId });
    await call('POST', `/imports/vendors/${foreignVendor.listId}/link`, { procoreVendorId: pick.vendorId });
    const saved = await api('PATCH', '/settings', {
      itemExpenseAccount: { listId: company.accounts.find((a) => a.name === 'Subcontractors')!.listId, fullName: 'Job Expenses:Subcontractors' },
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const purchaseOrdersBefore = company.purchaseOrders.length;

    expect((await call('POST', '/exports/commitment/send', { procoreIds: [String(pick.commitmentId)] })).results[0].outcome).toBe('applied');
    await call('POST', '/exports/commitment/approve', { procoreIds: [String(pick.commitmentId)] });
    await setup.app.jobRunner.drain();
    await runSessionsUntilIdle(setup.app, session, 6);
    const refused = await db().prisma.exportRecord.findFirst({ where: { companyId, recordType: 'commitment', procoreId: String(pick.commitmentId) } });
    expect(refused).toMatchObject({ status: 'failed', errorCode: 'FOREIGN_CURRENCY_VENDOR' });
    expect(refused!.errorMessage).toContain(`whose currency is Canadian Dollar, not the home currency US Dollar`);
    expect(company.purchaseOrders).toHaveLength(purchaseOrdersBefore);
    const exceptions = await call('GET', '/exports/exceptions');
    expect(JSON.stringify(exceptions)).toContain('FOREIGN_CURRENCY_VENDOR');

    // Linked to a US-dollar vendor instead, the retry goes: the PO is in US dollars at rate 1.
    await call('POST', `/imports/vendors/${foreignVendor.listId}/unlink`);
    await call('POST', `/imports/vendors/${homeVendor.listId}/link`, { procoreVendorId: pick.vendorId });
    await call('POST', '/exports/commitment/retry', { procoreIds: [String(pick.commitmentId)] });
    await setup.app.jobRunner.drain();
    await runSessionsUntilIdle(setup.app, session, 6);
    const synced = await db().prisma.exportRecord.findFirst({ where: { companyId, recordType: 'commitment', procoreId: String(pick.commitmentId) } });
    expect(synced, synced?.errorMessage ?? '').toMatchObject({ status: 'synced' });
    const po = company.purchaseOrders.find((p) => p.txnId === synced!.qbId)!;
    expect(po.vendorId).toBe(homeVendor.listId);
    expect(po.currencyId).toBe(company.homeCurrencyId);
    expect(po.exchangeRate).toBe(1);
  }, 600_000);
});

/** A seeded project with a commitment that has a vendor and lines with amounts. */
function chooseCommitment(setup: ProcoreTestSetup): { projectId: number; commitmentId: number; vendorId: number } {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    for (const commitment of store.commitments.list(project.id)) {
      if (commitment.vendor_id === null) continue;
      if (!['Approved', 'Complete'].includes(String(commitment.status))) continue;
      if (store.commitmentLineItems.list(commitment.id).filter((l) => l.amount !== 0).length === 0) continue;
      return { projectId: project.id, commitmentId: commitment.id, vendorId: commitment.vendor_id };
    }
  }
  throw new Error('the seed has no approved commitment with a vendor and lines');
}
