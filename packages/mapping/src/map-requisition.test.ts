import type { BillAddRequest } from '@connector/qbxml';
import type { RequisitionStatus } from '@connector/procore';
import { describe, expect, it } from 'vitest';
import { mapRequisition } from './map-requisition.ts';
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
  RETAINAGE_ITEM,
  VENDOR_LINK,
} from './testing/fixtures.ts';
import { requisition } from './testing/procore-records.ts';

const xsd = createXsdCheck();
const CLASS = { listId: '80000050-1700000000', fullName: 'Commercial' };
const PO: QbTxnLink = {
  txnId: '1A2-1700000000',
  editSequence: '1700000300',
  refNumber: 'SC-001',
  lines: [
    { txnLineId: 'L1', procoreLineKey: 'commitment-line:501' },
    { txnLineId: 'L2', procoreLineKey: 'commitment-line:502' },
  ],
};
const context = (overrides: Parameters<typeof makeContext>[0] = {}) =>
  makeContext({ ...overrides, links: overrides.links ?? { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: PO } } });
const ctx = context();
const WHAT = 'subcontractor invoice INV-0088 from ABC Concrete (Procore requisition 70)';

describe('mapRequisition → BillAdd', () => {
  it('bills work + materials per line against the PO lines, with ONE negative retainage line', () => {
    const result = expectOk(mapRequisition({ requisition: requisition() }, ctx));
    expect(result.action).toBe('create');
    expect(result.request).toEqual<BillAddRequest>({
      type: 'BillAdd',
      vendorRef: { listId: VENDOR_LINK.listId },
      txnDate: '2026-06-30',
      refNumber: 'INV-0088',
      memo: 'Procore subcontractor invoice #4, period 2026-06-01 to 2026-06-30',
      itemLines: [
        { desc: 'Footings and foundations', amount: '25000.00', customerRef: { listId: JOB_LINK.listId }, linkToTxn: { txnId: PO.txnId, txnLineId: 'L1' } },
        { desc: 'Rebar', amount: '10000.00', customerRef: { listId: JOB_LINK.listId }, linkToTxn: { txnId: PO.txnId, txnLineId: 'L2' } },
        { itemRef: { listId: RETAINAGE_ITEM.listId }, desc: 'Retainage held', amount: '-3500.00', customerRef: { listId: JOB_LINK.listId } },
      ],
    });
    expect(result.preview).toEqual([
      { field: 'Vendor', value: 'ABC Concrete', source: 'vendor_id' },
      { field: 'Date', value: '2026-06-30', source: 'billing_date' },
      { field: 'Ref. No.', value: 'INV-0088', source: 'invoice_number' },
      { field: 'Memo', value: 'Procore subcontractor invoice #4, period 2026-06-01 to 2026-06-30', source: 'number, requisition_start, requisition_end' },
      { field: 'Purchase order', value: 'SC-001', source: 'commitment_id' },
      { field: 'Line 1 item', value: `${ITEM_LINKS[CC_CONCRETE]!.fullName} (from the purchase order line)`, source: 'items[].cost_code_id' },
      { field: 'Line 1 description', value: 'Footings and foundations', source: 'items[].description_of_work' },
      { field: 'Line 1 amount', value: '25,000.00', source: 'work_completed_this_period + materials_presently_stored' },
      { field: 'Line 1 customer:job', value: JOB_LINK.fullName, source: 'project_id' },
      { field: 'Line 1 purchase order line', value: 'linked', source: 'items[].line_item_id' },
      { field: 'Line 2 item', value: `${ITEM_LINKS[CC_REBAR]!.fullName} (from the purchase order line)`, source: 'items[].cost_code_id' },
      { field: 'Line 2 description', value: 'Rebar', source: 'items[].description_of_work' },
      { field: 'Line 2 amount', value: '10,000.00', source: 'work_completed_this_period + materials_presently_stored' },
      { field: 'Line 2 customer:job', value: JOB_LINK.fullName, source: 'project_id' },
      { field: 'Line 2 purchase order line', value: 'linked', source: 'items[].line_item_id' },
      { field: 'Line 3 item', value: RETAINAGE_ITEM.fullName, source: 'setting: Invoice Retainage Item' },
      { field: 'Line 3 description', value: 'Retainage held' },
      { field: 'Line 3 amount', value: '-3,500.00', source: 'retainage retained this period − released this period' },
      { field: 'Line 3 customer:job', value: JOB_LINK.fullName, source: 'project_id' },
      { field: 'Amount due', value: '31,500.00' },
    ]);
    const xml = xsd.add('bill add', result.request);
    expect(xml).toContain(`<LinkToTxn><TxnID>${PO.txnId}</TxnID><TxnLineID>L1</TxnLineID></LinkToTxn>`);
    // Header LinkToTxnID would pull every remaining PO line into the bill.
    expect(xml).not.toContain('<LinkToTxnID>');
  });

  it('sends a billed line whose commitment line is not on the PO with its item, unlinked, and its class', () => {
    const r = requisition({
      items: [
        { id: 1, cost_code_id: CC_CONCRETE, line_item_id: 777, work_completed_this_period: '100.00' },
        { id: 2, cost_code_id: CC_REBAR, line_item_id: null, work_completed_this_period: '50.00' },
      ],
    });
    const result = expectOk(mapRequisition({ requisition: r }, context({ settings: { classByCostCode: { [String(CC_CONCRETE)]: CLASS } } })));
    expect(result.request.itemLines).toEqual([
      { itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId }, amount: '100.00', customerRef: { listId: JOB_LINK.listId }, classRef: { listId: CLASS.listId } },
      { itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, amount: '50.00', customerRef: { listId: JOB_LINK.listId } },
    ]);
    expect(previewValue(result, 'Line 1 purchase order line')).toBe('not linked (the commitment line is not on the purchase order)');
    expect(previewValue(result, 'Line 1 item')).toBe(ITEM_LINKS[CC_CONCRETE]!.fullName);
    expect(previewValue(result, 'Line 1 class')).toBe('Commercial');
    xsd.add('bill unlinked lines', result.request);
  });

  it('sums items of one (cost code, commitment line) and rounds to cents', () => {
    const r = requisition({
      items: [
        { id: 1, cost_code_id: CC_CONCRETE, line_item_id: 501, work_completed_this_period: '100.005' },
        { id: 2, cost_code_id: CC_CONCRETE, line_item_id: 501, materials_presently_stored: '0.10' },
      ],
    });
    const result = expectOk(mapRequisition({ requisition: r }, ctx));
    expect(result.request.itemLines).toHaveLength(1);
    expect(result.request.itemLines![0]!.amount).toBe('100.11');
    xsd.add('bill summed', result.request);
  });

  it('books released retainage as one positive line', () => {
    const r = requisition({
      items: [
        { id: 1, cost_code_id: CC_CONCRETE, line_item_id: 501, work_completed_this_period: '0.00', work_completed_retainage_released_this_period: '2500.00' },
      ],
    });
    const result = expectOk(mapRequisition({ requisition: r }, ctx));
    expect(result.request.itemLines).toEqual([
      { itemRef: { listId: RETAINAGE_ITEM.listId }, desc: 'Retainage released', amount: '2500.00', customerRef: { listId: JOB_LINK.listId } },
    ]);
    expect(previewValue(result, 'Amount due')).toBe('2,500.00');
    xsd.add('bill retainage release only', result.request);
  });

  it('needs no retainage item when nothing is retained', () => {
    const r = requisition({
      items: [{ id: 1, cost_code_id: CC_CONCRETE, line_item_id: 501, work_completed_this_period: '10.00', work_completed_retainage_retained_this_period: '0' }],
    });
    const result = expectOk(mapRequisition({ requisition: r }, context({ settings: { invoiceRetainageItem: null } })));
    expect(result.request.itemLines).toHaveLength(1);
    xsd.add('bill without retainage', result.request);
  });

  it('syncs an invoice whose retainage equals what it bills (total 0.00)', () => {
    const r = requisition({
      items: [
        { id: 1, cost_code_id: CC_CONCRETE, line_item_id: 501, work_completed_this_period: '10.00', work_completed_retainage_retained_this_period: '10.00' },
      ],
    });
    const result = expectOk(mapRequisition({ requisition: r }, ctx));
    expect(previewValue(result, 'Amount due')).toBe('0.00');
    xsd.add('bill zero total', result.request);
  });

  it('uses the date part of a billing datetime, leaves out a blank invoice number, and the period when unknown', () => {
    const result = expectOk(
      mapRequisition({ requisition: requisition({ billing_date: '2026-06-30T00:00:00Z', invoice_number: '  ', requisition_start: null, number: null }) }, ctx),
    );
    expect(result.request.txnDate).toBe('2026-06-30');
    expect(result.request.refNumber).toBeUndefined();
    expect(result.request.memo).toBe('Procore subcontractor invoice');
    xsd.add('bill minimal header', result.request);
  });

  it('accepts an invoice number of 20 characters and refuses 21, naming it', () => {
    xsd.add('bill ref 20', expectOk(mapRequisition({ requisition: requisition({ invoice_number: 'I'.repeat(20) }) }, ctx)).request);
    const refusal = expectRefusal(mapRequisition({ requisition: requisition({ invoice_number: 'I'.repeat(21) }) }, ctx), 'REF_NUMBER_TOO_LONG');
    expect(refusal.field).toBe('RefNumber');
    expect(refusal.message).toBe(
      `The invoice number "${'I'.repeat(21)}" of subcontractor invoice ${'I'.repeat(21)} from ABC Concrete (Procore requisition 70) is 21 characters; a QuickBooks bill's reference number (Ref. No.) holds at most 20 characters. Shorten the invoice number in Procore and export again.`,
    );
  });
});

describe('mapRequisition: refusals', () => {
  it('refuses Canadian company files: a US-only feature of QuickBooks, before anything else', () => {
    const refusal = expectRefusal(mapRequisition({ requisition: requisition({ status: 'draft' }) }, context({ qbCountry: 'CA' })), 'US_ONLY_FEATURE');
    expect(refusal.message).toBe(
      'Subcontractor invoices do not sync to this QuickBooks company file: it is a Canadian company file, and syncing subcontractor invoices is a US-only feature of QuickBooks. Enter them in QuickBooks by hand.',
    );
    expectRefusal(mapRequisition({ requisition: requisition() }, context({ qbCountry: 'UK' })), 'US_ONLY_FEATURE');
    expectRefusal(mapRequisition({ requisition: requisition() }, context({ qbCountry: '' })), 'COUNTRY_UNKNOWN');
  });

  it.each<[RequisitionStatus | null]>([['draft'], ['under_review'], ['revise_and_resubmit'], ['pending_owner_approval'], [null]])(
    'refuses an invoice that is %s',
    (status) => {
      const refusal = expectRefusal(mapRequisition({ requisition: requisition({ status }) }, ctx), 'NOT_APPROVED');
      expect(refusal.message).toContain('only approved invoices (Approved or Approved as Noted) are exported to QuickBooks');
      if (status) expect(refusal.message).toContain(`"${status.replace(/_/g, ' ')}"`);
    },
  );

  it('exports "approved as noted" invoices', () => {
    xsd.add('bill approved as noted', expectOk(mapRequisition({ requisition: requisition({ status: 'approved_as_noted' }) }, ctx)).request);
  });

  it('refuses an invoice holding retainage when no Invoice Retainage Item is set', () => {
    const noItem = context({ settings: { invoiceRetainageItem: null } });
    const refusal = expectRefusal(mapRequisition({ requisition: requisition() }, noItem), 'NO_RETAINAGE_ITEM');
    expect(refusal.message).toBe(
      `${WHAT.charAt(0).toUpperCase()}${WHAT.slice(1)} holds 3,500.00 of retainage, but no Invoice Retainage Item is set, so the retainage cannot be booked. Choose the Invoice Retainage Item in Settings (refresh the QuickBooks items list first if it is not offered), then export again.`,
    );
    const release = requisition({ items: [{ id: 1, cost_code_id: CC_CONCRETE, work_completed_retainage_released_this_period: '5.00' }] });
    expect(expectRefusal(mapRequisition({ requisition: release }, noItem), 'NO_RETAINAGE_ITEM').message).toContain('releases 5.00 of retainage');
  });

  it('refuses a negative invoice, with the amounts', () => {
    const r = requisition({ items: [{ id: 1, cost_code_id: CC_CONCRETE, line_item_id: 501, work_completed_this_period: '-1250.00' }] });
    const refusal = expectRefusal(mapRequisition({ requisition: r }, ctx), 'NEGATIVE_INVOICE');
    expect(refusal.message).toBe(
      `${WHAT.charAt(0).toUpperCase()}${WHAT.slice(1)} totals -1,250.00 (billed -1,250.00, retainage 0.00); a QuickBooks bill cannot be negative, so negative subcontractor invoices do not sync. Enter it in QuickBooks by hand as a vendor credit.`,
    );
    const retainageOverBilled = requisition({
      items: [{ id: 1, cost_code_id: CC_CONCRETE, work_completed_this_period: '100.00', work_completed_retainage_retained_this_period: '100.01' }],
    });
    expectRefusal(mapRequisition({ requisition: retainageOverBilled }, ctx), 'NEGATIVE_INVOICE');
  });

  it('keeps a negative line when the invoice total is not negative', () => {
    const r = requisition({
      items: [
        { id: 1, cost_code_id: CC_CONCRETE, line_item_id: 501, work_completed_this_period: '-100.00' },
        { id: 2, cost_code_id: CC_REBAR, line_item_id: 502, work_completed_this_period: '300.00' },
      ],
    });
    const result = expectOk(mapRequisition({ requisition: r }, ctx));
    expect(result.request.itemLines!.map((l) => l.amount)).toEqual(['-100.00', '300.00']);
    xsd.add('bill with a negative line', result.request);
  });

  it('refuses an invoice that bills nothing', () => {
    const r = requisition({ items: [{ id: 1, cost_code_id: CC_CONCRETE, work_completed_this_period: '0.00' }] });
    expect(expectRefusal(mapRequisition({ requisition: r }, ctx), 'EMPTY_TRANSACTION').message).toContain('bills nothing this period');
    expectRefusal(mapRequisition({ requisition: requisition({ items: null }) }, ctx), 'EMPTY_TRANSACTION');
  });

  it('never sends one invoice twice', () => {
    const exported = makeContext({
      links: { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: PO }, bills: { 70: { txnId: 'B-1', editSequence: 'E', refNumber: 'INV-0088', lines: [] } } },
    });
    expect(expectRefusal(mapRequisition({ requisition: requisition() }, exported), 'ALREADY_EXPORTED').message).toContain(
      'already in QuickBooks as bill INV-0088',
    );
  });

  it('refuses an invoice without vendor, project, commitment or billing date', () => {
    expect(expectRefusal(mapRequisition({ requisition: requisition({ vendor_id: null }) }, ctx), 'INCOMPLETE_RECORD').field).toBe('VendorRef');
    expect(expectRefusal(mapRequisition({ requisition: requisition({ project_id: null }) }, ctx), 'INCOMPLETE_RECORD').field).toBe('CustomerRef');
    expect(expectRefusal(mapRequisition({ requisition: requisition({ commitment_id: null }) }, ctx), 'INCOMPLETE_RECORD').message).toContain(
      'no purchase order to bill against',
    );
    for (const billing_date of [null, '', '06/30/2026', '2026-02-30']) {
      expect(expectRefusal(mapRequisition({ requisition: requisition({ billing_date }) }, ctx), 'INCOMPLETE_RECORD').field).toBe('TxnDate');
    }
  });

  it('refuses a billed line without a cost code and unreadable amounts', () => {
    expectRefusal(mapRequisition({ requisition: requisition({ items: [{ id: 1, work_completed_this_period: '5.00' }] }) }, ctx), 'INCOMPLETE_RECORD');
    expectRefusal(
      mapRequisition({ requisition: requisition({ items: [{ id: 1, cost_code_id: CC_CONCRETE, work_completed_this_period: '5,00' }] }) }, ctx),
      'INVALID_AMOUNT',
    );
  });

  it('refuses until vendor, job, items and the PO are in QuickBooks', () => {
    const refusal = expectRefusal(mapRequisition({ requisition: requisition() }, makeContext()), 'MISSING_DEPENDENCY');
    expect(refusal.dependencies).toEqual([
      { kind: 'purchase_order', procoreId: COMMITMENT_ID, label: 'the purchase order for commitment (Procore commitment 40)' },
    ]);
    expect(refusal.message).toMatch(
      /^The bill for subcontractor invoice INV-0088 from ABC Concrete \(Procore requisition 70\) cannot be sent to QuickBooks yet/,
    );
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
