import { describe, expect, it } from 'vitest';
import * as mapping from '../index.ts';

describe('@connector/mapping import exports (QuickBooks to Procore)', () => {
  it('exports every import rule from the package index', () => {
    for (const name of [
      'readCostTransaction',
      'readBillPayment',
      'readQbListEntry',
      'attributeCostTransaction',
      'describeCostTransaction',
      'buildDirectCosts',
      'buildRequisitionFromBill',
      'splitCents',
      'buildContractPayments',
      'aggregateJobCosts',
      'jobCostKey',
      'jobCostLines',
      'reconcileJobCosts',
      'renderCsv',
      'renderCsvCell',
      'reconciliationCsv',
      'classifyLinks',
      'flagDuplicateVendors',
      'hashContent',
      'fnv1a64',
      'canonicalJson',
      'formatDollars',
      'formatDollarDifference',
    ]) {
      expect(typeof (mapping as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(mapping.QB_COST_TXN_TYPES).toEqual(['Bill', 'Check', 'CreditCardCharge']);
    expect(mapping.RECONCILIATION_CSV_HEADER).toHaveLength(11);
  });
});
