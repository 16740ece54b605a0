import { describe, expect, it } from 'vitest';
import { reconcileJobCosts, type CostCodeFigures, type ReconciliationInput } from './reconcile-job-costs.ts';

function figures(code: string | null, id: number | null, fields: Partial<CostCodeFigures> = {}): CostCodeFigures {
  return {
    costCode: { standardCostCodeId: id, code, name: code === null ? null : `Name of ${code}` },
    committedCents: 0,
    invoicedCents: 0,
    billedCents: 0,
    billedFromCommitmentsCents: 0,
    jobToDateCents: 0,
    paidCents: 0,
    pendingExports: 0,
    notExported: 0,
    changedInQuickBooks: 0,
    deletedInQuickBooks: 0,
    unattributedCents: 0,
    ...fields,
  };
}
const input = (costCodes: CostCodeFigures[]): ReconciliationInput => ({ procoreProjectId: 7, projectName: 'MOB Expansion', costCodes });
const one = (f: CostCodeFigures) => reconcileJobCosts(input([f])).rows[0]!;

describe('reconcileJobCosts', () => {
  it('a cost code where everything matches has no differences', () => {
    const row = one(
      figures('03-300', 301, {
        committedCents: 2000000,
        invoicedCents: 1250000,
        billedCents: 1300000,
        billedFromCommitmentsCents: 1250000,
        jobToDateCents: 1400000,
        paidCents: 1000000,
      }),
    );
    expect(row).toEqual({
      costCode: { standardCostCodeId: 301, code: '03-300', name: 'Name of 03-300' },
      committedCents: 2000000,
      invoicedCents: 1250000,
      billedCents: 1300000,
      billedFromCommitmentsCents: 1250000,
      jobToDateCents: 1400000,
      paidCents: 1000000,
      unattributedCents: 0,
      retainageCents: 0,
      differences: [],
    });
  });

  it('invoiced ≠ billed against commitments: names both amounts and the difference; with nothing to explain it, says so', () => {
    const row = one(figures('03-300', 301, { committedCents: 2000000, invoicedCents: 1250000, billedFromCommitmentsCents: 1200000, billedCents: 1200000 }));
    expect(row.differences).toEqual([
      {
        kind: 'amount_mismatch',
        message:
          'Procore invoiced $12,500.00 but QuickBooks billed $12,000.00 against commitments (−$500.00); no pending, missing, changed or deleted export explains it: compare the invoices with the bills.',
      },
    ]);
  });

  it('committed < billed against commitments is a mismatch too (over-billed commitment)', () => {
    const row = one(figures('03-300', 301, { committedCents: 1000000, invoicedCents: 1200000, billedFromCommitmentsCents: 1200000 }));
    expect(row.differences.map((d) => d.message)).toEqual([
      'QuickBooks billed $12,000.00 against commitments but Procore committed only $10,000.00 (+$2,000.00 over); no pending, missing, changed or deleted export explains it: compare the invoices with the bills.',
    ]);
  });

  it('bills that are direct costs (not on a commitment) are not compared with commitments', () => {
    expect(one(figures('01-500', 150, { billedCents: 50000, jobToDateCents: 80000 })).differences).toEqual([]);
  });

  it('lists the explanations in order (not yet synced → missing export → changed → deleted → mismatch → unattributed) and cites the first', () => {
    const row = one(
      figures('03-300', 301, {
        committedCents: 100,
        invoicedCents: 300,
        billedFromCommitmentsCents: 200,
        billedCents: 200,
        pendingExports: 2,
        notExported: 1,
        changedInQuickBooks: 3,
        deletedInQuickBooks: 1,
        unattributedCents: 4250,
      }),
    );
    expect(row.differences.map((d) => d.kind)).toEqual([
      'not_yet_synced',
      'missing_export',
      'changed_in_quickbooks',
      'deleted_in_quickbooks',
      'amount_mismatch',
      'amount_mismatch',
      'unattributed',
    ]);
    expect(row.differences.map((d) => d.message)).toEqual([
      '2 records approved or queued for QuickBooks are not there yet; they go with the next Web Connector session.',
      '1 committed record was never sent to QuickBooks; send it from Export to QuickBooks.',
      '3 records we exported were changed in QuickBooks since; review them in the exception queue.',
      '1 record we exported was deleted in QuickBooks; send it again or remove it in Procore.',
      'Procore invoiced $3.00 but QuickBooks billed $2.00 against commitments (−$1.00); likely explained by: 2 records not yet in QuickBooks.',
      'QuickBooks billed $2.00 against commitments but Procore committed only $1.00 (+$1.00 over); likely explained by: 2 records not yet in QuickBooks.',
      '$42.50 of QuickBooks cost on this cost code is not in Procore (the cost code is not on the project, or the line has no Procore cost code of its own); the lines are listed under "Cost not in Procore" with what to do about each.',
    ]);
  });

  it.each([
    [{ notExported: 1 }, '1 committed record never exported'],
    [{ changedInQuickBooks: 2 }, '2 records changed in QuickBooks'],
    [{ deletedInQuickBooks: 1 }, '1 record deleted in QuickBooks'],
  ])('cites the first explanation present: %j', (flags, cited) => {
    const row = one(figures('03-300', 301, { committedCents: 500, invoicedCents: 500, ...flags }));
    expect(row.differences.at(-1)!.message).toBe(
      `Procore invoiced $5.00 but QuickBooks billed $0.00 against commitments (−$5.00); likely explained by: ${cited}.`,
    );
  });

  // Issue 18 item 3: "QuickBooks billed $0.00" beside a Billed column of $77,379.43 — the comparison says what it compares.
  it('names the bills it leaves out of the comparison (direct costs on the same cost code)', () => {
    const row = one(figures('03-300', 301, { committedCents: 500, invoicedCents: 500, billedCents: 7737943, billedFromCommitmentsCents: 0, notExported: 1 }));
    expect(row.differences.at(-1)!.message).toBe(
      'Procore invoiced $5.00 but QuickBooks billed $0.00 against commitments (−$5.00) (the other $77,379.43 billed on this cost code is not on a commitment, so it is not compared); likely explained by: 1 committed record never exported.',
    );
  });

  // Issue 18 item 3: the retainage line the connector itself exported was flagged as an unexplained difference.
  it('retainage withheld on bills against commitments is carried, totalled and not a difference', () => {
    const report = reconcileJobCosts(
      input([
        figures('03-300', 301, { committedCents: 100000, invoicedCents: 40000, billedCents: 40000, billedFromCommitmentsCents: 40000, jobToDateCents: 40000 }),
        figures(null, null, { billedCents: -4000, jobToDateCents: -4000, retainageCents: 4000 }),
      ]),
    );
    expect(report.rows.map((r) => r.differences)).toEqual([[], []]);
    expect(report.rows[1]!.retainageCents).toBe(4000);
    expect(report.totals).toMatchObject({ billedCents: 36000, billedFromCommitmentsCents: 40000, retainageCents: 4000, rowsWithDifferences: 0 });
  });

  it('says the cost with no cost code has none, and a cost code row that its lines are not in Procore', () => {
    const [coded, none] = reconcileJobCosts(input([figures('03-300', 301, { unattributedCents: 100 }), figures(null, null, { unattributedCents: 200 })])).rows;
    expect(coded!.differences[0]!.message).toContain('on this cost code is not in Procore');
    expect(none!.differences[0]!.message).toBe(
      '$2.00 of QuickBooks cost on this project has no Procore cost code, so it is not in Procore; the lines are listed under "Cost not in Procore" with what to do about each.',
    );
  });

  it('flags explanations even when the amounts agree, and a negative unattributed amount', () => {
    const row = one(figures('03-300', 301, { pendingExports: 1, unattributedCents: -100 }));
    expect(row.differences).toEqual([
      { kind: 'not_yet_synced', message: '1 record approved or queued for QuickBooks is not there yet; it goes with the next Web Connector session.' },
      {
        kind: 'unattributed',
        message:
          '−$1.00 of QuickBooks cost on this cost code is not in Procore (the cost code is not on the project, or the line has no Procore cost code of its own); the lines are listed under "Cost not in Procore" with what to do about each.',
      },
    ]);
  });

  it('orders rows by code with digits compared as numbers, the no-cost-code row last, and totals every column', () => {
    const report = reconcileJobCosts(
      input([
        figures(null, null, { jobToDateCents: 5, unattributedCents: 5 }),
        figures('2-10', 210, {
          committedCents: 100,
          invoicedCents: 100,
          billedFromCommitmentsCents: 100,
          billedCents: 100,
          jobToDateCents: 100,
          paidCents: 50,
        }),
        figures('2-9', 209, { committedCents: 10, jobToDateCents: 7 }),
        figures('10-1', 1001, { invoicedCents: 1 }),
        figures('2-09', 299),
      ]),
    );
    expect(report.procoreProjectId).toBe(7);
    expect(report.projectName).toBe('MOB Expansion');
    expect(report.rows.map((r) => r.costCode.code)).toEqual(['2-9', '2-09', '2-10', '10-1', null]);
    expect(report.totals).toEqual({
      committedCents: 110,
      invoicedCents: 101,
      billedCents: 100,
      billedFromCommitmentsCents: 100,
      jobToDateCents: 112,
      paidCents: 50,
      unattributedCents: 5,
      retainageCents: 0,
      rowsWithDifferences: 2,
    });
  });

  it('an empty project gives no rows and zero totals', () => {
    expect(reconcileJobCosts(input([]))).toEqual({
      procoreProjectId: 7,
      projectName: 'MOB Expansion',
      rows: [],
      totals: {
        committedCents: 0,
        invoicedCents: 0,
        billedCents: 0,
        billedFromCommitmentsCents: 0,
        jobToDateCents: 0,
        paidCents: 0,
        unattributedCents: 0,
        retainageCents: 0,
        rowsWithDifferences: 0,
      },
    });
  });

  it('refuses a cost code listed twice, amounts that are not whole cents and counts below zero', () => {
    expect(() => reconcileJobCosts(input([figures('1', 1), figures('1', 1)]))).toThrow('cost code 1 is listed twice for project 7');
    expect(() => reconcileJobCosts(input([figures(null, null), figures(null, null)]))).toThrow('cost code (none) is listed twice');
    expect(() => reconcileJobCosts(input([figures('1', 1, { paidCents: 0.5 })]))).toThrow('paidCents of cost code 1 must be whole cents');
    expect(() => reconcileJobCosts(input([figures('1', 1, { notExported: -1 })]))).toThrow('notExported of cost code 1 must be a count');
  });
});
