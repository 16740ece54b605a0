import { describe, expect, it } from 'vitest';
import { reconcileJobCosts, type CostCodeFigures } from './reconcile-job-costs.ts';
import { RECONCILIATION_CSV_HEADER, reconciliationCsv } from './render-reconciliation-csv.ts';

const base: Omit<CostCodeFigures, 'costCode'> = {
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
};

describe('reconciliationCsv', () => {
  it('one row per cost code and a total row, dollars as plain decimals, differences joined', () => {
    const report = reconcileJobCosts({
      procoreProjectId: 7,
      projectName: 'MOB',
      costCodes: [
        {
          ...base,
          costCode: { standardCostCodeId: 301, code: '03-300', name: 'Concrete, cast-in-place' },
          committedCents: 2000000,
          invoicedCents: 1250000,
          billedFromCommitmentsCents: 1200000,
          billedCents: 1212345,
          jobToDateCents: 1212345,
          paidCents: 0,
          pendingExports: 1,
        },
        { ...base, costCode: { standardCostCodeId: 150, code: null, name: null }, jobToDateCents: -1050 },
        { ...base, costCode: { standardCostCodeId: null, code: null, name: null }, jobToDateCents: 5, unattributedCents: 5 },
      ],
    });
    const csv = reconciliationCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(RECONCILIATION_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      '03-300,"Concrete, cast-in-place",20000.00,12500.00,12000.00,12123.45,0.00,12123.45,0.00,0.00,' +
        '"1 record approved or queued for QuickBooks is not there yet; it goes with the next Web Connector session. | ' +
        'Procore invoiced $12,500.00 but QuickBooks billed $12,000.00 against commitments (−$500.00) (the other $123.45 billed on this cost code is not on a commitment, so it is not compared); likely explained by: 1 record not yet in QuickBooks."',
    );
    expect(lines[2]).toBe('Procore cost code 150,,0.00,0.00,0.00,0.00,0.00,-10.50,0.00,0.00,');
    expect(lines[3]).toBe(
      '(no cost code),,0.00,0.00,0.00,0.00,0.00,0.05,0.00,0.05,"$0.05 of QuickBooks cost on this project has no Procore cost code, so it is not in Procore; the lines are listed under ""Cost not in Procore"" with what to do about each."',
    );
    expect(lines[4]).toBe('Total,,20000.00,12500.00,12000.00,12123.45,0.00,12113.00,0.00,0.05,2 cost codes with differences');
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
  });

  it('says "No differences" when there are none', () => {
    const report = reconcileJobCosts({ procoreProjectId: 7, projectName: null, costCodes: [] });
    expect(reconciliationCsv(report)).toBe(`${RECONCILIATION_CSV_HEADER.join(',')}\r\nTotal,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,No differences\r\n`);
  });

  it('guards cost code names against formula injection', () => {
    const report = reconcileJobCosts({
      procoreProjectId: 7,
      projectName: null,
      costCodes: [{ ...base, costCode: { standardCostCodeId: 1, code: '=1+1', name: '@evil' } }],
    });
    expect(reconciliationCsv(report).split('\r\n')[1]).toBe("'=1+1,'@evil,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,");
  });
});
