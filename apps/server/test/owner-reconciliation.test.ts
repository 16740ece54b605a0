import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnerReconciliationBody } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import { buildOwnerReconciliation, createCompany } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Issue 21: "The reconciliation report gains the owner side per project: contract value, billed to owner, received,
// retainage receivable, and margin = billed to owner − committed / − billed by subs, with CSV." Procore's cost side is
// the seeded simulator read live (as the cost report reads it); the owner side is our stored copy, written here as the
// reconcile, the owner invoice export (record_links with QuickBooks' line amounts) and the payments received read
// (qb_transactions ReceivePayment, data.record = the ReceivePaymentRet) store it, so every figure is exact.

/** The owner side as the API answers it (the contract's schema, so a field renamed there breaks this test). */
type Owner = OwnerReconciliationBody;

/** A G703 row as Procore sends it (decimal strings; untouched columns empty). */
const row = (
  id: number,
  cols: { work?: string; materials?: string; workRetained?: string; materialsRetained?: string; workReleased?: string; materialsReleased?: string },
) => ({
  id,
  description_of_work: `Line ${id}`,
  work_completed_this_period: cols.work ?? '',
  materials_presently_stored: cols.materials ?? '',
  work_completed_retainage_retained_this_period: cols.workRetained ?? '',
  materials_stored_retainage_retained_this_period: cols.materialsRetained ?? '',
  work_completed_retainage_released_this_period: cols.workReleased ?? '',
  materials_stored_retainage_released_this_period: cols.materialsReleased ?? '',
});

/** A ReceivePaymentRet as stored (qbxml130.xsd order; readReceivePayment reads it again). */
const paymentRet = (txnId: string, total: string, applied: Array<{ invoice: string; amount: string; discount?: string }>, memo?: string) => ({
  TxnID: txnId,
  TimeModified: '2026-11-25T10:00:00-05:00',
  EditSequence: '1',
  TxnDate: '2026-11-25',
  RefNumber: `CHK-${txnId}`,
  TotalAmount: total,
  ...(memo ? { Memo: memo } : {}),
  AppliedToTxnRet: applied.map((a) => ({
    TxnID: a.invoice,
    TxnType: 'Invoice',
    Amount: a.amount,
    ...(a.discount ? { DiscountAmount: a.discount } : {}),
  })),
});

/** RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks); the body ends with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field === '' && record.length === 0).toBe(true);
  return records;
}

describe.each(await databaseKinds())('Owner reconciliation (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let accountant: AuthHeaders;
  let projectId: number;
  let otherProjectId: number;
  let cost: { committedCents: number; invoicedCents: number };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind);
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Owner GC', actor: 'test' })).id;
    const admin = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'admin@example.com' });
    accountant = await signInAs(setup, { companyId, roles: ['accountant'], login: 'accountant@example.com' });
    expect((await api(admin, '/procore/service-account', 'POST')).statusCode).toBe(200);
    expect((await api(admin, '/procore/reconcile', 'POST', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    const projects = setup.simulator.store.projects.list(setup.simulator.companyId);
    projectId = projects[0]!.id;
    otherProjectId = projects[1]!.id;
    const totals = (await api(accountant, `/job-costs/${projectId}`)).json().totals;
    cost = { committedCents: totals.committedCents, invoicedCents: totals.invoicedCents };
    expect(cost.committedCents).toBeGreaterThan(0);

    // Our copy of the owner side of the two projects, replaced by known records (the reconcile stored the seeded ones).
    const p = String(projectId);
    const other = String(otherProjectId);
    await db.prisma.procoreRecord.deleteMany({ where: { companyId, resourceType: { in: ['prime_contract', 'payment_application'] } } });
    const record = (resourceType: string, procoreId: string, projectOf: string, data: object, deleted = false) => ({
      companyId,
      resourceType,
      procoreId,
      procoreProjectId: projectOf,
      data: { id: Number(procoreId), project_id: Number(projectOf), ...data },
      deletedAt: deleted ? new Date() : null,
    });
    await db.prisma.procoreRecord.createMany({
      data: [
        // Show answer: revised_contract_amount given (it already includes approved change orders).
        record('prime_contract', '9001', p, { grand_total: '1200000.00', approved_change_orders: '50000.00', revised_contract_amount: '1250000.00' }),
        // List answer: no revised figure, so grand_total + approved change orders.
        record('prime_contract', '9002', p, { grand_total: '200000.00', approved_change_orders: '15000.50' }),
        record('prime_contract', '9003', p, { grand_total: '999999.00' }, true),
        // A damaged copy: not money, so left out of the contract value and counted.
        record('prime_contract', '9005', p, { revised_contract_amount: '1,250.00' }),
        record('prime_contract', '9004', other, { revised_contract_amount: '777.00' }),
        // Approved, exported: gross 125,000.00, withheld 12,500.00.
        record('payment_application', '7001', p, {
          contract_id: 9001,
          status: 'approved',
          line_items: [
            row(1, { work: '100000.00', materials: '5000.00', workRetained: '10000.00', materialsRetained: '500.00' }),
            row(2, { work: '20000.00', workRetained: '2000.00' }),
          ],
        }),
        // Approved, exported with a release invoice: gross 30,000.00, withheld 3,000.00, released 7,000.00.
        record('payment_application', '7002', p, {
          contract_id: 9001,
          status: 'approved',
          line_items: [row(3, { work: '30000.00', workRetained: '3000.00' }), row(4, { workReleased: '6000.00', materialsReleased: '1000.00' })],
        }),
        // Not billed to the owner: a draft, and an approved one deleted in Procore.
        record('payment_application', '7003', p, { contract_id: 9001, status: 'draft', line_items: [row(5, { work: '50000.00' })] }),
        record('payment_application', '7005', p, { contract_id: 9001, status: 'approved', line_items: [row(6, { work: '40000.00' })] }, true),
        // Approved, not exported yet: gross 1,000.00, withheld 100.00.
        record('payment_application', '7004', p, { contract_id: 9002, status: 'approved', line_items: [row(7, { work: '1000.00', workRetained: '100.00' })] }),
        // Approved but its copy has no lines: counted as unreadable, never as zero.
        record('payment_application', '7006', p, { contract_id: 9002, status: 'approved' }),
        // Another project's owner invoice.
        record('payment_application', '7101', other, { contract_id: 9004, status: 'approved', line_items: [row(8, { work: '500.00' })] }),
      ],
    });
    const link = (procoreType: string, procoreId: string, qbId: string, amounts: number[]) => ({
      companyId,
      procoreType,
      procoreId,
      qbType: 'Invoice',
      qbId,
      qbName: qbId,
      editSequence: '1',
      lines: amounts.map((amountCents, i) => ({ txnLineId: `${qbId}-${i}`, procoreLineKey: null, amountCents })),
    });
    await db.prisma.recordLink.createMany({
      data: [
        link('payment_application', '7001', 'INV-1', [10_000_000, 500_000, 2_000_000, -1_250_000]),
        link('payment_application', '7002', 'INV-2', [3_000_000, -300_000]),
        link('payment_application_retainage_release', '7002', 'INV-2R', [700_000]),
        link('payment_application', '7101', 'INV-OTHER', [50_000]),
      ],
    });
    const payment = (txnId: string, ret: object | null, deleted = false, company = companyId) => ({
      companyId: company,
      txnType: 'ReceivePayment',
      txnId,
      editSequence: '1',
      txnDate: '2026-11-25',
      refNumber: null,
      payeeListId: null,
      amountCents: 0n,
      qbModifiedAt: '2026-11-25T10:00:00-05:00',
      data: ret ? { payeeName: 'Harbor Owners LLC', record: ret } : { payeeName: 'Harbor Owners LLC' },
      deletedAt: deleted ? new Date() : null,
      needsPush: false,
      fetchedAt: new Date(),
    });
    const otherCompany = (await createCompany(db, { procoreCompanyId: '424242', name: 'Other GC', actor: 'test' })).id;
    await db.prisma.qbTransaction.createMany({
      data: [
        // One payment over this project's invoice and another project's: only 80,000.00 is this project's.
        payment(
          'RP-1',
          paymentRet('RP-1', '81000.00', [
            { invoice: 'INV-1', amount: '80000.00' },
            { invoice: 'INV-OTHER', amount: '1000.00' },
          ]),
        ),
        // A discount is written off, not received; a partial payment of the release invoice.
        payment(
          'RP-2',
          paymentRet('RP-2', '30000.00', [
            { invoice: 'INV-2', amount: '27000.00', discount: '100.00' },
            { invoice: 'INV-2R', amount: '3000.00' },
          ]),
        ),
        // Voided in QuickBooks (TotalAmount 0, Memo VOID:), deleted in QuickBooks, and a damaged row.
        payment('RP-3', paymentRet('RP-3', '0.00', [{ invoice: 'INV-1', amount: '0.00' }], 'VOID: bounced')),
        payment('RP-4', paymentRet('RP-4', '5000.00', [{ invoice: 'INV-1', amount: '5000.00' }]), true),
        payment('RP-5', null),
        // Another company's payment naming the same invoice TxnID.
        payment('RP-X', paymentRet('RP-X', '9000.00', [{ invoice: 'INV-1', amount: '9000.00' }]), false, otherCompany),
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await setup?.close();
  });

  function api(headers: AuthHeaders, path: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
  }

  it('gives contract value, billed to owner, QuickBooks invoiced, received, retainage receivable and both margins', async () => {
    const response = await api(accountant, `/job-costs/owner/${projectId}`);
    expect(response.statusCode).toBe(200);
    const owner: Owner = response.json();
    const billed = 12_500_000 + 3_000_000 + 100_000;
    expect(owner).toMatchObject({
      procoreProjectId: projectId,
      primeContracts: 3,
      unreadablePrimeContracts: 1,
      contractValueCents: 125_000_000 + 20_000_000 + 1_500_050,
      approvedOwnerInvoices: 4,
      notExportedOwnerInvoices: 2,
      unreadableOwnerInvoices: 1,
      billedToOwnerCents: billed,
      retainageWithheldCents: 1_250_000 + 300_000 + 10_000,
      retainageReleasedCents: 700_000,
      retainageReceivableCents: 1_560_000 - 700_000,
      billedNetCents: billed - 1_560_000 + 700_000,
      invoicedInQuickBooksCents: 11_250_000 + 2_700_000 + 700_000,
      receivedCents: 8_000_000 + 2_700_000 + 300_000,
      unreadablePayments: 1,
      committedCents: cost.committedCents,
      billedBySubsCents: cost.invoicedCents,
      marginOnCommittedCents: billed - cost.committedCents,
      marginOnBilledCents: billed - cost.invoicedCents,
      procoreError: null,
    });
    // Invariant: QuickBooks' invoices are Procore's net billing less the owner invoice not exported yet (7004: 1,000.00 − 100.00).
    expect(owner.billedNetCents - owner.invoicedInQuickBooksCents).toBe(90_000);
    // The other project sees only its own owner side.
    const other: Owner = (await api(accountant, `/job-costs/owner/${otherProjectId}`)).json();
    expect(other).toMatchObject({
      contractValueCents: 77_700,
      billedToOwnerCents: 50_000,
      invoicedInQuickBooksCents: 50_000,
      receivedCents: 100_000,
      retainageReceivableCents: 0,
    });
  });

  it('renders the same figures as CSV, money in dollars', async () => {
    const response = await api(accountant, `/job-costs/owner/${projectId}.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="owner-${projectId}.csv"`);
    const [header, line, ...rest] = parseCsv(response.body);
    expect(rest).toEqual([]);
    const cells = Object.fromEntries(header!.map((h, i) => [h, line![i]]));
    expect(cells).toMatchObject({
      'Procore project': String(projectId),
      'Contract value': '1465000.50',
      'Billed to owner (Procore, approved)': '156000.00',
      'Billed net of retainage (Procore)': '147400.00',
      'Invoiced in QuickBooks': '146500.00',
      Received: '110000.00',
      'Retainage withheld': '15600.00',
      'Retainage released': '7000.00',
      'Retainage receivable': '8600.00',
      Committed: (cost.committedCents / 100).toFixed(2),
      'Billed by subs': (cost.invoicedCents / 100).toFixed(2),
      'Margin on committed': ((156_000_00 - cost.committedCents) / 100).toFixed(2),
      'Approved owner invoices': '4',
      'Not exported': '2',
      'Procore error': '',
    });
  });

  it('keeps the owner figures and leaves the margins unknown (not zero) when Procore cannot be read', async () => {
    const withProcore: Owner = (await api(accountant, `/job-costs/owner/${projectId}`)).json();
    const without = await buildOwnerReconciliation(setup.testDb.database, {
      companyId,
      procoreProjectId: String(projectId),
      client: async () => {
        throw new Error('Procore is not connected.');
      },
    });
    expect(without).toEqual({
      ...withProcore,
      asOf: without.asOf,
      committedCents: null,
      billedBySubsCents: null,
      marginOnCommittedCents: null,
      marginOnBilledCents: null,
      procoreError: 'Procore is not connected.',
    });
  });

  it('is 404 for a project not in the company', async () => {
    expect((await api(accountant, '/job-costs/owner/987654321')).statusCode).toBe(404);
  });
});
