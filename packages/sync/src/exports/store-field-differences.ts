import type { Prisma } from '@connector/db';
import { diffQbRecord, diffQbTransaction, previewQbRecord, type FieldDifference, type PreviewField, type QbRecordKind, type QbTxnLineLink } from '@connector/mapping';
import { readText, type QbRecord } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { LINK_TYPES, QB_TYPES } from './load-export-links.ts';
import { QB_CHANGED, type ExportOptions } from './settle-export.ts';

type Tx = Prisma.TransactionClient;

/**
 * For each 3200 exception whose re-read of the QuickBooks record came back: the field-level difference
 * (what we last wrote vs what QuickBooks holds now) and QuickBooks' current version, which "re-send ours"
 * needs (a Mod must carry the new EditSequence and every line QuickBooks now has).
 */
export async function storeFieldDifferences(tx: Tx, companyId: string): Promise<number> {
  const rows = await tx.exportRecord.findMany({ where: { companyId, status: 'failed', errorCode: QB_CHANGED } });
  let stored = 0;
  for (const row of rows) {
    const options = (row.options as ExportOptions | null) ?? {};
    if (!options.diffRequestId || row.fieldDifferences !== null) continue;
    const read = await tx.queuedRequest.findFirst({ where: { id: options.diffRequestId, companyId } });
    if (!read || (read.status !== 'done' && read.status !== 'failed' && read.status !== 'cancelled')) continue;
    const record = read.status === 'done' ? ((read.result as { records?: QbRecord[] } | null)?.records?.[0] ?? null) : null;
    let differences: FieldDifference[] = [];
    let qbCurrent: ExportOptions['qbCurrent'];
    let note: string | null = null;
    if (!record) {
      note = read.status === 'done'
        ? ' QuickBooks no longer has this record (deleted there?): dismiss this, or re-link and retry.'
        : ` QuickBooks' current version could not be read (${read.errorMessage ?? read.status}).`;
    } else if (row.recordType === 'change_order' || row.recordType === 'commitment' || row.recordType === 'budget') {
      const linkType = row.recordType === 'budget' ? LINK_TYPES.budget : LINK_TYPES.commitment;
      const linkProcoreId = row.recordType === 'change_order' ? String((row.source as { record?: { changeOrder?: { contract_id?: number } } } | null)?.record?.changeOrder?.contract_id ?? '') : row.procoreId;
      const link = await tx.recordLink.findUnique({ where: { companyId_procoreType_procoreId: { companyId, procoreType: linkType, procoreId: linkProcoreId } } });
      const known = { txnId: link?.qbId ?? '', editSequence: link?.editSequence ?? '', ...(link?.qbName ? { refNumber: link.qbName } : {}), lines: (link?.lines as QbTxnLineLink[] | null) ?? [] };
      const diff = diffQbTransaction(row.recordType === 'budget' ? 'estimate' : 'purchase_order', known, record);
      differences = diff.differences;
      qbCurrent = { qbId: diff.refreshed.txnId, editSequence: diff.refreshed.editSequence, ...(diff.refreshed.refNumber ? { refNumber: diff.refreshed.refNumber } : {}), lines: [...diff.refreshed.lines] };
    } else {
      const itemLink = row.recordType === 'cost_code' ? await tx.recordLink.findUnique({ where: { companyId_procoreType_procoreId: { companyId, procoreType: LINK_TYPES.cost_code, procoreId: row.procoreId } } }) : null;
      const kind = listKind(row.recordType, itemLink?.qbType ?? null);
      differences = kind ? diffQbRecord((row.preview as PreviewField[] | null) ?? [], previewQbRecord(kind, record)) : [];
      qbCurrent = { qbId: readText(record, 'ListID') ?? '', editSequence: readText(record, 'EditSequence') ?? '' };
    }
    await tx.exportRecord.update({
      where: { id: row.id },
      data: {
        fieldDifferences: differences as never,
        options: { ...options, ...(qbCurrent ? { qbCurrent } : {}) } as never,
        ...(note ? { errorMessage: `${row.errorMessage ?? ''}${note}` } : {}),
      },
    });
    await writeAudit(tx, {
      companyId, actor: 'connector', action: 'export.conflict_read', direction: 'from_quickbooks', outcome: 'info',
      subjectType: `export_${row.recordType}`, subjectId: row.procoreId, detail: { title: row.title, differences } as never,
    });
    stored += 1;
  }
  return stored;
}

function listKind(recordType: string, itemQbType: string | null): QbRecordKind | null {
  if (recordType === 'vendor') return 'vendor';
  if (recordType === 'project') return 'job';
  if (recordType === 'cost_code') return itemQbType === QB_TYPES.cost_code_other_charge ? 'item_other_charge' : 'item_service';
  return null;
}
