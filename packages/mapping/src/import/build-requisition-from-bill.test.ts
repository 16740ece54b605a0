import { describe, expect, it } from 'vitest';
import type { CommitmentChangeOrder } from '@connector/procore';
import { attributeCostTransaction, type CommitmentForPurchaseOrder } from './attribute-cost-transaction.ts';
import { buildRequisitionFromBill, type RequisitionFromBillContext } from './build-requisition-from-bill.ts';
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
    ['POL-4', changeOrderLineKey(60, 9302, null)],
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
        {
          commitmentLineItemId: null,
          costCodeId: CC_PERMITS,
          projectCostCodeId: PCC(PROJECT_MOB, CC_PERMITS),
          changeOrderId: null,
          changeOrderLineItemId: null,
          amountCents: 125050,
          description: 'Pour permit',
          retainageCents: 0,
        },
        {
          commitmentLineItemId: 501,
          costCodeId: CC_CONCRETE,
          projectCostCodeId: PCC(PROJECT_MOB, CC_CONCRETE),
          changeOrderId: null,
          changeOrderLineItemId: null,
          amountCents: 12375000,
          description: 'Work completed this period',
          retainageCents: 0,
        },
        // A change order's PO line: no commitment line, its change order and cost code from the key; without the
        // change order's line items (none passed here) it cannot be split into change order items.
        {
          commitmentLineItemId: null,
          costCodeId: CC_REBAR,
          projectCostCodeId: 9302,
          changeOrderId: 60,
          changeOrderLineItemId: null,
          amountCents: -12500,
          description: ITEM_REBAR.fullName,
          retainageCents: 0,
        },
      ],
      totalCents: 12487550,
      retainageCents: 0,
      problems: [
        {
          code: 'BILL_LINE_NOT_ON_COMMITMENT',
          message: expect.stringContaining('1 of its lines are not on a line of commitment 40 (for example "Pour permit")'),
        },
        { code: 'CHANGE_ORDER_NOT_BILLABLE', message: expect.stringContaining('Procore change order 60, which the connector does not know') },
      ],
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
      {
        commitmentLineItemId: 501,
        costCodeId: CC_CONCRETE,
        projectCostCodeId: PCC(PROJECT_MOB, CC_CONCRETE),
        changeOrderId: null,
        changeOrderLineItemId: null,
        amountCents: 6000,
        description: 'Slab; Walls',
        retainageCents: 0,
      },
      {
        commitmentLineItemId: null,
        costCodeId: CC_PERMITS,
        projectCostCodeId: PCC(PROJECT_MOB, CC_PERMITS),
        changeOrderId: null,
        changeOrderLineItemId: null,
        amountCents: 75,
        description: 'Permit',
        retainageCents: 0,
      },
    ]);
  });

  it('keeps a line with no cost code and no commitment line as an item with costCodeId null', () => {
    const bill = costTxn({
      linkedPurchaseOrderTxnIds: [PO],
      lines: [costLine({ txnLineId: 'A', amountCents: 100, itemListId: ITEM_UNMAPPED.listId, itemFullName: 'Misc' })],
    });
    expect(buildRequisitionFromBill(attribute(bill))!.items).toEqual([
      {
        commitmentLineItemId: null,
        costCodeId: null,
        projectCostCodeId: null,
        changeOrderId: null,
        changeOrderLineItemId: null,
        amountCents: 100,
        description: 'Misc',
        retainageCents: 0,
      },
    ]);
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
    expect(buildRequisitionFromBill(attribute(bill))).toMatchObject({ items: [], totalCents: 0, retainageCents: 0, problems: [] });
  });

  it('refuses a negative total (negative subcontractor invoices do not sync, docs/integration-map.md#known-limits): NEGATIVE_INVOICE', () => {
    const bill = costTxn({ linkedPurchaseOrderTxnIds: [PO], lines: [costLine({ txnLineId: 'A', amountCents: -500, itemListId: ITEM_CONCRETE.listId })] });
    const requisition = buildRequisitionFromBill(attribute(bill))!;
    expect(requisition.totalCents).toBe(-500);
    expect(requisition.problems).toEqual([{ code: 'NEGATIVE_INVOICE', message: expect.stringContaining('cannot be negative') }]);
  });

  it('invoiceNumber is null without a RefNumber', () => {
    const bill = costTxn({
      refNumber: null,
      linkedPurchaseOrderTxnIds: [PO],
      lines: [costLine({ txnLineId: 'A', amountCents: 1, itemListId: ITEM_CONCRETE.listId })],
    });
    expect(buildRequisitionFromBill(attribute(bill))!.invoiceNumber).toBeNull();
  });

  it('is null for direct costs and our own bills', () => {
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
    expect(buildRequisitionFromBill(attribute(bill, {}))).toBeNull();
    expect(
      buildRequisitionFromBill(
        attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, ownBills: [bill.txnId], commitments: { [PO]: COMMITMENT } })),
      ),
    ).toBeNull();
  });

  it('contentHash ignores the EditSequence and follows amounts and the invoice number', () => {
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
    const hash = (txn: QbCostTransaction) => buildRequisitionFromBill(attribute(txn))!.contentHash;
    expect(hash({ ...bill, editSequence: '1' })).toBe(hash(bill));
    expect(hash({ ...bill, refNumber: 'PAYAPP-0004' })).not.toBe(hash(bill));
    expect(hash({ ...bill, lines: bill.lines.slice(1) })).not.toBe(hash(bill));
  });
});

// Change order 60 on commitment 40, as Procore sends it: three PO lines' worth of line items.
const CHANGE_ORDER_60: CommitmentChangeOrder = {
  id: 60,
  number: '2',
  status: 'approved',
  contract_id: 40,
  line_items: [
    // PO line POL-2 (cost code 9302, commitment line 501): an add, a bigger add and a deduct.
    { id: 601, amount: '1000.00', cost_code_id: 9302, commitment_line_item_id: 501, description: 'Extra footings' },
    { id: 602, amount: '2000.00', cost_code_id: 9302, commitment_line_item_id: 501, description: 'Deeper footings' },
    { id: 603, amount: '-500.00', cost_code_id: 9302, commitment_line_item_id: 501, description: 'Omit sump' },
    // PO line POL-4 (cost code 9302, new scope: line:none): three equal line items.
    { id: 604, amount: '100.00', cost_code_id: 9302, commitment_line_item_id: null },
    { id: 605, amount: '100.00', cost_code: { id: 9302 } },
    { id: 606, amount: '100.00', cost_code_id: 9302 },
    // Another cost code: another PO line, never billed here.
    { id: 607, amount: '400.00', cost_code_id: 9303, commitment_line_item_id: 501 },
  ],
};
const RETAINAGE_ITEM = { listId: '80000099-1700000000', fullName: 'Retainage' };
const withChangeOrders = (changeOrders: CommitmentChangeOrder[] = [CHANGE_ORDER_60]): RequisitionFromBillContext => ({
  retainageItemListId: RETAINAGE_ITEM.listId,
  changeOrder: (id) => changeOrders.find((co) => co.id === id) ?? null,
});
const build = (bill: QbCostTransaction, ctx: RequisitionFromBillContext = withChangeOrders()) => buildRequisitionFromBill(attribute(bill), ctx)!;
const onPoLine = (txnLineId: string, amountCents: number, poLine: string, memo?: string) =>
  costLine({
    txnLineId,
    amountCents,
    ...(poLine === 'POL-1'
      ? { itemListId: ITEM_CONCRETE.listId, itemFullName: ITEM_CONCRETE.fullName }
      : { itemListId: ITEM_REBAR.listId, itemFullName: ITEM_REBAR.fullName }),
    linkedTxnId: PO,
    linkedTxnLineId: poLine,
    ...(memo ? { memo } : {}),
  });
const retainageLine = (txnLineId: string, amountCents: number) =>
  costLine({ txnLineId, amountCents, itemListId: RETAINAGE_ITEM.listId, itemFullName: RETAINAGE_ITEM.fullName });
const coItems = (r: { items: Array<{ changeOrderLineItemId: number | null; amountCents: number }> }) =>
  r.items.filter((i) => i.changeOrderLineItemId !== null).map((i) => [i.changeOrderLineItemId, i.amountCents]);

describe('buildRequisitionFromBill: change order lines become change order items', () => {
  it('splits a change-order PO line over its change order line items pro rata (a deduct line bills negatively)', () => {
    // 1,250.00 of the PO line's 2,500.00 is half of it: half of each line item.
    const requisition = build(costTxn({ lines: [onPoLine('A', 100000, 'POL-1'), onPoLine('B', 125000, 'POL-2', 'CO 2 footings')] }));
    expect(requisition.problems).toEqual([]);
    expect(requisition.items).toEqual([
      {
        commitmentLineItemId: 501,
        costCodeId: CC_CONCRETE,
        projectCostCodeId: PCC(PROJECT_MOB, CC_CONCRETE),
        changeOrderId: null,
        changeOrderLineItemId: null,
        amountCents: 100000,
        description: ITEM_CONCRETE.fullName,
        retainageCents: 0,
      },
      {
        commitmentLineItemId: null,
        costCodeId: CC_REBAR,
        projectCostCodeId: 9302,
        changeOrderId: 60,
        changeOrderLineItemId: 601,
        amountCents: 50000,
        description: 'CO 2 footings',
        retainageCents: 0,
      },
      {
        commitmentLineItemId: null,
        costCodeId: CC_REBAR,
        projectCostCodeId: 9302,
        changeOrderId: 60,
        changeOrderLineItemId: 602,
        amountCents: 100000,
        description: 'CO 2 footings',
        retainageCents: 0,
      },
      {
        commitmentLineItemId: null,
        costCodeId: CC_REBAR,
        projectCostCodeId: 9302,
        changeOrderId: 60,
        changeOrderLineItemId: 603,
        amountCents: -25000,
        description: 'CO 2 footings',
        retainageCents: 0,
      },
    ]);
    expect(requisition.totalCents).toBe(225000);
  });

  it('a line:none key splits over the new-scope line items; cents go by largest remainder (ties to the first), zero parts are left out', () => {
    expect(coItems(build(costTxn({ lines: [onPoLine('A', 100, 'POL-4')] })))).toEqual([
      [604, 34],
      [605, 33],
      [606, 33],
    ]);
    expect(coItems(build(costTxn({ lines: [onPoLine('A', 2, 'POL-4')] })))).toEqual([
      [604, 1],
      [605, 1],
    ]);
    // A credit against the PO line: floors of −33.33 are −34, the two cents back go to the first two.
    expect(coItems(build(costTxn({ lines: [onPoLine('A', -100, 'POL-4')] })))).toEqual([
      [604, -33],
      [605, -33],
      [606, -34],
    ]);
  });

  it('two bill lines on one change-order PO line are summed before the split; another PO line of the same change order stays apart', () => {
    const requisition = build(costTxn({ lines: [onPoLine('A', 60, 'POL-4', 'Part 1'), onPoLine('B', 40, 'POL-4', 'Part 2'), onPoLine('C', 2500, 'POL-2')] }));
    expect(coItems(requisition)).toEqual([
      [604, 34],
      [605, 33],
      [606, 33],
      [601, 1000],
      [602, 2000],
      [603, -500],
    ]);
    expect(requisition.items[0]!.description).toBe('Part 1; Part 2');
    expect(requisition.problems).toEqual([]);
  });

  it('an unknown, unapproved, foreign or since-changed change order is CHANGE_ORDER_NOT_BILLABLE; the item stays unsplit', () => {
    const bill = costTxn({ lines: [onPoLine('A', 100, 'POL-2')] });
    const problem = (changeOrders: CommitmentChangeOrder[]) => {
      const r = build(bill, withChangeOrders(changeOrders));
      expect(r.items).toMatchObject([{ changeOrderId: 60, changeOrderLineItemId: null, amountCents: 100 }]);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]!.code).toBe('CHANGE_ORDER_NOT_BILLABLE');
      return r.problems[0]!.message;
    };
    expect(problem([])).toMatch(
      /^Its line ".*" \(\$1\.00\) was received against a purchase order line of Procore change order 60, which the connector does not know/,
    );
    expect(problem([{ ...CHANGE_ORDER_60, status: 'void' }])).toContain(
      'change order #2, which is void in Procore: an invoice bills only approved change orders',
    );
    expect(problem([{ ...CHANGE_ORDER_60, contract_id: 41 }])).toContain('which is on another commitment');
    expect(problem([{ ...CHANGE_ORDER_60, line_items: CHANGE_ORDER_60.line_items!.filter((l) => l.commitment_line_item_id !== 501) }])).toContain(
      'no longer has the line items that purchase order line came from (cost code 9302)',
    );
    // Without a context (the caller knows no change orders) it is the same refusal, never a guess.
    expect(buildRequisitionFromBill(attribute(bill))!.problems.map((p) => p.code)).toEqual(['CHANGE_ORDER_NOT_BILLABLE']);
  });
});

describe('buildRequisitionFromBill: retainage lines', () => {
  it('a negative line on the Invoice Retainage Item is retainage withheld, spread over the positive items pro rata (a deduct item holds none)', () => {
    const requisition = build(costTxn({ lines: [onPoLine('A', 100000, 'POL-1'), onPoLine('B', 50000, 'POL-2'), retainageLine('R', -10000)] }));
    expect(requisition.problems).toEqual([]);
    expect(requisition.retainageCents).toBe(10000);
    expect(requisition.totalCents).toBe(150000);
    // Items 100,000 / 20,000 / 40,000 / −10,000: 10,000 over 160,000 of positive work.
    expect(requisition.items.map((i) => [i.commitmentLineItemId ?? i.changeOrderLineItemId, i.amountCents, i.retainageCents])).toEqual([
      [501, 100000, 6250],
      [601, 20000, 1250],
      [602, 40000, 2500],
      [603, -10000, 0],
    ]);
  });

  it('rounds by largest remainder and sums retainage lines; a retainage line of 0.00 is left out', () => {
    const requisition = build(costTxn({ lines: [onPoLine('A', 100, 'POL-4'), retainageLine('R1', -7), retainageLine('R2', -3), retainageLine('R0', 0)] }));
    expect(requisition.retainageCents).toBe(10);
    expect(requisition.items.map((i) => i.retainageCents)).toEqual([4, 3, 3]);
    expect(requisition.problems).toEqual([]);
  });

  it('retainage on a bill that bills no work fails clearly (RETAINAGE_WITHOUT_WORK)', () => {
    const requisition = build(costTxn({ linkedPurchaseOrderTxnIds: [PO], lines: [retainageLine('R', -5000)] }));
    expect(requisition).toMatchObject({ items: [], totalCents: 0, retainageCents: 5000 });
    expect(requisition.problems).toEqual([
      {
        code: 'RETAINAGE_WITHOUT_WORK',
        message:
          'It withholds $50.00 of retainage (its lines on Retainage) but bills no work on commitment 40, so the retainage has no invoice item to be held on. Add the lines it is withheld from, or enter it in Procore.',
      },
    ]);
    // Only a credit besides the retainage: still no work to hold it on.
    expect(build(costTxn({ lines: [onPoLine('A', -100, 'POL-1'), retainageLine('R', -50)] })).problems.map((p) => p.code)).toEqual([
      'RETAINAGE_WITHOUT_WORK',
      'NEGATIVE_INVOICE',
    ]);
  });

  it('retainage larger than the work billed fails clearly (RETAINAGE_EXCEEDS_WORK); nothing is spread', () => {
    const requisition = build(costTxn({ lines: [onPoLine('A', 1000, 'POL-1'), retainageLine('R', -1001)] }));
    expect(requisition.problems).toEqual([
      {
        code: 'RETAINAGE_EXCEEDS_WORK',
        message:
          'It withholds $10.01 of retainage (its lines on Retainage), more than the $10.00 of work it bills on commitment 40. Correct the retainage line in QuickBooks.',
      },
    ]);
    expect(requisition.items.map((i) => i.retainageCents)).toEqual([0]);
    // All of the work withheld is allowed.
    expect(build(costTxn({ lines: [onPoLine('A', 1000, 'POL-1'), retainageLine('R', -1000)] })).items.map((i) => i.retainageCents)).toEqual([1000]);
  });

  it('a positive retainage line (a release) fails clearly (RETAINAGE_RELEASED)', () => {
    expect(build(costTxn({ lines: [onPoLine('A', 1000, 'POL-1'), retainageLine('R', 200)] })).problems.map((p) => p.code)).toEqual(['RETAINAGE_RELEASED']);
  });

  it('without a retainage item in the settings the line is an ordinary unpaired line (BILL_LINE_NOT_ON_COMMITMENT)', () => {
    const requisition = build(costTxn({ lines: [onPoLine('A', 1000, 'POL-1'), retainageLine('R', -100)] }), {
      ...withChangeOrders(),
      retainageItemListId: null,
    });
    expect(requisition.retainageCents).toBe(0);
    expect(requisition.problems.map((p) => p.code)).toEqual(['BILL_LINE_NOT_ON_COMMITMENT']);
  });

  it('contentHash follows the retainage and the change order split', () => {
    const hash = (retained: number, changeOrders = [CHANGE_ORDER_60]) =>
      build(costTxn({ lines: [onPoLine('A', 1000, 'POL-1'), onPoLine('B', 2500, 'POL-2'), retainageLine('R', -retained)] }), withChangeOrders(changeOrders))
        .contentHash;
    expect(hash(100)).toBe(hash(100));
    expect(hash(100)).not.toBe(hash(101));
    const reshuffled = {
      ...CHANGE_ORDER_60,
      line_items: CHANGE_ORDER_60.line_items!.map((l) => (l.id === 601 ? { ...l, amount: '1500.00' } : l.id === 602 ? { ...l, amount: '1500.00' } : l)),
    };
    expect(hash(100, [reshuffled])).not.toBe(hash(100));
  });
});
