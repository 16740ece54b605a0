import type { ProcoreCostCodeListBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { displayText } from '../stored/read-stored.ts';

/**
 * Procore standard cost codes from our copy of Procore (procore_records, kept by webhooks and reconciliation), for the
 * cost code → QuickBooks class mapping in Settings (issue 18 item 4: ids were typed by hand). Sorted by full code.
 */
export async function listProcoreCostCodes(db: Database, companyId: string): Promise<ProcoreCostCodeListBody> {
  const rows = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: 'standard_cost_code', deletedAt: null },
    select: { procoreId: true, data: true },
  });
  const costCodes = rows.flatMap((r) => {
    const id = Number(r.procoreId);
    if (!Number.isSafeInteger(id)) return [];
    // Display (a choice list): a damaged copy is listed as its id with no name rather than failing the list.
    return [{ id, code: displayText(r.data, 'full_code') ?? displayText(r.data, 'code') ?? r.procoreId, name: displayText(r.data, 'name') ?? '' }];
  });
  costCodes.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }) || a.id - b.id);
  return { costCodes };
}
