import { noContent } from '../http/api-result.ts';
import { parseStringList } from '../http/parse-list-filters.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { definedOnly, type ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { inProject, pathId, resolveProject } from '../api/resolve-scope.ts';
import { readOrigin, runSync } from '../api/run-sync.ts';
import { formatMoney, sumMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { DirectCost, DirectCostLineItem, DirectCostStatus, DirectCostType, Project } from '../model/records.ts';
import { costCodeRef, lineItemTypeRef } from './render-references.ts';

const TYPES: readonly DirectCostType[] = ['invoice', 'expense', 'payroll'];
const STATUSES: readonly DirectCostStatus[] = ['draft', 'pending', 'revise_and_resubmit', 'approved'];

export function renderDirectCost(store: ProcoreStore, d: DirectCost): Record<string, unknown> {
  const vendor = d.vendor_id === null ? undefined : store.vendors.get(d.vendor_id);
  return {
    id: d.id,
    project_id: d.project_id,
    direct_cost_type: d.direct_cost_type,
    status: d.status,
    vendor: vendor ? { id: vendor.id, name: vendor.name } : null,
    vendor_id: d.vendor_id,
    vendor_name: vendor?.name ?? null,
    invoice_number: d.invoice_number,
    direct_cost_date: d.direct_cost_date,
    received_date: d.received_date,
    payment_date: d.payment_date,
    terms: d.terms,
    description: d.description,
    grand_total: formatMoney(sumMoney(d.line_items.map((l) => l.amount))),
    line_items_count: d.line_items.length,
    line_items: d.line_items.map((l) => ({
      id: l.id,
      amount: formatMoney(l.amount),
      description: l.description,
      cost_code_id: l.cost_code_id,
      cost_code: costCodeRef(store, l.cost_code_id),
      line_item_type_id: l.line_item_type_id,
      line_item_type: lineItemTypeRef(store, l.line_item_type_id),
    })),
    origin_id: d.origin_id,
    origin_data: d.origin_data,
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}

/** `line_items` of a sync item: every cost code must be one of the project's (API-CONTRACT.md direct costs item). */
function readLineItems(store: ProcoreStore, r: ItemReader, project: Project, required: boolean): DirectCostLineItem[] | undefined {
  const raw = r.item['line_items'];
  if (raw === undefined) {
    if (required) r.error('line_items', "can't be blank");
    return undefined;
  }
  if (!Array.isArray(raw) || (required && raw.length === 0)) {
    r.error('line_items', Array.isArray(raw) ? "can't be blank" : 'is invalid');
    return undefined;
  }
  const lines: DirectCostLineItem[] = [];
  raw.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null) {
      r.error(`line_items[${i}]`, 'is invalid');
      return;
    }
    const line = entry as Record<string, unknown>;
    const costCodeId = Number(line['cost_code_id']);
    const cc = Number.isSafeInteger(costCodeId) ? store.costCodes.get(costCodeId) : undefined;
    if (cc === undefined || cc.project_id !== project.id) r.error(`line_items[${i}].cost_code_id`, 'is invalid');
    const typeRaw = line['line_item_type_id'];
    const typeId = typeRaw === undefined || typeRaw === null ? null : Number(typeRaw);
    if (typeId !== null && store.lineItemTypes.get(typeId)?.company_id !== project.company_id) r.error(`line_items[${i}].line_item_type_id`, 'is invalid');
    const amountValue = line['amount'];
    const amount =
      typeof amountValue === 'number' ? amountValue : typeof amountValue === 'string' && /^-?\d+(\.\d+)?$/.test(amountValue.trim()) ? Number(amountValue) : NaN;
    if (!Number.isFinite(amount)) r.error(`line_items[${i}].amount`, 'is not a number');
    const description = line['description'];
    lines.push({
      id: store.nextId('directCostLineItem'),
      cost_code_id: costCodeId,
      line_item_type_id: typeId,
      amount: Math.round(amount * 100) / 100,
      description: typeof description === 'string' ? description : null,
    });
  });
  return lines;
}

function readVendor(store: ProcoreStore, r: ItemReader, project: Project): number | null | undefined {
  const vendorId = r.int('vendor_id');
  if (typeof vendorId === 'number' && store.vendors.get(vendorId)?.company_id !== project.company_id) r.error('vendor_id', 'is invalid');
  return vendorId;
}

export const directCostRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.1/projects/{project_id}/direct_costs',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const types = parseStringList(ctx.query, 'direct_cost_type');
      const statuses = parseStringList(ctx.query, 'status');
      return listRecords(
        ctx,
        ctx.store.directCosts.list(project.id),
        (d) => renderDirectCost(ctx.store, d),
        (d) => (types === null || types.has(d.direct_cost_type)) && (statuses === null || statuses.has(d.status)),
      );
    },
  },
  {
    method: 'PATCH',
    template: '/rest/v1.0/projects/{project_id}/direct_costs/sync',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const store = ctx.store;
      return runSync<DirectCost>(ctx, {
        table: store.directCosts,
        idKind: 'directCost',
        companyId: project.company_id,
        inScope: (d) => d.project_id === project.id,
        buildCreate: (r) => {
          const type = r.oneOf('direct_cost_type', TYPES, true);
          const vendorId = readVendor(store, r, project);
          const invoiceNumber = r.string('invoice_number');
          // RestV10ProjectsProjectIdDirectCostsSyncPatch: vendor_id and invoice_number are required for invoices.
          if (type === 'invoice' && typeof vendorId !== 'number') r.error('vendor_id', "can't be blank");
          if (type === 'invoice' && !invoiceNumber) r.error('invoice_number', "can't be blank");
          const origin = readOrigin(r);
          return {
            company_id: project.company_id,
            project_id: project.id,
            direct_cost_type: type ?? 'expense',
            status: r.oneOf('status', STATUSES) ?? 'draft',
            vendor_id: vendorId ?? null,
            invoice_number: invoiceNumber ?? null,
            direct_cost_date: r.date('direct_cost_date', true) ?? '',
            received_date: r.date('received_date') ?? null,
            payment_date: r.date('payment_date') ?? null,
            terms: r.string('terms') ?? null,
            description: r.string('description', { max: 65_535 }) ?? null,
            line_items: readLineItems(store, r, project, false) ?? [],
            origin_id: origin.origin_id ?? null,
            origin_data: origin.origin_data ?? null,
          };
        },
        buildUpdate: (r, existing) => {
          // The type can only be set when creating a direct cost (Procore's sync documentation).
          if (r.has('direct_cost_type') && r.item['direct_cost_type'] !== existing.direct_cost_type) r.error('direct_cost_type', 'cannot be changed');
          const patch = definedOnly({
            status: r.oneOf('status', STATUSES),
            vendor_id: readVendor(store, r, project),
            invoice_number: r.string('invoice_number'),
            direct_cost_date: r.date('direct_cost_date') ?? undefined,
            received_date: r.date('received_date'),
            payment_date: r.date('payment_date'),
            terms: r.string('terms'),
            description: r.string('description', { max: 65_535 }),
            line_items: readLineItems(store, r, project, false),
            ...readOrigin(r),
          });
          if (patch.line_items) {
            // Lines that did not change keep their ids, so an unchanged resend is not an update.
            patch.line_items = patch.line_items.map((l, i) => {
              const old = existing.line_items[i];
              return old &&
                old.cost_code_id === l.cost_code_id &&
                old.amount === l.amount &&
                old.description === l.description &&
                old.line_item_type_id === l.line_item_type_id
                ? old
                : l;
            });
          }
          return patch as Partial<DirectCost>;
        },
        render: (d) => renderDirectCost(store, d),
      });
    },
  },
  {
    method: 'DELETE',
    template: '/rest/v1.1/projects/{project_id}/direct_costs/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const cost = inProject(ctx.store.directCosts.get(pathId(ctx, 'id')), project.id);
      ctx.store.remove(ctx.store.directCosts, cost, ctx.actor);
      return noContent();
    },
  },
];
