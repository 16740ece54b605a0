import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile, type Invoice, type ReceivePayment } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionOptions, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Payments received, QuickBooks → Procore (issue 21), end to end: the real server on PGlite and PostgreSQL, the
// Procore simulator (prime contracts, owner invoices, payments received), the Web Connector client and a simulated
// QuickBooks file. QuickBooks invoices stand for Procore owner invoices through record_links rows written here as
// the owner invoice export writes them (payment_application / payment_application_retainage_release → Invoice), so
// this test does not depend on the export. Update Job Costs reads the payments and the push records them on the owner
// invoices: exactly the money applied, once, whatever is lost on the way.

type Fault = 'lose-answer' | 'drop-before';

describe.each(await databaseKinds())('payments received into Procore (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let auth: AuthHeaders;
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let qbwcSkewMs = 0;
  /** Procore POSTs to contract_payments: each one's fault, in order (undefined = answered normally). */
  let postFaults: Array<Fault | undefined> = [];
  let posts = 0;
  /** The two approved owner invoices the QuickBooks invoices stand for. */
  let owner: Array<{ id: number; projectId: number; contractId: number; number: number }>;
  let invoices: { a: Invoice; b: Invoice; c: Invoice; d: Invoice; e: Invoice };
  let jobId: string;
  let discountAccountId: string;

  beforeAll(async () => {
    // Procore's answer to a payment's POST lost after Procore created it, or the connection dropped before it got
    // there: both reach the client as no answer (outcome unknown), which it never resends.
    const faultyFetch: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method === 'POST' && /\/rest\/v1\.0\/contract_payments(\?|$)/.test(url)) {
        const fault = postFaults[posts++];
        if (fault === 'drop-before') throw new TypeError('fetch failed (test: connection dropped before Procore)');
        if (fault === 'lose-answer') {
          await fetch(input, init);
          throw new TypeError('fetch failed (test: answer lost after Procore created it)');
        }
      }
      return fetch(input, init);
    };
    const app = { procoreFetch: faultyFetch, qbwcClock: () => new Date(Date.now() + qbwcSkewMs) };
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '1' }, app });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Owner Payments GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
    expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
    expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    // Two approved owner invoices on approved prime contracts of the seeded Procore company.
    const store = setup.simulator.store;
    const approvedContracts = new Set(
      [...store.primeContracts.all()].filter((c) => c.company_id === setup.simulator.companyId && ['Approved', 'Complete'].includes(c.status)).map((c) => c.id),
    );
    const approved = [...store.paymentApplications.all()].filter(
      (pa) => pa.company_id === setup.simulator.companyId && pa.status === 'approved' && approvedContracts.has(pa.contract_id),
    );
    expect(approved.length).toBeGreaterThanOrEqual(2);
    owner = approved.slice(0, 2).map((pa) => ({ id: pa.id, projectId: pa.project_id, contractId: pa.contract_id, number: pa.number }));
    // Our copy of them, as the reconcile keeps it (written here in Procore's shape if this build's reconcile does not read them yet).
    for (const pa of approved.slice(0, 2)) {
      await db.prisma.procoreRecord.upsert({
        where: { companyId_resourceType_procoreId: { companyId, resourceType: 'payment_application', procoreId: String(pa.id) } },
        create: {
          companyId,
          resourceType: 'payment_application',
          procoreId: String(pa.id),
          procoreProjectId: String(pa.project_id),
          data: { id: pa.id, contract_id: pa.contract_id, number: pa.number, invoice_number: pa.invoice_number, status: pa.status },
        },
        update: {},
      });
    }

    company = generateCompanyFile({ seed: 21, vendors: 2, customers: 1, jobsPerCustomer: 1, items: 6, bills: 0, checks: 0, creditCardCharges: 0 });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    jobId = company.customers.find((c) => c.parentId)!.listId;
    discountAccountId = (company.accounts.find((a) => a.accountType === 'Income') ?? company.accounts[0]!).listId;
    const itemId = company.items.find((i) => i.itemType === 'Service' || i.itemType === 'OtherCharge')?.listId;
    const invoice = (refNumber: string, amountCents: number) =>
      quickbooks.addInvoice({
        customerId: jobId,
        refNumber,
        txnDate: '2026-11-02',
        lines: [{ ...(itemId ? { itemId } : {}), desc: 'Work billed', amountCents }],
      });
    invoices = {
      a: invoice('OI-1', 2_000_00),
      b: invoice('OI-2', 1_000_00),
      c: invoice('OI-1R', 800_00),
      d: invoice('T-9', 400_00),
      e: invoice('OI-OLD', 300_00),
    };
    // As the owner invoice export links them: A and B are the progress invoices of the two owner invoices, C the
    // invoice of its own that bills the first one's released retainage, E an owner invoice since deleted in Procore
    // (nothing in our copy), D typed in QuickBooks.
    const link = (procoreType: string, procoreId: number, inv: Invoice) =>
      db.prisma.recordLink.create({
        data: { companyId, procoreType, procoreId: String(procoreId), qbType: 'Invoice', qbId: inv.txnId, qbName: inv.refNumber ?? null },
      });
    await link('payment_application', owner[0]!.id, invoices.a);
    await link('payment_application', owner[1]!.id, invoices.b);
    await link('payment_application_retainage_release', owner[0]!.id, invoices.c);
    await link('payment_application', 987_654_321, invoices.e);
  }, 180_000);
  afterAll(async () => setup?.close());

  beforeEach(() => {
    postFaults = [];
    posts = 0;
  });

  function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  }
  const session = (options: Partial<SessionOptions> = {}): Promise<SessionReport> =>
    runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10, ...options });

  /** Update Job Costs as the button does; `firstSession` may carry a Web Connector fault (the session then dies). */
  async function updateJobCosts(firstSession: Partial<SessionOptions> = {}) {
    const queued = await api('POST', '/imports/refresh', { kind: 'job_costs' });
    expect(queued.statusCode, queued.body).toBe(202);
    let options = firstSession;
    for (let i = 0; i < 6; i++) {
      const report = await session(options);
      await setup.app.jobRunner.drain();
      if (Object.keys(options).length > 0) {
        // The dead session is taken over once QBWC would have given up on it: move its clock instead of sleeping.
        qbwcSkewMs += 60_000;
        options = {};
        continue;
      }
      expect(['completed', 'no-work'], report.lastError ?? report.statusLine).toContain(report.outcome);
      if (report.outcome === 'no-work') return;
    }
    throw new Error('the Web Connector still had work after 6 sessions');
  }

  const ours = () =>
    [...setup.simulator.store.primeContractPayments.all()]
      .filter((p) => p.origin_id?.startsWith('qb:ReceivePayment:'))
      .map((p) => ({
        originId: p.origin_id!,
        contractId: p.contract_id,
        projectId: p.project_id,
        amount: Number(p.amount),
        drawRequestNumber: p.draw_request_number,
        checkNumber: p.check_number,
      }))
      .sort((x, y) => x.originId.localeCompare(y.originId));
  const originOf = (payment: ReceivePayment, invoice: Invoice) => `qb:ReceivePayment:${payment.txnId}:${invoice.txnId}`;
  const failures = async () =>
    (
      (await api('GET', '/imports/failures?limit=100&offset=0')).json() as {
        items: Array<{ txnType: string; txnId: string; errorCode: string; message: string }>;
      }
    ).items;

  it('one payment over two invoices, a partial one, one with a discount: exactly those payments on the owner invoices; a void and a delete remove theirs', async () => {
    const [first, second] = owner;
    const pay = (refNumber: string, applied: Array<{ invoice: Invoice; cents: number; discount?: number }>) =>
      quickbooks.receivePayment({
        customerId: jobId,
        txnDate: '2026-11-20',
        refNumber,
        paymentMethod: 'Check',
        applied: applied.map((a) => ({
          invoiceTxnId: a.invoice.txnId,
          amountCents: a.cents,
          ...(a.discount ? { discountCents: a.discount, discountAccountId } : {}),
        })),
      });
    const spread = pay('7001', [
      { invoice: invoices.a, cents: 1_000_00 },
      { invoice: invoices.b, cents: 500_00 },
    ]);
    const partial = pay('7002', [{ invoice: invoices.c, cents: 250_00 }]);
    const discounted = pay('7003', [{ invoice: invoices.b, cents: 300_00, discount: 20_00 }]);
    const typedInQuickBooks = pay('7004', [{ invoice: invoices.d, cents: 100_00 }]);
    const onGoneOwnerInvoice = pay('7005', [{ invoice: invoices.e, cents: 50_00 }]);

    await updateJobCosts();
    const expected = [
      { p: spread, inv: invoices.a, owner: first!, amount: 1000, check: '7001' },
      { p: spread, inv: invoices.b, owner: second!, amount: 500, check: '7001' },
      { p: partial, inv: invoices.c, owner: first!, amount: 250, check: '7002' },
      // The $20.00 discount is not money received: only the $300.00.
      { p: discounted, inv: invoices.b, owner: second!, amount: 300, check: '7003' },
    ];
    const asProcore = (rows: typeof expected) =>
      rows
        .map((e) => ({
          originId: originOf(e.p, e.inv),
          contractId: e.owner.contractId,
          projectId: e.owner.projectId,
          amount: e.amount,
          drawRequestNumber: e.owner.number,
          checkNumber: e.check,
        }))
        .sort((x, y) => x.originId.localeCompare(y.originId));
    expect(ours()).toEqual(asProcore(expected));
    // The payment on an invoice typed in QuickBooks is not pushed and is no failure; the one on an owner invoice gone
    // from Procore is, saying what to do.
    const failed = await failures();
    expect(failed.map((f) => [f.txnType, f.txnId, f.errorCode])).toEqual([['ReceivePayment', onGoneOwnerInvoice.txnId, 'OWNER_INVOICE_GONE']]);
    expect(failed[0]!.message).toMatch(
      /7005.*\$50\.00 on QuickBooks invoice OI-OLD, which was exported from Procore owner invoice 987654321; .*no longer in Procore.*Record the payment by hand/,
    );
    expect(failed.some((f) => f.txnId === typedInQuickBooks.txnId)).toBe(false);

    // A void (TotalAmount 0.00, memo VOID:) removes the partial payment's Procore payment.
    quickbooks.voidTransaction(partial.txnId);
    await updateJobCosts();
    expect(ours()).toEqual(asProcore(expected.filter((e) => e.p !== partial)));
    // A delete (TxnDeletedQuery) removes the discounted one's.
    quickbooks.deleteTransaction(discounted.txnId);
    await updateJobCosts();
    const standing = asProcore(expected.filter((e) => e.p === spread));
    expect(ours()).toEqual(standing);
    const removed = await setup.testDb.database.prisma.auditEntry.findMany({
      where: { companyId, action: 'import.procore_record_removed', subjectType: 'qb_ReceivePayment' },
      orderBy: { at: 'asc' },
    });
    expect(removed.map((r) => [r.subjectId, (r.detail as { reason: string }).reason])).toEqual([
      [partial.txnId, 'voided in QuickBooks'],
      [discounted.txnId, 'deleted in QuickBooks'],
    ]);

    // Again, twice: nothing new is written anywhere.
    const before = { posts, pushes: await setup.testDb.database.prisma.procorePush.count({ where: { companyId } }), audit: removed.length };
    await updateJobCosts();
    await updateJobCosts();
    expect(ours()).toEqual(standing);
    expect(posts).toBe(before.posts);
    expect(await setup.testDb.database.prisma.procorePush.count({ where: { companyId } })).toBe(before.pushes);
    expect(
      await setup.testDb.database.prisma.auditEntry.count({ where: { companyId, action: 'import.procore_record_removed', subjectType: 'qb_ReceivePayment' } }),
    ).toBe(before.audit);

    // The second owner invoice's project is deleted in Procore (our copy says so): a new payment on its invoice is a
    // failure naming the project, not a payment sent to a project that is gone.
    const projectRow = { companyId, resourceType: 'project', procoreId: String(second!.projectId) };
    expect((await setup.testDb.database.prisma.procoreRecord.updateMany({ where: projectRow, data: { deletedAt: new Date() } })).count).toBe(1);
    const late = pay('7006', [{ invoice: invoices.b, cents: 40_00 }]);
    await updateJobCosts();
    expect(ours()).toEqual(standing);
    const lateFailure = (await failures()).find((f) => f.txnId === late.txnId);
    expect(lateFailure?.errorCode).toBe('PROJECT_GONE');
    expect(lateFailure?.message).toContain(
      `$40.00 on QuickBooks invoice OI-2, which was exported from an owner invoice of Procore project ${second!.projectId}; that project has been deleted`,
    );
    // The project restored: the next push records the payment that waited on the failures list, once.
    await setup.testDb.database.prisma.procoreRecord.updateMany({ where: projectRow, data: { deletedAt: null } });
    await updateJobCosts();
    const lateInProcore = asProcore([{ p: late, inv: invoices.b, owner: second!, amount: 40, check: '7006' }]);
    expect(ours()).toEqual([...standing, ...lateInProcore].sort((x, y) => x.originId.localeCompare(y.originId)));
    expect((await failures()).some((f) => f.txnId === late.txnId)).toBe(false);
  }, 300_000);

  it('lost answers on either side never write a payment twice (generated fault sequences)', async () => {
    const db = setup.testDb.database;
    const firedOverall = { 'lose-answer': 0, 'drop-before': 0 };
    for (const seed of [1, 2, 3, 4]) {
      const rng = mulberry32(seed);
      // 1–3 new payments on the linked invoices, each on one or both of A and B.
      const made: Array<{ payment: ReceivePayment; on: Invoice[] }> = [];
      const count = 1 + Math.floor(rng() * 3);
      for (let i = 0; i < count; i++) {
        const on = rng() < 0.5 ? [invoices.a, invoices.b] : [rng() < 0.5 ? invoices.a : invoices.b];
        const payment = quickbooks.receivePayment({
          customerId: jobId,
          txnDate: '2026-11-25',
          refNumber: `F${seed}-${i}`,
          applied: on.map((inv) => ({ invoiceTxnId: inv.txnId, amountCents: 1_00 + Math.floor(rng() * 10_00) })),
        });
        made.push({ payment, on });
      }
      const creates = made.reduce((n, m) => n + m.on.length, 0);
      // Each create: answered, its answer lost after Procore created it, or dropped before; the Web Connector side may
      // die after a few rounds of the first session (its reads are re-queued and read again, overlapping).
      postFaults = Array.from({ length: creates + 2 }, () => {
        const r = rng();
        return r < 0.4 ? 'lose-answer' : r < 0.6 ? 'drop-before' : undefined;
      });
      posts = 0;
      const dropRounds = rng() < 0.5 ? { dropConnectionAfterRounds: 1 + Math.floor(rng() * 2) } : {};
      const sequence = `seed ${seed}: ${JSON.stringify({ postFaults, ...dropRounds })}`;
      await updateJobCosts(dropRounds);
      // Refreshed again (the schedule, or Retry) until nothing of these payments is left failed or open…
      const settled = async () =>
        (await failures()).every((f) => !made.some((m) => m.payment.txnId === f.txnId)) &&
        (await db.prisma.procoreCreateIntent.count({ where: { companyId, status: 'open' } })) === 0;
      for (let round = 0; round < 6 && !(await settled()); round++) await updateJobCosts();
      // …and once more: a refresh with nothing new writes nothing.
      const postsBefore = posts;
      await updateJobCosts();
      expect(posts, sequence).toBe(postsBefore);

      // Invariant: each (payment, invoice) is in Procore exactly once, recorded once, nothing left open or failed.
      const inProcore = ours();
      const originIds = inProcore.map((p) => p.originId);
      expect(new Set(originIds).size, sequence).toBe(originIds.length);
      for (const { payment, on } of made) {
        for (const inv of on)
          expect(
            originIds.filter((o) => o === originOf(payment, inv)),
            sequence,
          ).toHaveLength(1);
      }
      const active = await db.prisma.procorePush.findMany({ where: { companyId, procoreType: 'prime_contract_payment', status: 'active' } });
      expect(active.map((p) => p.originId).sort(), sequence).toEqual([...originIds].sort());
      expect(await db.prisma.procoreCreateIntent.count({ where: { companyId, status: 'open' } }), sequence).toBe(0);
      // A POST whose answer was lost is found by origin_id, never sent again; one dropped before Procore is sent once more.
      const fired = postFaults.slice(0, posts);
      expect(posts, sequence).toBe(creates + fired.filter((f) => f === 'drop-before').length);
      for (const f of fired) if (f) firedOverall[f] += 1;
      expect(
        (await failures()).filter((f) => made.some((m) => m.payment.txnId === f.txnId)),
        sequence,
      ).toEqual([]);
    }
    // The sequences did exercise both faults (else this test proves nothing).
    expect(firedOverall['lose-answer']).toBeGreaterThan(0);
    expect(firedOverall['drop-before']).toBeGreaterThan(0);
  }, 600_000);
});

/** A small seeded generator (Tommy Ettinger's mulberry32): the same fault sequences on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
