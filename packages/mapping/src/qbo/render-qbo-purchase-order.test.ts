import { describe, expect, it } from 'vitest';
import { mapChangeOrder } from '../map-change-order.ts';
import { mapCommitment } from '../map-commitment.ts';
import type { QbTxnLink } from '../mapping-types.ts';
import { ALL_LINKED, CC_CONCRETE, CC_REBAR, COMMITMENT_ID, expectOk, ITEM_LINKS, JOB_LINK, makeContext, PROJECT_ID, VENDOR_LINK } from '../testing/fixtures.ts';
import { changeOrder, COMMITMENT, COMMITMENT_LINES } from '../testing/procore-records.ts';
import { makeQboRefs, qboId } from '../testing/qbo-refs.ts';
import type { QboExpenseLine } from './qbo-payload-types.ts';
import { renderQboPurchaseOrder } from './render-qbo-purchase-order.ts';

const CLASS = { listId: '80000050-1700000000', fullName: 'Commercial' };
const item = (cc: number) => ({ value: qboId(ITEM_LINKS[cc]!.listId) });
const job = { value: qboId(JOB_LINK.listId) };

describe('renderQboPurchaseOrder: commitment → PurchaseOrder', () => {
  it('VendorRef, TxnDate, DocNumber, the memo as PrivateNote, one ItemBasedExpenseLine per line with item, job and class', () => {
    const ctx = makeContext({ settings: { classByCostCode: { [CC_CONCRETE]: CLASS } } });
    const mapped = expectOk(mapCommitment({ projectId: PROJECT_ID, commitment: COMMITMENT, lines: COMMITMENT_LINES }, ctx));
    expect(renderQboPurchaseOrder(mapped.request, makeQboRefs())).toEqual({
      ok: true,
      entity: 'PurchaseOrder',
      operation: 'create',
      payload: {
        VendorRef: { value: qboId(VENDOR_LINK.listId) },
        TxnDate: '2026-03-10',
        DocNumber: 'SC-001',
        PrivateNote: 'Concrete subcontract',
        Line: [
          {
            Description: 'Footings and foundations',
            Amount: 100000,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: item(CC_CONCRETE), CustomerRef: job, ClassRef: { value: qboId(CLASS.listId) } },
          },
          {
            Description: 'Rebar',
            Amount: 50000,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: item(CC_REBAR), CustomerRef: job },
          },
        ],
      },
    });
  });

  it('carries cents exactly and non-ASCII descriptions unchanged; quantity and rate when a request has them', () => {
    const r = renderQboPurchaseOrder(
      {
        type: 'PurchaseOrderAdd',
        vendorRef: { listId: 'V' },
        lines: [{ itemRef: { listId: 'I' }, desc: 'Béton prêt à l’emploi — 25 m³', quantity: '2.5', rate: '40.1', amount: '100.25' }],
      },
      makeQboRefs(),
    );
    expect(r).toMatchObject({
      ok: true,
      payload: { Line: [{ Description: 'Béton prêt à l’emploi — 25 m³', Amount: 100.25, ItemBasedExpenseLineDetail: { Qty: 2.5, UnitPrice: 40.1 } }] },
    });
  });

  it('refuses when the vendor is not in QBO yet, naming VendorRef', () => {
    const mapped = expectOk(mapCommitment({ projectId: PROJECT_ID, commitment: COMMITMENT, lines: COMMITMENT_LINES }, makeContext()));
    expect(renderQboPurchaseOrder(mapped.request, makeQboRefs({ unknown: [VENDOR_LINK.listId] }))).toMatchObject({
      ok: false,
      refusal: { code: 'MISSING_DEPENDENCY', field: 'VendorRef' },
    });
    expect(renderQboPurchaseOrder(mapped.request, makeQboRefs({ unknown: [JOB_LINK.listId] }))).toMatchObject({
      ok: false,
      refusal: { code: 'MISSING_DEPENDENCY', field: 'Line 1 CustomerRef' },
    });
  });
});

describe('renderQboPurchaseOrder: change order → sparse update with ALL lines', () => {
  const PO: QbTxnLink = {
    txnId: '1A2-1700000000',
    editSequence: '1700000300',
    refNumber: 'SC-001',
    lines: [
      { txnLineId: '1', procoreLineKey: 'commitment-line:501' },
      { txnLineId: '2', procoreLineKey: 'commitment-line:502' },
      // A line someone added in QuickBooks: kept, never dropped.
      { txnLineId: '3', procoreLineKey: null },
    ],
  };
  const ctx = makeContext({ links: { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: PO } } });
  const line = (id: string, amount: number, cc: number, extra: Partial<QboExpenseLine> = {}): QboExpenseLine => ({
    Id: id,
    Description: `line ${id}`,
    Amount: amount,
    DetailType: 'ItemBasedExpenseLineDetail',
    ItemBasedExpenseLineDetail: { ItemRef: item(cc), CustomerRef: job, Qty: 1, UnitPrice: amount },
    ...extra,
  });
  const current = {
    Id: 'qbo-po-1',
    SyncToken: '4',
    Line: [line('1', 100000, CC_CONCRETE), line('2', 50000, CC_REBAR, { Received: 10 } as object), line('3', 75, CC_REBAR)],
  };
  const refs = makeQboRefs({ purchaseOrders: { [PO.txnId]: current } });
  const LINES = [
    { id: 1, amount: '1000.00', cost_code_id: CC_CONCRETE, commitment_line_item_id: 501, description: 'Added footings' },
    { id: 3, amount: '500.00', cost_code_id: CC_REBAR, description: 'Extra dowels' },
  ];

  it('kept lines go back as QBO last showed them (Id kept), the new ones without Id, with the current SyncToken', () => {
    const mapped = expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, ctx));
    const r = renderQboPurchaseOrder(mapped.request, refs);
    expect(r).toEqual({
      ok: true,
      entity: 'PurchaseOrder',
      operation: 'update',
      payload: {
        Id: 'qbo-po-1',
        SyncToken: '4',
        sparse: true,
        Line: [
          ...current.Line,
          {
            Description: 'Change order #3: Added footings',
            Amount: 1000,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: item(CC_CONCRETE), CustomerRef: job },
          },
          {
            Description: 'Change order #3: Extra dowels',
            Amount: 500,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: item(CC_REBAR), CustomerRef: job },
          },
        ],
      },
    });
    // One QBO line per Desktop line, in the same order, so lineKeys pair with the Line Ids QBO answers.
    if (r.ok) expect(r.payload.Line).toHaveLength(mapped.request.lines!.length);
  });

  it('refuses when a kept line is no longer on the PO in QBO: the update would delete or rewrite it', () => {
    const mapped = expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, ctx));
    const r = renderQboPurchaseOrder(mapped.request, makeQboRefs({ purchaseOrders: { [PO.txnId]: { ...current, Line: current.Line.slice(0, 2) } } }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE', field: 'Line' } });
    if (!r.ok) expect(r.refusal.message).toMatch(/^Line 3 of purchase order 1A2-1700000000 is not on it in QuickBooks Online any more.*export again\.$/);
  });

  it('refuses when the PO itself is not known in QBO', () => {
    const mapped = expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, ctx));
    expect(renderQboPurchaseOrder(mapped.request, makeQboRefs())).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE', field: 'Id' } });
  });
});
