import { describe, expect, it } from 'vitest';
import { explainFailure, pairLines, queryForCurrentVersion } from './settle-export.ts';
import { standardCostCodeId } from './load-export-links.ts';

describe('pairLines', () => {
  const po = (ids: string[]) => ({ TxnID: 'T1', PurchaseOrderLineRet: ids.map((id, i) => ({ TxnLineID: id, Amount: `${(i + 1) * 100}.00` })) });

  it('pairs by position when QuickBooks returned one line per request line', () => {
    expect(pairLines(po(['L1', 'L2']), 'PurchaseOrder', ['commitment-line:1', 'commitment-line:2'], [])).toEqual([
      { txnLineId: 'L1', procoreLineKey: 'commitment-line:1', amountCents: 10000 },
      { txnLineId: 'L2', procoreLineKey: 'commitment-line:2', amountCents: 20000 },
    ]);
  });

  it('keeps known keys by TxnLineID when the counts differ; lines only QuickBooks has get null', () => {
    const previous = [{ txnLineId: 'L2', procoreLineKey: 'commitment-line:2' }];
    expect(pairLines(po(['L1', 'L2', 'L3']), 'PurchaseOrder', ['x'], previous).map((l) => l.procoreLineKey)).toEqual([null, 'commitment-line:2', null]);
  });

  it('reads estimate and bill lines from their own elements, and leaves an unreadable amount out', () => {
    const estimate = { TxnID: 'E', EstimateLineRet: [{ TxnLineID: 'E1', Amount: 'abc' }] };
    expect(pairLines(estimate, 'Estimate', ['cost-code:1'], [])).toEqual([{ txnLineId: 'E1', procoreLineKey: 'cost-code:1' }]);
    const bill = { TxnID: 'B', ItemLineRet: [{ TxnLineID: 'B1', Amount: '-50.00' }] };
    expect(pairLines(bill, 'Bill', [null], [])).toEqual([{ txnLineId: 'B1', procoreLineKey: null, amountCents: -5000 }]);
  });
});

describe('explainFailure', () => {
  it('names the missing reference of a 3140 and says what to do', () => {
    const text = explainFailure(
      { title: 'SC-001 Concrete' },
      { statusCode: 3140, statusMessage: 'There is an invalid reference to QuickBooks Vendor "ABC Concrete" in the PurchaseOrder.', errorMessage: 'x' },
    );
    expect(text).toBe(
      'SC-001 Concrete: vendor "ABC Concrete" is not in QuickBooks yet (or was deleted there): export the vendor first or link an existing one, then retry. (QuickBooks 3140: There is an invalid reference to QuickBooks Vendor "ABC Concrete" in the PurchaseOrder.)',
    );
  });

  it('otherwise uses the queue explanation, which carries the raw code', () => {
    expect(
      explainFailure(
        { title: 'Invoice 7' },
        { statusCode: 3171, statusMessage: 'closed', errorMessage: 'The date is inside the closed period. (QuickBooks 3171: closed)' },
      ),
    ).toBe('Invoice 7: The date is inside the closed period. (QuickBooks 3171: closed)');
    expect(explainFailure({ title: 'Vendor' }, { statusCode: 3140, statusMessage: 'odd wording', errorMessage: 'Reference missing.' })).toBe(
      'Vendor: Reference missing.',
    );
  });
});

describe('queryForCurrentVersion', () => {
  it('reads back what a Mod tried to change', () => {
    expect(queryForCurrentVersion({ type: 'PurchaseOrderMod', txnId: 'T1', editSequence: '1' } as never)).toEqual({
      type: 'PurchaseOrderQuery',
      txnIds: ['T1'],
      includeLineItems: true,
    });
    expect(queryForCurrentVersion({ type: 'EstimateMod', txnId: 'E1', editSequence: '1' } as never)).toEqual({
      type: 'EstimateQuery',
      txnIds: ['E1'],
      includeLineItems: true,
    });
    expect(queryForCurrentVersion({ type: 'VendorMod', listId: 'V1', editSequence: '1' } as never)).toEqual({ type: 'VendorQuery', listIds: ['V1'] });
    expect(queryForCurrentVersion({ type: 'ItemOtherChargeMod', listId: 'I1', editSequence: '1' } as never)).toEqual({ type: 'ItemQuery', listIds: ['I1'] });
    expect(queryForCurrentVersion({ type: 'VendorAdd', name: 'x' })).toBeNull();
  });
});

describe('standardCostCodeId', () => {
  it('passes standard ids through, maps project cost codes, and has no item for project-only codes', () => {
    expect(standardCostCodeId(undefined, 5)).toBe(5);
    expect(standardCostCodeId({ '101': 5, '102': null }, 101)).toBe(5);
    expect(standardCostCodeId({ '101': 5, '102': null }, 102)).toBeNull();
    expect(standardCostCodeId({ '101': 5 }, 999)).toBeNull();
  });
});
