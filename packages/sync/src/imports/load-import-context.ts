import type { Prisma } from '@connector/db';
import { LINK_TYPES, QB_TYPES } from '../links/link-types.ts';
import { readTxnLineLinks } from '../stored/read-stored.ts';

type Reader = Pick<Prisma.TransactionClient, 'recordLink' | 'procoreRecord' | 'procorePush'>;

export interface CommitmentOfPurchaseOrder {
  commitmentId: number;
  procoreProjectId: number;
  lineKeys: ReadonlyMap<string, string | null>;
  /** The PO's lines with their item and job, for pairing the lines of a bill entered against the PO. */
  poLines: ReadonlyArray<{ txnLineId: string; itemListId: string | null; jobListId: string | null }>;
}

export interface InvoiceOfBill {
  procoreProjectId: number;
  commitmentId: number;
  requisitionId: number | null;
}

/**
 * What the connector knows links QuickBooks to Procore, for one company, keyed the way the import
 * rules (packages/mapping import/) look it up: jobs → projects, items → standard cost codes, vendors,
 * our POs → commitments (with each PO line's Procore line key), and bills → subcontractor invoices
 * (bills we exported, and bills we turned into Procore invoices).
 */
export class ImportLinks {
  readonly projectByJob = new Map<string, number>();
  readonly costCodeByItem = new Map<string, number>();
  readonly vendorByQbVendor = new Map<string, number>();
  readonly ownBillTxnIds = new Set<string>();
  readonly commitmentByPo = new Map<string, CommitmentOfPurchaseOrder>();
  readonly invoiceByBill = new Map<string, InvoiceOfBill>();

  static async load(tx: Reader, companyId: string): Promise<ImportLinks> {
    const links = new ImportLinks();
    const rows = await tx.recordLink.findMany({ where: { companyId }, select: { procoreType: true, procoreId: true, qbType: true, qbId: true, lines: true } });
    const commitmentIds: string[] = [];
    const requisitionIds: string[] = [];
    for (const row of rows) {
      const procoreId = Number(row.procoreId);
      if (row.procoreType === LINK_TYPES.project && row.qbType === QB_TYPES.project) links.projectByJob.set(row.qbId, procoreId);
      else if (row.procoreType === LINK_TYPES.cost_code) links.costCodeByItem.set(row.qbId, procoreId);
      else if (row.procoreType === LINK_TYPES.vendor) links.vendorByQbVendor.set(row.qbId, procoreId);
      else if (row.procoreType === LINK_TYPES.invoice) {
        links.ownBillTxnIds.add(row.qbId);
        requisitionIds.push(row.procoreId);
      } else if (row.procoreType === LINK_TYPES.commitment) commitmentIds.push(row.procoreId);
    }
    const linkByProcore = new Map(rows.map((r) => [`${r.procoreType}:${r.procoreId}`, r]));
    if (commitmentIds.length > 0) {
      const commitments = await tx.procoreRecord.findMany({
        where: { companyId, resourceType: { in: ['work_order_contract', 'purchase_order_contract'] }, procoreId: { in: commitmentIds } },
        select: { procoreId: true, procoreProjectId: true },
      });
      for (const c of commitments) {
        const link = linkByProcore.get(`${LINK_TYPES.commitment}:${c.procoreId}`);
        if (!link || !c.procoreProjectId) continue;
        const lines = readTxnLineLinks(link.lines, `${link.procoreType}:${link.procoreId}`) ?? [];
        links.commitmentByPo.set(link.qbId, {
          commitmentId: Number(c.procoreId),
          procoreProjectId: Number(c.procoreProjectId),
          lineKeys: new Map(lines.map((l) => [l.txnLineId, l.procoreLineKey])),
          // Links written before item and job were kept have neither: such a PO's bill lines stay unpaired.
          poLines: lines.filter((l) => l.itemListId).map((l) => ({ txnLineId: l.txnLineId, itemListId: l.itemListId ?? null, jobListId: l.jobListId ?? null })),
        });
      }
    }
    if (requisitionIds.length > 0) {
      const requisitions = await tx.procoreRecord.findMany({
        where: { companyId, resourceType: 'requisition', procoreId: { in: requisitionIds } },
        select: { procoreId: true, procoreProjectId: true, data: true },
      });
      for (const r of requisitions) {
        const link = linkByProcore.get(`${LINK_TYPES.invoice}:${r.procoreId}`);
        const commitmentId = Number((r.data as { commitment_id?: unknown }).commitment_id);
        if (!link || !r.procoreProjectId || !Number.isFinite(commitmentId)) continue;
        links.invoiceByBill.set(link.qbId, { procoreProjectId: Number(r.procoreProjectId), commitmentId, requisitionId: Number(r.procoreId) });
      }
    }
    // Bills entered in QuickBooks that we turned into Procore invoices are paid like ours.
    const pushed = await tx.procorePush.findMany({
      where: { companyId, procoreType: 'requisition', status: 'active' },
      select: { sourceId: true, procoreProjectId: true, procoreId: true, detail: true },
    });
    for (const p of pushed) {
      const commitmentId = Number((p.detail as { commitmentId?: unknown } | null)?.commitmentId);
      if (!p.procoreProjectId || !Number.isFinite(commitmentId)) continue;
      links.invoiceByBill.set(p.sourceId, { procoreProjectId: Number(p.procoreProjectId), commitmentId, requisitionId: Number(p.procoreId) });
    }
    return links;
  }
}
