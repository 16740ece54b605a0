import type { PurchaseOrderAddRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapCommitment } from './map-commitment.ts';
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
  VENDOR_ID,
  VENDOR_LINK,
} from './testing/fixtures.ts';
import { COMMITMENT, COMMITMENT_LINES } from './testing/procore-records.ts';

const xsd = createXsdCheck();
const ctx = makeContext();
const CLASS = { listId: '80000050-1700000000', fullName: 'Commercial' };
const input = (fields: Partial<Parameters<typeof mapCommitment>[0]> = {}) => ({
  projectId: PROJECT_ID,
  commitment: COMMITMENT,
  lines: COMMITMENT_LINES,
  ...fields,
});

describe('mapCommitment → PurchaseOrderAdd', () => {
  it('makes a PO for the vendor: one line per commitment line with item, amount and the job', () => {
    const result = expectOk(mapCommitment(input(), ctx));
    expect(result.action).toBe('create');
    expect(result.request).toEqual<PurchaseOrderAddRequest>({
      type: 'PurchaseOrderAdd',
      vendorRef: { listId: VENDOR_LINK.listId },
      txnDate: '2026-03-10',
      refNumber: 'SC-001',
      memo: 'Concrete subcontract',
      lines: [
        {
          itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId },
          desc: 'Footings and foundations',
          amount: '100000.00',
          customerRef: { listId: JOB_LINK.listId },
        },
        { itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, desc: 'Rebar', amount: '50000.00', customerRef: { listId: JOB_LINK.listId } },
      ],
    });
    expect(result.lineKeys).toEqual(['commitment-line:501', 'commitment-line:502']);
    expect(result.dependencies).toEqual([]);
    expect(result.preview).toEqual([
      { field: 'Vendor', value: 'ABC Concrete', source: 'vendor' },
      { field: 'Date', value: '2026-03-10', source: 'contract_date' },
      { field: 'P.O. No.', value: 'SC-001', source: 'number' },
      { field: 'Memo', value: 'Concrete subcontract', source: 'title' },
      { field: 'Line 1 item', value: ITEM_LINKS[CC_CONCRETE]!.fullName, source: 'cost_code' },
      { field: 'Line 1 description', value: 'Footings and foundations', source: 'description' },
      { field: 'Line 1 amount', value: '100,000.00', source: 'amount' },
      { field: 'Line 1 customer:job', value: JOB_LINK.fullName, source: 'project' },
      { field: 'Line 2 item', value: ITEM_LINKS[CC_REBAR]!.fullName, source: 'cost_code' },
      { field: 'Line 2 description', value: 'Rebar', source: 'description' },
      { field: 'Line 2 amount', value: '50,000.00', source: 'amount' },
      { field: 'Line 2 customer:job', value: JOB_LINK.fullName, source: 'project' },
      { field: 'Total', value: '150,000.00', source: 'grand_total' },
    ]);
    xsd.add('po add', result.request);
  });

  it('sets the class mapped to each cost code', () => {
    const result = expectOk(mapCommitment(input(), makeContext({ settings: { classByCostCode: { [String(CC_CONCRETE)]: CLASS } } })));
    expect(result.request.lines[0]!.classRef).toEqual({ listId: CLASS.listId });
    expect(result.request.lines[1]!.classRef).toBeUndefined();
    expect(previewValue(result, 'Line 1 class')).toBe('Commercial');
    xsd.add('po with class', result.request);
  });

  it('orders lines by their schedule-of-values position, unpositioned last, and reads cost_code.id', () => {
    const lines = [
      { id: 3, amount: '3.00', cost_code: { id: CC_CONCRETE } },
      { id: 2, amount: '2.00', cost_code_id: CC_REBAR, position: 2 },
      { id: 1, amount: '1.00', cost_code_id: CC_CONCRETE, position: 1 },
    ];
    const result = expectOk(mapCommitment(input({ lines }), ctx));
    expect(result.lineKeys).toEqual(['commitment-line:1', 'commitment-line:2', 'commitment-line:3']);
    expect(result.request.lines.map((l) => l.amount)).toEqual(['1.00', '2.00', '3.00']);
  });

  it('rounds Procore amounts to cents exactly and keeps credit lines', () => {
    const lines = [
      { id: 1, amount: '1000.005', cost_code_id: CC_CONCRETE },
      { id: 2, amount: '0.1', cost_code_id: CC_CONCRETE },
      { id: 3, amount: '-250.00', cost_code_id: CC_REBAR, description: 'Credit: owner-supplied rebar' },
    ];
    const result = expectOk(mapCommitment(input({ lines }), ctx));
    expect(result.request.lines.map((l) => l.amount)).toEqual(['1000.01', '0.10', '-250.00']);
    expect(previewValue(result, 'Total')).toBe('750.11');
    xsd.add('po rounding and credit', result.request);
  });

  it('leaves out lines with nothing committed, even without a cost code', () => {
    const lines = [...COMMITMENT_LINES, { id: 503, amount: '0.00', cost_code_id: CC_CONCRETE }, { id: 504, amount: '0', description: 'placeholder' }];
    expect(expectOk(mapCommitment(input({ lines }), ctx)).lineKeys).toEqual(['commitment-line:501', 'commitment-line:502']);
  });

  it('refuses a commitment with no line carrying money', () => {
    const refusal = expectRefusal(mapCommitment(input({ lines: [{ id: 1, amount: '0.00', cost_code_id: CC_CONCRETE }] }), ctx), 'EMPTY_TRANSACTION');
    expect(refusal.message).toBe(
      'Commitment SC-001 "Concrete subcontract" (Procore commitment 40) has no line with an amount, so there is no purchase order to create; add its schedule of values in Procore and export again.',
    );
    expectRefusal(mapCommitment(input({ lines: [] }), ctx), 'EMPTY_TRANSACTION');
  });

  it('escapes XML characters and cuts descriptions at 4095', () => {
    const lines = [{ id: 1, amount: '10.00', cost_code_id: CC_CONCRETE, description: `Forms & "shores" <temp> ${'d'.repeat(5000)}` }];
    const result = expectOk(mapCommitment(input({ lines, commitment: { ...COMMITMENT, title: 'Smith & Sons' } }), ctx));
    expect([...result.request.lines[0]!.desc!]).toHaveLength(4095);
    const xml = xsd.add('po escaped and long', result.request);
    expect(xml).toContain('<Memo>Smith &amp; Sons</Memo>');
    expect(xml).toContain('Forms &amp; &quot;shores&quot; &lt;temp&gt;');
  });

  it('leaves out the date when Procore has none, and the memo when there is no title', () => {
    const result = expectOk(mapCommitment(input({ commitment: { ...COMMITMENT, contract_date: null, title: '  ' } }), ctx));
    expect(result.request.txnDate).toBeUndefined();
    expect(result.request.memo).toBeUndefined();
    xsd.add('po without date and memo', result.request);
  });
});

describe('mapCommitment: RefNumber (≤ 11)', () => {
  it('accepts an 11-character contract number and refuses 12, naming it and the setting', () => {
    xsd.add('po ref 11', expectOk(mapCommitment(input({ commitment: { ...COMMITMENT, number: 'SC-2026-001' } }), ctx)).request);
    const refusal = expectRefusal(mapCommitment(input({ commitment: { ...COMMITMENT, number: 'SC-2026-0001' } }), ctx), 'REF_NUMBER_TOO_LONG');
    expect(refusal.field).toBe('RefNumber');
    expect(refusal.message).toBe(
      'The contract number "SC-2026-0001" of commitment SC-2026-0001 "Concrete subcontract" (Procore commitment 40) is 12 characters; a QuickBooks purchase order number (RefNumber) holds at most 11 characters. Shorten the contract number in Procore, or turn off "Use Procore contract # as the QuickBooks RefNumber" and type a number of at most 11 characters at export.',
    );
  });

  it('uses the typed number when the setting is off, or none', () => {
    const off = makeContext({ settings: { useProcoreContractNumber: false } });
    const typed = expectOk(mapCommitment(input({ commitment: { ...COMMITMENT, number: 'SC-2026-0001' }, typedRefNumber: '4410' }), off));
    expect(typed.request.refNumber).toBe('4410');
    expect(typed.preview.find((f) => f.field === 'P.O. No.')).toEqual({ field: 'P.O. No.', value: '4410', source: 'typed at export' });
    xsd.add('po typed ref', typed.request);
    const none = expectOk(mapCommitment(input({ typedRefNumber: null }), off));
    expect(none.request.refNumber).toBeUndefined();
    expect(previewValue(none, 'P.O. No.')).toBeUndefined();
    xsd.add('po no ref', none.request);
    expectRefusal(mapCommitment(input({ typedRefNumber: '123456789012' }), off), 'REF_NUMBER_TOO_LONG');
  });

  it('refuses a missing contract number when the setting is on', () => {
    expectRefusal(mapCommitment(input({ commitment: { ...COMMITMENT, number: null } }), ctx), 'INCOMPLETE_RECORD');
  });
});

describe('mapCommitment: refusals', () => {
  it('never makes a second PO for one commitment', () => {
    const exported = makeContext({
      links: { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: { txnId: 'T-1', editSequence: 'E', refNumber: 'SC-001', lines: [] } } },
    });
    const refusal = expectRefusal(mapCommitment(input(), exported), 'ALREADY_EXPORTED');
    expect(refusal.message).toBe(
      'Commitment SC-001 "Concrete subcontract" (Procore commitment 40) is already in QuickBooks as purchase order SC-001; its change orders are added to that purchase order, never to a new one.',
    );
  });

  it('refuses a commitment without a vendor', () => {
    expect(expectRefusal(mapCommitment(input({ commitment: { ...COMMITMENT, vendor: null } }), ctx), 'INCOMPLETE_RECORD').field).toBe('VendorRef');
  });

  it('refuses until vendor, job and items are in QuickBooks, naming them', () => {
    const refusal = expectRefusal(
      mapCommitment(input(), makeContext({ links: { jobs: ALL_LINKED.jobs, items: { [CC_CONCRETE]: ITEM_LINKS[CC_CONCRETE]! } } })),
      'MISSING_DEPENDENCY',
    );
    expect(refusal.dependencies?.map((d) => `${d.kind}:${d.procoreId}`)).toEqual([`vendor:${VENDOR_ID}`, `item:${CC_REBAR}`]);
    expect(refusal.message).toContain('the vendor "ABC Concrete" (Procore company 12) and the item for Procore cost code 302 are not in QuickBooks');
  });

  it('refuses a line without a cost code, or with a missing or unreadable amount', () => {
    expect(expectRefusal(mapCommitment(input({ lines: [{ id: 1, amount: '5.00', description: 'Extras' }] }), ctx), 'INCOMPLETE_RECORD').message).toBe(
      'Line 1 "Extras" of commitment SC-001 "Concrete subcontract" (Procore commitment 40) has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.',
    );
    expectRefusal(mapCommitment(input({ lines: [{ id: 1, amount: null as unknown as string, cost_code_id: CC_CONCRETE }] }), ctx), 'INCOMPLETE_RECORD');
    expectRefusal(mapCommitment(input({ lines: [{ id: 1, amount: '$5', cost_code_id: CC_CONCRETE }] }), ctx), 'INVALID_AMOUNT');
    expectRefusal(
      mapCommitment(
        input({
          lines: [
            { id: 1, amount: '9999999999999.99', cost_code_id: CC_CONCRETE },
            { id: 2, amount: '0.01', cost_code_id: CC_CONCRETE },
          ],
        }),
        ctx,
      ),
      'INVALID_AMOUNT',
    );
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
