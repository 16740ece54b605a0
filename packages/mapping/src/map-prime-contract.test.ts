import type { PrimeContract, PrimeContractChangeOrder, PrimeContractChangeOrderLineItem, PrimeContractLineItem } from '@connector/procore';
import { NEW_TXN_LINE_ID } from '@connector/qbxml';
import { afterAll, describe, expect, it } from 'vitest';
import { mapPrimeChangeOrder } from './map-prime-change-order.ts';
import { mapPrimeContract, primeChangeOrderLineKey, primeContractLineKey, type PrimeContractContext } from './map-prime-contract.ts';
import type { QbTxnLink } from './mapping-types.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { CC_CONCRETE, CC_REBAR, expectOk, expectRefusal, ITEM_LINKS, JOB_LINK, previewValue } from './testing/fixtures.ts';

const xsd = createXsdCheck();
afterAll(() => xsd.verifyAll());

const CONTRACT_ITEM = { listId: '80000042-1700000000', fullName: 'Contract Billing' };

const sov = (id: number, amount: string, fields: Partial<PrimeContractLineItem> = {}): PrimeContractLineItem => ({
  id,
  amount,
  description: `SOV line ${id}`,
  cost_code: { id: CC_CONCRETE },
  ...fields,
});

const contract = (fields: Partial<PrimeContract> = {}): PrimeContract => ({
  id: 5001,
  project_id: 11,
  number: 'PC-001',
  title: 'Harbor Point tower',
  status: 'Approved',
  grand_total: '500000.00',
  line_items: [sov(1, '300000.00'), sov(2, '200000.00', { cost_code: { id: CC_REBAR }, description: 'Structural steel' }), sov(3, '0.00')],
  ...fields,
});

const context = (overrides: Partial<PrimeContractContext> = {}): PrimeContractContext => ({
  job: JOB_LINK,
  itemForCostCode: (id) => ITEM_LINKS[id] ?? null,
  estimate: null,
  lineItem: { mode: 'cost_code' },
  ...overrides,
});

/** The estimate as the connector links it after the EstimateAdd of contract() (lines carry keys, items and amounts). */
const ESTIMATE: QbTxnLink = {
  txnId: '9A-1700000500',
  editSequence: '1700000501',
  refNumber: 'PC-001',
  lines: [
    { txnLineId: '9B-1', procoreLineKey: primeContractLineKey(1), amountCents: 30_000_000, itemListId: ITEM_LINKS[CC_CONCRETE]!.listId, itemName: 'Concrete' },
    { txnLineId: '9B-2', procoreLineKey: primeContractLineKey(2), amountCents: 20_000_000, itemListId: ITEM_LINKS[CC_REBAR]!.listId, itemName: 'Rebar' },
  ],
};

const pccoLine = (id: number, amount: string, fields: Partial<PrimeContractChangeOrderLineItem> = {}): PrimeContractChangeOrderLineItem => ({
  id,
  amount,
  description: null,
  cost_code: { id: CC_CONCRETE },
  ...fields,
});

const pcco = (fields: Partial<PrimeContractChangeOrder> = {}): PrimeContractChangeOrder => ({
  id: 7001,
  project_id: 11,
  contract_id: 5001,
  number: '3',
  title: 'Lobby finishes',
  status: 'approved',
  line_items: [pccoLine(71, '12500.00', { description: 'Stone floor' }), pccoLine(72, '-2500.00', { cost_code: { id: CC_REBAR } }), pccoLine(73, '0')],
  ...fields,
});

describe('mapPrimeContract: an approved prime contract → the job contract value estimate', () => {
  it('one line per non-zero schedule-of-values line on the cost code item, RefNumber the contract number, a memo that says what it is', () => {
    const result = expectOk(mapPrimeContract({ projectId: 11, primeContract: contract() }, context()));
    const request = result.request;
    expect(request).toMatchObject({ type: 'EstimateAdd', customerRef: { listId: JOB_LINK.listId }, refNumber: 'PC-001' });
    expect(request.memo).toBe('Procore prime contract #PC-001: contract value');
    expect(request.memo).not.toMatch(/budget/i);
    expect(request.lines).toEqual([
      { itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId }, desc: 'SOV line 1', amount: '300000.00' },
      { itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, desc: 'Structural steel', amount: '200000.00' },
    ]);
    expect(result.lineKeys).toEqual([primeContractLineKey(1), primeContractLineKey(2)]);
    expect(previewValue(result, 'Contract value')).toBe('500,000.00');
    expect(previewValue(result, 'Customer:Job')).toBe(JOB_LINK.fullName);
    xsd.add('prime contract estimate', request);
  });

  it('one item per contract (the owner invoice setting): every line on that item', () => {
    const result = expectOk(mapPrimeContract({ projectId: 11, primeContract: contract() }, context({ lineItem: { mode: 'contract', item: CONTRACT_ITEM } })));
    expect(result.request.lines.map((l) => l.itemRef?.listId)).toEqual([CONTRACT_ITEM.listId, CONTRACT_ITEM.listId]);
    expect(previewValue(result, 'Line 1 item')).toBe('Contract Billing');
    xsd.add('prime contract, one item', result.request);
  });

  it('a contract number longer than QuickBooks holds (11) is cut for RefNumber; the memo keeps it whole', () => {
    const result = expectOk(mapPrimeContract({ projectId: 11, primeContract: contract({ number: 'PC-2026-000123' }) }, context()));
    expect(result.request.refNumber).toBe('PC-2026-000');
    expect(result.request.memo).toBe('Procore prime contract #PC-2026-000123: contract value');
    expect(previewValue(result, 'Estimate no.')).toBe('PC-2026-000 (cut from PC-2026-000123)');
    xsd.add('prime contract, long number', result.request);
  });

  it.each([
    ['Draft', 'Draft'],
    ['Out For Signature', 'Out For Signature'],
    ['Terminated', 'Terminated'],
    [null, 'without a status'],
  ])('status %s in Procore: refused NOT_APPROVED with the reason', (status, words) => {
    const refusal = expectRefusal(mapPrimeContract({ projectId: 11, primeContract: contract({ status }) }, context()), 'NOT_APPROVED');
    expect(refusal.message).toContain(words);
    expect(refusal.message).toContain('Approved or Complete');
  });

  it('Complete counts as approved', () => {
    expectOk(mapPrimeContract({ projectId: 11, primeContract: contract({ status: 'Complete' }) }, context()));
  });

  it('already linked to an estimate: never sent twice', () => {
    const refusal = expectRefusal(mapPrimeContract({ projectId: 11, primeContract: contract() }, context({ estimate: ESTIMATE })), 'ALREADY_EXPORTED');
    expect(refusal.message).toContain('PC-001');
  });

  it('the job and the missing items are named together, in one MISSING_DEPENDENCY', () => {
    const refusal = expectRefusal(
      mapPrimeContract(
        { projectId: 11, primeContract: contract() },
        context({ job: null, itemForCostCode: (id) => (id === CC_CONCRETE ? ITEM_LINKS[id]! : null) }),
      ),
      'MISSING_DEPENDENCY',
    );
    expect(refusal.dependencies?.map((d) => [d.kind, d.procoreId])).toEqual([
      ['job', 11],
      ['item', CC_REBAR],
    ]);
  });

  it('a grand total that differs from the lines (markup) is refused rather than sent short', () => {
    const refusal = expectRefusal(mapPrimeContract({ projectId: 11, primeContract: contract({ grand_total: '525000.00' }) }, context()), 'INVALID_AMOUNT');
    expect(refusal.message).toContain('525,000.00');
    expect(refusal.message).toContain('500,000.00');
  });

  it('no amounts: EMPTY_TRANSACTION; an unreadable amount: INVALID_AMOUNT naming the line; a line without cost code: INCOMPLETE_RECORD', () => {
    expectRefusal(
      mapPrimeContract({ projectId: 11, primeContract: contract({ line_items: [sov(1, '0.00')], grand_total: null }) }, context()),
      'EMPTY_TRANSACTION',
    );
    const bad = expectRefusal(mapPrimeContract({ projectId: 11, primeContract: contract({ line_items: [sov(1, '1,000.00')] }) }, context()), 'INVALID_AMOUNT');
    expect(bad.message).toContain('Line 1 "SOV line 1"');
    const noCode = expectRefusal(
      mapPrimeContract({ projectId: 11, primeContract: contract({ line_items: [sov(1, '500000.00', { cost_code: null })] }) }, context()),
      'INCOMPLETE_RECORD',
    );
    expect(noCode.message).toContain('one item per contract');
  });
});

describe('mapPrimeChangeOrder: an approved PCCO → its lines added to the contract value estimate', () => {
  it('EstimateMod on the estimate EditSequence: every existing line by TxnLineID, the non-zero PCCO lines appended as new, described PCCO #n: title', () => {
    const result = expectOk(mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco() }, context({ estimate: ESTIMATE })));
    expect(result.request).toEqual({
      type: 'EstimateMod',
      txnId: ESTIMATE.txnId,
      editSequence: ESTIMATE.editSequence,
      lines: [
        { txnLineId: '9B-1' },
        { txnLineId: '9B-2' },
        { txnLineId: NEW_TXN_LINE_ID, itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId }, desc: 'PCCO #3: Lobby finishes — Stone floor', amount: '12500.00' },
        { txnLineId: NEW_TXN_LINE_ID, itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, desc: 'PCCO #3: Lobby finishes', amount: '-2500.00' },
      ],
    });
    expect(result.lineKeys).toEqual([primeContractLineKey(1), primeContractLineKey(2), primeChangeOrderLineKey(7001, 71), primeChangeOrderLineKey(7001, 72)]);
    expect(previewValue(result, 'Change order total')).toBe('10,000.00');
    expect(previewValue(result, 'Contract value after')).toBe('510,000.00');
    xsd.add('prime change order', result.request);
  });

  it('its lines already on the estimate (a lost answer recovered, a second send): ALREADY_EXPORTED, nothing sent', () => {
    const after: QbTxnLink = {
      ...ESTIMATE,
      lines: [
        ...ESTIMATE.lines,
        { txnLineId: '9B-3', procoreLineKey: primeChangeOrderLineKey(7001, 71) },
        { txnLineId: '9B-4', procoreLineKey: primeChangeOrderLineKey(7001, 72) },
      ],
    };
    expectRefusal(mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco() }, context({ estimate: after })), 'ALREADY_EXPORTED');
  });

  it('waits for its prime contract: the only dependency named while the estimate is not in QuickBooks', () => {
    const refusal = expectRefusal(
      mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco() }, context({ estimate: null, job: null, itemForCostCode: () => null })),
      'MISSING_DEPENDENCY',
    );
    expect(refusal.dependencies?.map((d) => [d.kind, d.procoreId])).toEqual([['prime_contract', 5001]]);
  });

  it.each(['pending', 'draft', 'rejected', 'void', 'no_charge', null])('status %s: refused NOT_APPROVED with the reason', (status) => {
    const refusal = expectRefusal(mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco({ status }) }, context({ estimate: ESTIMATE })), 'NOT_APPROVED');
    expect(refusal.message).toContain('only approved prime contract change orders');
  });

  it('a line without cost code on a schedule-of-values line takes that line item from the estimate; without either it is refused', () => {
    const onSov = expectOk(
      mapPrimeChangeOrder(
        { projectId: 11, changeOrder: pcco({ line_items: [pccoLine(71, '100.00', { cost_code: null, prime_line_item_id: 2 })] }) },
        context({ estimate: ESTIMATE }),
      ),
    );
    expect(onSov.request.lines?.at(-1)?.itemRef).toEqual({ listId: ITEM_LINKS[CC_REBAR]!.listId });
    expectRefusal(
      mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco({ line_items: [pccoLine(71, '100.00', { cost_code: null })] }) }, context({ estimate: ESTIMATE })),
      'INCOMPLETE_RECORD',
    );
  });

  it('an estimate link without its lines is refused (a Mod without them would delete every line)', () => {
    expectRefusal(mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco() }, context({ estimate: { ...ESTIMATE, lines: [] } })), 'LINK_INCOMPLETE');
  });

  it('not attached to a contract, or nothing with an amount', () => {
    expectRefusal(mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco({ contract_id: null }) }, context({ estimate: ESTIMATE })), 'INCOMPLETE_RECORD');
    expectRefusal(
      mapPrimeChangeOrder({ projectId: 11, changeOrder: pcco({ line_items: [pccoLine(73, '0.00')] }) }, context({ estimate: ESTIMATE })),
      'NO_CHANGES',
    );
  });
});
