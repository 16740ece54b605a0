import { describe, expect, it } from 'vitest';
import { attributeCostTransaction, type CommitmentForPurchaseOrder } from './attribute-cost-transaction.ts';
import { buildRequisitionFromBill } from './build-requisition-from-bill.ts';
import { commitmentLineKey, changeOrderLineKey } from '../line-keys.ts';
import { readCostTransaction, type QbCostTransaction } from './read-cost-transaction.ts';
import {
  ACCOUNT_PERMITS,
  CC_CONCRETE,
  CC_PERMITS,
  CC_REBAR,
  costLine,
  costTxn,
  ITEM_CONCRETE,
  ITEM_REBAR,
  ITEM_UNMAPPED,
  JOB_MOB,
  makeAttributionContext,
  PCC,
  PROJECT_MOB,
  SIMULATOR_BILL_XML,
  STANDARD_TABLES,
} from './testing/cost-fixtures.ts';
import { parseRet } from './testing/parse-rets.ts';

const PO = '1A2-1700000000';
const COMMITMENT: CommitmentForPurchaseOrder = {
  commitmentId: 40,
  procoreProjectId: PROJECT_MOB,
  lineKeys: new Map<string, string | null>([
    ['POL-1', commitmentLineKey(501)],
    ['POL-2', changeOrderLineKey(60, 9302, 501)],
    ['POL-3', null],
  ]),
  poLines: [
    { txnLineId: 'POL-1', itemListId: ITEM_CONCRETE.listId },
    { txnLineId: 'POL-2', itemListId: ITEM_REBAR.listId },
  ],
};
const attribute = (txn: QbCostTransaction, commitments: Record<string, CommitmentForPurchaseOrder> = { [PO]: COMMITMENT }) =>
  attributeCostTransaction(txn, makeAttributionContext({ ...STANDARD_TABLES, commitments }));

describe('buildRequisitionFromBill', () => {
  it('turns a bill received against a commitment’s PO into an invoice keyed by the PO lines’ Procore keys', () => {
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
    const requisition = buildRequisitionFromBill(attribute(bill));
    expect(requisition).toEqual({
      procoreProjectId: PROJECT_MOB,
      commitmentId: 40,
      originId: 'qb:Bill:1C0-1700000000',
      originData: '1717347667',
      invoiceNumber: 'PAYAPP-0003',
      billingDate: '2026-05-31',
      items: [
        // The expense line is on the bill but on no PO line: its cost code only.
        { commitmentLineItemId: null, costCodeId: CC_PERMITS, projectCostCodeId: PCC(PROJECT_MOB, CC_PERMITS), changeOrderId: null, amountCents: 125050, description: 'Pour permit' },
        { commitmentLineItemId: 501, costCodeId: CC_CONCRETE, projectCostCodeId: PCC(PROJECT_MOB, CC_CONCRETE), changeOrderId: null, amountCents: 12375000, description: 'Work completed this period' },
        // A change order's PO line: no commitment line, its change order and cost code from the key.
        { commitmentLineItemId: null, costCodeId: CC_REBAR, projectCostCodeId: 9302, changeOrderId: 60, amountCents: -12500, description: ITEM_REBAR.fullName },
      ],
      totalCents: 12487550,
      contentHash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('sums lines billed against the same commitment line, and unpaired lines with the same cost codes', () => {
    const bill = costTxn({
      lines: [
        costLine({ txnLineId: 'A', amountCents: 1000, itemListId: ITEM_CONCRETE.listId, memo: 'Slab', linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'B', amountCents: 2000, itemListId: ITEM_CONCRETE.listId, memo: 'Walls', linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'C', amountCents: 3000, itemListId: ITEM_CONCRETE.listId, memo: 'Slab', linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'D', amountCents: 50, lineKind: 'expense', accountListId: ACCOUNT_PERMITS.listId, jobListId: JOB_MOB.listId, memo: 'Permit' }),
        costLine({ txnLineId: 'E', amountCents: 25, lineKind: 'expense', accountListId: ACCOUNT_PERMITS.listId, jobListId: JOB_MOB.listId }),
      ],
    });
    expect(buildRequisitionFromBill(attribute(bill))!.items).toEqual([
      { commitmentLineItemId: 501, costCodeId: CC_CONCRETE, projectCostCodeId: PCC(PROJECT_MOB, CC_CONCRETE), changeOrderId: null, amountCents: 6000, description: 'Slab; Walls' },
      { commitmentLineItemId: null, costCodeId: CC_PERMITS, projectCostCodeId: PCC(PROJECT_MOB, CC_PERMITS), changeOrderId: null, amountCents: 75, description: 'Permit' },
    ]);
  });

  it('keeps a line with no cost code and no commitment line as an item with costCodeId null', () => {
    const bill = costTxn({ linkedPurchaseOrderTxnIds: [PO], lines: [costLine({ txnLineId: 'A', amountCents: 100, itemListId: ITEM_UNMAPPED.listId, itemFullName: 'Misc' })] });
    expect(buildRequisitionFromBill(attribute(bill))!.items).toEqual([{ commitmentLineItemId: null, costCodeId: null, projectCostCodeId: null, changeOrderId: null, amountCents: 100, description: 'Misc' }]);
  });

  it('leaves out lines of 0.00 and lines received against another commitment or a QuickBooks-only PO', () => {
    const bill = costTxn({
      lines: [
        costLine({ txnLineId: 'A', amountCents: 100, itemListId: ITEM_CONCRETE.listId, linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'zero', amountCents: 0, itemListId: ITEM_CONCRETE.listId, linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'other', amountCents: 200, itemListId: ITEM_CONCRETE.listId, linkedTxnId: 'PO-B', linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'qb-only', amountCents: 300, itemListId: ITEM_CONCRETE.listId, linkedTxnId: 'PO-QB', linkedTxnLineId: 'X' }),
      ],
    });
    const requisition = buildRequisitionFromBill(attribute(bill, { [PO]: COMMITMENT, 'PO-B': { ...COMMITMENT, commitmentId: 50 } }))!;
    expect(requisition.items.map((i) => i.amountCents)).toEqual([100]);
    expect(requisition.totalCents).toBe(100);
  });

  it('a voided bill (every line 0.00) gives no items and a total of 0: void or delete the invoice', () => {
    const bill = costTxn({ linkedPurchaseOrderTxnIds: [PO], lines: [costLine({ txnLineId: 'A', amountCents: 0, itemListId: ITEM_CONCRETE.listId })] });
    expect(buildRequisitionFromBill(attribute(bill))).toMatchObject({ items: [], totalCents: 0 });
  });

  it('reports a negative total (negative subcontractor invoices do not sync; the caller refuses them)', () => {
    const bill = costTxn({ linkedPurchaseOrderTxnIds: [PO], lines: [costLine({ txnLineId: 'A', amountCents: -500, itemListId: ITEM_CONCRETE.listId })] });
    expect(buildRequisitionFromBill(attribute(bill))!.totalCents).toBe(-500);
  });

  it('invoiceNumber is null without a RefNumber', () => {
    const bill = costTxn({ refNumber: null, linkedPurchaseOrderTxnIds: [PO], lines: [costLine({ txnLineId: 'A', amountCents: 1, itemListId: ITEM_CONCRETE.listId })] });
    expect(buildRequisitionFromBill(attribute(bill))!.invoiceNumber).toBeNull();
  });

  it('is null for direct costs and our own bills', () => {
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
    expect(buildRequisitionFromBill(attribute(bill, {}))).toBeNull();
    expect(buildRequisitionFromBill(attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, ownBills: [bill.txnId], commitments: { [PO]: COMMITMENT } })))).toBeNull();
  });

  it('contentHash ignores the EditSequence and follows amounts and the invoice number', () => {
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
    const hash = (txn: QbCostTransaction) => buildRequisitionFromBill(attribute(txn))!.contentHash;
    expect(hash({ ...bill, editSequence: '1' })).toBe(hash(bill));
    expect(hash({ ...bill, refNumber: 'PAYAPP-0004' })).not.toBe(hash(bill));
    expect(hash({ ...bill, lines: bill.lines.slice(1) })).not.toBe(hash(bill));
  });
});
