import type { Prisma } from '@connector/db';
import type { ItemType, LinkLookup, QbListLink, QbTxnLineLink, QbTxnLink } from '@connector/mapping';

import { LINK_TYPES, QB_TYPES } from '../links/link-types.ts';
import { isStoredValueInvalid, readExportOptions, readTxnLineLinks } from '../stored/read-stored.ts';

export { LINK_TYPES, QB_TYPES };

export interface CustomerChoice {
  listId: string;
  fullName: string;
  editSequence?: string;
}

type LinkRow = { procoreType: string; procoreId: string; qbType: string; qbId: string; editSequence: string | null; qbName: string | null; lines: unknown };

/**
 * A link's lines (record_links.lines), checked when used rather than when every link is loaded: a damaged row fails the
 * export that needs it (STORED_VALUE_INVALID naming `<procore type>:<procore id>`, unique per company), not every pass.
 */
export function linkLines(row: LinkRow): QbTxnLineLink[] {
  return readTxnLineLinks(row.lines, `${row.procoreType}:${row.procoreId}`) ?? [];
}

/** Everything the connector knows is in QuickBooks for one company, keyed for the mappers' lookups. */
export class ExportLinks {
  private readonly links = new Map<string, LinkRow>();
  private readonly customers = new Map<string, CustomerChoice>();
  private readonly damagedCustomers = new Map<string, Error>();

  static async load(tx: Pick<Prisma.TransactionClient, 'recordLink' | 'exportRecord'>, companyId: string): Promise<ExportLinks> {
    const links = new ExportLinks();
    const rows = await tx.recordLink.findMany({
      where: { companyId },
      select: { procoreType: true, procoreId: true, qbType: true, qbId: true, editSequence: true, qbName: true, lines: true },
    });
    for (const row of rows) links.put(row);
    const projects = await tx.exportRecord.findMany({ where: { companyId, recordType: 'project' }, select: { id: true, procoreId: true, options: true } });
    for (const p of projects) {
      try {
        const customer = readExportOptions(p).customer;
        if (customer?.listId) links.customers.set(p.procoreId, customer);
      } catch (error) {
        // Kept for the export that asks for this project's customer (it fails, naming the row), not thrown at every pass.
        if (!isStoredValueInvalid(error)) throw error;
        links.damagedCustomers.set(p.procoreId, error);
      }
    }
    return links;
  }

  put(row: LinkRow): void {
    this.links.set(`${row.procoreType}:${row.procoreId}`, row);
  }

  setCustomer(projectId: string, customer: CustomerChoice): void {
    this.customers.set(projectId, customer);
    this.damagedCustomers.delete(projectId);
  }

  get(procoreType: string, procoreId: string | number): LinkRow | undefined {
    return this.links.get(`${procoreType}:${procoreId}`);
  }

  /** The mappers' view. `costCodeMap` turns project cost code ids into standard ones (the item's key). */
  lookup(costCodeMap?: Record<string, number | null>): LinkLookup {
    const list = (type: string, id: number): QbListLink | null => {
      const row = this.get(type, id);
      return row ? { listId: row.qbId, fullName: row.qbName ?? '', editSequence: row.editSequence ?? '' } : null;
    };
    const txn = (type: string, id: number): QbTxnLink | null => {
      const row = this.get(type, id);
      if (!row) return null;
      return {
        txnId: row.qbId,
        editSequence: row.editSequence ?? '',
        ...(row.qbName ? { refNumber: row.qbName } : {}),
        lines: linkLines(row),
      };
    };
    return {
      vendor: (id) => list(LINK_TYPES.vendor, id),
      customerForProject: (projectId) => {
        const damaged = this.damagedCustomers.get(String(projectId));
        if (damaged) throw damaged;
        const c = this.customers.get(String(projectId));
        return c ? { listId: c.listId, fullName: c.fullName, editSequence: c.editSequence ?? '' } : null;
      },
      job: (projectId) => list(LINK_TYPES.project, projectId),
      item: (costCodeId) => {
        const standardId = standardCostCodeId(costCodeMap, costCodeId);
        if (standardId === null) return null;
        const row = this.get(LINK_TYPES.cost_code, standardId);
        if (!row) return null;
        const itemType: ItemType = row.qbType === QB_TYPES.cost_code_other_charge ? 'other_charge' : 'service';
        return { listId: row.qbId, fullName: row.qbName ?? '', editSequence: row.editSequence ?? '', itemType };
      },
      purchaseOrder: (commitmentId) => txn(LINK_TYPES.commitment, commitmentId),
      estimate: (projectId) => txn(LINK_TYPES.budget, projectId),
      bill: (requisitionId) => txn(LINK_TYPES.invoice, requisitionId),
    };
  }
}

/**
 * The standard cost code behind a cost code id. Without a map the id already is a standard one (cost
 * code exports); with one, a project cost code not copied from the standard list has no item (null).
 */
export function standardCostCodeId(costCodeMap: Record<string, number | null> | undefined, costCodeId: number): number | null {
  if (!costCodeMap) return costCodeId;
  if (!(String(costCodeId) in costCodeMap)) return null;
  return costCodeMap[String(costCodeId)] ?? null;
}
