import { ApiError, badRequest, notFound, unprocessable } from '../http/api-error.ts';
import type { ApiContext } from '../api/api-context.ts';
import { ItemReader } from '../api/item-reader.ts';
import { parseId } from '../api/resolve-scope.ts';
import { readOrigin } from '../api/run-sync.ts';
import { buildChangeOrderItems, buildRequisitionItems } from '../model/build-requisition-items.ts';
import type { ChangeOrderLineItem, Project, Requisition, RequisitionStatus } from '../model/records.ts';

// POST /rest/v1.1/requisitions (Procore OpenAPI RestV11RequisitionsPost, request body "Body19"):
// { project_id, commitment_id, requisition: { origin_id, origin_data, invoice_number, billing_date, period_id,
// requisition_start, requisition_end, status, final, items: [{ line_item_id, item_type, work_completed_this_period,
// materials_presently_stored, work_completed_retainage_retained_this_period, comment }] } }.
// Like Procore, the invoice gets one item per SOV line of the commitment; `items` set this period's amounts of the
// lines they name (others bill 0). Cost code and description come from the SOV line. An item of item_type
// change_order_item bills a line item of an approved change order of the commitment (its line_item_id): Procore
// bills change orders as their own items (https://developers.procore.com/reference/rest/requisitions-subcontractor-invoices,
// item_type "change_order_item"; RestV10RequisitionsRequisitionIdChangeOrderItemsGet: line_item_id,
// commitment_line_item_id). Simulator: only the change order line items named get an item.

export const REQUISITION_STATUSES: readonly RequisitionStatus[] = [
  'draft',
  'under_review',
  'revise_and_resubmit',
  'approved',
  'approved_as_noted',
  'pending_owner_approval',
];
/** Procore's item types are contract_item, contract_detail_item, change_order_item, whole_change_order_item; the
 * simulator bills SOV lines and change order line items (API-CONTRACT.md "simplifications"). */
const ITEM_TYPES = ['contract_item', 'change_order_item'] as const;

interface ItemAmounts {
  work: number;
  materials: number;
  retainage: number | undefined;
}

/** The commitment named by `commitment_id` (body, else query); 404 when it is not one of the project's. */
function resolveCommitment(ctx: ApiContext, project: Project) {
  const raw = ctx.body['commitment_id'] ?? ctx.query.get('commitment_id');
  if (raw === undefined || raw === null || raw === '') throw badRequest('commitment_id is required');
  const commitment = ctx.store.commitments.get(parseId(raw, 'commitment_id'));
  if (commitment === undefined || commitment.project_id !== project.id) throw notFound();
  return commitment;
}

interface RequestedItems {
  /** By SOV line id. */
  contract: Map<number, ItemAmounts>;
  /** By change order line item id. */
  changeOrder: Map<number, ItemAmounts>;
}

/** The commitment's change order line items by id, with whether their change order is approved. */
function changeOrderLinesOf(ctx: ApiContext, project: Project, commitmentId: number): Map<number, { line: ChangeOrderLineItem; approved: boolean }> {
  const out = new Map<number, { line: ChangeOrderLineItem; approved: boolean }>();
  for (const co of ctx.store.changeOrders.list(project.id)) {
    if (co.contract_id !== commitmentId) continue;
    for (const line of co.line_items) out.set(line.id, { line, approved: co.status === 'approved' });
  }
  return out;
}

/** `items`: each names an SOV line (contract_item, the default) or an approved change order line item of the
 * commitment (change_order_item) once; amounts are decimals (number or string). */
function readItems(r: ItemReader, lineIds: ReadonlySet<number>, changeOrderLines: ReadonlyMap<number, { approved: boolean }>): RequestedItems {
  const out: RequestedItems = { contract: new Map(), changeOrder: new Map() };
  const raw = r.item['items'];
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    r.error('items', 'is invalid');
    return out;
  }
  raw.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      r.error(`items[${i}]`, 'is invalid');
      return;
    }
    const item = new ItemReader(entry as Record<string, unknown>);
    const lineId = item.int('line_item_id', true);
    const type = item.oneOf('item_type', ITEM_TYPES) ?? 'contract_item';
    const work = item.money('work_completed_this_period') ?? 0;
    const materials = item.money('materials_presently_stored') ?? 0;
    const retainage = item.money('work_completed_retainage_retained_this_period');
    item.string('comment', { max: 65_535 });
    const target = type === 'contract_item' ? out.contract : out.changeOrder;
    if (typeof lineId === 'number') {
      if (type === 'contract_item' && !lineIds.has(lineId)) item.error('line_item_id', 'is invalid');
      else if (type === 'change_order_item' && !changeOrderLines.has(lineId)) item.error('line_item_id', 'is invalid');
      else if (type === 'change_order_item' && !changeOrderLines.get(lineId)!.approved) item.error('line_item_id', 'must belong to an approved change order');
      else if (target.has(lineId)) item.error('line_item_id', 'has already been taken');
    }
    for (const [field, messages] of Object.entries(item.errors)) for (const m of messages) r.error(`items[${i}].${field}`, m);
    if (item.ok && typeof lineId === 'number') target.set(lineId, { work, materials, retainage });
  });
  return out;
}

/** Creates the invoice or throws the 400 / 404 / 422 Procore would answer. */
export function createRequisitionFromRequest(ctx: ApiContext, project: Project): Requisition {
  const commitment = resolveCommitment(ctx, project);
  const raw = ctx.body['requisition'] ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('requisition must be an object');
  const r = new ItemReader(raw as Record<string, unknown>);
  const store = ctx.store;
  const lines = store.commitmentLineItems.list(commitment.id);
  const changeOrderLines = changeOrderLinesOf(ctx, project, commitment.id);
  const amounts = readItems(r, new Set(lines.map((l) => l.id)), changeOrderLines);
  r.string('origin_data', { max: 65_535 });
  const origin = readOrigin(r);
  if (store.requisitions.originTaken(project.company_id, origin.origin_id)) r.error('origin_id', 'has already been taken');
  const invoiceNumber = r.string('invoice_number');
  const billingDate = r.date('billing_date') ?? store.nowIso().slice(0, 10);
  const start = r.date('requisition_start');
  const end = r.date('requisition_end');
  r.int('period_id');
  const status = r.oneOf('status', REQUISITION_STATUSES) ?? 'draft';
  const final = r.bool('final') ?? false;
  if (!r.ok) throw unprocessable(r.errors);
  if (lines.length === 0) throw new ApiError(422, { errors: { base: ['The commitment has no schedule of values to bill against'] } });

  const previous = store.requisitions.list(project.id).filter((x) => x.commitment_id === commitment.id);
  const number = previous.reduce((max, x) => Math.max(max, x.number), 0) + 1;
  return store.create(
    store.requisitions,
    'requisition',
    {
      company_id: project.company_id,
      project_id: project.id,
      commitment_id: commitment.id,
      number,
      invoice_number: invoiceNumber ?? null,
      status,
      billing_date: billingDate,
      period_start: start ?? `${billingDate.slice(0, 8)}01`,
      period_end: end ?? billingDate,
      submitted_at: status === 'draft' ? null : store.nowIso(),
      erp_status: null,
      erp_locked: false,
      final,
      retainage_percent: commitment.retainage_percent,
      origin_id: origin.origin_id ?? null,
      origin_data: origin.origin_data ?? null,
      items: [
        ...buildRequisitionItems({
          lines,
          previous,
          retainagePercent: commitment.retainage_percent,
          nextId: () => store.nextId('requisitionItem'),
          capAtBalance: false,
          workThisPeriod: (line) => amounts.contract.get(line.id)?.work ?? 0,
          materialsStored: (line) => amounts.contract.get(line.id)?.materials ?? 0,
          retainageThisPeriod: (line) => amounts.contract.get(line.id)?.retainage,
        }),
        // Named change order line items, in the change orders' order.
        ...buildChangeOrderItems({
          lines: [...changeOrderLines.values()].filter(({ line }) => amounts.changeOrder.has(line.id)).map(({ line }) => line),
          previous,
          retainagePercent: commitment.retainage_percent,
          nextId: () => store.nextId('requisitionItem'),
          workThisPeriod: (line) => amounts.changeOrder.get(line.id)?.work ?? 0,
          materialsStored: (line) => amounts.changeOrder.get(line.id)?.materials ?? 0,
          retainageThisPeriod: (line) => amounts.changeOrder.get(line.id)?.retainage,
        }),
      ],
    },
    ctx.actor,
  );
}
