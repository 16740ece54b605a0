import type { Database, JobModel as Job } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { WRITE_PROCORE_ORIGIN_JOB } from '../jobs/job-kinds.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { readWriteOriginPayload } from '../stored/read-stored.ts';
import { EXPORT_ACTOR } from './advance-exports.ts';

type OriginWrite = ReturnType<typeof readWriteOriginPayload> & { jobId: string };

/** Procore's /sync endpoints take up to 1000 items per call (docs/procore-api.md#sync-endpoints). */
const MAX_PER_CALL = 1000;

/**
 * export.write-procore-origin, coalesced: the QuickBooks ListID of a job or vendor goes back to Procore as origin_id
 * (with the EditSequence in origin_data, as Procore's own QuickBooks connector does). One job writes its own record
 * and those of every other queued job of the kind for the company, of the same record type, in one /sync call;
 * each record written gets its audit entry naming the job that asked for it, and that job is done (if a runner
 * already holds it, it finds its audit entry and makes no call). 150 vendors of an export were 150 calls, now one. A record Procore refuses
 * fails only its own job (the others' jobs are left to run and report it).
 */
export async function writeProcoreOrigins(
  input: { db: Database; clientFor: (companyId: string) => Promise<ProcoreClient>; job: Job },
  /** One coalesced write at a time per company in one server instance (its own map): a second job waits, then usually finds its write done. */
  running: Map<string, Promise<unknown>>,
) {
  const { companyId } = input.job;
  for (let previous = running.get(companyId); previous; previous = running.get(companyId)) await previous.catch(() => undefined);
  const run = writeBatch(input);
  running.set(companyId, run);
  try {
    return await run;
  } finally {
    if (running.get(companyId) === run) running.delete(companyId);
  }
}

async function writeBatch({ db, clientFor, job }: { db: Database; clientFor: (companyId: string) => Promise<ProcoreClient>; job: Job }) {
  const own: OriginWrite = { ...readWriteOriginPayload(job), jobId: job.id };
  if (await writtenFor(db, job, own)) return { originId: own.listId, writtenWith: 'an earlier job' };

  // The other queued writes of the same record type (a damaged payload is left to its own job, which fails on it).
  const queued = await db.prisma.job.findMany({
    where: { companyId: job.companyId, kind: WRITE_PROCORE_ORIGIN_JOB, status: 'queued', id: { not: job.id } },
    orderBy: { createdAt: 'asc' },
    take: MAX_PER_CALL - 1,
  });
  const writes = [own];
  for (const other of queued) {
    let payload;
    try {
      payload = readWriteOriginPayload(other);
    } catch {
      continue;
    }
    // One write per record: its newest job's values (the own job's when it is one of them).
    if (payload.recordType !== own.recordType || writes.some((w) => w.procoreId === payload.procoreId)) continue;
    writes.push({ ...payload, jobId: other.id });
  }

  const client = await clientFor(job.companyId);
  const updates = writes.map((w) => ({ id: Number(w.procoreId), origin_id: w.listId, origin_data: JSON.stringify({ edit_sequence: w.editSequence }) }));
  let result;
  try {
    result = own.recordType === 'project' ? await client.projects.sync(updates) : await client.vendors.sync(updates);
  } catch (error) {
    throw procoreFailure(
      error,
      `write the QuickBooks id back to Procore ${own.recordType} ${own.procoreId}${writes.length > 1 ? ` (and ${writes.length - 1} more)` : ''}`,
    );
  }
  const refused = new Map(result.failures.map((f) => [String(f.item.id), f]));
  const written = writes.filter((w) => !refused.has(w.procoreId));
  await db.prisma.$transaction(async (tx) => {
    for (const w of written) {
      await tx.procoreRecord.updateMany({
        where: { companyId: job.companyId, resourceType: w.recordType, procoreId: w.procoreId },
        data: { originId: w.listId },
      });
    }
    await tx.auditEntry.createMany({
      data: written.map((w) => ({
        companyId: job.companyId,
        actor: EXPORT_ACTOR,
        action: 'export.origin_written',
        outcome: 'ok',
        direction: 'to_procore',
        subjectType: `export_${w.recordType}`,
        subjectId: w.procoreId,
        detail: { originId: w.listId, editSequence: w.editSequence, jobId: w.jobId },
      })),
    });
    // The other jobs written for, if still queued, are done (a job a runner holds finds its audit entry and makes no call).
    const others = written.filter((w) => w.jobId !== job.id).map((w) => w.jobId);
    if (others.length > 0) {
      const now = new Date();
      await tx.$executeRaw`
        UPDATE jobs SET status = 'done', result = ${JSON.stringify({ writtenBy: job.id })}::jsonb, finished_at = ${now}, updated_at = ${now}
        WHERE company_id = ${job.companyId}::uuid AND kind = ${WRITE_PROCORE_ORIGIN_JOB} AND status = 'queued' AND id::text = ANY(${others}::text[])`;
    }
  });
  const failure = refused.get(own.procoreId);
  if (failure) throw new Error(`Procore refused origin_id for ${own.recordType} ${own.procoreId}: ${failure.messages.join('; ')}`);
  return { originId: own.listId, recordsInCall: writes.length, refusedOthers: refused.size };
}

/** Whether a coalesced write since this job was queued wrote exactly what it asks, on its behalf. */
async function writtenFor(db: Database, job: Job, write: OriginWrite): Promise<boolean> {
  const entries = await db.prisma.auditEntry.findMany({
    where: {
      companyId: job.companyId,
      action: 'export.origin_written',
      subjectType: `export_${write.recordType}`,
      subjectId: write.procoreId,
      at: { gte: job.createdAt },
    },
    select: { detail: true },
  });
  return entries.some((e) => {
    const d = e.detail;
    return (
      d !== null &&
      typeof d === 'object' &&
      !Array.isArray(d) &&
      d['jobId'] === job.id &&
      d['originId'] === write.listId &&
      d['editSequence'] === write.editSequence
    );
  });
}
