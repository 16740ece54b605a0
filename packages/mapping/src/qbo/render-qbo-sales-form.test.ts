import type { PaymentApplication } from '@connector/procore';
import { describe, expect, it } from 'vitest';
import { mapBudget } from '../map-budget.ts';
import { mapOwnerInvoice, type OwnerInvoiceContext } from '../map-owner-invoice.ts';
import type { QbTxnLink } from '../mapping-types.ts';
import { ALL_LINKED, CC_CONCRETE, CC_REBAR, CC_SITE, expectOk, ITEM_LINKS, JOB_LINK, makeContext, PROJECT_ID } from '../testing/fixtures.ts';
import { makeQboRefs, qboId } from '../testing/qbo-refs.ts';
import type { QboSalesLine } from './qbo-payload-types.ts';
import { renderQboSalesForm } from './render-qbo-sales-form.ts';

const RETAINAGE_RECEIVABLE = { listId: '80000041-1700000000', fullName: 'Retainage Receivable' };
const AR = { listId: '80000043-1700000000', fullName: 'Accounts Receivable' };
const item = (cc: number) => ({ value: qboId(ITEM_LINKS[cc]!.listId) });
const job = { value: qboId(JOB_LINK.listId) };
const refs = makeQboRefs();

const ownerInvoice = (fields: Partial<PaymentApplication> = {}): PaymentApplication => ({
  id: 9001,
  project_id: 11,
  contract_id: 77,
  number: 3,
  invoice_number: 'PA-003',
  status: 'approved',
  billing_date: '2026-03-31',
  period_start: '2026-03-01',
  period_end: '2026-03-31',
  line_items: [
    {
      id: 1,
      cost_code: { id: CC_CONCRETE },
      description_of_work: 'Coulée de béton — façade',
      work_completed_this_period: '100000.00',
      materials_presently_stored: '20000.00',
      work_completed_retainage_retained_this_period: '10000.00',
    },
    {
      id: 2,
      cost_code: { id: CC_REBAR },
      description_of_work: 'Reinforcing steel',
      work_completed_this_period: '50000.00',
      materials_stored_retainage_retained_this_period: '5000.00',
    },
  ],
  ...fields,
});
const context: OwnerInvoiceContext = {
  job: JOB_LINK,
  itemForCostCode: (id) => ITEM_LINKS[id] ?? null,
  existing: null,
  settings: { lineItem: { mode: 'cost_code' }, retainageReceivableItem: RETAINAGE_RECEIVABLE, arAccount: AR },
  typedInvoiceNumber: null,
};
const sales = (itemRef: { value: string }, amount: number, description?: string): QboSalesLine => ({
  ...(description === undefined ? {} : { Description: description }),
  Amount: amount,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: itemRef },
});

describe('renderQboSalesForm: owner invoice → Invoice', () => {
  it('CustomerRef the job, ARAccountRef, DocNumber, TxnDate, memo as PrivateNote, SalesItemLines with the retainage line negative', () => {
    const mapped = mapOwnerInvoice(ownerInvoice(), context);
    if (!mapped.ok) throw new Error(mapped.refusal.message);
    expect(renderQboSalesForm(mapped.invoice!.request, refs)).toEqual({
      ok: true,
      entity: 'Invoice',
      operation: 'create',
      payload: {
        CustomerRef: job,
        ARAccountRef: { value: qboId(AR.listId) },
        TxnDate: '2026-03-31',
        DocNumber: 'PA-003',
        PrivateNote: 'Procore owner invoice #3, period 2026-03-01 to 2026-03-31',
        Line: [
          sales(item(CC_CONCRETE), 120000, 'Coulée de béton — façade'),
          sales(item(CC_REBAR), 50000, 'Reinforcing steel'),
          sales({ value: qboId(RETAINAGE_RECEIVABLE.listId) }, -15000, 'Retainage withheld'),
        ],
      },
    });
  });

  it('the retainage release invoice renders on its own, numbered as the domain numbered it', () => {
    const pa = ownerInvoice({
      line_items: [
        { id: 1, cost_code: { id: CC_CONCRETE }, work_completed_this_period: '1000.00' },
        {
          id: 2,
          cost_code: { id: CC_REBAR },
          work_completed_retainage_released_this_period: '12000.00',
          materials_stored_retainage_released_this_period: '500.05',
        },
      ],
    });
    const mapped = mapOwnerInvoice(pa, context);
    if (!mapped.ok) throw new Error(mapped.refusal.message);
    const r = renderQboSalesForm(mapped.retainageRelease!.request, refs);
    expect(r).toMatchObject({
      ok: true,
      entity: 'Invoice',
      payload: { DocNumber: 'PA-003R', Line: [sales({ value: qboId(RETAINAGE_RECEIVABLE.listId) }, 12500.05, 'Retainage released')] },
    });
  });

  it('refuses when the job is not in QBO yet (CustomerRef)', () => {
    const mapped = mapOwnerInvoice(ownerInvoice(), context);
    if (!mapped.ok) throw new Error(mapped.refusal.message);
    expect(renderQboSalesForm(mapped.invoice!.request, makeQboRefs({ unknown: [JOB_LINK.listId] }))).toMatchObject({
      ok: false,
      refusal: { code: 'MISSING_DEPENDENCY', field: 'CustomerRef' },
    });
  });

  it('an InvoiceMod keeps every line QBO shows and re-prices the ones given an amount', () => {
    const current = { Id: 'qbo-inv-1', SyncToken: '2', Line: [{ ...sales(item(CC_CONCRETE), 10, 'a'), Id: '1' }] };
    const r = renderQboSalesForm(
      { type: 'InvoiceMod', txnId: 'T', editSequence: '1', lines: [{ txnLineId: '1' }] },
      makeQboRefs({ salesTxns: { T: current } }),
    );
    expect(r).toEqual({ ok: true, entity: 'Invoice', operation: 'update', payload: { Id: 'qbo-inv-1', SyncToken: '2', sparse: true, Line: current.Line } });
  });
});

describe('renderQboSalesForm: budget → Estimate', () => {
  const ROWS = [
    { id: 1, cost_code_id: CC_CONCRETE, cost_code: 'Cast-in-Place', original_budget_amount: '100000.00', budget_modifications: '2500.50' },
    { id: 2, cost_code_id: CC_REBAR, cost_code: 'Reinforcing', original_budget_amount: '50000.00' },
    { id: 3, cost_code: { id: CC_CONCRETE, full_code: '03-300' }, original_budget_amount: '0.005' },
  ];

  it('EstimateAdd → Estimate create on the job, cents summed by the domain carried exactly', () => {
    const mapped = expectOk(mapBudget({ projectId: PROJECT_ID, projectName: 'MOB Expansion', rows: ROWS }, makeContext()));
    expect(renderQboSalesForm(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Estimate',
      operation: 'create',
      payload: { CustomerRef: job, PrivateNote: 'Procore budget: MOB Expansion', Line: [sales(item(CC_CONCRETE), 102500.51), sales(item(CC_REBAR), 50000)] },
    });
  });

  it('EstimateMod → sparse update with all lines: kept as QBO shows them, re-priced without Qty/UnitPrice, new ones without Id', () => {
    const ESTIMATE: QbTxnLink = {
      txnId: '1B3-1700000000',
      editSequence: '1700000200',
      refNumber: 'EST-7',
      lines: [
        { txnLineId: '1', procoreLineKey: `cost-code:${CC_CONCRETE}`, amountCents: 10250051 },
        { txnLineId: '2', procoreLineKey: `cost-code:${CC_REBAR}`, amountCents: 4000000 },
        { txnLineId: '3', procoreLineKey: null },
      ],
    };
    const ctx = makeContext({ links: { ...ALL_LINKED, estimates: { [PROJECT_ID]: ESTIMATE } } });
    const rows = [...ROWS, { cost_code_id: CC_SITE, cost_code: 'Earthwork', original_budget_amount: '7000.00' }];
    const mapped = expectOk(mapBudget({ projectId: PROJECT_ID, rows }, ctx));
    const priced = (id: string, cc: number, amount: number): QboSalesLine => ({
      Id: id,
      Description: `line ${id}`,
      Amount: amount,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: item(cc), Qty: 1, UnitPrice: amount, ClassRef: { value: 'K' } },
    });
    const current = { Id: 'qbo-est-7', SyncToken: '9', Line: [priced('1', CC_CONCRETE, 102500.51), priced('2', CC_REBAR, 40000), priced('3', CC_REBAR, 12)] };
    const r = renderQboSalesForm(mapped.request, makeQboRefs({ salesTxns: { [ESTIMATE.txnId]: current } }));
    expect(r).toEqual({
      ok: true,
      entity: 'Estimate',
      operation: 'update',
      payload: {
        Id: 'qbo-est-7',
        SyncToken: '9',
        sparse: true,
        Line: [
          current.Line[0],
          {
            Id: '2',
            Description: 'line 2',
            Amount: 50000,
            DetailType: 'SalesItemLineDetail',
            SalesItemLineDetail: { ItemRef: item(CC_REBAR), ClassRef: { value: 'K' } },
          },
          current.Line[2],
          sales(item(CC_SITE), 7000),
        ],
      },
    });
  });
});
