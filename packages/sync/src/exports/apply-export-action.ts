import { Prisma, type Database } from '@connector/db';
import { LINKED_FIELDS } from '@connector/mapping';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError, type AppErrorCode } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { requireDesktopEdition } from '../qbo/require-desktop-edition.ts';
import { PREPARE_EXPORT_JOB } from '../jobs/job-kinds.ts';
import { SOURCE_RESOURCES, titleFor } from './export-record-types.ts';
import { notReadyFromCopy } from './export-readiness.ts';
import { decideTransition, type ExportAction, type ExportRecordType, type ExportStatus, type Role } from './export-workflow.ts';
import { LINK_TYPES } from './load-export-links.ts';
import { lockExportPlanning } from './lock-export-planning.ts';
import { isListType } from './read-export-source.ts';
import { displayText } from '../stored/read-stored.ts';

export interface Actor {
  id: string;
  roles: readonly Role[];
}

export interface ExportChoices {
  /** Project: put the job under this existing QuickBooks customer… */
  customer?: { listId: string; fullName: string } | undefined;
  /** …or under a new customer with this name (default: the project's name). */
  customerName?: string | undefined;
  /** Commitment: the PO number when "Use Procore contract #" is off (≤ 11 characters). */
  refNumber?: string | undefined;
  /**
   * A vendor, project or cost code linked to an entry already in QuickBooks: the fields to send over
   * QuickBooks' values ("Phone", "Address"; mapping linked-fields.ts LINKED_FIELDS), chosen by the person
   * after comparing both values in the preview. None: nothing is sent (data safety).
   */
  fields?: string[] | undefined;
}

export interface ExportActionResult {
  procoreId: string;
  outcome: 'applied' | 'already' | 'refused';
  status: ExportStatus;
  /** Why it was refused, as an AppError code (NOT_APPROVED_IN_PROCORE, NOT_FOUND, CONFLICT, VALIDATION); null otherwise. */
  code: AppErrorCode | null;
  message: string | null;
}

const MAX_BULK = 500;

/**
 * A person's action on one or many exports (send to accounting, approve, reject, retry, dismiss).
 * Each record moves by the workflow's table with a version check, so a double click or two tabs
 * apply once; the second is answered "already". Every applied step is audited with who and why.
 */
export async function applyExportAction(
  db: Database,
  input: {
    companyId: string;
    recordType: ExportRecordType;
    procoreIds: readonly string[];
    action: Extract<ExportAction, 'send' | 'approve' | 'reject' | 'retry' | 'dismiss'>;
    actor: Actor;
    comment?: string | null;
    /** Choices made when sending: the customer a project's job goes under, the PO number typed by the user. */
    exportOptions?: ExportChoices | undefined;
  },
): Promise<ExportActionResult[]> {
  if (input.procoreIds.length === 0) throw new AppError('VALIDATION', 'Choose at least one record.');
  if (input.procoreIds.length > MAX_BULK) throw new AppError('VALIDATION', `At most ${MAX_BULK} records at a time.`);
  // Reject and dismiss queue nothing; what would reach QuickBooks waits for a Desktop company (require-desktop-edition.ts).
  if (input.action === 'send' || input.action === 'approve' || input.action === 'retry')
    await requireDesktopEdition(db, input.companyId, `${input.action} ${input.recordType}`);
  const settings = await getCompanySettings(db, input.companyId);
  const results: ExportActionResult[] = [];
  const at = new Date();
  for (const procoreId of new Set(input.procoreIds)) {
    results.push(await applyOne(db, input, procoreId, !settings.approvalRequired, at));
  }
  return results;
}

async function applyOne(
  db: Database,
  input: Parameters<typeof applyExportAction>[1],
  procoreId: string,
  directExport: boolean,
  /** One moment for the whole bulk action: records approved together are ordered by Procore number (advance-exports.ts). */
  at: Date,
): Promise<ExportActionResult> {
  const source = await db.prisma.procoreRecord.findFirst({
    where: { companyId: input.companyId, resourceType: { in: [...SOURCE_RESOURCES[input.recordType]] }, procoreId, deletedAt: null },
  });
  if (!source) {
    return {
      procoreId,
      outcome: 'refused',
      status: 'not_synced',
      code: 'NOT_FOUND',
      message: `No Procore ${input.recordType.replace('_', ' ')} ${procoreId} is known to the connector (deleted in Procore, or not read yet: refresh and try again).`,
    };
  }
  // An owner invoice's or prime contract's title names its project, which the record gives by id only.
  const projectName =
    input.recordType === 'owner_invoice' || input.recordType === 'prime_contract' ? await projectNameOf(db, input.companyId, source.procoreProjectId) : null;
  const title = titleFor(input.recordType, source.data, projectName);
  for (let attempt = 0; attempt < 3; attempt++) {
    const row =
      (await db.prisma.exportRecord.findUnique({
        where: { companyId_recordType_procoreId: { companyId: input.companyId, recordType: input.recordType, procoreId } },
      })) ??
      // Under the planning lock: a planner may be creating this row right now as another record's dependency
      // (advance-exports.ts ensureDependency), and the loser of that race would fail its whole pass on the unique index.
      (await db.prisma.$transaction(async (tx) => {
        await lockExportPlanning(tx, input.companyId);
        return tx.exportRecord.upsert({
          where: { companyId_recordType_procoreId: { companyId: input.companyId, recordType: input.recordType, procoreId } },
          create: {
            companyId: input.companyId,
            recordType: input.recordType,
            procoreId,
            procoreProjectId: source.procoreProjectId,
            title,
          },
          update: {},
        });
      }));
    const linked = await linkedSend(db, input, procoreId, row.status as ExportStatus);
    if (linked.answer) return linked.answer;
    const decision = decideTransition({
      action: input.action,
      status: linked.status,
      roles: input.actor.roles,
      recordType: input.recordType,
      directExport,
      comment: input.comment ?? null,
    });
    if (decision.kind === 'already') return { procoreId, outcome: 'already', status: decision.status, code: null, message: alreadyMessage(row) };
    if (decision.kind === 'refused') {
      if (decision.reason === 'role') throw new AppError('FORBIDDEN', decision.message);
      return {
        procoreId,
        outcome: 'refused',
        status: row.status as ExportStatus,
        code: decision.reason === 'comment' ? 'VALIDATION' : 'CONFLICT',
        message: decision.message,
      };
    }
    // Only what Procore approved can be sent or approved (data safety, defect 6), judged on our copy of Procore
    // (webhooks and reconciliation keep it); export.prepare checks Procore itself again before queueing.
    if (input.action === 'send' || input.action === 'approve') {
      const notReady = notReadyFromCopy(input.recordType, source.data);
      if (notReady) return { procoreId, outcome: 'refused', status: row.status as ExportStatus, code: notReady.code, message: notReady.message };
    }
    const now = at;
    const choices = input.action === 'send' && input.exportOptions ? cleanChoices(input.exportOptions) : null;
    const fields =
      input.action === 'send'
        ? {
            ...(linked.reset ? RETRY_RESET : {}),
            ...(choices ? { options: choices as Prisma.InputJsonValue } : {}),
            sentBy: input.actor.id,
            sentAt: now,
            decidedBy: decision.to === 'approved' ? `${input.actor.id} (direct export)` : null,
            decidedAt: decision.to === 'approved' ? now : null,
            decisionComment: null,
            title,
          }
        : input.action === 'approve' || input.action === 'reject'
          ? { decidedBy: input.actor.id, decidedAt: now, decisionComment: input.comment?.trim() || null }
          : input.action === 'retry'
            ? RETRY_RESET
            : {};
    // The move, its audit entry and the background work it starts commit together: a crash in between
    // cannot leave an approved record that nothing will ever pick up.
    const applied = await db.prisma.$transaction(async (tx) => {
      // First, before the row lock below: the move changes what planners read (a retry queues failed dependencies
      // again), so it waits for a planning pass of the company in progress rather than interleaving with it.
      await lockExportPlanning(tx, input.companyId);
      const updated = await tx.exportRecord.updateMany({
        where: { id: row.id, version: row.version },
        data: { ...fields, status: decision.to, version: { increment: 1 } },
      });
      if (updated.count === 0) return false; // someone else moved it: decide again on the new state
      await writeAudit(tx, {
        companyId: input.companyId,
        actor: input.actor.id,
        action: `export.${input.action}`,
        outcome: 'ok',
        direction: 'internal',
        subjectType: `export_${input.recordType}`,
        subjectId: procoreId,
        detail: {
          from: row.status,
          to: decision.to,
          comment: input.comment ?? null,
          title: row.title,
          ...(choices ? { choices: { ...choices } } : {}),
        } as never,
      });
      if (decision.to === 'approved' || input.action === 'retry') {
        // Reading the record from Procore (lines, cost codes) happens in the background, not in this click.
        await enqueueJob(tx, { companyId: input.companyId, kind: PREPARE_EXPORT_JOB, payload: { exportId: row.id }, dedupeKey: `export.prepare:${row.id}` });
      }
      if (input.action === 'retry') await retryFailedDependencies(tx, input.companyId, row.waitingOn, input.actor.id, row.title);
      return true;
    });
    if (!applied) continue;
    return { procoreId, outcome: 'applied', status: decision.to, code: null, message: null };
  }
  throw new AppError('CONFLICT', 'This record kept changing while we tried to update it. Reload and try again.');
}

/** A retry reads the record from Procore again (it may have been fixed there) and plans it afresh. */
const RETRY_RESET = {
  errorCode: null,
  errorMessage: null,
  qbStatusCode: null,
  qbStatusMessage: null,
  requestId: null,
  source: Prisma.DbNull,
  fieldDifferences: Prisma.DbNull,
  waitingOn: [] as string[],
};

/**
 * Retrying a record that failed because a dependency failed retries the dependency too, and so on down
 * the chain (a child cost code's parent item), each audited.
 */
async function retryFailedDependencies(
  tx: Prisma.TransactionClient,
  companyId: string,
  keys: readonly string[],
  actor: string,
  title: string,
  seen = new Set<string>(),
): Promise<void> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const [recordType, procoreId] = key.split(':') as [string, string];
    const dep = await tx.exportRecord.findUnique({ where: { companyId_recordType_procoreId: { companyId, recordType, procoreId } } });
    if (!dep || dep.status !== 'failed') continue;
    const moved = await tx.exportRecord.updateMany({
      where: { id: dep.id, version: dep.version },
      data: { ...RETRY_RESET, status: 'queued', version: { increment: 1 } },
    });
    if (moved.count === 0) continue;
    await writeAudit(tx, {
      companyId,
      actor,
      action: 'export.retry',
      outcome: 'ok',
      direction: 'internal',
      subjectType: `export_${recordType}`,
      subjectId: procoreId,
      detail: { from: 'failed', to: 'queued', title: dep.title, reason: `needed by ${title}` },
    });
    await enqueueJob(tx, { companyId, kind: PREPARE_EXPORT_JOB, payload: { exportId: dep.id }, dedupeKey: `export.prepare:${dep.id}` });
    await retryFailedDependencies(tx, companyId, dep.waitingOn, actor, dep.title, seen);
  }
}

/** Export states in which the record is on its way or waits for a person: a send is judged by the workflow alone. */
const IN_PROGRESS: readonly ExportStatus[] = ['sent_to_accounting', 'approved', 'queued', 'in_flight', 'failed'];

/**
 * Sending a vendor, project or cost code, judged against its QuickBooks link (data safety): linked with no field
 * chosen is answered "already" (it is in QuickBooks; nothing to send, not an error); linked with fields
 * chosen may be sent again after an earlier sync, as a Mod of those fields; a field that cannot be chosen is
 * refused. A record whose link was removed (unlinked) is not in QuickBooks any more: it can be exported again.
 * Returns the status the workflow should decide from, and whether the row starts afresh.
 */
async function linkedSend(
  db: Database,
  input: Parameters<typeof applyExportAction>[1],
  procoreId: string,
  status: ExportStatus,
): Promise<{ status: ExportStatus; reset: boolean; answer?: ExportActionResult }> {
  if (input.action !== 'send' || !isListType(input.recordType)) return { status, reset: false };
  const link = await db.prisma.recordLink.findFirst({
    where: { companyId: input.companyId, procoreType: LINK_TYPES[input.recordType], procoreId },
    select: { qbId: true, qbName: true },
  });
  const fields = cleanFields(input.exportOptions?.fields);
  const afresh = !IN_PROGRESS.includes(status);
  if (!link) return status === 'synced' ? { status: 'not_synced', reset: true } : { status, reset: false };
  if (fields.length === 0) {
    if (!afresh) return { status, reset: false };
    return {
      status,
      reset: false,
      answer: {
        procoreId,
        outcome: 'already',
        status: 'synced',
        code: null,
        message: `Linked to QuickBooks "${link.qbName ?? link.qbId}": it is already in QuickBooks, so there is nothing to send. To change it in QuickBooks, choose the fields to send after comparing both values in the preview.`,
      },
    };
  }
  const kind = input.recordType === 'vendor' ? 'vendor' : input.recordType === 'project' ? 'job' : 'item';
  const unknown = fields.filter((f) => !LINKED_FIELDS[kind].includes(f));
  if (unknown.length > 0) {
    return {
      status,
      reset: false,
      answer: {
        procoreId,
        outcome: 'refused',
        status,
        code: 'VALIDATION',
        message: `${unknown.map((f) => `"${f}"`).join(', ')} cannot be chosen for a QuickBooks ${kind}; choose from ${LINKED_FIELDS[kind].join(', ')}.`,
      },
    };
  }
  return afresh ? { status: 'not_synced', reset: status !== 'not_synced' } : { status, reset: false };
}

function cleanFields(fields: readonly string[] | undefined): string[] {
  return [...new Set((fields ?? []).map((f) => f.trim()).filter((f) => f !== ''))];
}

function cleanChoices(choices: ExportChoices): ExportChoices {
  const out: ExportChoices = {};
  const fields = cleanFields(choices.fields);
  if (fields.length > 0) out.fields = fields;
  if (choices.customer?.listId && choices.customer.fullName) out.customer = { listId: choices.customer.listId, fullName: choices.customer.fullName };
  if (choices.customerName?.trim()) out.customerName = choices.customerName.trim();
  if (choices.refNumber?.trim()) out.refNumber = choices.refNumber.trim();
  return out;
}

function alreadyMessage(row: { status: string; sentBy: string | null; decidedBy: string | null; decidedAt: Date | null }): string {
  if (row.status === 'sent_to_accounting') return `Already sent to accounting by ${row.sentBy ?? 'someone'}.`;
  if (row.status === 'rejected') return `Already rejected by ${row.decidedBy ?? 'someone'}.`;
  if (row.status === 'dismissed') return 'Already dismissed.';
  return `Already ${row.status.replace('_', ' ')}${row.decidedBy ? ` (approved by ${row.decidedBy})` : ''}.`;
}

/** The name of a project in our copy of Procore (display only: a damaged copy gives none). */
async function projectNameOf(db: Database, companyId: string, procoreProjectId: string | null): Promise<string | null> {
  if (!procoreProjectId) return null;
  const project = await db.prisma.procoreRecord.findFirst({
    where: { companyId, resourceType: 'project', procoreId: procoreProjectId, deletedAt: null },
    select: { data: true },
  });
  return project ? displayText(project.data, 'name') : null;
}
