import type { Database, Prisma } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { WRITE_PROCORE_ORIGIN_JOB } from '../jobs/job-kinds.ts';
import { LINK_TYPES, QB_TYPES } from '../links/link-types.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { PUSH_JOB_COSTS_JOB } from './import-jobs.ts';
import { classifyImportEntries, subJobRefusal, type ImportListKind } from './list-import-entries.ts';
import { vendorUpdate } from './apply-list-refresh.ts';
import { displayText, readStoredQbListEntry } from '../stored/read-stored.ts';

const SPEC = {
  jobs: { listType: 'Customer', procoreType: LINK_TYPES.project, qbType: QB_TYPES.project, resource: 'project', word: 'project' },
  vendors: { listType: 'Vendor', procoreType: LINK_TYPES.vendor, qbType: QB_TYPES.vendor, resource: 'vendor', word: 'vendor' },
} as const;

export interface LinkOutcome {
  status: 'linked';
  procoreRecord: { id: number; name: string };
}

/** The entry a person acts on; `forLink` refuses a sub-job (it cannot become or join a Procore project). */
async function findEntry(db: Database | Prisma.TransactionClient, companyId: string, kind: ImportListKind, listId: string, forLink = true) {
  const prisma = 'prisma' in db ? db.prisma : db;
  const entry = await prisma.qbListEntry.findFirst({ where: { companyId, listType: SPEC[kind].listType, listId, deletedAt: null } });
  if (!entry || (kind === 'jobs' && entry.parentListId === null)) {
    throw new AppError(
      'NOT_FOUND',
      `No QuickBooks ${kind === 'jobs' ? 'job' : 'vendor'} ${listId} was read. Refresh ${kind === 'jobs' ? 'Jobs' : 'Vendors'} and try again.`,
    );
  }
  if (forLink && kind === 'jobs' && entry.parentListId !== null) {
    const parent = await prisma.qbListEntry.findFirst({ where: { companyId, listType: 'Customer', listId: entry.parentListId, deletedAt: null } });
    const refusal = parent ? subJobRefusal(entry, new Map([[parent.listId, parent]])) : null;
    if (refusal !== null) throw new AppError('SUB_JOB_NOT_SUPPORTED', refusal);
  }
  return entry;
}

/**
 * Links a QuickBooks job (vendor) to an existing Procore project (vendor): one record link, origin_id
 * written on the Procore record by a job, job costs already read against it re-attributed. Linking
 * twice to the same record answers the same; a record linked elsewhere is refused with both named.
 */
export async function linkImportEntry(
  db: Database,
  input: { companyId: string; kind: ImportListKind; listId: string; procoreId: number; actor: string },
): Promise<LinkOutcome> {
  const spec = SPEC[input.kind];
  return db.prisma.$transaction(
    async (tx) => {
      const entry = await findEntry(tx, input.companyId, input.kind, input.listId);
      const record = await tx.procoreRecord.findFirst({
        where: { companyId: input.companyId, resourceType: spec.resource, procoreId: String(input.procoreId), deletedAt: null },
      });
      if (!record) throw new AppError('NOT_FOUND', `Procore ${spec.word} ${input.procoreId} is not in this company (or not read from Procore yet).`);
      // Display only (audit and answer): a damaged copy gives the id.
      const name = displayText(record.data, 'name') ?? `#${input.procoreId}`;
      const existing = await tx.recordLink.findFirst({
        where: { companyId: input.companyId, procoreType: spec.procoreType, procoreId: String(input.procoreId) },
      });
      const byQb = await tx.recordLink.findFirst({ where: { companyId: input.companyId, qbType: spec.qbType, qbId: entry.listId } });
      if (existing && existing.qbId === entry.listId) return { status: 'linked', procoreRecord: { id: input.procoreId, name } };
      if (existing)
        throw new AppError(
          'ALREADY_LINKED',
          `Procore ${spec.word} "${name}" is already linked to QuickBooks "${existing.qbName ?? existing.qbId}". Unlink it there first.`,
        );
      if (byQb) throw new AppError('ALREADY_LINKED', `QuickBooks "${entry.fullName}" is already linked to Procore ${spec.word} ${byQb.procoreId}.`);
      await tx.recordLink.create({
        data: {
          companyId: input.companyId,
          procoreType: spec.procoreType,
          procoreId: String(input.procoreId),
          qbType: spec.qbType,
          qbId: entry.listId,
          editSequence: entry.editSequence,
          qbName: entry.fullName,
        },
      });
      await tx.qbListEntry.update({
        where: { companyId_listType_listId: { companyId: input.companyId, listType: spec.listType, listId: entry.listId } },
        data: { archivedAt: null, archivedBy: null },
      });
      await enqueueJob(tx, {
        companyId: input.companyId,
        kind: WRITE_PROCORE_ORIGIN_JOB,
        dedupeKey: `procore-origin:${spec.resource}:${input.procoreId}`,
        payload: { recordType: spec.resource, procoreId: String(input.procoreId), listId: entry.listId, editSequence: entry.editSequence },
      });
      if (input.kind === 'jobs') {
        // Costs read against this job before it was linked can now go to the project.
        const marked = await tx.$executeRaw`
        UPDATE qb_transactions t SET needs_push = true
        WHERE t.company_id = ${input.companyId}::uuid AND t.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM qb_cost_lines l WHERE l.company_id = t.company_id AND l.txn_type = t.txn_type AND l.txn_id = t.txn_id AND l.job_list_id = ${entry.listId})`;
        if (marked > 0) await enqueueJob(tx, { companyId: input.companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
      }
      await writeAudit(tx, {
        companyId: input.companyId,
        actor: input.actor,
        action: `import.${spec.word}_linked`,
        direction: 'internal',
        outcome: 'ok',
        subjectType: `qb_${spec.listType.toLowerCase()}`,
        subjectId: entry.listId,
        detail: { qbName: entry.fullName, procoreId: input.procoreId, procoreName: name },
      });
      return { status: 'linked' as const, procoreRecord: { id: input.procoreId, name } };
    },
    { timeout: 30_000 },
  );
}

/**
 * Unlinks a QuickBooks job (vendor) from its Procore project (vendor): the record link goes, so the Procore
 * record is no longer "in QuickBooks" — the export list shows it as not linked again, and exporting it would
 * create a new entry (data safety). Nothing changes in QuickBooks or in Procore; unlinking what is not linked
 * answers the same. Audited with who unlinked what.
 */
export async function unlinkImportEntry(
  db: Database,
  input: { companyId: string; kind: ImportListKind; listId: string; actor: string },
): Promise<{ status: 'unlinked'; procoreRecord: { id: number; name: string } | null }> {
  const spec = SPEC[input.kind];
  return db.prisma.$transaction(async (tx) => {
    const link = await tx.recordLink.findFirst({
      where: { companyId: input.companyId, procoreType: spec.procoreType, qbType: spec.qbType, qbId: input.listId },
    });
    if (!link) return { status: 'unlinked' as const, procoreRecord: null };
    const record = await tx.procoreRecord.findFirst({
      where: { companyId: input.companyId, resourceType: spec.resource, procoreId: link.procoreId },
      select: { data: true },
    });
    const name = displayText(record?.data, 'name') ?? `#${link.procoreId}`;
    await tx.recordLink.deleteMany({ where: { id: link.id, companyId: input.companyId } });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: `import.${spec.word}_unlinked`,
      direction: 'internal',
      outcome: 'ok',
      subjectType: `qb_${spec.listType.toLowerCase()}`,
      subjectId: input.listId,
      detail: { qbName: link.qbName, procoreId: Number(link.procoreId), procoreName: name },
    });
    return { status: 'unlinked' as const, procoreRecord: { id: Number(link.procoreId), name } };
  });
}

/** Creates the Procore project (vendor) from the QuickBooks job (vendor), origin_id = ListID, then links it. */
export async function createProcoreFromEntry(
  db: Database,
  input: { companyId: string; kind: ImportListKind; listId: string; actor: string; client: ProcoreClient },
): Promise<LinkOutcome> {
  const spec = SPEC[input.kind];
  const entry = await findEntry(db, input.companyId, input.kind, input.listId);
  const linked = await db.prisma.recordLink.findFirst({ where: { companyId: input.companyId, qbType: spec.qbType, qbId: entry.listId } });
  if (linked) throw new AppError('ALREADY_LINKED', `QuickBooks "${entry.fullName}" is already linked to Procore ${spec.word} ${linked.procoreId}.`);
  const data = readStoredQbListEntry(entry);
  let result;
  try {
    result =
      input.kind === 'jobs'
        ? await input.client.projects.sync([
            {
              name: entry.name,
              origin_id: entry.listId,
              origin_data: entry.editSequence,
              active: entry.isActive,
              ...(data.contact?.address?.city ? { city: data.contact.address.city } : {}),
            },
          ])
        : await input.client.vendors.sync([{ ...vendorUpdate(0, data), id: undefined }]);
  } catch (error) {
    throw procoreFailure(error, `create the Procore ${spec.word} for "${entry.fullName}"`);
  }
  const failure = result.failures[0];
  const created = result.succeeded[0]?.entity as { id: number; name?: string } | undefined;
  if (failure || !created)
    throw new AppError('PROCORE_REQUEST_FAILED', `Procore refused the new ${spec.word} "${entry.name}": ${failure?.messages.join('; ') ?? 'no result'}.`, {
      fieldErrors: failure?.fields,
    });
  await db.prisma.$transaction(async (tx) => {
    await tx.procoreRecord.upsert({
      where: { companyId_resourceType_procoreId: { companyId: input.companyId, resourceType: spec.resource, procoreId: String(created.id) } },
      create: {
        companyId: input.companyId,
        resourceType: spec.resource,
        procoreId: String(created.id),
        originId: entry.listId,
        data: created as unknown as Prisma.InputJsonValue,
      },
      update: { originId: entry.listId, data: created as unknown as Prisma.InputJsonValue, deletedAt: null },
    });
    await tx.procorePush.upsert({
      where: { companyId_originId: { companyId: input.companyId, originId: `qb:${spec.listType}:${entry.listId}` } },
      create: {
        companyId: input.companyId,
        originId: `qb:${spec.listType}:${entry.listId}`,
        sourceType: spec.listType,
        sourceId: entry.listId,
        procoreType: spec.resource,
        procoreId: String(created.id),
      },
      update: { procoreId: String(created.id), status: 'active', deletedAt: null },
    });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: `import.${spec.word}_created`,
      direction: 'to_procore',
      outcome: 'ok',
      subjectType: `qb_${spec.listType.toLowerCase()}`,
      subjectId: entry.listId,
      detail: { qbName: entry.fullName, procoreId: created.id },
    });
  });
  return linkImportEntry(db, { companyId: input.companyId, kind: input.kind, listId: input.listId, procoreId: created.id, actor: input.actor });
}

export async function archiveImportEntry(
  db: Database,
  input: { companyId: string; kind: ImportListKind; listId: string; archived: boolean; actor: string },
): Promise<{ status: 'archived' | 'unarchived' }> {
  const spec = SPEC[input.kind];
  const entry = await findEntry(db, input.companyId, input.kind, input.listId, false);
  await db.prisma.$transaction(async (tx) => {
    await tx.qbListEntry.update({
      where: { companyId_listType_listId: { companyId: input.companyId, listType: spec.listType, listId: entry.listId } },
      data: input.archived ? { archivedAt: new Date(), archivedBy: input.actor } : { archivedAt: null, archivedBy: null },
    });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: input.archived ? 'import.entry_archived' : 'import.entry_unarchived',
      subjectType: `qb_${spec.listType.toLowerCase()}`,
      subjectId: entry.listId,
      detail: { qbName: entry.fullName },
    });
  });
  return { status: input.archived ? 'archived' : 'unarchived' };
}

/** "Link all suggested": each suggestion linked on its own; one that fails is reported, the rest go on. */
export async function linkAllSuggested(db: Database, input: { companyId: string; kind: ImportListKind; actor: string }) {
  const entries = await classifyImportEntries(db, input.companyId, input.kind);
  let linked = 0;
  const failed: Array<{ qbListId: string; code: string; message: string }> = [];
  for (const entry of entries) {
    if (entry.status !== 'suggested' || !entry.suggestion) continue;
    try {
      await linkImportEntry(db, { companyId: input.companyId, kind: input.kind, listId: entry.qbListId, procoreId: entry.suggestion.id, actor: input.actor });
      linked += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ qbListId: entry.qbListId, code: error.code, message: error.message });
    }
  }
  return { linked, failed };
}
