import { Prisma, type Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { advanceExports } from './advance-exports.ts';
import type { Actor } from './apply-export-action.ts';
import type { ExportRecordType } from './export-workflow.ts';
import { LINK_TYPES } from './load-export-links.ts';
import { QB_CHANGED, type ExportOptions } from './settle-export.ts';

export type ConflictResolution = 'keep_quickbooks' | 'resend_ours';

/**
 * A 3200 exception resolved by a person (DESIGN.md §7: nothing is silently overwritten).
 * - keep_quickbooks: QuickBooks' version stands; the link takes its EditSequence and lines so later
 *   changes build on it; the export is dismissed with that reason.
 * - resend_ours: the approved change goes again, as a Mod on QuickBooks' current version (its EditSequence,
 *   and every line it has now, so their added lines are kept).
 */
export async function resolveExportConflict(
  db: Database,
  input: { companyId: string; recordType: ExportRecordType; procoreId: string; resolution: ConflictResolution; actor: Actor },
): Promise<{ status: string }> {
  if (!input.actor.roles.some((r) => r === 'accountant' || r === 'admin')) throw new AppError('FORBIDDEN', 'To resolve an exception you need the accountant or admin role.');
  return db.prisma.$transaction(async (tx) => {
    const row = await tx.exportRecord.findUnique({ where: { companyId_recordType_procoreId: { companyId: input.companyId, recordType: input.recordType, procoreId: input.procoreId } } });
    if (!row) throw new AppError('VALIDATION', 'That export does not exist.');
    const options = (row.options as ExportOptions | null) ?? {};
    if (row.status !== 'failed' || row.errorCode !== QB_CHANGED) throw new AppError('CONFLICT', `${row.title} has no QuickBooks conflict to resolve (it is ${row.status}).`);
    if (!options.qbCurrent) throw new AppError('CONFLICT', `QuickBooks' current version of ${row.title} has not been read yet: it is read in the next Web Connector session. Try again after it.`);
    const linkProcore = linkOf(row);
    if (linkProcore) {
      await tx.recordLink.updateMany({
        where: { companyId: input.companyId, procoreType: linkProcore.procoreType, procoreId: linkProcore.procoreId },
        data: { editSequence: options.qbCurrent.editSequence, ...(options.qbCurrent.lines ? { lines: options.qbCurrent.lines as never } : {}) },
      });
    }
    const status = input.resolution === 'resend_ours' ? 'queued' : 'dismissed';
    const moved = await tx.exportRecord.updateMany({
      where: { id: row.id, version: row.version },
      data: {
        status,
        requestId: null,
        waitingOn: [],
        fieldDifferences: Prisma.DbNull,
        options: { ...options, qbCurrent: undefined, diffRequestId: undefined } as never,
        ...(input.resolution === 'keep_quickbooks'
          ? { decisionComment: `Kept QuickBooks' version (${input.actor.id})` }
          : { errorCode: null, errorMessage: null, qbStatusCode: null, qbStatusMessage: null }),
        version: { increment: 1 },
      },
    });
    if (moved.count === 0) throw new AppError('CONFLICT', 'This record changed while you were looking at it. Reload and try again.');
    await writeAudit(tx, {
      companyId: input.companyId, actor: input.actor.id, action: 'export.resolve', outcome: 'ok', direction: 'internal',
      subjectType: `export_${row.recordType}`, subjectId: row.procoreId,
      detail: { resolution: input.resolution, title: row.title, differences: row.fieldDifferences ?? null, qbEditSequence: options.qbCurrent.editSequence } as never,
    });
    if (status === 'queued') await advanceExports(tx, input.companyId);
    return { status };
  }, { timeout: 60_000 });
}

function linkOf(row: { recordType: string; procoreId: string; source: unknown }): { procoreType: string; procoreId: string } | null {
  switch (row.recordType) {
    case 'change_order': {
      const contractId = (row.source as { record?: { changeOrder?: { contract_id?: number } } } | null)?.record?.changeOrder?.contract_id;
      return contractId ? { procoreType: LINK_TYPES.commitment, procoreId: String(contractId) } : null;
    }
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
