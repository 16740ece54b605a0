import { describe, expect, it } from 'vitest';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import {
  ALL_LINKED,
  CC_CONCRETE,
  CC_REBAR,
  COMMITMENT_ID,
  CUSTOMER_LINK,
  ITEM_LINKS,
  JOB_LINK,
  makeLinks,
  PROJECT_ID,
  VENDOR_ID,
  VENDOR_LINK,
} from './testing/fixtures.ts';
import { changeOrder, COMMITMENT, COMMITMENT_LINES, COST_CODES, PROJECT, requisition, VENDOR } from './testing/procore-records.ts';

const NOTHING = makeLinks({});
const EVERYTHING = makeLinks({ ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: { txnId: 'T1', editSequence: '1', lines: [] } } });
const kinds = (deps: ReturnType<typeof planDependencies>) => deps.map((d) => `${d.kind}:${d.procoreId}`);

describe('planDependencies', () => {
  it('a vendor needs nothing', () => {
    expect(planDependencies({ type: 'vendor', vendor: VENDOR }, NOTHING)).toEqual([]);
  });

  it('a project needs the customer chosen at export', () => {
    expect(planDependencies({ type: 'project', project: PROJECT }, NOTHING)).toEqual([
      { kind: 'customer', procoreId: PROJECT_ID, label: `the customer for Procore project ${PROJECT_ID} (chosen when the project is exported)` },
    ]);
    expect(planDependencies({ type: 'project', project: PROJECT }, makeLinks({ customers: { [PROJECT_ID]: CUSTOMER_LINK } }))).toEqual([]);
  });

  it('a cost code needs its parent item', () => {
    expect(kinds(planDependencies({ type: 'cost_code', costCode: COST_CODES[1]! }, NOTHING))).toEqual(['item:300']);
    expect(planDependencies({ type: 'cost_code', costCode: COST_CODES[0]! }, NOTHING)).toEqual([]);
    expect(planDependencies({ type: 'cost_code', costCode: COST_CODES[1]! }, makeLinks({ items: { 300: ITEM_LINKS[CC_CONCRETE]! } }))).toEqual([]);
  });

  it('a commitment needs vendor, customer, job and items, in that order, each once', () => {
    const deps = planDependencies(
      {
        type: 'commitment',
        projectId: PROJECT_ID,
        commitment: COMMITMENT,
        lines: [...COMMITMENT_LINES, { id: 503, amount: '1.00', cost_code: { id: CC_CONCRETE } }],
      },
      NOTHING,
    );
    expect(kinds(deps)).toEqual([`vendor:${VENDOR_ID}`, `customer:${PROJECT_ID}`, `job:${PROJECT_ID}`, `item:${CC_CONCRETE}`, `item:${CC_REBAR}`]);
    expect(deps[0]!.label).toBe('the vendor "ABC Concrete" (Procore company 12)');
    expect(deps[3]!.label).toBe('the item for Procore cost code 301');
  });

  it('a job that exists does not need its customer again', () => {
    expect(kinds(planDependencies({ type: 'budget', projectId: PROJECT_ID, rows: [] }, makeLinks({ jobs: { [PROJECT_ID]: JOB_LINK } })))).toEqual([]);
    expect(kinds(planDependencies({ type: 'budget', projectId: PROJECT_ID, rows: [] }, makeLinks({ customers: { [PROJECT_ID]: CUSTOMER_LINK } })))).toEqual([
      `job:${PROJECT_ID}`,
    ]);
  });

  it('lines that carry no money need no item', () => {
    const lines = [
      { id: 501, amount: '0.00', cost_code_id: CC_CONCRETE },
      { id: 502, amount: 'bad', cost_code_id: CC_REBAR },
    ];
    expect(
      kinds(planDependencies({ type: 'commitment', projectId: PROJECT_ID, commitment: COMMITMENT, lines }, makeLinks({ ...ALL_LINKED, items: {} }))),
    ).toEqual([`item:${CC_REBAR}`]);
    const rows = [
      { cost_code_id: CC_CONCRETE, cost_code: 'Concrete', original_budget_amount: '0.00' },
      { cost_code_id: CC_REBAR, cost_code: 'Rebar', original_budget_amount: '5.00' },
    ];
    const budget = planDependencies({ type: 'budget', projectId: PROJECT_ID, rows }, makeLinks({ ...ALL_LINKED, items: {} }));
    expect(budget).toEqual([{ kind: 'item', procoreId: CC_REBAR, label: 'the item for cost code Rebar' }]);
    // Unreadable budget amounts: every cost code is listed.
    const unreadable = planDependencies(
      { type: 'budget', projectId: PROJECT_ID, rows: [...rows, { cost_code_id: 303, original_budget_amount: 'x' }] },
      makeLinks({ ...ALL_LINKED, items: {} }),
    );
    expect(kinds(unreadable)).toEqual([`item:${CC_CONCRETE}`, `item:${CC_REBAR}`, 'item:303']);
  });

  it('a change order needs the purchase order, the job and the items of lines it adds', () => {
    const co = changeOrder([
      { id: 1, amount: '100.00', cost_code_id: CC_CONCRETE },
      { id: 2, amount: '50.00', cost_code_id: CC_REBAR },
      { id: 3, amount: '-50.00', cost_code_id: CC_REBAR },
    ]);
    expect(kinds(planDependencies({ type: 'change_order', projectId: PROJECT_ID, changeOrder: co }, NOTHING))).toEqual([
      `customer:${PROJECT_ID}`,
      `job:${PROJECT_ID}`,
      `item:${CC_CONCRETE}`,
      `purchase_order:${COMMITMENT_ID}`,
    ]);
    expect(planDependencies({ type: 'change_order', projectId: PROJECT_ID, changeOrder: co }, EVERYTHING)).toEqual([]);
    const unreadable = changeOrder([{ id: 1, amount: 'x', cost_code_id: CC_REBAR }]);
    expect(kinds(planDependencies({ type: 'change_order', projectId: PROJECT_ID, changeOrder: unreadable }, EVERYTHING))).toEqual([]);
    expect(kinds(planDependencies({ type: 'change_order', projectId: PROJECT_ID, changeOrder: unreadable }, makeLinks({})))).toContain(`item:${CC_REBAR}`);
  });

  it('an invoice needs vendor, job, items billed and the purchase order', () => {
    const deps = planDependencies({ type: 'invoice', requisition: requisition() }, NOTHING);
    expect(kinds(deps)).toEqual([
      `vendor:${VENDOR_ID}`,
      `customer:${PROJECT_ID}`,
      `job:${PROJECT_ID}`,
      `item:${CC_CONCRETE}`,
      `item:${CC_REBAR}`,
      `purchase_order:${COMMITMENT_ID}`,
    ]);
    expect(deps.at(-1)!.label).toBe('the purchase order for commitment (Procore commitment 40)');
    expect(planDependencies({ type: 'invoice', requisition: requisition() }, EVERYTHING)).toEqual([]);
    expect(
      kinds(
        planDependencies({ type: 'invoice', requisition: requisition({ items: [{ id: 1, cost_code_id: 999, work_completed_this_period: 'x' }] }) }, EVERYTHING),
      ),
    ).toEqual(['item:999']);
  });

  it('records missing their ids plan nothing for them (the mapper refuses them)', () => {
    const r = requisition({ vendor_id: null, project_id: null, commitment_id: null, items: [] });
    expect(planDependencies({ type: 'invoice', requisition: r }, NOTHING)).toEqual([]);
    expect(
      planDependencies(
        { type: 'commitment', projectId: PROJECT_ID, commitment: { ...COMMITMENT, vendor: null }, lines: [] },
        makeLinks({ jobs: { [PROJECT_ID]: JOB_LINK } }),
      ),
    ).toEqual([]);
    expect(
      planDependencies(
        { type: 'change_order', projectId: PROJECT_ID, changeOrder: changeOrder([], { contract_id: null }) },
        makeLinks({ jobs: { [PROJECT_ID]: JOB_LINK } }),
      ),
    ).toEqual([]);
    expect(VENDOR_LINK.fullName).toBe('ABC Concrete');
  });
});

describe('refuseMissing', () => {
  it('names one missing record', () => {
    const r = refuseMissing('the job for project "MOB" (Procore project 7)', [{ kind: 'customer', procoreId: 7, label: 'the customer for Procore project 7' }]);
    expect(r.refusal).toEqual({
      code: 'MISSING_DEPENDENCY',
      message:
        'The job for project "MOB" (Procore project 7) cannot be sent to QuickBooks yet: the customer for Procore project 7 is not in QuickBooks. Export it first (the connector queues it ahead of this record).',
      dependencies: [{ kind: 'customer', procoreId: 7, label: 'the customer for Procore project 7' }],
    });
  });

  it('names several, in send order', () => {
    const r = refuseMissing('the bill', [
      { kind: 'vendor', procoreId: 1, label: 'A' },
      { kind: 'job', procoreId: 2, label: 'B' },
      { kind: 'item', procoreId: 3, label: 'C' },
    ]);
    expect(r.refusal.message).toBe(
      'The bill cannot be sent to QuickBooks yet: A, B and C are not in QuickBooks. Export them first (the connector queues them ahead of this record).',
    );
  });
});
