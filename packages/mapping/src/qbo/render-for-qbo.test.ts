// Table-driven: every Desktop write kind the mapping produces renders for QBO, and every qbXML kind is classified
// (QBO_RENDERING is typed over QbxmlRequestType, so a new kind fails tsc; this test fails if a rendered kind has no
// sample, or a sample no longer renders).
import { isWriteRequest, type QbxmlRequest, type QbxmlRequestType } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapBudget } from '../map-budget.ts';
import { mapChangeOrder } from '../map-change-order.ts';
import { mapCommitment } from '../map-commitment.ts';
import { mapCostCodes } from '../map-cost-codes.ts';
import { mapCustomer } from '../map-customer.ts';
import { mapOwnerInvoice } from '../map-owner-invoice.ts';
import { mapPrimeChangeOrder } from '../map-prime-change-order.ts';
import { mapPrimeContract, primeContractLineKey, type PrimeContractContext } from '../map-prime-contract.ts';
import { mapProject } from '../map-project.ts';
import { mapRequisition } from '../map-requisition.ts';
import { mapVendor } from '../map-vendor.ts';
import type { MappingResult, QbTxnLink } from '../mapping-types.ts';
import {
  ALL_LINKED,
  CC_CONCRETE,
  CC_REBAR,
  COMMITMENT_ID,
  CUSTOMER_LINK,
  EXPENSE_ACCOUNT,
  INCOME_ACCOUNT,
  ITEM_LINKS,
  JOB_LINK,
  makeContext,
  PROJECT_ID,
  VENDOR_ID,
  VENDOR_LINK,
} from '../testing/fixtures.ts';
import { changeOrder, COMMITMENT, COMMITMENT_LINES, COST_CODES, PROJECT, requisition, VENDOR } from '../testing/procore-records.ts';
import { makeQboRefs } from '../testing/qbo-refs.ts';
import type { QboExpenseLine, QboSalesLine } from './qbo-payload-types.ts';
import { readQboAnswer } from './read-qbo-answer.ts';
import { isQboRenderable, QBO_RENDERING, renderMappingForQbo, type QboRenderableRequest } from './render-for-qbo.ts';
import { readRecords, readText, type QbRecord } from '@connector/qbxml';

const PO: QbTxnLink = {
  txnId: 'PO1',
  editSequence: '1',
  lines: [
    { txnLineId: '1', procoreLineKey: 'commitment-line:501' },
    { txnLineId: '2', procoreLineKey: 'commitment-line:502' },
  ],
};
const ESTIMATE: QbTxnLink = { txnId: 'E1', editSequence: '1', lines: [{ txnLineId: '1', procoreLineKey: `cost-code:${CC_CONCRETE}`, amountCents: 100 }] };
const expense = (id: string, cc: number): QboExpenseLine => ({
  Id: id,
  Amount: 1,
  DetailType: 'ItemBasedExpenseLineDetail',
  ItemBasedExpenseLineDetail: { ItemRef: { value: ITEM_LINKS[cc]!.listId } },
});
const salesLine = (id: string): QboSalesLine => ({ Id: id, Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: 'x' } } });
const refs = makeQboRefs({
  byFullName: { '03 Concrete': '31' },
  accountSides: { [INCOME_ACCOUNT.listId]: 'income', [EXPENSE_ACCOUNT.listId]: 'expense' },
  purchaseOrders: { PO1: { Id: 'q1', SyncToken: '0', Line: [expense('1', CC_CONCRETE), expense('2', CC_REBAR)] } },
  salesTxns: {
    E1: { Id: 'q2', SyncToken: '0', Line: [salesLine('1')] },
    E2: { Id: 'q4', SyncToken: '0', Line: [salesLine('1')] },
    I1: { Id: 'q3', SyncToken: '0', Line: [salesLine('1')] },
  },
});

const linkedCtx = makeContext({ links: { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: PO }, estimates: { [PROJECT_ID]: ESTIMATE } } });
const itemLinks = { items: { 300: { listId: '80000099-1', fullName: '03 Concrete', editSequence: '9' } } };
const ownerInvoice = mapOwnerInvoice(
  {
    id: 9001,
    project_id: 11,
    contract_id: 77,
    number: 3,
    invoice_number: 'PA-003',
    status: 'approved',
    billing_date: '2026-03-31',
    line_items: [{ id: 1, cost_code: { id: CC_CONCRETE }, work_completed_this_period: '100.00' }],
  },
  {
    job: JOB_LINK,
    itemForCostCode: (id) => ITEM_LINKS[id] ?? null,
    existing: null,
    settings: { lineItem: { mode: 'cost_code' }, retainageReceivableItem: null, arAccount: null },
    typedInvoiceNumber: null,
  },
);

const primeContext = (estimate: QbTxnLink | null): PrimeContractContext => ({
  job: JOB_LINK,
  itemForCostCode: (id) => ITEM_LINKS[id] ?? null,
  estimate,
  lineItem: { mode: 'cost_code' },
});
const PRIME_ESTIMATE: QbTxnLink = { txnId: 'E2', editSequence: '1', lines: [{ txnLineId: '1', procoreLineKey: primeContractLineKey(1), amountCents: 100 }] };

/** One result per write kind, each from the mapper that produces it (InvoiceMod: no mapper produces it yet). */
const SAMPLES: Array<[string, MappingResult]> = [
  ['new vendor', mapVendor({ vendor: VENDOR }, makeContext({ links: {} }))],
  ['linked vendor', mapVendor({ vendor: VENDOR, fields: ['Phone'] }, makeContext({ links: { vendors: { [VENDOR_ID]: VENDOR_LINK } } }))],
  ['customer typed at export', mapCustomer({ name: 'Riverside Medical' })],
  ['job', mapProject({ project: PROJECT }, makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK } } }))],
  [
    'linked job',
    mapProject(
      { project: PROJECT, fields: ['Name'] },
      makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK }, jobs: { [PROJECT_ID]: JOB_LINK } } }),
    ),
  ],
  ...mapCostCodes(COST_CODES, makeContext({ links: {} })).map((m) => [`service item ${m.costCodeId}`, m.result] as [string, MappingResult]),
  ['other charge item', mapCostCodes([COST_CODES[0]!], makeContext({ links: {}, settings: { itemType: 'other_charge' } }))[0]!.result],
  ['linked service item', mapCostCodes([COST_CODES[0]!], makeContext({ links: itemLinks }), { fields: ['Name'] })[0]!.result],
  [
    'linked other charge item',
    mapCostCodes([COST_CODES[0]!], makeContext({ links: itemLinks, settings: { itemType: 'other_charge' } }), { fields: ['Name'] })[0]!.result,
  ],
  ['commitment', mapCommitment({ projectId: PROJECT_ID, commitment: COMMITMENT, lines: COMMITMENT_LINES }, makeContext())],
  ['change order', mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: '10.00', cost_code_id: CC_REBAR }]) }, linkedCtx)],
  ['subcontractor invoice', mapRequisition({ requisition: requisition() }, linkedCtx)],
  ['budget', mapBudget({ projectId: PROJECT_ID, rows: [{ cost_code_id: CC_CONCRETE, original_budget_amount: '5.00' }] }, makeContext())],
  ['budget change', mapBudget({ projectId: PROJECT_ID, rows: [{ cost_code_id: CC_CONCRETE, original_budget_amount: '5.00' }] }, linkedCtx)],
  [
    'prime contract (contract value estimate)',
    mapPrimeContract(
      {
        projectId: 11,
        primeContract: {
          id: 5001,
          project_id: 11,
          number: 'PC-001',
          status: 'Approved',
          line_items: [{ id: 1, amount: '1.00', cost_code: { id: CC_CONCRETE } }],
        },
      },
      primeContext(null),
    ),
  ],
  [
    'prime contract change order',
    mapPrimeChangeOrder(
      {
        projectId: 11,
        changeOrder: {
          id: 7001,
          project_id: 11,
          contract_id: 5001,
          number: '3',
          status: 'approved',
          line_items: [{ id: 71, amount: '12.50', cost_code: { id: CC_REBAR } }],
        },
      },
      primeContext(PRIME_ESTIMATE),
    ),
  ],
  ['owner invoice', ownerInvoice.ok ? ownerInvoice.invoice! : ownerInvoice],
  [
    'invoice change (by hand: no mapper yet)',
    { ok: true, request: { type: 'InvoiceMod', txnId: 'I1', editSequence: '1', lines: [{ txnLineId: '1' }] }, action: 'change', dependencies: [], preview: [] },
  ],
];

describe('renderForQbo: every Desktop write kind has a QBO rendering', () => {
  const renderedKinds = Object.entries(QBO_RENDERING)
    .filter(([, v]) => 'rendered' in v)
    .map(([k]) => k)
    .sort();

  it('the samples cover every rendered kind, and every write kind is a rendered one', () => {
    const sampled = new Set(SAMPLES.map(([, r]) => (r.ok ? r.request.type : 'refused')));
    expect(sampled.has('refused')).toBe(false);
    expect([...sampled].sort()).toEqual(renderedKinds);
    for (const kind of Object.keys(QBO_RENDERING) as QbxmlRequestType[]) {
      expect('rendered' in QBO_RENDERING[kind], kind).toBe(isWriteRequest({ type: kind }));
    }
  });

  it.each(SAMPLES)('%s renders to the QBO entity the table names, keeping preview, line keys and dependencies', (_label, result) => {
    if (!result.ok) throw new Error(result.refusal.message);
    const rendered = renderMappingForQbo(result, refs);
    if (!rendered.ok) throw new Error(`${rendered.refusal.code}: ${rendered.refusal.message}`);
    const expected = QBO_RENDERING[result.request.type];
    expect(rendered.qbo.entity).toBe('rendered' in expected ? expected.rendered : 'none');
    expect(rendered.qbo.operation).toBe(result.action === 'create' ? 'create' : 'update');
    expect(rendered.preview).toBe(result.preview);
    expect(rendered.lineKeys).toBe(result.lineKeys);
    expect(rendered.dependencies).toBe(result.dependencies);
    expect(rendered.request).toBe(result.request);
    // A transaction renders one QBO line per Desktop line, so lineKeys pair with the Line Ids QBO answers.
    const lines = (result.request as { lines?: unknown[]; itemLines?: unknown[] }).lines ?? (result.request as { itemLines?: unknown[] }).itemLines;
    if (lines) expect((rendered.qbo.payload as { Line: unknown[] }).Line).toHaveLength(lines.length);
  });

  it.each(SAMPLES)(
    "%s: QuickBooks Online's answer to the write reads back in the Desktop answer's shape, line for line (the seam's settle input)",
    (_label, result) => {
      if (!result.ok) throw new Error(result.refusal.message);
      const rendered = renderMappingForQbo(result, refs);
      if (!rendered.ok) throw new Error(rendered.refusal.message);
      // What Intuit answers: the entity with Id, SyncToken, MetaData, each line an Id, and (sales forms) its own subtotal line.
      const payload = rendered.qbo.payload as { Id?: string; SyncToken?: string; Line?: Array<Record<string, unknown>> };
      const lines = (payload.Line ?? []).map((line, i): Record<string, unknown> & { Id: string; LineNum: number } => ({
        ...line,
        Id: typeof line.Id === 'string' ? line.Id : String(100 + i),
        LineNum: i + 1,
      }));
      const sales = rendered.qbo.entity === 'Invoice' || rendered.qbo.entity === 'Estimate';
      const total = lines.reduce((sum, l) => sum + Math.round((l.Amount as number) * 100), 0) / 100;
      const answer = {
        ...payload,
        Id: payload.Id ?? '4242',
        SyncToken: payload.SyncToken === undefined ? '0' : String(Number(payload.SyncToken) + 1),
        MetaData: { CreateTime: '2026-12-07T10:00:00-08:00', LastUpdatedTime: '2026-12-07T10:05:00-08:00' },
        ...(payload.Line && { Line: [...lines, ...(sales ? [{ Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }] : [])] }),
      };
      const { record, retElement } = readQboAnswer(result.request.type as QboRenderableRequest['type'], answer);
      expect(retElement).toMatch(/Ret$/);
      expect(readText(record, 'EditSequence')).toBe(answer.SyncToken);
      expect(readText(record, 'TimeModified')).toBe('2026-12-07T10:05:00-08:00');
      const lineElement = { PurchaseOrderRet: 'PurchaseOrderLineRet', BillRet: 'ItemLineRet', EstimateRet: 'EstimateLineRet', InvoiceRet: 'InvoiceLineRet' }[
        retElement
      ];
      if (!lineElement) {
        expect(readText(record, 'ListID')).toBe(answer.Id);
        return;
      }
      expect(readText(record, 'TxnID')).toBe(answer.Id);
      // Every line the connector wrote, in order, with its Id as TxnLineID and its amount to the cent; QBO's subtotal left out.
      const read = readRecords(record, lineElement);
      expect(read.map((l) => readText(l, 'TxnLineID'))).toEqual(lines.map((l) => l.Id));
      expect(read.map((l) => readText(l, 'Amount'))).toEqual(lines.map((l) => (l.Amount as number).toFixed(2)));
      const detailRef = (l: Record<string, unknown>) => (l[l.DetailType as string] as { ItemRef?: { value: string } }).ItemRef?.value ?? null;
      expect(read.map((l: QbRecord) => readText(l.ItemRef as QbRecord, 'ListID') ?? null)).toEqual(lines.map(detailRef));
    },
  );

  it('a mapping refusal goes through unchanged (the same object): QBO does not re-decide', () => {
    const refused = mapVendor({ vendor: { ...VENDOR, name: 'x'.repeat(42) } }, makeContext({ links: {} }));
    expect(refused.ok).toBe(false);
    expect(renderMappingForQbo(refused, refs)).toBe(refused);
  });

  it('a renderer refusal replaces the success, keeping what was linked', () => {
    const linked = mapVendor({ vendor: VENDOR, fields: ['Phone'] }, makeContext({ links: { vendors: { [VENDOR_ID]: VENDOR_LINK } } }));
    const r = renderMappingForQbo(linked, makeQboRefs({ unknown: [VENDOR_LINK.listId] }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE' } });
    expect(r.ok ? undefined : r.linked).toEqual(linked.ok ? linked.linked : undefined);
  });

  it('reads are not rendered: QBO reads go through the client (query, CDC), not a mapping decision', () => {
    const reads: QbxmlRequest[] = [{ type: 'ListDeletedQuery', listDelTypes: ['Vendor'] } as unknown as QbxmlRequest, { type: 'VendorQuery' } as QbxmlRequest];
    for (const read of reads) {
      expect(isQboRenderable(read)).toBe(false);
      expect(() => renderMappingForQbo({ ok: true, request: read, action: 'create', dependencies: [], preview: [] }, refs)).toThrow(/is a read/);
    }
  });
});
