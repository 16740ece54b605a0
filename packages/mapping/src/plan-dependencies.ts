// Dependencies first (docs/qbxml.md#dependency-order: status 3140 "invalid reference" means vendor/job/item were not there
// yet — order vendor/job/item before PO before bill). planDependencies says what must exist in
// QuickBooks before a record can be sent; the caller queues those first.
import { parseMoney, type CostCodeRef } from '@connector/procore';
import { describeCommitment, describeCostCode, describeCostCodeRef, describeVendor } from './describe-record.ts';
import type { ExportRecord } from './export-records.ts';
import { groupChangeOrderLines } from './group-change-order-lines.ts';
import { refuse } from './make-result.ts';
import type { Dependency, DependencyKind, LinkLookup, MappingFailure } from './mapping-types.ts';
import { readBudgetRow } from './read-budget-row.ts';
import { sumBudgetRows } from './sum-budget-rows.ts';
import { sumRequisitionItems } from './sum-requisition-items.ts';
import { capitalize } from './capitalize.ts';

const KIND_ORDER: readonly DependencyKind[] = ['vendor', 'customer', 'job', 'item', 'purchase_order', 'prime_contract'];

/** Collects dependencies once each, in send order: vendor, customer, job, items, purchase order. */
export class DependencyList {
  private readonly byKey = new Map<string, Dependency>();
  private readonly links: LinkLookup;

  constructor(links: LinkLookup) {
    this.links = links;
  }

  add(kind: DependencyKind, procoreId: number, label: string): this {
    const key = `${kind}:${procoreId}`;
    if (!this.byKey.has(key)) this.byKey.set(key, { kind, procoreId, label });
    return this;
  }

  vendor(id: number | null | undefined, name: string | null | undefined): this {
    if (id == null || this.links.vendor(id)) return this;
    return this.add('vendor', id, describeVendor({ id, name: name ?? null }));
  }

  /** The job, and the customer it sits under when the job is missing and no customer was chosen yet. */
  job(projectId: number | null | undefined): this {
    if (projectId == null || this.links.job(projectId)) return this;
    if (!this.links.customerForProject(projectId)) this.customer(projectId);
    return this.add('job', projectId, `the job for Procore project ${projectId}`);
  }

  customer(projectId: number): this {
    if (this.links.customerForProject(projectId)) return this;
    return this.add('customer', projectId, `the customer for Procore project ${projectId} (chosen when the project is exported)`);
  }

  item(costCodeId: number | null | undefined, label: string | (() => string)): this {
    if (costCodeId == null || this.links.item(costCodeId)) return this;
    return this.add('item', costCodeId, `the item for ${typeof label === 'string' ? label : label()}`);
  }

  itemForRef(costCodeId: number | null | undefined, ref?: CostCodeRef | null): this {
    if (costCodeId == null) return this;
    return this.item(costCodeId, () => describeCostCodeRef(costCodeId, ref));
  }

  purchaseOrder(commitmentId: number | null | undefined, label: string): this {
    if (commitmentId == null || this.links.purchaseOrder(commitmentId)) return this;
    return this.add('purchase_order', commitmentId, `the purchase order for ${label}`);
  }

  list(): Dependency[] {
    const all = [...this.byKey.values()];
    return KIND_ORDER.flatMap((kind) => all.filter((d) => d.kind === kind));
  }
}

/** What must be in QuickBooks before `record` can be sent, given the links we hold. Empty = ready. */
export function planDependencies(record: ExportRecord, links: LinkLookup): Dependency[] {
  const deps = new DependencyList(links);
  switch (record.type) {
    case 'vendor':
      break;
    case 'project':
      // A project linked to a job is in QuickBooks already: its job needs no customer (data safety).
      if (!links.job(record.project.id)) deps.customer(record.project.id);
      break;
    case 'cost_code': {
      // A linked item needs no parent: it is never re-parented (linked-fields.ts).
      if (links.item(record.costCode.id)) break;
      const parentId = record.costCode.parent_id;
      if (parentId != null) deps.item(parentId, `the parent cost code of ${describeCostCode(record.costCode)} (Procore cost code ${parentId})`);
      break;
    }
    case 'budget': {
      deps.job(record.projectId);
      // Items only for cost codes that carry money: a zero line is never sent. When the amounts cannot
      // be read, every cost code is listed (the mapper then explains the amount problem).
      const sum = sumBudgetRows(record.rows, 'the budget');
      const costCodes = sum.ok
        ? sum.lines.filter((l) => l.cents !== 0).map((l) => ({ id: l.costCodeId, label: l.label }))
        : record.rows.flatMap((row) => {
            const { costCodeId, costCodeLabel } = readBudgetRow(row);
            return costCodeId === null ? [] : [{ id: costCodeId, label: costCodeLabel ? `cost code ${costCodeLabel}` : `Procore cost code ${costCodeId}` }];
          });
      for (const { id, label } of costCodes) deps.item(id, label);
      break;
    }
    case 'commitment':
      deps.vendor(record.commitment.vendor?.id, record.commitment.vendor?.company ?? record.commitment.vendor?.name);
      deps.job(record.projectId);
      // A line with nothing committed is not sent, so it needs no item.
      for (const line of record.lines) if (!isZeroAmount(line.amount)) deps.itemForRef(line.cost_code_id ?? line.cost_code?.id, line.cost_code);
      break;
    case 'change_order': {
      const contractId = record.changeOrder.contract_id;
      deps.purchaseOrder(contractId, describeCommitment({ id: contractId ?? 0, number: null, title: null }));
      deps.job(record.projectId);
      // Only groups that add a line need an item; unreadable amounts list every cost code.
      const grouped = groupChangeOrderLines(record.changeOrder, 'the change order');
      if (grouped.ok) for (const g of grouped.groups) deps.itemForRef(g.costCodeId, g.costCode);
      else for (const line of record.changeOrder.line_items ?? []) deps.itemForRef(line.cost_code_id ?? line.cost_code?.id, line.cost_code);
      break;
    }
    case 'invoice': {
      const r = record.requisition;
      deps.vendor(r.vendor_id, r.vendor_name);
      deps.job(r.project_id);
      const sums = sumRequisitionItems(r.items ?? [], 'the invoice');
      const costCodeIds = sums.ok ? sums.lines.map((l) => l.costCodeId) : (r.items ?? []).map((i) => i.cost_code_id);
      for (const id of costCodeIds) deps.item(id, () => `Procore cost code ${id}`);
      deps.purchaseOrder(r.commitment_id, describeCommitment({ id: r.commitment_id ?? 0, number: null, title: null }));
      break;
    }
  }
  return deps.list();
}

function isZeroAmount(value: string | number | null | undefined): boolean {
  try {
    return value !== null && value !== undefined && parseMoney(value) === 0;
  } catch {
    return false;
  }
}

/** MISSING_DEPENDENCY: names every missing record, in the order they have to be sent. */
export function refuseMissing(what: string, dependencies: Dependency[]): MappingFailure {
  const labels = dependencies.map((d) => d.label);
  const list = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
  const verb = labels.length === 1 ? 'is' : 'are';
  return refuse(
    'MISSING_DEPENDENCY',
    `${capitalize(what)} cannot be sent to QuickBooks yet: ${list} ${verb} not in QuickBooks. Export ${labels.length === 1 ? 'it' : 'them'} first (the connector queues ${labels.length === 1 ? 'it' : 'them'} ahead of this record).`,
    { dependencies },
  );
}
