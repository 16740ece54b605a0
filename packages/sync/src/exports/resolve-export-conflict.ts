import { canDo, describeRoles, rolesFor } from '@connector/contract';
import { Prisma, type Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { PREPARE_EXPORT_JOB } from '../jobs/job-kinds.ts';
import { readExportOptions, readPreviewFields } from '../stored/read-stored.ts';
import { advanceExports } from './advance-exports.ts';
import type { Actor } from './apply-export-action.ts';
import type { ExportRecordType } from './export-workflow.ts';
import { LINK_TYPES } from './load-export-links.ts';
import { lockExportPlanning } from './lock-export-planning.ts';
import { QB_CHANGED, takeCurrentVersion } from './settle-export.ts';

export type ConflictResolution = 'keep_quickbooks' | 'resend_ours';

/**
 * A 3200 exception resolved by a person (docs/data-safety.md#nothing-silently-overwritten: nothing is silently overwritten).
 * - keep_quickbooks: QuickBooks' version stands; the link takes its EditSequence and lines so later
 *   changes build on it; the export is dismissed with that reason. For a change order or invoice whose
 *   content is not in QuickBooks this leaves approved Procore work out of QuickBooks for good, so it needs
 *   `confirm: true` (otherwise 409 CONFIRMATION_REQUIRED with the sentence of `leftOutOfQuickBooks`).
 * - resend_ours: the approved change goes again, as a Mod on QuickBooks' current version (its EditSequence,
 *   and every line it has now, so their added lines are kept).
 */
export async function resolveExportConflict(
  db: Database,
  input: { companyId: string; recordType: ExportRecordType; procoreId: string; resolution: ConflictResolution; actor: Actor; confirm?: boolean },
): Promise<{ status: string }> {
  if (!canDo(input.actor.roles, 'resolveException'))
    throw new AppError('FORBIDDEN', `To resolve an exception you need the ${describeRoles(rolesFor('resolveException'))} role.`);
  return db.prisma.$transaction(
    async (tx) => {
      // Before any row lock: this transaction plans (advanceExports below), so it queues behind any other planner of the
      // company instead of holding the export row while waiting for them (lock-export-planning.ts).
      await lockExportPlanning(tx, input.companyId);
      const row = await tx.exportRecord.findUnique({
        where: { companyId_recordType_procoreId: { companyId: input.companyId, recordType: input.recordType, procoreId: input.procoreId } },
      });
      if (!row) throw new AppError('VALIDATION', 'That export does not exist.');
      const options = readExportOptions(row);
      if (row.status !== 'failed' || row.errorCode !== QB_CHANGED)
        throw new AppError('CONFLICT', `${row.title} has no QuickBooks conflict to resolve (it is ${row.status}).`);
      if (!options.qbCurrent)
        throw new AppError(
          'CONFLICT',
          `QuickBooks' current version of ${row.title} has not been read yet: it is read in the next Web Connector session. Try again after it.`,
        );
      const leftOut = input.resolution === 'keep_quickbooks' ? await leftOutOfQuickBooks(tx, input.companyId, row) : null;
      if (leftOut && input.confirm !== true) throw new AppError('CONFIRMATION_REQUIRED', leftOut, { resolution: input.resolution });
      await takeCurrentVersion(tx, row, options.qbCurrent);
      // Re-sent, it goes back through export.prepare (status approved), so Procore is read again: set back to pending
      // or deleted there since the conflict, it must not reach QuickBooks from the copy read before
      // (docs/data-safety.md, removed-in-procore-stays-out; found by the simulation, seed 40789). Queued straight
      // from the stored copy, it did.
      const status = input.resolution === 'resend_ours' ? 'approved' : 'dismissed';
      const moved = await tx.exportRecord.updateMany({
        where: { id: row.id, version: row.version },
        data: {
          status,
          requestId: null,
          waitingOn: [],
          fieldDifferences: Prisma.DbNull,
          options: { ...options, qbCurrent: undefined, diffRequestId: undefined, replans: undefined } as never,
          ...(input.resolution === 'keep_quickbooks'
            ? {
                decisionComment: leftOut
                  ? `Kept QuickBooks' version, leaving it out of QuickBooks (confirmed by ${input.actor.id})`
                  : `Kept QuickBooks' version (${input.actor.id})`,
              }
            : { errorCode: null, errorMessage: null, qbStatusCode: null, qbStatusMessage: null }),
          version: { increment: 1 },
        },
      });
      if (moved.count === 0) throw new AppError('CONFLICT', 'This record changed while you were looking at it. Reload and try again.');
      if (status === 'approved')
        await enqueueJob(tx, { companyId: input.companyId, kind: PREPARE_EXPORT_JOB, payload: { exportId: row.id }, dedupeKey: `export.prepare:${row.id}` });
      await writeAudit(tx, {
        companyId: input.companyId,
        actor: input.actor.id,
        action: 'export.resolve',
        outcome: 'ok',
        direction: 'internal',
        subjectType: `export_${row.recordType}`,
        subjectId: row.procoreId,
        detail: {
          resolution: input.resolution,
          title: row.title,
          differences: row.fieldDifferences ?? null,
          qbEditSequence: options.qbCurrent.editSequence,
          ...(leftOut ? { confirmed: true, leftOut } : {}),
        } as never,
      });
      // Kept, whatever waited for its turn on the same purchase order goes now; re-sent, it is planned once prepared.
      await advanceExports(tx, input.companyId, new Date(), { settle: false });
      return { status };
    },
    { timeout: 60_000 },
  );
}

/**
 * What "keep QuickBooks' version" would leave out of QuickBooks, as a sentence a person can act on; null when
 * nothing approved is left out. A change order's lines are in QuickBooks when QuickBooks' current version of
 * the PO holds a line carrying one of its line keys (a PurchaseOrderMod lands whole or not at all); an
 * invoice's content is in QuickBooks when its bill is linked.
 */
export async function leftOutOfQuickBooks(
  tx: Pick<Prisma.TransactionClient, 'recordLink'>,
  companyId: string,
  row: { id: string; recordType: string; procoreId: string; title: string; options: unknown; preview: unknown },
): Promise<string | null> {
  const options = readExportOptions(row);
  const total = (readPreviewFields(row) ?? []).find((f) => f.field === 'Change order total' || f.field === 'Amount due')?.value;
  const amount = total ? ` (${total})` : '';
  if (row.recordType === 'change_order') {
    const prefix = `change-order:${row.procoreId}:`;
    const lines = options.qbCurrent?.lines ?? [];
    if (lines.some((l) => l.procoreLineKey?.startsWith(prefix))) return null;
    const po = options.qbCurrent?.refNumber ? `purchase order ${options.qbCurrent.refNumber}` : 'its purchase order';
    return `${row.title} is approved in Procore but is not in QuickBooks: its lines${amount} are not on ${po}. Keeping QuickBooks' version leaves this change order out of QuickBooks, and the connector will not send it again. To add it on top of QuickBooks' version instead, choose "Resend ours"; to leave it out anyway, confirm.`;
  }
  if (row.recordType === 'prime_change_order') {
    // Its lines are in QuickBooks when the estimate's current version holds one carrying its line key (map-prime-contract.ts).
    const prefix = `prime-change-order:${row.procoreId}:`;
    const lines = options.qbCurrent?.lines ?? [];
    if (lines.some((l) => l.procoreLineKey?.startsWith(prefix))) return null;
    const estimate = options.qbCurrent?.refNumber ? `estimate ${options.qbCurrent.refNumber}` : "its prime contract's estimate";
    return `${row.title} is approved in Procore but is not in QuickBooks: its lines${amount} are not on ${estimate}, so the job's contract value there leaves it out. Keeping QuickBooks' version leaves this change order out of QuickBooks, and the connector will not send it again. To add it on top of QuickBooks' version instead, choose "Resend ours"; to leave it out anyway, confirm.`;
  }
  if (row.recordType === 'invoice') {
    const bill = await tx.recordLink.findUnique({
      where: { companyId_procoreType_procoreId: { companyId, procoreType: LINK_TYPES.invoice, procoreId: row.procoreId } },
    });
    if (bill) return null;
    return `${row.title} is approved in Procore but is not in QuickBooks: no bill holds it${amount}. Keeping QuickBooks' version leaves this invoice out of QuickBooks, and the connector will not send it again. To send it instead, choose "Resend ours"; to leave it out anyway, confirm.`;
  }
  return null;
}
