import type { ExceptionAction } from '@connector/contract';
import type { Database } from '@connector/db';
import type { FieldDifference } from '@connector/mapping';
import { readExportOptions, readFieldDifferences, readOrNull } from '../stored/read-stored.ts';
import { leftOutOfQuickBooks } from './resolve-export-conflict.ts';

export interface ExportException {
  recordType: string;
  procoreId: string;
  procoreProjectId: string | null;
  title: string;
  /** Our code (e.g. QB_CHANGED_IN_QUICKBOOKS, DEPENDENCY_FAILED, NO_RETAINAGE_ITEM). */
  errorCode: string | null;
  /** What happened and what to do, in plain words. */
  errorMessage: string | null;
  /** QuickBooks' raw status code and message, when QuickBooks answered. */
  qbStatusCode: number | null;
  qbStatusMessage: string | null;
  /** 3200: field by field, ours vs QuickBooks'. */
  fieldDifferences: FieldDifference[] | null;
  /** What a person can do: retry and dismiss always; keep QuickBooks' / re-send ours for 3200 once QuickBooks' version is read. */
  actions: ExceptionAction[];
  /**
   * keep_quickbooks would leave approved Procore work out of QuickBooks: the sentence to show before asking
   * for a confirmation (the resolve call then sends `confirm: true`); null otherwise.
   */
  keepQuickbooksWarning: string | null;
  updatedAt: string;
}

/** The exception queue: failed exports of every type, newest first, paged, scoped by company. */
export async function listExportExceptions(
  db: Database,
  input: { companyId: string; limit: number; offset: number },
): Promise<{ total: number; items: ExportException[] }> {
  const where = { companyId: input.companyId, status: 'failed' };
  const [total, rows] = await Promise.all([
    db.prisma.exportRecord.count({ where }),
    db.prisma.exportRecord.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: input.limit, skip: input.offset }),
  ]);
  const items: ExportException[] = [];
  for (const r of rows) {
    // One damaged row must not hide the list: what cannot be read is left out of the row (no comparison, no resolution).
    const differences = readOrNull(() => readFieldDifferences(r.fieldDifferences, r.id));
    const resolvable =
      r.errorCode === 'QB_CHANGED_IN_QUICKBOOKS' && differences !== null && (readOrNull(() => readExportOptions(r))?.qbCurrent ?? null) !== null;
    items.push({
      recordType: r.recordType,
      procoreId: r.procoreId,
      procoreProjectId: r.procoreProjectId,
      title: r.title,
      errorCode: r.errorCode,
      errorMessage: r.errorMessage,
      qbStatusCode: r.qbStatusCode,
      qbStatusMessage: r.qbStatusMessage,
      // JSON column written only by store-field-differences.ts (diffQbRecord / diffQbTransaction), checked as read.
      fieldDifferences: differences,
      actions: resolvable ? ['retry', 'dismiss', 'keep_quickbooks', 'resend_ours'] : ['retry', 'dismiss'],
      keepQuickbooksWarning: resolvable ? await leftOutOfQuickBooks(db.prisma, input.companyId, r) : null,
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return { total, items };
}
