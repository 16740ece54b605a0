import { Prisma, type Database, type ExportRecordModel } from '@connector/db';
import { LINKED_FIELDS } from '@connector/mapping';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError, type AppErrorCode } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { enqueueJobs } from '../jobs/enqueue-jobs.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { requireExportableEdition } from '../qbo/require-edition-ready.ts';
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
  // Reject and dismiss queue nothing; what reaches QuickBooks Online needs its connection (require-edition-ready.ts).
  if (input.action === 'send' || input.action === 'approve' || input.action === 'retry') await requireExportableEdition(db, input.companyId);
  const settings = await getCompanySettings(db, input.companyId);
  const results: ExportActionResult[] = [];
  const at = new Date();
  const procoreIds = [...new Set(input.procoreIds)];
  // A retry also retries the failed dependencies of each record, in turn (retryFailedDependencies): one record at a time,
  // so a record that is itself another's dependency is judged after that one's chain, as it always was.
  if (input.action === 'retry') {
    for (const procoreId of procoreIds) results.push(await applyOne(db, input, procoreId, !settings.approvalRequired, at));
    return results;
  }
  // Who may act does not depend on the record (export-workflow.ts decideTransition): refused before anything is written.
  const role = decideTransition({ action: input.action, status: 'not_synced', roles: input.actor.roles, recordType: input.recordType });
  if (role.kind === 'refused' && role.reason === 'role') throw new AppError('FORBIDDEN', role.message);
  for (let i = 0; i < procoreIds.length; i += BULK_CHUNK) {
    results.push(...(await applyChunk(db, input, procoreIds.slice(i, i + BULK_CHUNK), !settings.approvalRequired, at)));
  }
  return results;
}

/**
 * Records per transaction of a bulk action (issue 19): each chunk is read in a few queries and moved in one transaction
 * under the planning lock (one UPDATE, one audit INSERT, one job INSERT), so the lock is held for three statements
 * however many records are chosen, and other planners wait at most one chunk.
 */
const BULK_CHUNK = 200;

type Move = {
  row: ExportRecordModel;
  to: ExportStatus;
  title: string;
  /** A linked list record sent afresh: its previous export's outcome is cleared (RETRY_RESET). */
  reset: boolean;
};

/**
 * One chunk of a bulk send, approve, reject or dismiss: the same judgement as applyOne, record by record, on rows read
 * in one query each; the moves are written together, each guarded by the version read. A row someone else moved
 * meanwhile is not overwritten: it goes through applyOne, which reads it again and decides on its new state
 * ("already" for a double click, refused if it may not move), exactly as a conflict did before.
 */
async function applyChunk(
  db: Database,
  input: Parameters<typeof applyExportAction>[1],
  procoreIds: readonly string[],
  directExport: boolean,
  at: Date,
): Promise<ExportActionResult[]> {
  const { companyId, recordType } = input;
  const sourceRows = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: { in: [...SOURCE_RESOURCES[recordType]] }, procoreId: { in: [...procoreIds] }, deletedAt: null },
  });
  const sources = new Map<string, (typeof sourceRows)[number]>();
  for (const s of sourceRows) if (!sources.has(s.procoreId)) sources.set(s.procoreId, s);
  const projectNames =
    recordType === 'owner_invoice' || recordType === 'prime_contract'
      ? await projectNamesOf(
          db,
          companyId,
          [...sources.values()].map((s) => s.procoreProjectId),
        )
      : new Map<string, string | null>();
  const titles = new Map<string, string>();
  for (const [procoreId, s] of sources)
    titles.set(procoreId, titleFor(recordType, s.data, s.procoreProjectId ? (projectNames.get(s.procoreProjectId) ?? null) : null));
  const known = procoreIds.filter((id) => sources.has(id));
  const rows = new Map<string, ExportRecordModel>();
  if (known.length > 0) {
    for (const r of await db.prisma.exportRecord.findMany({ where: { companyId, recordType, procoreId: { in: known } } })) rows.set(r.procoreId, r);
  }
  const missing = known.filter((id) => !rows.has(id));
  if (missing.length > 0) {
    // Under the planning lock: a planner may be creating one of these rows right now as another record's dependency
    // (advance-exports.ts ensureDependency); ON CONFLICT DO NOTHING takes its row as the upsert did.
    const created = await db.prisma.$transaction(async (tx) => {
      await lockExportPlanning(tx, companyId);
      await tx.exportRecord.createMany({
        data: missing.map((procoreId) => ({
          companyId,
          recordType,
          procoreId,
          procoreProjectId: sources.get(procoreId)!.procoreProjectId,
          title: titles.get(procoreId)!,
        })),
        skipDuplicates: true,
      });
      return tx.exportRecord.findMany({ where: { companyId, recordType, procoreId: { in: missing } } });
    });
    for (const r of created) rows.set(r.procoreId, r);
  }
  const links =
    input.action === 'send' && isListType(recordType) && known.length > 0
      ? new Map(
          (
            await db.prisma.recordLink.findMany({
              where: { companyId, procoreType: LINK_TYPES[recordType], procoreId: { in: known } },
              select: { procoreId: true, qbId: true, qbName: true },
            })
          ).map((l) => [l.procoreId, l]),
        )
      : null;

  const answers = new Map<string, ExportActionResult>();
  const moves: Move[] = [];
  for (const procoreId of procoreIds) {
    const source = sources.get(procoreId);
    const row = rows.get(procoreId);
    if (!source) {
      answers.set(procoreId, notFound(recordType, procoreId));
      continue;
    }
    if (!row) continue; // not there after the create (removed meanwhile): applyOne below, as before
    const linked = linkedSendFrom(input, procoreId, row.status as ExportStatus, links?.get(procoreId) ?? null);
    const decided = judge(input, row, source.data, linked, directExport);
    if ('answer' in decided) answers.set(procoreId, decided.answer);
    else moves.push({ row, to: decided.to, title: titles.get(procoreId)!, reset: linked.reset });
  }

  const moved = moves.length > 0 ? await writeMoves(db, input, moves, at) : new Set<string>();
  for (const m of moves) {
    if (moved.has(m.row.id)) answers.set(m.row.procoreId, { procoreId: m.row.procoreId, outcome: 'applied', status: m.to, code: null, message: null });
  }
  const results: ExportActionResult[] = [];
  for (const procoreId of procoreIds) {
    // Moved by someone else between our read and our write: read again and decided afresh, one record.
    results.push(answers.get(procoreId) ?? (await applyOne(db, input, procoreId, directExport, at)));
  }
  return results;
}

/**
 * The moves of one chunk in one transaction: the status moves in one UPDATE guarded by each row's version (as
 * prepare-export-batch.ts queues), the audit entries of the rows it moved in one INSERT, and their export.prepare
 * jobs in one INSERT (enqueue-jobs.ts). Returns the ids of the rows moved.
 */
async function writeMoves(db: Database, input: Parameters<typeof applyExportAction>[1], moves: readonly Move[], at: Date): Promise<Set<string>> {
  const { companyId, action, actor } = input;
  const choices = action === 'send' && input.exportOptions ? cleanChoices(input.exportOptions) : null;
  const comment = action === 'approve' || action === 'reject' ? input.comment?.trim() || null : null;
  const rows = JSON.stringify(moves.map((m) => ({ id: m.row.id, version: m.row.version, status: m.to, title: m.title, reset: m.reset })));
  return db.prisma.$transaction(async (tx) => {
    // First, before the row locks of the UPDATE (lock-export-planning.ts: the order rule).
    await lockExportPlanning(tx, companyId);
    const updatedAt = new Date();
    const updated =
      action === 'send'
        ? await tx.$queryRaw<Array<{ id: string }>>`
            UPDATE export_records er
            SET status = x.status, version = er.version + 1, updated_at = ${updatedAt},
                sent_by = ${actor.id}, sent_at = ${at},
                decided_by = CASE WHEN x.status = 'approved' THEN ${`${actor.id} (direct export)`} ELSE NULL END,
                decided_at = CASE WHEN x.status = 'approved' THEN ${at}::timestamptz ELSE NULL END,
                decision_comment = NULL, title = x.title,
                options = CASE WHEN ${choices !== null}::boolean THEN ${JSON.stringify(choices)}::jsonb ELSE er.options END,
                error_code = CASE WHEN x.reset THEN NULL ELSE er.error_code END,
                error_message = CASE WHEN x.reset THEN NULL ELSE er.error_message END,
                qb_status_code = CASE WHEN x.reset THEN NULL ELSE er.qb_status_code END,
                qb_status_message = CASE WHEN x.reset THEN NULL ELSE er.qb_status_message END,
                request_id = CASE WHEN x.reset THEN NULL ELSE er.request_id END,
                source = CASE WHEN x.reset THEN NULL ELSE er.source END,
                field_differences = CASE WHEN x.reset THEN NULL ELSE er.field_differences END,
                waiting_on = CASE WHEN x.reset THEN '{}'::text[] ELSE er.waiting_on END
            FROM jsonb_to_recordset(${rows}::jsonb) AS x(id uuid, version int, status text, title text, reset boolean)
            WHERE er.company_id = ${companyId}::uuid AND er.id = x.id AND er.version = x.version
            RETURNING er.id::text AS id`
        : action === 'approve' || action === 'reject'
          ? await tx.$queryRaw<Array<{ id: string }>>`
            UPDATE export_records er
            SET status = x.status, version = er.version + 1, updated_at = ${updatedAt},
                decided_by = ${actor.id}, decided_at = ${at}, decision_comment = ${comment}
            FROM jsonb_to_recordset(${rows}::jsonb) AS x(id uuid, version int, status text)
            WHERE er.company_id = ${companyId}::uuid AND er.id = x.id AND er.version = x.version
            RETURNING er.id::text AS id`
          : await tx.$queryRaw<Array<{ id: string }>>`
            UPDATE export_records er
            SET status = x.status, version = er.version + 1, updated_at = ${updatedAt}
            FROM jsonb_to_recordset(${rows}::jsonb) AS x(id uuid, version int, status text)
            WHERE er.company_id = ${companyId}::uuid AND er.id = x.id AND er.version = x.version
            RETURNING er.id::text AS id`;
    const moved = new Set(updated.map((u) => u.id));
    const done = moves.filter((m) => moved.has(m.row.id));
    if (done.length === 0) return moved;
    await tx.auditEntry.createMany({
      data: done.map((m) => ({
        companyId,
        actor: actor.id,
        action: `export.${action}`,
        outcome: 'ok',
        direction: 'internal',
        subjectType: `export_${input.recordType}`,
        subjectId: m.row.procoreId,
        detail: {
          from: m.row.status,
          to: m.to,
          comment: input.comment ?? null,
          title: m.row.title,
          ...(choices ? { choices: { ...choices } } : {}),
        } as never,
      })),
    });
    // Reading the records from Procore (lines, cost codes) happens in the background, not in this click.
    const approved = done.filter((m) => m.to === 'approved');
    if (approved.length > 0) {
      await enqueueJobs(
        tx,
        approved.map((m) => ({ companyId, kind: PREPARE_EXPORT_JOB, payload: { exportId: m.row.id }, dedupeKey: `export.prepare:${m.row.id}` })),
      );
    }
    return moved;
  });
}

/** What applyOne decides for a row once it is read: an answer, or the status to move it to. */
function judge(
  input: Parameters<typeof applyExportAction>[1],
  row: ExportRecordModel,
  sourceData: unknown,
  linked: { status: ExportStatus; answer?: ExportActionResult },
  directExport: boolean,
): { answer: ExportActionResult } | { to: ExportStatus } {
  const procoreId = row.procoreId;
  if (linked.answer) return { answer: linked.answer };
  const decision = decideTransition({
    action: input.action,
    status: linked.status,
    roles: input.actor.roles,
    recordType: input.recordType,
    directExport,
    comment: input.comment ?? null,
  });
  if (decision.kind === 'already') return { answer: { procoreId, outcome: 'already', status: decision.status, code: null, message: alreadyMessage(row) } };
  if (decision.kind === 'refused') {
    if (decision.reason === 'role') throw new AppError('FORBIDDEN', decision.message);
    return {
      answer: {
        procoreId,
        outcome: 'refused',
        status: row.status as ExportStatus,
        code: decision.reason === 'comment' ? 'VALIDATION' : 'CONFLICT',
        message: decision.message,
      },
    };
  }
  // Only what Procore approved can be sent or approved (data safety, defect 6), judged on our copy of Procore
  // (webhooks and reconciliation keep it); export.prepare checks Procore itself again before queueing.
  if (input.action === 'send' || input.action === 'approve') {
    const notReady = notReadyFromCopy(input.recordType, sourceData);
    if (notReady) return { answer: { procoreId, outcome: 'refused', status: row.status as ExportStatus, code: notReady.code, message: notReady.message } };
  }
  return { to: decision.to };
}

function notFound(recordType: ExportRecordType, procoreId: string): ExportActionResult {
  return {
    procoreId,
    outcome: 'refused',
    status: 'not_synced',
    code: 'NOT_FOUND',
    message: `No Procore ${recordType.replace('_', ' ')} ${procoreId} is known to the connector (deleted in Procore, or not read yet: refresh and try again).`,
  };
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
  if (!source) return notFound(input.recordType, procoreId);
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
    const decided = judge(input, row, source.data, linked, directExport);
    if ('answer' in decided) return decided.answer;
    const decision = { to: decided.to };
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
  return linkedSendFrom(input, procoreId, status, link);
}

/** linkedSend on a link already read (null: not linked). */
function linkedSendFrom(
  input: Parameters<typeof applyExportAction>[1],
  procoreId: string,
  status: ExportStatus,
  link: { qbId: string; qbName: string | null } | null,
): { status: ExportStatus; reset: boolean; answer?: ExportActionResult } {
  if (input.action !== 'send' || !isListType(input.recordType)) return { status, reset: false };
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

/** The names of projects in our copy of Procore, by Procore id (display only: a damaged copy gives none). */
async function projectNamesOf(db: Database, companyId: string, procoreProjectIds: ReadonlyArray<string | null>): Promise<Map<string, string | null>> {
  const ids = [...new Set(procoreProjectIds.filter((id): id is string => id !== null))];
  const names = new Map<string, string | null>();
  if (ids.length === 0) return names;
  const projects = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: 'project', procoreId: { in: ids }, deletedAt: null },
    select: { procoreId: true, data: true },
  });
  for (const p of projects) if (!names.has(p.procoreId)) names.set(p.procoreId, displayText(p.data, 'name'));
  return names;
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
