import type { Database, JobModel as Job, Prisma } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import type { JobHandler } from '../jobs/run-jobs.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { readPrepareExportPayload, readWriteOriginPayload } from '../stored/read-stored.ts';
import { advanceExports, EXPORT_ACTOR } from './advance-exports.ts';
import { CostCodeMapCache, isListType, readExportSource } from './read-export-source.ts';
import { PREPARE_EXPORT_JOB, WRITE_PROCORE_ORIGIN_JOB } from '../jobs/job-kinds.ts';
import { notReadyFromSource } from './export-readiness.ts';
import type { ExportRecordType } from './export-workflow.ts';

export interface ExportService {
  jobHandlers: Record<string, JobHandler>;
  /** Runs inside receiveResponseXML's transaction, after QuickBooks' answers are applied. */
  afterQuickBooksResponse(tx: Prisma.TransactionClient, companyId: string, now: Date): Promise<void>;
  /** Reads what a record would send (preview before approval); Procore is read for transaction types. */
  costCodes: CostCodeMapCache;
}

/**
 * The export pipeline's background work: `export.prepare` reads an approved record from Procore (lines,
 * items, cost code map), stores it on the export and queues it; `export.write-procore-origin` writes the
 * QuickBooks ListID back to Procore as origin_id once a job or vendor is in QuickBooks.
 */
export function createExportService(options: { db: Database; clientFor: (companyId: string) => Promise<ProcoreClient> }): ExportService {
  const { db } = options;
  const costCodes = new CostCodeMapCache();

  async function prepare(job: Job): Promise<Record<string, unknown>> {
    const { exportId } = readPrepareExportPayload(job);
    const row = await db.prisma.exportRecord.findFirst({ where: { id: exportId, companyId: job.companyId } });
    if (!row || !(row.status === 'approved' || (row.status === 'queued' && row.source === null && row.requestId === null))) {
      return { skipped: row?.status ?? 'missing' };
    }
    let source = null;
    if (!isListType(row.recordType as ExportRecordType)) {
      try {
        source = await readExportSource(db.prisma, {
          companyId: row.companyId,
          recordType: row.recordType as ExportRecordType,
          procoreId: row.procoreId,
          client: () => options.clientFor(row.companyId),
          costCodes,
        });
      } catch (error) {
        const failure = procoreFailure(error, `read ${row.title} from Procore`);
        const final = job.attempts >= job.maxAttempts || (isAppError(failure) && failure.code !== 'PROCORE_UNAVAILABLE');
        if (!final) throw failure;
        const message = `${row.title}: ${failure instanceof Error ? failure.message : String(failure)} Retry once Procore answers.`;
        await markFailed(
          row,
          isAppError(failure) ? failure.code : 'PROCORE_READ_FAILED',
          message,
          (isAppError(failure) ? failure.details?.['procoreStatus'] : null) as number | null,
        );
        return { failed: message };
      }
      if (!source) {
        await markFailed(
          row,
          'PROCORE_RECORD_MISSING',
          `${row.title}: the record is no longer in Procore (or its project cannot be read). Refresh from Procore, then retry.`,
          null,
        );
        return { failed: 'missing in Procore' };
      }
      // Approved here, but no longer approved in Procore (set back to pending, under review, draft…) since:
      // it does not go to QuickBooks; the exception says why, and a retry reads Procore again.
      const notReady = notReadyFromSource(source);
      if (notReady) {
        await markFailed(row, notReady.code, `${row.title}: ${notReady.message}`, null);
        return { failed: notReady.message };
      }
    }
    return db.prisma.$transaction(
      async (tx) => {
        await lockExportPlanning(tx, row.companyId);
        const moved = await tx.exportRecord.updateMany({
          where: { id: row.id, companyId: row.companyId, version: row.version },
          data: { status: 'queued', ...(source ? { source: source as never } : {}), version: { increment: 1 } },
        });
        if (moved.count === 0) return { skipped: 'changed meanwhile' };
        await writeAudit(tx, {
          companyId: row.companyId,
          actor: EXPORT_ACTOR,
          action: 'export.queue',
          outcome: 'ok',
          direction: 'internal',
          subjectType: `export_${row.recordType}`,
          subjectId: row.procoreId,
          detail: { title: row.title, from: row.status, to: 'queued' },
        });
        const advanced = await advanceExports(tx, row.companyId, new Date(), { settle: false });
        return { ...advanced };
      },
      { timeout: 60_000 },
    );
  }

  async function markFailed(
    row: { id: string; companyId: string; version: number; recordType: string; procoreId: string; title: string },
    errorCode: string,
    errorMessage: string,
    procoreStatus: number | null,
  ) {
    await db.prisma.$transaction(
      async (tx) => {
        await lockExportPlanning(tx, row.companyId);
        const moved = await tx.exportRecord.updateMany({
          where: { id: row.id, version: row.version },
          data: { status: 'failed', errorCode, errorMessage, version: { increment: 1 } },
        });
        if (moved.count === 0) return;
        await writeAudit(tx, {
          companyId: row.companyId,
          actor: EXPORT_ACTOR,
          action: 'export.failed',
          outcome: 'error',
          direction: 'from_procore',
          subjectType: `export_${row.recordType}`,
          subjectId: row.procoreId,
          detail: { errorCode, message: errorMessage, procoreStatus },
        });
        // Change orders and invoices of the same commitment may wait for this one's turn (advance-exports.ts): they go now.
        await advanceExports(tx, row.companyId, new Date(), { settle: false });
      },
      { timeout: 60_000 },
    );
  }

  async function writeOrigin(job: Job): Promise<Record<string, unknown>> {
    const { recordType, procoreId, listId, editSequence } = readWriteOriginPayload(job);
    const client = await options.clientFor(job.companyId);
    // origin_data carries the EditSequence, as Procore's own QuickBooks connector does.
    const update = { id: Number(procoreId), origin_id: listId, origin_data: JSON.stringify({ edit_sequence: editSequence }) };
    let result;
    try {
      result = recordType === 'project' ? await client.projects.sync([update]) : await client.vendors.sync([update]);
    } catch (error) {
      throw procoreFailure(error, `write the QuickBooks id back to Procore ${recordType} ${procoreId}`);
    }
    const failure = result.failures[0];
    if (failure) throw new Error(`Procore refused origin_id for ${recordType} ${procoreId}: ${failure.messages.join('; ')}`);
    await db.prisma.procoreRecord.updateMany({ where: { companyId: job.companyId, resourceType: recordType, procoreId }, data: { originId: listId } });
    await writeAudit(db.prisma, {
      companyId: job.companyId,
      actor: EXPORT_ACTOR,
      action: 'export.origin_written',
      outcome: 'ok',
      direction: 'to_procore',
      subjectType: `export_${recordType}`,
      subjectId: procoreId,
      detail: { originId: listId, editSequence },
    });
    return { originId: listId };
  }

  return {
    jobHandlers: { [PREPARE_EXPORT_JOB]: prepare, [WRITE_PROCORE_ORIGIN_JOB]: writeOrigin },
    afterQuickBooksResponse: async (tx, companyId, now) => {
      await advanceExports(tx, companyId, now);
    },
    costCodes,
  };
}

/**
 * One export-planning pass per company at a time among the background jobs (issue 20: JOB_CONCURRENCY runs
 * several export.prepare jobs at once, on one instance or many). Two passes planning at once both saw a missing
 * dependency (a vendor, a cost code) and both created its export row: the second failed on the unique index and
 * its job was retried half a minute later. Taken first in the transaction, before any row lock, so two jobs
 * wait for each other without holding anything (no deadlock); released at commit or rollback.
 */
async function lockExportPlanning(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, companyId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`export-planning:${companyId}`}, 0))::text AS locked`;
}
