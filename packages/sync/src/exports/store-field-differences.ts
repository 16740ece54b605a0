import type { Prisma } from '@connector/db';
import { diffQbRecord, diffQbTransaction, previewQbRecord, type FieldDifference, type QbRecordKind } from '@connector/mapping';
import { readText } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { readExportOptions, readOrNull, readPreviewFields, readRequestResult, readStoredExportSource, readTxnLineLinks } from '../stored/read-stored.ts';
import { LINK_TYPES, QB_TYPES } from './load-export-links.ts';
import { QB_CHANGED, type ExportOptions } from './settle-export.ts';

type Tx = Prisma.TransactionClient;

/**
 * For each 3200 exception whose re-read of the QuickBooks record came back: the field-level difference
 * (what we last wrote vs what QuickBooks holds now) and QuickBooks' current version, which "re-send ours"
 * needs (a Mod must carry the new EditSequence and every line QuickBooks now has). Since data safety a 3200 is
 * settled by settle-export.ts once the read is back (the export stays queued meanwhile); this pass only
 * finishes exceptions raised before that, which wait with no difference stored.
 */
export async function storeFieldDifferences(tx: Tx, companyId: string): Promise<number> {
  const rows = await tx.exportRecord.findMany({ where: { companyId, status: 'failed', errorCode: QB_CHANGED } });
  let stored = 0;
  for (const row of rows) {
    // A damaged row stays the exception it is, without the comparison (its options cannot say which read it waits for).
    const options = readOrNull(() => readExportOptions(row));
    if (!options?.diffRequestId || row.fieldDifferences !== null) continue;
    const read = await tx.queuedRequest.findFirst({ where: { id: options.diffRequestId, companyId } });
    if (!read || (read.status !== 'done' && read.status !== 'failed' && read.status !== 'cancelled')) continue;
    const { differences, qbCurrent, note } = await readConflict(tx, companyId, row, read);
    await tx.exportRecord.update({
      where: { id: row.id },
      data: {
        fieldDifferences: differences as never,
        options: { ...options, ...(qbCurrent ? { qbCurrent } : {}) } as never,
        ...(note ? { errorMessage: `${row.errorMessage ?? ''}${note}` } : {}),
      },
    });
    await writeAudit(tx, {
      companyId,
      actor: 'connector',
      action: 'export.conflict_read',
      direction: 'from_quickbooks',
      outcome: 'info',
      subjectType: `export_${row.recordType}`,
      subjectId: row.procoreId,
      detail: { title: row.title, differences } as never,
    });
    stored += 1;
  }
  return stored;
}

export interface ConflictRead {
  /** Field by field, what we last wrote or read vs what QuickBooks holds now (empty: nothing we manage changed). */
  differences: FieldDifference[];
  /** QuickBooks' current version as a link (ids, EditSequence, every line); absent when it could not be read. */
  qbCurrent?: NonNullable<ExportOptions['qbCurrent']>;
  /** Why there is no current version (deleted in QuickBooks, or the read failed), as a sentence to append. */
  note?: string;
}

/** The record_link a row's Mod writes: a change order's is its commitment's purchase order. */
export function conflictLinkOf(row: { id: string; recordType: string; procoreId: string; source: unknown }): { procoreType: string; procoreId: string } | null {
  switch (row.recordType) {
    case 'change_order': {
      const record = readStoredExportSource(row)?.record;
      const contractId = record?.type === 'change_order' ? record.changeOrder.contract_id : null;
      return contractId == null ? null : { procoreType: LINK_TYPES.commitment, procoreId: String(contractId) };
    }
    case 'prime_change_order': {
      // Its EstimateMod writes the prime contract's estimate (issue 21).
      const record = readStoredExportSource(row)?.record;
      const contractId = record?.type === 'prime_change_order' ? record.changeOrder.contract_id : null;
      return contractId == null ? null : { procoreType: LINK_TYPES.primeContract, procoreId: String(contractId) };
    }
    case 'prime_contract':
      return { procoreType: LINK_TYPES.primeContract, procoreId: row.procoreId };
    case 'vendor':
    case 'project':
    case 'cost_code':
    case 'commitment':
    case 'budget':
    case 'invoice':
      return { procoreType: LINK_TYPES[row.recordType], procoreId: row.procoreId };
    default:
      return null;
  }
}

/**
 * What the read-back of a 3200 says: the differences against what we knew (our link for transactions, the
 * preview we sent for list entries) and QuickBooks' current version. A record the read no longer finds is
 * one difference ("deleted in QuickBooks"), so an exception never shows an empty comparison for it.
 */
export async function readConflict(
  tx: Tx,
  companyId: string,
  row: { id: string; recordType: string; procoreId: string; source: unknown; preview: unknown; title: string },
  read: { id: string; status: string; result: unknown; errorMessage: string | null },
): Promise<ConflictRead> {
  const record = read.status === 'done' ? (readRequestResult(read)?.records?.[0] ?? null) : null;
  const linkOf = conflictLinkOf(row);
  const link = linkOf ? await tx.recordLink.findUnique({ where: { companyId_procoreType_procoreId: { companyId, ...linkOf } } }) : null;
  if (!record) {
    if (read.status !== 'done') return { differences: [], note: ` QuickBooks' current version could not be read (${read.errorMessage ?? read.status}).` };
    const what = link?.qbType ?? 'record';
    return {
      differences: [{ field: `${what} ${link?.qbName ?? link?.qbId ?? ''}`.trim(), ours: 'present', theirs: null }],
      note: ' QuickBooks no longer has this record (deleted there?): dismiss this, or re-link and retry.',
    };
  }
  const estimate = row.recordType === 'budget' || row.recordType === 'prime_contract' || row.recordType === 'prime_change_order';
  if (row.recordType === 'change_order' || row.recordType === 'commitment' || estimate) {
    const known = {
      txnId: link?.qbId ?? '',
      editSequence: link?.editSequence ?? '',
      ...(link?.qbName ? { refNumber: link.qbName } : {}),
      lines: (link ? readTxnLineLinks(link.lines, link.id) : null) ?? [],
    };
    const diff = diffQbTransaction(estimate ? 'estimate' : 'purchase_order', known, record);
    return {
      differences: diff.differences,
      qbCurrent: {
        qbId: diff.refreshed.txnId,
        editSequence: diff.refreshed.editSequence,
        ...(diff.refreshed.refNumber ? { refNumber: diff.refreshed.refNumber } : {}),
        lines: [...diff.refreshed.lines],
      },
    };
  }
  const kind = listKind(row.recordType, row.recordType === 'cost_code' ? (link?.qbType ?? null) : null);
  return {
    differences: kind ? diffQbRecord(readPreviewFields(row) ?? [], previewQbRecord(kind, record)) : [],
    qbCurrent: { qbId: readText(record, 'ListID') ?? '', editSequence: readText(record, 'EditSequence') ?? '' },
  };
}

function listKind(recordType: string, itemQbType: string | null): QbRecordKind | null {
  if (recordType === 'vendor') return 'vendor';
  if (recordType === 'project') return 'job';
  if (recordType === 'cost_code') return itemQbType === QB_TYPES.cost_code_other_charge ? 'item_other_charge' : 'item_service';
  return null;
}
