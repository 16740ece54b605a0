import type { EstimateAddRequest, EstimateModRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapBudget } from './map-budget.ts';
import type { QbTxnLink } from './mapping-types.ts';
import type { BudgetRow } from './read-budget-row.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import {
  ALL_LINKED,
  CC_CONCRETE,
  CC_REBAR,
  CC_SITE,
  expectOk,
  expectRefusal,
  ITEM_LINKS,
  JOB_LINK,
  makeContext,
  previewValue,
  PROJECT_ID,
} from './testing/fixtures.ts';

const xsd = createXsdCheck();
const ctx = makeContext();
const CLASS = { listId: '80000050-1700000000', fullName: 'Commercial' };

const ROWS: BudgetRow[] = [
  { id: 1, cost_code_id: CC_CONCRETE, cost_code: 'Cast-in-Place', original_budget_amount: '100000.00', budget_modifications: '2500.50' },
  { id: 2, cost_code_id: CC_REBAR, cost_code: 'Reinforcing', original_budget_amount: '50000.00', budget_modifications: null },
  // A second category (e.g. materials) of the same cost code: one estimate line.
  { id: 3, cost_code: { id: CC_CONCRETE, full_code: '03-300' }, original_budget_amount: '0.005' },
  // A budgeted cost code with nothing in it: no line.
  { id: 4, cost_code_id: CC_SITE, cost_code: 'Earthwork', original_budget_amount: '0.00', budget_modifications: '0.00' },
];

const ESTIMATE: QbTxnLink = {
  txnId: '1B3-1700000000',
  editSequence: '1700000200',
  refNumber: 'EST-7',
  lines: [
    { txnLineId: 'L1', procoreLineKey: `cost-code:${CC_CONCRETE}`, amountCents: 10250051 },
    { txnLineId: 'L2', procoreLineKey: `cost-code:${CC_REBAR}`, amountCents: 4000000 },
    { txnLineId: 'L3', procoreLineKey: null },
    { txnLineId: 'L4', procoreLineKey: 'cost-code:999', amountCents: 70000 },
  ],
};

describe('mapBudget → EstimateAdd', () => {
  it('makes one line per cost code with its item, summed in cents, zero lines left out', () => {
    const result = expectOk(mapBudget({ projectId: PROJECT_ID, projectName: 'MOB Expansion', rows: ROWS }, ctx));
    expect(result.action).toBe('create');
    expect(result.request).toEqual<EstimateAddRequest>({
      type: 'EstimateAdd',
      customerRef: { listId: JOB_LINK.listId },
      memo: 'Procore budget: MOB Expansion',
      lines: [
        { itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId }, amount: '102500.51' },
        { itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, amount: '50000.00' },
      ],
    });
    expect(result.lineKeys).toEqual([`cost-code:${CC_CONCRETE}`, `cost-code:${CC_REBAR}`]);
    expect(result.preview).toEqual([
      { field: 'Job', value: JOB_LINK.fullName, source: 'project' },
      { field: 'Memo', value: 'Procore budget: MOB Expansion' },
      { field: 'Line 1 item', value: ITEM_LINKS[CC_CONCRETE]!.fullName, source: 'cost code' },
      { field: 'Line 1 amount', value: '102,500.51', source: 'original_budget_amount + budget_modifications' },
      { field: 'Line 2 item', value: ITEM_LINKS[CC_REBAR]!.fullName, source: 'cost code' },
      { field: 'Line 2 amount', value: '50,000.00', source: 'original_budget_amount + budget_modifications' },
      { field: 'Total', value: '152,500.51', source: 'budget' },
    ]);
    xsd.add('estimate add', result.request);
  });

  it('sets the class mapped to a cost code and shows it', () => {
    const result = expectOk(mapBudget({ projectId: PROJECT_ID, rows: ROWS }, makeContext({ settings: { classByCostCode: { [String(CC_REBAR)]: CLASS } } })));
    expect((result.request as EstimateAddRequest).lines[1]).toEqual({
      itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId },
      classRef: { listId: CLASS.listId },
      amount: '50000.00',
    });
    expect(previewValue(result, 'Line 2 class')).toBe('Commercial');
    expect((result.request as EstimateAddRequest).memo).toBe('Procore budget');
    xsd.add('estimate add with class', result.request);
  });

  it('keeps negative budget lines (a credit is still a budget)', () => {
    const result = expectOk(mapBudget({ projectId: PROJECT_ID, rows: [{ cost_code_id: CC_CONCRETE, original_budget_amount: '-1500.25' }] }, ctx));
    expect((result.request as EstimateAddRequest).lines[0]!.amount).toBe('-1500.25');
    xsd.add('estimate negative line', result.request);
  });

  it('refuses a budget with no amounts', () => {
    const refusal = expectRefusal(mapBudget({ projectId: PROJECT_ID, rows: [ROWS[3]!] }, ctx), 'EMPTY_TRANSACTION');
    expect(refusal.message).toBe(
      'The budget of Procore project 7 has no amounts, so there is no estimate to create; enter the budget in Procore and export again.',
    );
    expectRefusal(mapBudget({ projectId: PROJECT_ID, rows: [] }, ctx), 'EMPTY_TRANSACTION');
  });

  it('refuses until the job and the items of budgeted cost codes are in QuickBooks', () => {
    const refusal = expectRefusal(
      mapBudget({ projectId: PROJECT_ID, projectName: 'MOB Expansion', rows: ROWS }, makeContext({ links: { customers: ALL_LINKED.customers } })),
      'MISSING_DEPENDENCY',
    );
    expect(refusal.dependencies?.map((d) => `${d.kind}:${d.procoreId}`)).toEqual([`job:${PROJECT_ID}`, `item:${CC_CONCRETE}`, `item:${CC_REBAR}`]);
    expect(refusal.message).toMatch(
      /^The estimate for the budget of project "MOB Expansion" \(Procore project 7\) cannot be sent to QuickBooks yet: the job for Procore project 7, the item for cost code Cast-in-Place and the item for cost code Reinforcing are not in QuickBooks/,
    );
  });

  it('refuses unreadable amounts and money without a cost code', () => {
    expect(
      expectRefusal(mapBudget({ projectId: PROJECT_ID, rows: [{ cost_code_id: CC_CONCRETE, original_budget_amount: '1 000' }] }, ctx), 'INVALID_AMOUNT')
        .message,
    ).toContain('"1 000"');
    expectRefusal(mapBudget({ projectId: PROJECT_ID, rows: [{ original_budget_amount: '10.00' }] }, ctx), 'INCOMPLETE_RECORD');
  });
});

describe('mapBudget → EstimateMod (later budget changes)', () => {
  const withEstimate = (estimate: QbTxnLink | undefined = ESTIMATE, settings = {}) =>
    makeContext({ links: { ...ALL_LINKED, estimates: estimate ? { [PROJECT_ID]: estimate } : {} }, settings });

  it('sends every existing line back by TxnLineID, changes amounts, appends new cost codes with TxnLineID -1', () => {
    const rows: BudgetRow[] = [...ROWS, { cost_code_id: CC_SITE, cost_code: 'Earthwork', original_budget_amount: '7000.00' }];
    const result = expectOk(mapBudget({ projectId: PROJECT_ID, rows }, withEstimate()));
    expect(result.action).toBe('change');
    expect(result.request).toEqual<EstimateModRequest>({
      type: 'EstimateMod',
      txnId: ESTIMATE.txnId,
      editSequence: ESTIMATE.editSequence,
      lines: [
        { txnLineId: 'L1' }, // unchanged: 102,500.51
        { txnLineId: 'L2', amount: '50000.00' }, // was 40,000.00
        { txnLineId: 'L3' }, // added in QuickBooks: kept as it is
        { txnLineId: 'L4', amount: '0.00' }, // cost code gone from the budget
        { txnLineId: '-1', itemRef: { listId: ITEM_LINKS[CC_SITE]!.listId }, amount: '7000.00' },
      ],
    });
    expect(result.lineKeys).toEqual([`cost-code:${CC_CONCRETE}`, `cost-code:${CC_REBAR}`, null, 'cost-code:999', `cost-code:${CC_SITE}`]);
    expect(result.preview).toEqual([
      { field: 'Job', value: JOB_LINK.fullName, source: 'project' },
      { field: 'Estimate', value: 'EST-7' },
      { field: 'Line 2 item', value: ITEM_LINKS[CC_REBAR]!.fullName, source: 'cost code' },
      { field: 'Line 2 amount', value: '50,000.00 (was 40,000.00)', source: 'original_budget_amount + budget_modifications' },
      { field: 'Line 4 item', value: 'Procore cost code 999', source: 'cost code' },
      { field: 'Line 4 amount', value: '0.00 (was 700.00)', source: 'original_budget_amount + budget_modifications' },
      { field: 'Line 5 item', value: ITEM_LINKS[CC_SITE]!.fullName, source: 'cost code' },
      { field: 'Line 5 amount', value: '7,000.00', source: 'original_budget_amount + budget_modifications' },
      { field: 'Lines kept unchanged', value: '2' },
      { field: 'Total', value: '159,500.51', source: 'budget' },
    ]);
    xsd.add('estimate mod', result.request);
  });

  it('sends amounts QuickBooks did not report, and classes on appended lines', () => {
    const estimate: QbTxnLink = { txnId: 'T', editSequence: 'E', lines: [{ txnLineId: 'L1', procoreLineKey: `cost-code:${CC_CONCRETE}` }] };
    const result = expectOk(mapBudget({ projectId: PROJECT_ID, rows: ROWS }, withEstimate(estimate, { classByCostCode: { [String(CC_REBAR)]: CLASS } })));
    expect((result.request as EstimateModRequest).lines).toEqual([
      { txnLineId: 'L1', amount: '102500.51' },
      { txnLineId: '-1', itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, classRef: { listId: CLASS.listId }, amount: '50000.00' },
    ]);
    expect(previewValue(result, 'Line 1 amount')).toBe('102,500.51');
    expect(previewValue(result, 'Estimate')).toBe('T');
    xsd.add('estimate mod unknown amounts', result.request);
  });

  it('keeps a second line of one cost code as it is', () => {
    const estimate: QbTxnLink = {
      txnId: 'T',
      editSequence: 'E',
      lines: [
        { txnLineId: 'L1', procoreLineKey: `cost-code:${CC_CONCRETE}`, amountCents: 1 },
        { txnLineId: 'L2', procoreLineKey: `cost-code:${CC_CONCRETE}`, amountCents: 2 },
      ],
    };
    const result = expectOk(mapBudget({ projectId: PROJECT_ID, rows: [ROWS[0]!] }, withEstimate(estimate)));
    expect((result.request as EstimateModRequest).lines).toEqual([{ txnLineId: 'L1', amount: '102500.50' }, { txnLineId: 'L2' }]);
  });

  it('answers NO_CHANGES when the estimate already matches', () => {
    const estimate: QbTxnLink = {
      ...ESTIMATE,
      lines: [
        { txnLineId: 'L1', procoreLineKey: `cost-code:${CC_CONCRETE}`, amountCents: 10250051 },
        { txnLineId: 'L2', procoreLineKey: `cost-code:${CC_REBAR}`, amountCents: 5000000 },
        { txnLineId: 'L3', procoreLineKey: null },
        { txnLineId: 'L4', procoreLineKey: 'cost-code:999', amountCents: 0 },
      ],
    };
    const refusal = expectRefusal(mapBudget({ projectId: PROJECT_ID, rows: ROWS }, withEstimate(estimate)), 'NO_CHANGES');
    expect(refusal.message).toBe('The QuickBooks estimate for the budget of Procore project 7 already matches the Procore budget; nothing to send.');
  });

  it('refuses to change an estimate whose lines it does not know (a Mod would delete them)', () => {
    const refusal = expectRefusal(
      mapBudget({ projectId: PROJECT_ID, rows: ROWS }, withEstimate({ txnId: 'T', editSequence: 'E', refNumber: 'EST-7', lines: [] })),
      'LINK_INCOMPLETE',
    );
    expect(refusal.message).toContain('QuickBooks estimate EST-7');
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
