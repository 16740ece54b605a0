import type { Database } from '@connector/db';
import { LINK_TYPES } from '../links/link-types.ts';
import { displayText } from '../stored/read-stored.ts';

/** QuickBooks items we hold, with the Procore cost code each is linked to (also the Invoice Retainage Item choices). */
export async function listImportItems(db: Database, companyId: string) {
  const items = await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Item', deletedAt: null }, orderBy: { fullName: 'asc' } });
  const links = new Map(
    (await db.prisma.recordLink.findMany({ where: { companyId, procoreType: LINK_TYPES.cost_code }, select: { qbId: true, procoreId: true } })).map((l) => [
      l.qbId,
      l.procoreId,
    ]),
  );
  const codes = new Map(
    (
      await db.prisma.procoreRecord.findMany({
        where: { companyId, resourceType: 'standard_cost_code', procoreId: { in: [...links.values()] } },
        select: { procoreId: true, data: true },
      })
    ).map((c) => [c.procoreId, displayText(c.data, 'full_code') ?? displayText(c.data, 'code') ?? c.procoreId]), // display only: a damaged copy shows its id
  );
  return {
    items: items.map((i) => {
      const codeId = links.get(i.listId);
      return {
        qbListId: i.listId,
        fullName: i.fullName,
        itemType: i.retElement?.replace(/Ret$/, '') ?? null,
        isActive: i.isActive,
        procoreCostCode: codeId ? { id: Number(codeId), code: codes.get(codeId) ?? codeId } : null,
      };
    }),
  };
}
