import { describe, expect, it } from 'vitest';
import { aggregateJobCosts, jobCostKey, jobCostLines, type JobCostLine } from './aggregate-job-costs.ts';
import { attributeCostTransaction } from './attribute-cost-transaction.ts';
import { readCostTransaction } from './read-cost-transaction.ts';
import {
  CC_CONCRETE,
  CC_REBAR,
  GROUPED_CHARGE_XML,
  makeAttributionContext,
  PROJECT_CLINIC,
  PROJECT_MOB,
  SIMULATOR_BILL_XML,
  SIMULATOR_CHECK_XML,
  STANDARD_TABLES,
} from './testing/cost-fixtures.ts';
import { parseRet } from './testing/parse-rets.ts';

describe('jobCostKey', () => {
  it('joins project and cost code, "none" for either missing', () => {
    expect(jobCostKey(7, 301)).toBe('7:301');
    expect(jobCostKey(7, null)).toBe('7:none');
    expect(jobCostKey(null, 301)).toBe('none:301');
    expect(jobCostKey(null, null)).toBe('none:none');
  });
});

describe('aggregateJobCosts', () => {
  it('sums by project and cost code; credits subtract; a key that nets to 0 stays', () => {
    const lines: JobCostLine[] = [
      { procoreProjectId: 7, standardCostCodeId: 301, amountCents: 1000 },
      { procoreProjectId: 7, standardCostCodeId: 302, amountCents: 500 },
      { procoreProjectId: 7, standardCostCodeId: 301, amountCents: -250 },
      { procoreProjectId: 7, standardCostCodeId: null, amountCents: 99 },
      { procoreProjectId: null, standardCostCodeId: null, amountCents: 1 },
      { procoreProjectId: 8, standardCostCodeId: 301, amountCents: 40 },
      { procoreProjectId: 8, standardCostCodeId: 301, amountCents: -40 },
    ];
    expect([...aggregateJobCosts(lines)]).toEqual([
      ['7:301', 750],
      ['7:302', 500],
      ['7:none', 99],
      ['none:none', 1],
      ['8:301', 0],
    ]);
  });

  it('takes any iterable, and an empty one gives an empty map', () => {
    function* lines() {
      yield { procoreProjectId: 1, standardCostCodeId: 2, amountCents: 3 };
    }
    expect(aggregateJobCosts(lines()).get('1:2')).toBe(3);
    expect(aggregateJobCosts([]).size).toBe(0);
  });

  it('its grand total equals the straight sum of the transactions read from QuickBooks', () => {
    const ctx = makeAttributionContext(STANDARD_TABLES);
    const txns = [
      readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML)),
      readCostTransaction('Check', parseRet('CheckQueryRs', SIMULATOR_CHECK_XML)),
      readCostTransaction('CreditCardCharge', parseRet('CreditCardChargeQueryRs', GROUPED_CHARGE_XML)),
    ];
    const totals = aggregateJobCosts(txns.flatMap((t) => jobCostLines(attributeCostTransaction(t, ctx))));
    const grand = [...totals.values()].reduce((s, v) => s + v, 0);
    expect(grand).toBe(txns.reduce((s, t) => s + (t.headerAmountCents ?? 0), 0));
    expect(totals.get(jobCostKey(PROJECT_MOB, CC_CONCRETE))).toBe(12375000);
    expect(totals.get(jobCostKey(PROJECT_MOB, CC_REBAR))).toBe(-12500 + 10000);
    expect(totals.get(jobCostKey(PROJECT_CLINIC, null))).toBe(8420);
  });

  it('refuses amounts that are not whole cents and sums that outgrow exact integers', () => {
    expect(() => aggregateJobCosts([{ procoreProjectId: 1, standardCostCodeId: 1, amountCents: 1.5 }])).toThrow(RangeError);
    const big = { procoreProjectId: 1, standardCostCodeId: 1, amountCents: Number.MAX_SAFE_INTEGER };
    expect(() => aggregateJobCosts([big, big])).toThrow('the job cost of 1:1 outgrows exact cents');
  });
});
