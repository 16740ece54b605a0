import type { PurchaseOrderModRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapChangeOrder } from './map-change-order.ts';
import type { QbTxnLink } from './mapping-types.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import {
  ALL_LINKED,
  CC_CONCRETE,
  CC_REBAR,
  COMMITMENT_ID,
  expectOk,
  expectRefusal,
  ITEM_LINKS,
  JOB_LINK,
  makeContext,
  previewValue,
  PROJECT_ID,
} from './testing/fixtures.ts';
import { changeOrder } from './testing/procore-records.ts';

const xsd = createXsdCheck();
const CLASS = { listId: '80000050-1700000000', fullName: 'Commercial' };
const PO: QbTxnLink = {
  txnId: '1A2-1700000000',
  editSequence: '1700000300',
  refNumber: 'SC-001',
  lines: [
    { txnLineId: 'L1', procoreLineKey: 'commitment-line:501' },
    { txnLineId: 'L2', procoreLineKey: 'commitment-line:502' },
    { txnLineId: 'L3', procoreLineKey: null },
  ],
};
const withPo = (po: QbTxnLink = PO, settings = {}) => makeContext({ links: { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: po } }, settings });
const ctx = withPo();

const LINES = [
  { id: 1, amount: '1000.00', cost_code_id: CC_CONCRETE, commitment_line_item_id: 501, description: 'Added footings' },
  { id: 2, amount: '-200.00', cost_code_id: CC_CONCRETE, commitment_line_item_id: 501, description: 'Added footings' },
  { id: 3, amount: '500.00', cost_code_id: CC_REBAR, description: 'Extra dowels' },
  { id: 4, amount: '300.00', cost_code_id: CC_CONCRETE, commitment_line_item_id: 502 },
  { id: 5, amount: '-300.00', cost_code_id: CC_CONCRETE, commitment_line_item_id: 502 },
];

describe('mapChangeOrder → PurchaseOrderMod on the original PO', () => {
  it('keeps every PO line by TxnLineID and appends one summed line per (cost code, commitment line) with TxnLineID -1', () => {
    const result = expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, ctx));
    expect(result.action).toBe('change');
    expect(result.request).toEqual<PurchaseOrderModRequest>({
      type: 'PurchaseOrderMod',
      txnId: PO.txnId,
      editSequence: PO.editSequence,
      lines: [
        { txnLineId: 'L1' },
        { txnLineId: 'L2' },
        { txnLineId: 'L3' },
        {
          txnLineId: '-1',
          itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId },
          desc: 'Change order #3: Added footings',
          amount: '800.00',
          customerRef: { listId: JOB_LINK.listId },
        },
        {
          txnLineId: '-1',
          itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId },
          desc: 'Change order #3: Extra dowels',
          amount: '500.00',
          customerRef: { listId: JOB_LINK.listId },
        },
      ],
    });
    expect(result.lineKeys).toEqual([
      'commitment-line:501',
      'commitment-line:502',
      null,
      `change-order:90:cost-code:${CC_CONCRETE}:line:501`,
      `change-order:90:cost-code:${CC_REBAR}:line:none`,
    ]);
    expect(result.preview).toEqual([
      { field: 'Purchase order', value: 'SC-001' },
      { field: 'Lines kept unchanged', value: '3' },
      { field: 'Line 4 item', value: ITEM_LINKS[CC_CONCRETE]!.fullName, source: 'line_items[].cost_code' },
      { field: 'Line 4 description', value: 'Change order #3: Added footings', source: 'number + line_items[].description' },
      { field: 'Line 4 amount', value: '800.00', source: 'sum of line_items[].amount' },
      { field: 'Line 4 customer:job', value: JOB_LINK.fullName, source: 'project' },
      { field: 'Line 5 item', value: ITEM_LINKS[CC_REBAR]!.fullName, source: 'line_items[].cost_code' },
      { field: 'Line 5 description', value: 'Change order #3: Extra dowels', source: 'number + line_items[].description' },
      { field: 'Line 5 amount', value: '500.00', source: 'sum of line_items[].amount' },
      { field: 'Line 5 customer:job', value: JOB_LINK.fullName, source: 'project' },
      { field: 'Change order total', value: '1,300.00', source: 'line_items[].amount' },
    ]);
    const xml = xsd.add('po mod', result.request);
    expect(xml).toContain('<PurchaseOrderLineMod><TxnLineID>L1</TxnLineID></PurchaseOrderLineMod>');
    expect(xml).toContain('<TxnLineID>-1</TxnLineID>');
  });

  it('appends a deduct change order as a negative line, with its class', () => {
    const result = expectOk(
      mapChangeOrder(
        { projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: '-1250.505', cost_code_id: CC_REBAR }], { number: null }) },
        withPo(PO, { classByCostCode: { [String(CC_REBAR)]: CLASS } }),
      ),
    );
    expect(result.request.lines!.at(-1)).toEqual({
      txnLineId: '-1',
      itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId },
      desc: 'Change order',
      classRef: { listId: CLASS.listId },
      amount: '-1250.51',
      customerRef: { listId: JOB_LINK.listId },
    });
    expect(previewValue(result, 'Line 4 class')).toBe('Commercial');
    xsd.add('po mod deduct', result.request);
  });

  it('joins different descriptions of one summed line and cuts them at 4095', () => {
    const lines = [
      { id: 1, amount: '1.00', cost_code_id: CC_CONCRETE, description: 'A' },
      { id: 2, amount: '1.00', cost_code_id: CC_CONCRETE, description: 'B' },
      { id: 3, amount: '1.00', cost_code_id: CC_CONCRETE, description: 'A' },
    ];
    expect(expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(lines) }, ctx)).request.lines!.at(-1)!.desc).toBe('Change order #3: A; B');
    const long = expectOk(
      mapChangeOrder(
        { projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: '1.00', cost_code_id: CC_CONCRETE, description: 'x'.repeat(5000) }]) },
        ctx,
      ),
    );
    expect([...long.request.lines!.at(-1)!.desc!]).toHaveLength(4095);
    xsd.add('po mod long description', long.request);
  });

  it('appends only the lines not already on the PO (a re-export adds nothing twice)', () => {
    const partly: QbTxnLink = { ...PO, lines: [...PO.lines, { txnLineId: 'L4', procoreLineKey: `change-order:90:cost-code:${CC_CONCRETE}:line:501` }] };
    const result = expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, withPo(partly)));
    expect(result.request.lines!.map((l) => l.txnLineId)).toEqual(['L1', 'L2', 'L3', 'L4', '-1']);
    expect(result.lineKeys!.at(-1)).toBe(`change-order:90:cost-code:${CC_REBAR}:line:none`);
    xsd.add('po mod partial', result.request);
    const all: QbTxnLink = { ...partly, lines: [...partly.lines, { txnLineId: 'L5', procoreLineKey: `change-order:90:cost-code:${CC_REBAR}:line:none` }] };
    const refusal = expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, withPo(all)), 'ALREADY_EXPORTED');
    expect(refusal.message).toBe(
      'Commitment change order #3 "Added footings" (Procore change order 90) is already on QuickBooks purchase order SC-001; nothing to add.',
    );
  });

  it('adds no line for a sum of zero, and answers NO_CHANGES when nothing is left', () => {
    const zero = [
      { id: 1, amount: '300.00', cost_code_id: CC_CONCRETE },
      { id: 2, amount: '-300.00', cost_code_id: CC_CONCRETE },
    ];
    expect(expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(zero) }, ctx), 'NO_CHANGES').message).toBe(
      'Commitment change order #3 "Added footings" (Procore change order 90) adds nothing to purchase order SC-001: its changes add up to zero for every cost code and commitment line.',
    );
    expect(expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder([]) }, ctx), 'NO_CHANGES').message).toBe(
      'Commitment change order #3 "Added footings" (Procore change order 90) has no lines with an amount, so it adds nothing to purchase order SC-001.',
    );
  });

  it.each([['pending'], ['draft'], ['rejected'], ['void'], [null]])('refuses a change order that is %s', (status) => {
    const refusal = expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES, { status }) }, ctx), 'NOT_APPROVED');
    expect(refusal.message).toContain('only approved commitment change orders are added to the QuickBooks purchase order');
  });

  it('accepts "Approved" in any case', () => {
    expectOk(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES, { status: ' Approved ' }) }, ctx));
  });

  it('refuses until the commitment is a PO in QuickBooks (never makes a new PO)', () => {
    const refusal = expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, makeContext()), 'MISSING_DEPENDENCY');
    expect(refusal.dependencies).toEqual([
      { kind: 'purchase_order', procoreId: COMMITMENT_ID, label: 'the purchase order for commitment (Procore commitment 40)' },
    ]);
  });

  it('refuses a change order without a commitment, and one with unusable lines', () => {
    expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES, { contract_id: null }) }, ctx), 'INCOMPLETE_RECORD');
    expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: '5.00' }]) }, ctx), 'INCOMPLETE_RECORD');
    expectRefusal(
      mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: 'five', cost_code_id: CC_CONCRETE }]) }, ctx),
      'INVALID_AMOUNT',
    );
  });

  it('refuses to change a PO whose lines it does not know (a Mod would delete them)', () => {
    expectRefusal(mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, withPo({ ...PO, lines: [] })), 'LINK_INCOMPLETE');
  });

  it('names the PO by TxnID when it has no number', () => {
    const result = expectOk(
      mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder(LINES) }, withPo({ txnId: 'T-9', editSequence: 'E', lines: PO.lines })),
    );
    expect(previewValue(result, 'Purchase order')).toBe('T-9');
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
