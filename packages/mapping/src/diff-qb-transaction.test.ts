import { QbxmlParseError, type QbRecord } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { diffQbTransaction } from './diff-qb-transaction.ts';
import * as mapping from './index.ts';
import { budgetLineKey, changeOrderLineKey, commitmentLineKey } from './line-keys.ts';
import { mapBudget } from './map-budget.ts';
import type { QbTxnLink } from './mapping-types.ts';
import { ALL_LINKED, CC_CONCRETE, CC_REBAR, expectOk, makeContext, PROJECT_ID } from './testing/fixtures.ts';

const TXN_ID = '2A1-1700000000';
const CONCRETE = '03 Concrete:03-300 Cast-in-Place';
const REBAR = '03 Concrete:03-200 Reinforcing';
const JOB = { ListID: '80000011-1700000000', FullName: 'Riverside Medical:MOB Expansion' };
const CLASS = { ListID: '80000050-1700000000', FullName: 'Commercial' };
const ITEM_OF: Record<string, string> = { L1: CONCRETE, L2: REBAR, L3: CONCRETE, L8: 'Equipment Rental', L9: 'Fuel', L10: 'Equipment Rental' };
/**
 * What poRet puts on line `id` and the link keeps: its item's ListID and the job's (the import pairs by them),
 * and what the line shows — item, job, class, description (a 3200 compares them).
 */
const refs = (id: string, item: string | undefined = ITEM_OF[id]) => ({
  itemListId: `item-${id}`,
  jobListId: JOB.ListID,
  ...(item === undefined ? {} : { itemName: item }),
  jobName: JOB.FullName,
  classListId: CLASS.ListID,
  className: CLASS.FullName,
  desc: 'Work',
});

const KNOWN_PO: QbTxnLink = {
  txnId: TXN_ID,
  editSequence: '1700000300',
  refNumber: 'SC-1042',
  lines: [
    { txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 125000, ...refs('L1') },
    { txnLineId: 'L2', procoreLineKey: commitmentLineKey(502), amountCents: 4000050, ...refs('L2') },
    { txnLineId: 'L3', procoreLineKey: changeOrderLineKey(60, CC_CONCRETE, 501), amountCents: 10000, ...refs('L3') },
  ],
};

/** A PurchaseOrderRet as @connector/qbxml parses it, lines given as [TxnLineID, item, Amount]. */
function poRet(lines: Array<[string, string | undefined, string | undefined]>, header: Partial<Record<string, string>> = {}): QbRecord {
  return {
    TxnID: TXN_ID,
    TimeCreated: '2026-03-02T10:00:00-08:00',
    TimeModified: '2026-03-09T15:12:44-08:00',
    EditSequence: '1700000999',
    TxnNumber: '88',
    VendorRef: { ListID: '80000002-1700000000', FullName: 'ABC Concrete' },
    TxnDate: '2026-03-02',
    RefNumber: 'SC-1042',
    Memo: 'Concrete package',
    ...(header as Record<string, string>),
    PurchaseOrderLineRet: lines.map(([id, item, amount]) => ({
      TxnLineID: id,
      ...(item === undefined ? {} : { ItemRef: { ListID: `item-${id}`, FullName: item } }),
      Desc: 'Work',
      ...(amount === undefined ? {} : { Amount: amount }),
      CustomerRef: JOB,
      ClassRef: CLASS,
    })),
  };
}

const UNCHANGED_PO = poRet([
  ['L1', CONCRETE, '1250.00'],
  ['L2', REBAR, '40000.50'],
  ['L3', CONCRETE, '100.00'],
]);

describe('diffQbTransaction', () => {
  it('finds no difference when only the EditSequence moved, and refreshes the EditSequence', () => {
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, UNCHANGED_PO);
    expect(differences).toEqual([]);
    expect(refreshed).toEqual<QbTxnLink>({ ...KNOWN_PO, editSequence: '1700000999' });
  });

  it('lists a line deleted in QuickBooks with the amount we knew', () => {
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([{ field: `Line for ${commitmentLineKey(502)}`, ours: '40,000.50', theirs: null }]);
    expect(refreshed.lines.map((l) => l.txnLineId)).toEqual(['L1', 'L3']);
  });

  it('says "present" for a deleted line whose amount we never knew', () => {
    const known: QbTxnLink = { ...KNOWN_PO, lines: [...KNOWN_PO.lines, { txnLineId: 'L4', procoreLineKey: commitmentLineKey(503), ...refs('L4') }] };
    expect(diffQbTransaction('purchase_order', known, UNCHANGED_PO).differences).toEqual([
      { field: `Line for ${commitmentLineKey(503)}`, ours: 'present', theirs: null },
    ]);
  });

  it('lists a line whose amount QuickBooks changed, both amounts as the previews show money', () => {
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L2', REBAR, '-1234567.8'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([{ field: `Line for ${commitmentLineKey(502)}`, ours: '40,000.50', theirs: '-1,234,567.80' }]);
    expect(refreshed.lines[1]).toEqual({ txnLineId: 'L2', procoreLineKey: commitmentLineKey(502), amountCents: -123456780, ...refs('L2') });
  });

  it('reads amounts as cents, so "1250" and "1250.00" are the same amount', () => {
    const current = poRet([
      ['L1', CONCRETE, '1250'],
      ['L2', REBAR, ' 40000.50 '],
      ['L3', CONCRETE, '100.0'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([]);
    expect(refreshed.lines.map((l) => l.amountCents)).toEqual([125000, 4000050, 10000]);
  });

  it('does not compare an amount we never knew, and learns it', () => {
    const known: QbTxnLink = { ...KNOWN_PO, lines: [{ txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), ...refs('L1') }, ...KNOWN_PO.lines.slice(1)] };
    const current = poRet([
      ['L1', CONCRETE, '9999.99'],
      ['L2', REBAR, '40000.50'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', known, current);
    expect(differences).toEqual([]);
    expect(refreshed.lines[0]).toEqual({ txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 999999, ...refs('L1') });
  });

  it('does not compare a line QuickBooks sends without Amount (unknown, not zero), and forgets its amount', () => {
    const current = poRet([
      ['L1', CONCRETE, undefined],
      ['L2', REBAR, '40000.50'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([]);
    expect(refreshed.lines[0]).toEqual({ txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), ...refs('L1') });
    expect('amountCents' in refreshed.lines[0]!).toBe(false);
  });

  it('lists a line added in QuickBooks with its item and amount, and keeps it in the refreshed link with no key', () => {
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L9', 'Equipment Rental', '2500.00'],
      ['L2', REBAR, '40000.50'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([{ field: 'QuickBooks line L9', ours: null, theirs: 'Equipment Rental 2,500.00' }]);
    expect(refreshed.lines).toEqual([
      { txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 125000, ...refs('L1') },
      { txnLineId: 'L9', procoreLineKey: null, amountCents: 250000, ...refs('L9', 'Equipment Rental') },
      { txnLineId: 'L2', procoreLineKey: commitmentLineKey(502), amountCents: 4000050, ...refs('L2') },
      { txnLineId: 'L3', procoreLineKey: changeOrderLineKey(60, CC_CONCRETE, 501), amountCents: 10000, ...refs('L3') },
    ]);
  });

  it('describes an added line with whatever QuickBooks gives: item only, amount only, or "present"', () => {
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L2', REBAR, '40000.50'],
      ['L3', CONCRETE, '100.00'],
      ['L10', 'Equipment Rental', undefined],
      ['L11', undefined, '75.00'],
      ['L12', undefined, undefined],
    ]);
    expect(diffQbTransaction('purchase_order', KNOWN_PO, current).differences).toEqual([
      { field: 'QuickBooks line L10', ours: null, theirs: 'Equipment Rental' },
      { field: 'QuickBooks line L11', ours: null, theirs: '75.00' },
      { field: 'QuickBooks line L12', ours: null, theirs: 'present' },
    ]);
  });

  it('lists a changed RefNumber, and one QuickBooks no longer holds', () => {
    const renumbered = diffQbTransaction(
      'purchase_order',
      KNOWN_PO,
      poRet(
        [
          ['L1', CONCRETE, '1250.00'],
          ['L2', REBAR, '40000.50'],
          ['L3', CONCRETE, '100.00'],
        ],
        { RefNumber: 'PO-77' },
      ),
    );
    expect(renumbered.differences).toEqual([{ field: 'RefNumber', ours: 'SC-1042', theirs: 'PO-77' }]);
    expect(renumbered.refreshed.refNumber).toBe('PO-77');

    const cleared = { ...UNCHANGED_PO };
    delete cleared['RefNumber'];
    const none = diffQbTransaction('purchase_order', KNOWN_PO, cleared);
    expect(none.differences).toEqual([{ field: 'RefNumber', ours: 'SC-1042', theirs: null }]);
    expect('refNumber' in none.refreshed).toBe(false);
  });

  it("does not compare RefNumber when we never knew one, and takes QuickBooks' number", () => {
    const known: QbTxnLink = { txnId: KNOWN_PO.txnId, editSequence: KNOWN_PO.editSequence, lines: KNOWN_PO.lines };
    const { differences, refreshed } = diffQbTransaction('purchase_order', known, UNCHANGED_PO);
    expect(differences).toEqual([]);
    expect(refreshed.refNumber).toBe('SC-1042');
  });

  it('ignores whitespace QuickBooks trims around a RefNumber, not case', () => {
    expect(diffQbTransaction('purchase_order', { ...KNOWN_PO, refNumber: ' SC-1042 ' }, UNCHANGED_PO).differences).toEqual([]);
    expect(diffQbTransaction('purchase_order', { ...KNOWN_PO, refNumber: 'sc-1042' }, UNCHANGED_PO).differences).toEqual([
      { field: 'RefNumber', ours: 'sc-1042', theirs: 'SC-1042' },
    ]);
  });

  it('names lines without a Procore key by their TxnLineID', () => {
    const known: QbTxnLink = {
      txnId: TXN_ID,
      editSequence: '1',
      lines: [
        { txnLineId: 'L1', procoreLineKey: null, amountCents: 125000, ...refs('L1') },
        { txnLineId: 'L2', procoreLineKey: null, amountCents: 4000050, ...refs('L2') },
        { txnLineId: 'L3', procoreLineKey: null, ...refs('L3') },
      ],
    };
    const current = poRet([
      ['L3', CONCRETE, '100.00'],
      ['L1', CONCRETE, '1300.00'],
    ]);
    const { differences, refreshed } = diffQbTransaction('purchase_order', known, current);
    expect(differences).toEqual([
      { field: 'Line for QuickBooks line L2', ours: '40,000.50', theirs: null },
      { field: 'Line for QuickBooks line L1', ours: '1,250.00', theirs: '1,300.00' },
    ]);
    expect(refreshed.lines).toEqual([
      { txnLineId: 'L3', procoreLineKey: null, amountCents: 10000, ...refs('L3') },
      { txnLineId: 'L1', procoreLineKey: null, amountCents: 130000, ...refs('L1') },
    ]);
  });

  it('keeps field names unique when two known lines carry the same Procore key', () => {
    const key = budgetLineKey(CC_CONCRETE);
    const known: QbTxnLink = {
      txnId: TXN_ID,
      editSequence: '1',
      lines: [
        { txnLineId: 'L1', procoreLineKey: key, amountCents: 100, ...refs('L1') },
        { txnLineId: 'L2', procoreLineKey: key, amountCents: 200, ...refs('L2') },
      ],
    };
    expect(diffQbTransaction('purchase_order', known, poRet([])).differences).toEqual([
      { field: `Line for ${key} (QuickBooks line L1)`, ours: '1.00', theirs: null },
      { field: `Line for ${key} (QuickBooks line L2)`, ours: '2.00', theirs: null },
    ]);
  });

  it('counts a TxnLineID listed twice in our link once (the first entry)', () => {
    const known: QbTxnLink = {
      txnId: TXN_ID,
      editSequence: '1',
      lines: [
        { txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 125000, ...refs('L1') },
        { txnLineId: 'L1', procoreLineKey: commitmentLineKey(999), amountCents: 1, ...refs('L1') },
      ],
    };
    const { differences, refreshed } = diffQbTransaction('purchase_order', known, poRet([['L1', CONCRETE, '1250.00']]));
    expect(differences).toEqual([]);
    expect(refreshed.lines).toEqual([{ txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 125000, ...refs('L1') }]);
  });

  it('puts the differences in order: deleted, amounts, added, RefNumber', () => {
    const current = poRet(
      [
        ['L8', 'Equipment Rental', '10.00'],
        ['L3', CONCRETE, '200.00'],
        ['L1', CONCRETE, '1250.01'],
        ['L9', 'Fuel', '5.00'],
      ],
      { RefNumber: 'PO-77' },
    );
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([
      { field: `Line for ${commitmentLineKey(502)}`, ours: '40,000.50', theirs: null },
      { field: `Line for ${commitmentLineKey(501)}`, ours: '1,250.00', theirs: '1,250.01' },
      { field: `Line for ${changeOrderLineKey(60, CC_CONCRETE, 501)}`, ours: '100.00', theirs: '200.00' },
      { field: 'QuickBooks line L8', ours: null, theirs: 'Equipment Rental 10.00' },
      { field: 'QuickBooks line L9', ours: null, theirs: 'Fuel 5.00' },
      { field: 'RefNumber', ours: 'SC-1042', theirs: 'PO-77' },
    ]);
    expect(differences.some((d) => d.field === 'EditSequence')).toBe(false);
    // QuickBooks' order, keys carried over by TxnLineID, not by position.
    expect(refreshed).toEqual<QbTxnLink>({
      txnId: TXN_ID,
      editSequence: '1700000999',
      refNumber: 'PO-77',
      lines: [
        { txnLineId: 'L8', procoreLineKey: null, amountCents: 1000, ...refs('L8') },
        { txnLineId: 'L3', procoreLineKey: changeOrderLineKey(60, CC_CONCRETE, 501), amountCents: 20000, ...refs('L3') },
        { txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 125001, ...refs('L1') },
        { txnLineId: 'L9', procoreLineKey: null, amountCents: 500, ...refs('L9') },
      ],
    });
  });

  it('treats a malformed Amount as unknown and says so instead of throwing', () => {
    const current = poRet([
      ['L1', CONCRETE, '1,250.00'],
      ['L2', REBAR, 'abc'],
      ['L3', CONCRETE, ''],
      ['L9', 'Fuel', '1e3'],
      ['L10', 'Equipment Rental', '10000000000000.00'],
    ]);
    const known: QbTxnLink = { ...KNOWN_PO, lines: [...KNOWN_PO.lines.slice(0, 2), { txnLineId: 'L3', procoreLineKey: null, ...refs('L3') }] };
    const { differences, refreshed } = diffQbTransaction('purchase_order', known, current);
    expect(differences).toEqual([
      { field: `Line for ${commitmentLineKey(501)}`, ours: '1,250.00', theirs: 'unreadable amount "1,250.00"' },
      { field: `Line for ${commitmentLineKey(502)}`, ours: '40,000.50', theirs: 'unreadable amount "abc"' },
      { field: 'Line for QuickBooks line L3', ours: 'present', theirs: 'unreadable amount ""' },
      { field: 'QuickBooks line L9', ours: null, theirs: 'Fuel unreadable amount "1e3"' },
      // More than AMTTYPE's 13 digits is not a QuickBooks amount either.
      { field: 'QuickBooks line L10', ours: null, theirs: 'Equipment Rental unreadable amount "10000000000000.00"' },
    ]);
    expect(refreshed.lines).toEqual([
      { txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), ...refs('L1') },
      { txnLineId: 'L2', procoreLineKey: commitmentLineKey(502), ...refs('L2') },
      { txnLineId: 'L3', procoreLineKey: null, ...refs('L3') },
      { txnLineId: 'L9', procoreLineKey: null, ...refs('L9') },
      { txnLineId: 'L10', procoreLineKey: null, ...refs('L10') },
    ]);
  });

  it("keeps each line's item and job ListIDs, which the import pairs bill lines by; absent refs stay absent", () => {
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L2', undefined, '40000.50'],
    ]);
    const { refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(refreshed.lines[0]).toMatchObject({ itemListId: 'item-L1', jobListId: JOB.ListID });
    expect('itemListId' in refreshed.lines[1]!).toBe(false);
    expect(refreshed.lines[1]!.jobListId).toBe(JOB.ListID);
  });

  it('reads a Ret whose single line is an object rather than an array', () => {
    const current: QbRecord = {
      TxnID: TXN_ID,
      EditSequence: '1700000999',
      RefNumber: 'SC-1042',
      PurchaseOrderLineRet: { TxnLineID: 'L1', ItemRef: { FullName: CONCRETE }, Amount: '1250.00' },
    };
    const known: QbTxnLink = { ...KNOWN_PO, lines: [KNOWN_PO.lines[0]!] };
    expect(diffQbTransaction('purchase_order', known, current)).toEqual({
      differences: [],
      refreshed: {
        txnId: TXN_ID,
        editSequence: '1700000999',
        refNumber: 'SC-1042',
        lines: [{ txnLineId: 'L1', procoreLineKey: commitmentLineKey(501), amountCents: 125000 }],
      },
    });
  });

  it('reads a transaction QuickBooks holds with no lines: every known line is deleted', () => {
    const current: QbRecord = { TxnID: TXN_ID, EditSequence: '1700000999', RefNumber: 'SC-1042' };
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences.map((d) => [d.field, d.theirs])).toEqual(KNOWN_PO.lines.map((l) => [`Line for ${l.procoreLineKey}`, null]));
    expect(refreshed.lines).toEqual([]);
  });

  it('ignores line groups (the mappers never create them)', () => {
    const current: QbRecord = {
      ...UNCHANGED_PO,
      PurchaseOrderLineGroupRet: [{ TxnLineID: 'G1', ItemGroupRef: { FullName: 'Kit' }, PurchaseOrderLineRet: [{ TxnLineID: 'G1-1', Amount: '5.00' }] }],
    };
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([]);
    expect(refreshed.lines.map((l) => l.txnLineId)).toEqual(['L1', 'L2', 'L3']);
  });

  it("reads an estimate's EstimateLineRet, and the refreshed link is what mapBudget's next EstimateMod needs", () => {
    const known: QbTxnLink = {
      txnId: TXN_ID,
      editSequence: '1700000200',
      refNumber: 'EST-7',
      lines: [
        { txnLineId: 'E1', procoreLineKey: budgetLineKey(CC_CONCRETE), amountCents: 10250051 },
        { txnLineId: 'E2', procoreLineKey: budgetLineKey(CC_REBAR), amountCents: 5000000 },
      ],
    };
    const current: QbRecord = {
      TxnID: TXN_ID,
      EditSequence: '1700000777',
      RefNumber: 'EST-7',
      CustomerRef: JOB,
      EstimateLineRet: [
        { TxnLineID: 'E1', ItemRef: { FullName: CONCRETE }, Amount: '102500.51' },
        { TxnLineID: 'E5', ItemRef: { FullName: 'Contingency' }, Amount: '500.00' },
        { TxnLineID: 'E2', ItemRef: { FullName: REBAR }, Amount: '45000.00' },
      ],
      // Lines of another kind of transaction are not read.
      PurchaseOrderLineRet: [{ TxnLineID: 'X', Amount: '1.00' }],
    };
    const { differences, refreshed } = diffQbTransaction('estimate', known, current);
    expect(differences).toEqual([
      { field: `Line for ${budgetLineKey(CC_REBAR)}`, ours: '50,000.00', theirs: '45,000.00' },
      { field: 'QuickBooks line E5', ours: null, theirs: 'Contingency 500.00' },
    ]);

    // "Re-send ours": the Mod carries the new EditSequence and every line, QuickBooks' own line kept.
    const rows = [
      { id: 1, cost_code_id: CC_CONCRETE, original_budget_amount: '102500.51' },
      { id: 2, cost_code_id: CC_REBAR, original_budget_amount: '50000.00' },
    ];
    const resend = expectOk(mapBudget({ projectId: PROJECT_ID, rows }, makeContext({ links: { ...ALL_LINKED, estimates: { [PROJECT_ID]: refreshed } } })));
    expect(resend.request).toMatchObject({
      type: 'EstimateMod',
      txnId: TXN_ID,
      editSequence: '1700000777',
      lines: [{ txnLineId: 'E1' }, { txnLineId: 'E5' }, { txnLineId: 'E2', amount: '50000.00' }],
    });
  });

  it("reads a bill's expense lines, then its item lines (qbxml130.xsd order)", () => {
    const known: QbTxnLink = {
      txnId: TXN_ID,
      editSequence: '1700000400',
      refNumber: 'INV-5',
      lines: [
        { txnLineId: 'I1', procoreLineKey: commitmentLineKey(501), amountCents: 125000 },
        { txnLineId: 'I2', procoreLineKey: null, amountCents: -12500 },
        { txnLineId: 'X1', procoreLineKey: null, amountCents: 3000 },
      ],
    };
    const current: QbRecord = {
      TxnID: TXN_ID,
      EditSequence: '1700000401',
      RefNumber: 'INV-5',
      VendorRef: { FullName: 'ABC Concrete' },
      ItemLineRet: [
        { TxnLineID: 'I1', ItemRef: { FullName: CONCRETE }, Amount: '1250.00', CustomerRef: JOB },
        { TxnLineID: 'I2', ItemRef: { FullName: 'Retainage Payable' }, Amount: '-150.00' },
      ],
      ExpenseLineRet: [
        { TxnLineID: 'X1', AccountRef: { FullName: 'Job Costs:Permits' }, Amount: '30.00' },
        { TxnLineID: 'X2', AccountRef: { FullName: 'Job Costs:Dumpsters' }, Amount: '412.37', Memo: 'Added in QuickBooks' },
      ],
    };
    const { differences, refreshed } = diffQbTransaction('bill', known, current);
    expect(differences).toEqual([
      { field: 'Line for QuickBooks line I2', ours: '-125.00', theirs: '-150.00' },
      { field: 'QuickBooks line X2', ours: null, theirs: 'Job Costs:Dumpsters 412.37' },
    ]);
    expect(refreshed.lines).toEqual([
      { txnLineId: 'X1', procoreLineKey: null, amountCents: 3000 },
      { txnLineId: 'X2', procoreLineKey: null, amountCents: 41237 },
      { txnLineId: 'I1', procoreLineKey: commitmentLineKey(501), amountCents: 125000, jobListId: JOB.ListID, jobName: JOB.FullName },
      { txnLineId: 'I2', procoreLineKey: null, amountCents: -15000 },
    ]);
  });

  it("finds a bill's expense line deleted in QuickBooks", () => {
    const known: QbTxnLink = { txnId: TXN_ID, editSequence: '1', lines: [{ txnLineId: 'X1', procoreLineKey: null, amountCents: 3000 }] };
    const current: QbRecord = { TxnID: TXN_ID, EditSequence: '2', ItemLineRet: [{ TxnLineID: 'I1', ItemRef: { FullName: CONCRETE }, Amount: '1.00' }] };
    expect(diffQbTransaction('bill', known, current).differences).toEqual([
      { field: 'Line for QuickBooks line X1', ours: '30.00', theirs: null },
      { field: 'QuickBooks line I1', ours: null, theirs: `${CONCRETE} 1.00` },
    ]);
  });

  it('refuses a record that cannot be changed safely', () => {
    expect(() => diffQbTransaction('purchase_order', KNOWN_PO, { ...UNCHANGED_PO, TxnID: 'OTHER-1' })).toThrow(TypeError);
    expect(() => diffQbTransaction('purchase_order', KNOWN_PO, { TxnID: TXN_ID })).toThrow(QbxmlParseError);
    expect(() => diffQbTransaction('purchase_order', KNOWN_PO, { TxnID: TXN_ID, EditSequence: '2', PurchaseOrderLineRet: [{ Amount: '1.00' }] })).toThrow(
      QbxmlParseError,
    );
    expect(() =>
      diffQbTransaction('purchase_order', KNOWN_PO, {
        TxnID: TXN_ID,
        EditSequence: '2',
        PurchaseOrderLineRet: [
          { TxnLineID: 'L1', Amount: '1.00' },
          { TxnLineID: 'L1', Amount: '2.00' },
        ],
      }),
    ).toThrow(QbxmlParseError);
    expect(() =>
      diffQbTransaction('bill', KNOWN_PO, { TxnID: TXN_ID, EditSequence: '2', ItemLineRet: [{ TxnLineID: 'L1' }], ExpenseLineRet: [{ TxnLineID: 'L1' }] }),
    ).toThrow(QbxmlParseError);
  });

  it('does not change what it is given', () => {
    const known = structuredClone(KNOWN_PO);
    const current = structuredClone(UNCHANGED_PO);
    diffQbTransaction('purchase_order', known, current);
    expect(known).toEqual(KNOWN_PO);
    expect(current).toEqual(UNCHANGED_PO);
  });

  it('lists a known line whose item, customer:job, class or description QuickBooks changed (data safety: fields we write)', () => {
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L2', REBAR, '40000.50'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const lines = current['PurchaseOrderLineRet'] as Array<Record<string, unknown>>;
    lines[0]!['CustomerRef'] = { ListID: '80000099-1700000000', FullName: 'Harbor Point:Phase 2' };
    lines[1]!['ItemRef'] = { ListID: 'item-other', FullName: 'Fuel' };
    lines[2]!['ClassRef'] = { ListID: '80000051-1700000000', FullName: 'Residential' };
    lines[2]!['Desc'] = 'Changed by hand';
    const { differences, refreshed } = diffQbTransaction('purchase_order', KNOWN_PO, current);
    expect(differences).toEqual([
      { field: `Customer:job of line for ${commitmentLineKey(501)}`, ours: JOB.FullName, theirs: 'Harbor Point:Phase 2' },
      { field: `Item of line for ${commitmentLineKey(502)}`, ours: REBAR, theirs: 'Fuel' },
      { field: `Class of line for ${changeOrderLineKey(60, CC_CONCRETE, 501)}`, ours: 'Commercial', theirs: 'Residential' },
      { field: `Description of line for ${changeOrderLineKey(60, CC_CONCRETE, 501)}`, ours: 'Work', theirs: 'Changed by hand' },
    ]);
    // The refreshed link holds what QuickBooks shows now, so the next comparison starts from there.
    expect(refreshed.lines[0]).toMatchObject({ jobListId: '80000099-1700000000', jobName: 'Harbor Point:Phase 2' });
  });

  it('does not compare a field our link never knew (links stored before data safety), and ignores whitespace in descriptions', () => {
    const known: QbTxnLink = {
      ...KNOWN_PO,
      lines: KNOWN_PO.lines.map((l) => ({
        txnLineId: l.txnLineId,
        procoreLineKey: l.procoreLineKey,
        ...(l.amountCents === undefined ? {} : { amountCents: l.amountCents }),
      })),
    };
    const current = poRet([
      ['L1', CONCRETE, '1250.00'],
      ['L2', REBAR, '40000.50'],
      ['L3', CONCRETE, '100.00'],
    ]);
    const lines = current['PurchaseOrderLineRet'] as Array<Record<string, unknown>>;
    lines[0]!['ItemRef'] = { ListID: 'item-other', FullName: 'Something else' };
    lines[1]!['Desc'] = '  Work ';
    expect(diffQbTransaction('purchase_order', known, current).differences).toEqual([]);
    expect(diffQbTransaction('purchase_order', KNOWN_PO, current).differences.map((d) => d.field)).toEqual([`Item of line for ${commitmentLineKey(501)}`]);
  });

  it('is exported from the package', () => {
    expect(mapping.diffQbTransaction).toBe(diffQbTransaction);
  });
});
