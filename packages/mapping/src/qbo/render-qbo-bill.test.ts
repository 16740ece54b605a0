import { describe, expect, it } from 'vitest';
import { mapRequisition } from '../map-requisition.ts';
import type { QbTxnLink } from '../mapping-types.ts';
import {
  ALL_LINKED,
  CC_CONCRETE,
  CC_REBAR,
  COMMITMENT_ID,
  expectOk,
  ITEM_LINKS,
  JOB_LINK,
  makeContext,
  RETAINAGE_ITEM,
  VENDOR_LINK,
} from '../testing/fixtures.ts';
import { requisition } from '../testing/procore-records.ts';
import { makeQboRefs, qboId } from '../testing/qbo-refs.ts';
import type { QboExpenseLine } from './qbo-payload-types.ts';
import { renderQboBill } from './render-qbo-bill.ts';

const PO: QbTxnLink = {
  txnId: '1A2-1700000000',
  editSequence: '1700000300',
  refNumber: 'SC-001',
  lines: [
    { txnLineId: '1', procoreLineKey: 'commitment-line:501' },
    { txnLineId: '2', procoreLineKey: 'commitment-line:502' },
  ],
};
const ctx = makeContext({ links: { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: PO } } });
const item = (cc: number) => ({ value: qboId(ITEM_LINKS[cc]!.listId) });
const job = { value: qboId(JOB_LINK.listId) };
const poLine = (id: string, cc: number): QboExpenseLine => ({
  Id: id,
  Amount: 1,
  DetailType: 'ItemBasedExpenseLineDetail',
  ItemBasedExpenseLineDetail: { ItemRef: item(cc), CustomerRef: job },
});
const refs = makeQboRefs({ purchaseOrders: { [PO.txnId]: { Id: 'qbo-po-1', SyncToken: '4', Line: [poLine('1', CC_CONCRETE), poLine('2', CC_REBAR)] } } });

describe('renderQboBill: subcontractor invoice → Bill linked to the PO', () => {
  it('links each line to its PO line (TxnId, TxnType PurchaseOrder, TxnLineId), takes the PO line item, keeps the negative retainage line', () => {
    const mapped = expectOk(mapRequisition({ requisition: requisition() }, ctx));
    const linked = (id: string) => [{ TxnId: 'qbo-po-1', TxnType: 'PurchaseOrder', TxnLineId: id }];
    expect(renderQboBill(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Bill',
      operation: 'create',
      payload: {
        VendorRef: { value: qboId(VENDOR_LINK.listId) },
        TxnDate: '2026-06-30',
        DocNumber: 'INV-0088',
        PrivateNote: 'Procore subcontractor invoice #4, period 2026-06-01 to 2026-06-30',
        Line: [
          {
            Description: 'Footings and foundations',
            Amount: 25000,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: item(CC_CONCRETE), CustomerRef: job },
            LinkedTxn: linked('1'),
          },
          {
            Description: 'Rebar',
            Amount: 10000,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: item(CC_REBAR), CustomerRef: job },
            LinkedTxn: linked('2'),
          },
          {
            Description: 'Retainage held',
            Amount: -3500,
            DetailType: 'ItemBasedExpenseLineDetail',
            ItemBasedExpenseLineDetail: { ItemRef: { value: qboId(RETAINAGE_ITEM.listId) }, CustomerRef: job },
          },
        ],
      },
    });
  });

  it('refuses a line whose PO line QBO no longer shows: QBO would create the bill unlinked', () => {
    const mapped = expectOk(mapRequisition({ requisition: requisition() }, ctx));
    const r = renderQboBill(
      mapped.request,
      makeQboRefs({ purchaseOrders: { [PO.txnId]: { Id: 'qbo-po-1', SyncToken: '4', Line: [poLine('1', CC_CONCRETE)] } } }),
    );
    expect(r).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE', field: 'LinkedTxn' } });
    if (!r.ok) expect(r.refusal.message).toMatch(/^Bill line 2 is for line 2 of the purchase order.*export again\.$/);
    expect(renderQboBill(mapped.request, makeQboRefs())).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE', field: 'LinkedTxn' } });
  });

  it('refuses when the retainage item is not in QBO', () => {
    const mapped = expectOk(mapRequisition({ requisition: requisition() }, ctx));
    const r = renderQboBill(
      mapped.request,
      makeQboRefs({
        unknown: [RETAINAGE_ITEM.listId],
        purchaseOrders: { [PO.txnId]: { Id: 'qbo-po-1', SyncToken: '4', Line: [poLine('1', CC_CONCRETE), poLine('2', CC_REBAR)] } },
      }),
    );
    expect(r).toMatchObject({ ok: false, refusal: { code: 'MISSING_DEPENDENCY', field: 'Line 3 ItemRef' } });
  });

  it('an unlinked line names its own item; an A/P account and due date are carried when a request has them', () => {
    const r = renderQboBill(
      {
        type: 'BillAdd',
        vendorRef: { listId: 'V' },
        apAccountRef: { listId: 'AP' },
        dueDate: '2026-07-30',
        itemLines: [{ itemRef: { listId: 'I' }, amount: '0.01', classRef: { listId: 'K' } }],
      },
      makeQboRefs(),
    );
    expect(r).toEqual({
      ok: true,
      entity: 'Bill',
      operation: 'create',
      payload: {
        VendorRef: { value: 'qbo-V' },
        APAccountRef: { value: 'qbo-AP' },
        DueDate: '2026-07-30',
        Line: [
          { Amount: 0.01, DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: 'qbo-I' }, ClassRef: { value: 'qbo-K' } } },
        ],
      },
    });
  });
});
