import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionOptions, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';
import type { PaymentApplicationLineSpec } from '@connector/procore-simulator';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Owner invoices (issue 21): approved Procore payment applications on the prime contract become QuickBooks invoices on
// the project's Customer:Job — a line per schedule-of-values line billed on the cost code's item, ONE negative line on
// the Retainage Receivable item for the retainage withheld, and the retainage released on an invoice of its own — on
// the cost side's workflow (send → approve → export.prepare reads Procore again → queued → Web Connector → synced).
// Real server, Procore simulator, Web Connector client, QuickBooks simulator; PGlite and PostgreSQL.
/** Several Web Connector sessions on a busy 2-core machine: a limit, not a measurement. */
const LONG = 600_000;

type Line = Omit<PaymentApplicationLineSpec, 'prime_contract_line_item_id'>;
/** The export list's fields an owner invoice row is checked on (packages/contract ExportItemBody). */
type ListedOwnerInvoice = {
  procoreId: string;
  title: string;
  projectName: string | null;
  number: string | null;
  amount: string | null;
  retainageWithheld: string | null;
  retainageReleased: string | null;
};

describe.each(await databaseKinds())('owner invoices to QuickBooks invoices (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let auth: AuthHeaders;
  let scenario = 0;
  let qbwcSkewMs = 0;
  let pick: { projectId: number; costCodes: [number, number] };
  let retainageItem: { listId: string; fullName: string };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, {
      env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '1' },
      app: { qbwcClock: () => new Date(Date.now() + qbwcSkewMs) },
    });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Owner GC', actor: 'test' })).id;
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
    company = createCompanyFile({ companyName: `Owner Builders ${scenario}` });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    // The Retainage Receivable item (an Other Charge on the Retainage Receivable asset account) exists in QuickBooks.
    const receivable = company.accounts.find((a) => a.name === 'Retainage Receivable')!;
    await enqueueRequest(db, {
      companyId,
      dedupeKey: `setup:retainage-receivable:${scenario}`,
      requestedBy: 'admin',
      request: { type: 'ItemOtherChargeAdd', name: 'Retainage Receivable', salesOrPurchase: { accountRef: { listId: receivable.listId } } },
    });
    const report = await session();
    expect(report.outcome, report.lastError ?? report.statusLine).toBe('completed');
    retainageItem = { listId: company.items.find((i) => i.name === 'Retainage Receivable')!.listId, fullName: 'Retainage Receivable' };
    // Cost code items are two-sided (income for owner invoices, expense for commitments); one item per cost code line.
    const income = company.accounts.find((a) => a.name === 'Subcontracted Labor')!;
    const expense = company.accounts.find((a) => a.name === 'Subcontractors')!;
    const saved = await api('PATCH', '/settings', {
      retainageReceivableItem: retainageItem,
      itemIncomeAccount: { listId: income.listId, fullName: 'Construction:Subcontracted Labor' },
      itemExpenseAccount: { listId: expense.listId, fullName: 'Job Expenses:Subcontractors' },
      ownerInvoiceLineItem: 'cost_code',
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }, 120_000);

  const db = () => setup.testDb.database;
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  const session = (options: Partial<SessionOptions> = {}): Promise<SessionReport> =>
    runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10, ...options });
  const cents = (amount: number) => Math.round(amount * 100);

  /** Web Connector sessions until the queue is empty; every one must complete. */
  async function runUntilIdle(max = 10) {
    for (let i = 0; i < max; i++) {
      const report = await session();
      await setup.app.jobRunner.drain();
      if (report.outcome === 'no-work') return;
      expect(report.outcome, report.lastError ?? report.statusLine).toBe('completed');
    }
    throw new Error(`still work after ${max} sessions`);
  }

  async function refreshFromProcore() {
    const reconciled = await api('POST', '/procore/reconcile', { full: true });
    expect(reconciled.statusCode, reconciled.body).toBeLessThan(300);
    await setup.app.jobRunner.drain();
  }

  /** A prime contract of two SOV lines on the picked project's cost codes; lines[i] bills SOV line i. */
  function primeContract() {
    return setup.simulator.edit.addPrimeContract(setup.simulator.companyId, pick.projectId, {
      title: `Owner contract ${scenario}`,
      owner_name: 'Harbor Point Development',
      retainage_percent: 10,
      line_items: [
        { cost_code_id: pick.costCodes[0], amount: 300_000, description: 'Sitework and concrete' },
        { cost_code_id: pick.costCodes[1], amount: 200_000, description: 'Structural steel' },
      ],
    });
  }

  function ownerInvoice(contract: ReturnType<typeof primeContract>, n: number, lines: Array<Line | null>, status: 'approved' | 'under_review' = 'approved') {
    return setup.simulator.edit.addPaymentApplication(setup.simulator.companyId, pick.projectId, {
      contract_id: contract.id,
      status,
      invoice_number: `OI${scenario}-${n}`,
      billing_date: `2026-0${n}-28`,
      period_start: `2026-0${n}-01`,
      period_end: `2026-0${n}-28`,
      lines: lines.flatMap((l, i) => (l ? [{ prime_contract_line_item_id: contract.line_items[i]!.id, ...l }] : [])),
    });
  }

  async function send(ids: number[]) {
    const procoreIds = ids.map(String);
    const sent = await api('POST', '/exports/owner_invoice/send', { procoreIds });
    expect(sent.statusCode, sent.body).toBe(200);
    return sent.json().results as Array<{ procoreId: string; outcome: string; status: string; code: string | null; message: string }>;
  }

  async function sendAndApprove(ids: number[]) {
    const sent = await send(ids);
    expect(
      sent.map((r) => r.outcome),
      JSON.stringify(sent),
    ).toEqual(ids.map(() => 'applied'));
    const approved = await api('POST', '/exports/owner_invoice/approve', { procoreIds: ids.map(String) });
    expect(
      approved.json().results.map((r: { status: string }) => r.status),
      approved.body,
    ).toEqual(ids.map(() => 'approved'));
    await setup.app.jobRunner.drain();
  }

  const row = (id: number) => db().prisma.exportRecord.findFirst({ where: { companyId, recordType: 'owner_invoice', procoreId: String(id) } });
  const link = (procoreType: string, procoreId: number | string) =>
    db().prisma.recordLink.findFirst({ where: { companyId, procoreType, procoreId: String(procoreId) } });
  const invoicesNumbered = (refNumber: string) => company.invoices.filter((i) => i.refNumber === refNumber);

  /** The item QuickBooks holds for a project cost code: the link of its standard cost code. */
  async function itemOf(projectCostCodeId: number): Promise<string> {
    const standard = setup.simulator.store.costCodes.get(projectCostCodeId)!.standard_cost_code_id!;
    return (await link('cost_code', standard))!.qbId;
  }

  /** Exactly one QuickBooks invoice numbered so, on the project's job, with these [item, amount in cents, description] lines. */
  async function expectInvoice(refNumber: string, lines: Array<[string, number, string | undefined]>, txnDate: string) {
    const found = invoicesNumbered(refNumber);
    expect(found, `invoices numbered ${refNumber}`).toHaveLength(1);
    const invoice = found[0]!;
    const job = (await link('project', pick.projectId))!;
    expect(invoice.customerId).toBe(job.qbId);
    // A job: a customer with a parent (the owner's customer record).
    expect(company.customers.find((c) => c.listId === invoice.customerId)?.parentId).toBeTruthy();
    expect(invoice.txnDate).toBe(txnDate);
    expect(invoice.lines.map((l) => [l.itemId, l.amount, l.desc])).toEqual(lines);
    return invoice;
  }

  it(
    'a prime contract and three owner invoices (retainage withheld, none, released) export: the company file checked record by record',
    async () => {
      const contract = primeContract();
      // 1: work + stored materials on both lines, 10 % retainage withheld (the contract's default).
      const withheld = ownerInvoice(contract, 1, [
        { work_completed_this_period: 100_000, materials_presently_stored: 20_000 },
        { work_completed_this_period: 50_000 },
      ]);
      // 2: one line, no retainage.
      const plain = ownerInvoice(contract, 2, [{ work_completed_this_period: 30_000, work_completed_retainage_retained_this_period: 0 }, null]);
      // 3: more work with retainage withheld, and retainage released on both lines (its own invoice).
      const releasing = ownerInvoice(contract, 3, [
        { work_completed_this_period: 20_000, work_completed_retainage_retained_this_period: 2_000, work_completed_retainage_released_this_period: 10_000 },
        { work_completed_this_period: 0, work_completed_retainage_retained_this_period: 0, work_completed_retainage_released_this_period: 5_000 },
      ]);
      await refreshFromProcore();

      // The list names each owner invoice by its number, Procore's invoice number and period (the project is its own
      // column), and shows what its QuickBooks invoice will carry (net of retainage withheld) and the retainage.
      const listOwnerInvoices = async () => {
        const listed = await api('GET', `/exports/owner_invoice?project=${pick.projectId}`);
        expect(listed.statusCode, listed.body).toBe(200);
        return new Map((listed.json().items as ListedOwnerInvoice[]).map((i) => [i.procoreId, i]));
      };
      const project = setup.simulator.store.projects.get(pick.projectId)!;
      const before = await listOwnerInvoices();
      const figures = (pa: { id: number }) => {
        const i = before.get(String(pa.id))!;
        return [i.title, i.projectName?.includes(project.name), i.number, i.amount, i.retainageWithheld, i.retainageReleased];
      };
      expect([withheld, plain, releasing].map(figures)).toEqual([
        [`Owner invoice #${withheld.number} (OI${scenario}-1) · period to 2026-01-28`, true, `OI${scenario}-1`, '153000.00', '17000.00', null],
        [`Owner invoice #${plain.number} (OI${scenario}-2) · period to 2026-02-28`, true, `OI${scenario}-2`, '30000.00', null, null],
        [`Owner invoice #${releasing.number} (OI${scenario}-3) · period to 2026-03-28`, true, `OI${scenario}-3`, '18000.00', '2000.00', '15000.00'],
      ]);
      expect([...before.values()].every((i) => !i.title.includes(project.name))).toBe(true);

      // The field-by-field preview before approval: the job and items are shown as "(new) …", the retainage line as set.
      const preview = await api('GET', `/exports/owner_invoice/${releasing.id}/preview`);
      expect(preview.statusCode, preview.body).toBe(200);
      const fields = new Map(preview.json().fields.map((f: { field: string; value: string }) => [f.field, f.value]));
      expect(fields.get('Customer:Job')).toMatch(/^\(new\) /);
      expect(fields.get('Line 2 item')).toBe('Retainage Receivable');
      expect(fields.get('Line 2 amount')).toBe('-2,000.00');
      expect(fields.get('Retainage release invoice: Line 1 amount')).toBe('15,000.00');
      expect(fields.get('Retainage release invoice: Invoice no.')).toBe(`OI${scenario}-3R`);

      await sendAndApprove([withheld.id, plain.id, releasing.id]);
      await runUntilIdle();

      const rows = await db().prisma.exportRecord.findMany({ where: { companyId } });
      expect(rows.filter((r) => r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorCode, r.errorMessage])).toEqual([]);
      expect((await api('GET', '/exports/exceptions')).json().total).toBe(0);

      const [concrete, steel] = [await itemOf(pick.costCodes[0]), await itemOf(pick.costCodes[1])];
      const first = await expectInvoice(
        `OI${scenario}-1`,
        [
          [concrete, cents(120_000), 'Sitework and concrete'],
          [steel, cents(50_000), 'Structural steel'],
          [retainageItem.listId, -cents(17_000), 'Retainage withheld'],
        ],
        '2026-01-28',
      );
      expect(first.memo).toBe(`Procore owner invoice #${withheld.number}, period 2026-01-01 to 2026-01-28`);
      await expectInvoice(`OI${scenario}-2`, [[concrete, cents(30_000), 'Sitework and concrete']], '2026-02-28');
      await expectInvoice(
        `OI${scenario}-3`,
        [
          [concrete, cents(20_000), 'Sitework and concrete'],
          [retainageItem.listId, -cents(2_000), 'Retainage withheld'],
        ],
        '2026-03-28',
      );
      const release = await expectInvoice(`OI${scenario}-3R`, [[retainageItem.listId, cents(15_000), 'Retainage released']], '2026-03-28');
      expect(release.memo).toMatch(/^Retainage released: Procore owner invoice #3/);
      expect(company.invoices).toHaveLength(4);
      // What the list showed is what QuickBooks carries: each progress invoice's total is the listed amount, the release
      // invoice's total the listed retainage released.
      const total = (refNumber: string) => invoicesNumbered(refNumber)[0]!.lines.reduce((sum, l) => sum + l.amount, 0);
      for (const pa of [withheld, plain, releasing]) {
        const listed = before.get(String(pa.id))!;
        expect(cents(Number(listed.amount)), `OI${scenario}-${pa.number}`).toBe(total(`OI${scenario}-${pa.number}`));
        if (listed.retainageReleased) expect(cents(Number(listed.retainageReleased))).toBe(total(`OI${scenario}-${pa.number}R`));
      }
      // Once synced, the list still says the same (it reads our copy of Procore, not the export).
      const after = await listOwnerInvoices();
      expect([withheld, plain, releasing].map((pa) => after.get(String(pa.id))!.amount)).toEqual(['153000.00', '30000.00', '18000.00']);

      // The links the payments import reads: payment_application → the progress invoice, the release on its own.
      for (const pa of [withheld, plain, releasing]) {
        const progress = (await link('payment_application', pa.id))!;
        expect(progress.qbType).toBe('Invoice');
        expect(company.invoices.find((i) => i.txnId === progress.qbId)?.refNumber).toBe(`OI${scenario}-${pa.number}`);
        expect((await row(pa.id))!.qbId).toBe(progress.qbId);
      }
      const releaseLink = (await link('payment_application_retainage_release', releasing.id))!;
      expect([releaseLink.qbType, releaseLink.qbId]).toEqual(['Invoice', release.txnId]);
      expect(await link('payment_application_retainage_release', withheld.id)).toBeNull();

      // Sending and approving again, and another session, write nothing twice.
      expect((await send([withheld.id, releasing.id])).map((r) => r.outcome)).toEqual(['already', 'already']);
      expect((await session()).outcome).toBe('no-work');
      expect(company.invoices).toHaveLength(4);
      const actions = (
        await db().prisma.auditEntry.findMany({ where: { companyId, subjectType: 'export_owner_invoice', subjectId: String(releasing.id) } })
      ).map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining(['export.send', 'export.approve', 'export.queue', 'export.request_queued', 'export.invoice_written', 'export.synced']),
      );
      expect(actions.filter((a) => a === 'export.invoice_written')).toHaveLength(2);
    },
    LONG,
  );

  it(
    'refused with the reason: not approved in Procore (at send, and set back before export.prepare), negative, retainage without the Retainage Receivable item (then set, retried, sent once)',
    async () => {
      const contract = primeContract();
      const underReview = ownerInvoice(contract, 1, [{ work_completed_this_period: 1_000 }, null], 'under_review');
      const negative = ownerInvoice(contract, 2, [{ work_completed_this_period: -5_000, work_completed_retainage_retained_this_period: 0 }, null]);
      const withRetainage = ownerInvoice(contract, 3, [{ work_completed_this_period: 8_000 }, null]);
      const setBack = ownerInvoice(contract, 4, [{ work_completed_this_period: 2_000 }, null]);
      await refreshFromProcore();

      const refused = await send([underReview.id]);
      expect(refused.map((r) => [r.outcome, r.code])).toEqual([['refused', 'NOT_APPROVED_IN_PROCORE']]);
      expect(refused[0]!.message).toContain('Under Review');

      // Approved for export here, then set back in Procore before export.prepare reads it again (jobs run at drain).
      expect((await send([setBack.id])).map((r) => r.outcome)).toEqual(['applied']);
      const approvedBack = await api('POST', '/exports/owner_invoice/approve', { procoreIds: [String(setBack.id)] });
      expect(approvedBack.json().results.map((r: { status: string }) => r.status)).toEqual(['approved']);
      setup.simulator.edit.setPaymentApplicationStatus(setup.simulator.companyId, setBack.id, 'revise_and_resubmit');

      expect((await api('PATCH', '/settings', { retainageReceivableItem: null })).statusCode).toBe(200);
      await sendAndApprove([negative.id, withRetainage.id]);
      await runUntilIdle();
      const negativeRow = (await row(negative.id))!;
      expect([negativeRow.status, negativeRow.errorCode]).toEqual(['failed', 'NEGATIVE_INVOICE']);
      expect(negativeRow.errorMessage).toContain('credit memo');
      const noItem = (await row(withRetainage.id))!;
      expect([noItem.status, noItem.errorCode]).toEqual(['failed', 'NO_RETAINAGE_ITEM']);
      expect(noItem.errorMessage).toContain('Retainage Receivable item');
      const setBackRow = (await row(setBack.id))!;
      expect([setBackRow.status, setBackRow.errorCode, setBackRow.requestId]).toEqual(['failed', 'NOT_APPROVED_IN_PROCORE', null]);
      expect(setBackRow.errorMessage).toContain('Revise And Resubmit');
      const exceptions = await api('GET', '/exports/exceptions');
      expect(
        exceptions
          .json()
          .items.map((e: { procoreId: string; errorCode: string }) => [e.procoreId, e.errorCode])
          .sort(),
      ).toEqual(
        [
          [String(negative.id), 'NEGATIVE_INVOICE'],
          [String(withRetainage.id), 'NO_RETAINAGE_ITEM'],
          [String(setBack.id), 'NOT_APPROVED_IN_PROCORE'],
        ].sort(),
      );
      expect(company.invoices).toHaveLength(0);

      // The accountant sets the item and retries: it goes, once; the negative one stays out.
      expect((await api('PATCH', '/settings', { retainageReceivableItem: retainageItem })).statusCode).toBe(200);
      const retried = await api('POST', '/exports/owner_invoice/retry', { procoreIds: [String(withRetainage.id)] });
      expect(retried.statusCode, retried.body).toBe(200);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      expect((await row(withRetainage.id))!.status).toBe('synced');
      const [concrete] = [await itemOf(pick.costCodes[0])];
      await expectInvoice(
        `OI${scenario}-3`,
        [
          [concrete, cents(8_000), 'Sitework and concrete'],
          [retainageItem.listId, -cents(800), 'Retainage withheld'],
        ],
        '2026-03-28',
      );
      expect(company.invoices).toHaveLength(1);
      expect((await row(negative.id))!.status).toBe('failed');
    },
    LONG,
  );

  it(
    'a write response lost during the session (the progress invoice, then the release invoice) is recovered, not written twice',
    async () => {
      const contract = primeContract();
      const warmUp = ownerInvoice(contract, 1, [{ work_completed_this_period: 10_000 }, { work_completed_this_period: 10_000 }]);
      const releasing = ownerInvoice(contract, 2, [
        { work_completed_this_period: 5_000, work_completed_retainage_released_this_period: 1_000 },
        { work_completed_this_period: 0, work_completed_retainage_retained_this_period: 0, work_completed_retainage_released_this_period: 1_000 },
      ]);
      const second = ownerInvoice(contract, 3, [
        { work_completed_this_period: 7_000, work_completed_retainage_released_this_period: 500 },
        { work_completed_this_period: 0, work_completed_retainage_retained_this_period: 0 },
      ]);
      await refreshFromProcore();
      // The job and both items go to QuickBooks with the first owner invoice.
      await sendAndApprove([warmUp.id]);
      await runUntilIdle();
      expect((await row(warmUp.id))!.status).toBe('synced');

      // The next session's first write is the progress invoice of #2: QuickBooks writes it, the answer is lost.
      await sendAndApprove([releasing.id]);
      const lostFirst = await session({ loseWriteResponse: 1 });
      expect(lostFirst.outcome).not.toBe('completed');
      qbwcSkewMs += 2_000;
      await runUntilIdle();
      // #3: its progress invoice is answered; the release invoice, written next in the same session, is lost.
      await sendAndApprove([second.id]);
      const lostSecond = await session({ loseWriteResponse: 2 });
      expect(lostSecond.outcome).not.toBe('completed');
      qbwcSkewMs += 2_000;
      await runUntilIdle();

      for (const pa of [warmUp, releasing, second]) {
        const exported = (await row(pa.id))!;
        expect([exported.status, exported.errorCode, exported.errorMessage]).toEqual(['synced', null, null]);
      }
      for (const ref of [`OI${scenario}-1`, `OI${scenario}-2`, `OI${scenario}-2R`, `OI${scenario}-3`, `OI${scenario}-3R`]) {
        expect(invoicesNumbered(ref), ref).toHaveLength(1);
      }
      expect(company.invoices).toHaveLength(5);
      expect(invoicesNumbered(`OI${scenario}-2R`)[0]!.lines.map((l) => l.amount)).toEqual([cents(2_000)]);
      // Each QuickBooks invoice is linked once, and to the part it is.
      const links = await db().prisma.recordLink.findMany({ where: { companyId, qbType: 'Invoice' } });
      expect(links).toHaveLength(5);
      expect(new Set(links.map((l) => l.qbId)).size).toBe(5);
      const releaseOf3 = (await link('payment_application_retainage_release', second.id))!;
      expect(company.invoices.find((i) => i.txnId === releaseOf3.qbId)?.refNumber).toBe(`OI${scenario}-3R`);
    },
    LONG,
  );
});

/** A project whose first two cost codes come from the company's standard list (each becomes a QuickBooks item). */
function choose(setup: ProcoreTestSetup): { projectId: number; costCodes: [number, number] } {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    const codes = store.costCodes.list(project.id).filter((c) => c.standard_cost_code_id !== null);
    if (codes.length >= 2) return { projectId: project.id, costCodes: [codes[0]!.id, codes[1]!.id] };
  }
  throw new Error('the seed has no project with two standard cost codes');
}
