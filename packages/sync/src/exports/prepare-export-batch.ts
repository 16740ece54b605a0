import type { Database, ExportRecordModel, Prisma } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { isAppError } from '../errors/app-error.ts';
import { PREPARE_EXPORT_JOB } from '../jobs/job-kinds.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { advanceExports, EXPORT_ACTOR } from './advance-exports.ts';
import { notReadyFromSource } from './export-readiness.ts';
import { lockExportPlanning } from './lock-export-planning.ts';
import type { ExportRecordType } from './export-workflow.ts';
import { type CostCodeMapCache, type ExportSource, findSourceRecords, isListType, readExportSource, type SourceRecord } from './read-export-source.ts';

/**
 * export.prepare, coalesced: the job of one approved export reads from Procore every approved export of the company
 * waiting for the same step (up to `batchSize`), then queues them in one transaction under the company's planning lock
 * with one planning pass (advanceExports) for all of them. Before, each of 1,000 approved commitments was its own
 * transaction and its own planning pass over the company's queue, whose cost grew with the queue (issue 19); the other
 * rows' own jobs now find them queued and skip.
 *
 * What each export must pass is unchanged: every transaction-type record is read from Procore again here (one record,
 * one read: Procore has no call answering several contracts' schedules of values, docs/procore-api.md#commitments),
 * a record gone from Procore fails PROCORE_RECORD_MISSING, one no longer approved there fails with its
 * NOT_APPROVED_IN_PROCORE reason, a refused read fails with Procore's code, and a row changed meanwhile (version) is
 * left alone. A read that may succeed later (Procore unavailable or rate limited, or an unexpected error) leaves that
 * row as it is for its own job, which retries it — except the job's own row, whose job throws to be retried (or,
 * out of attempts, fails it) exactly as before.
 */
export interface PrepareBatchInput {
  db: Database;
  clientFor: (companyId: string) => Promise<ProcoreClient>;
  costCodes: CostCodeMapCache;
  /** The export whose job runs (its payload's exportId), and that job. */
  exportId: string;
  jobId: string;
  companyId: string;
  /** The job's attempts so far and its limit: the own row fails for good when a transient read fails on the last one. */
  attempts: number;
  maxAttempts: number;
  /** Most exports read and queued by one job (default 200). */
  batchSize?: number | undefined;
  /** Procore reads in flight at once (default 4); the client's rate limiter paces them. */
  readConcurrency?: number | undefined;
}

export type PrepareBatchResult = { skipped: string } | { failed: string; batch: BatchCounts } | ({ batch: BatchCounts } & Record<string, unknown>);

export interface BatchCounts {
  read: number;
  queued: number;
  failed: number;
  /** Left approved for their own job (a transient read failure, or the batch stopped reading after one). */
  deferred: number;
  /** Changed by someone else between the read and the write (version): left alone. */
  changed: number;
}

type Candidate = Pick<ExportRecordModel, 'id' | 'companyId' | 'version' | 'recordType' | 'procoreId' | 'title' | 'status' | 'source' | 'requestId'>;

type Outcome =
  | { kind: 'queue'; row: Candidate; source: ExportSource | null }
  | { kind: 'fail'; row: Candidate; code: string; message: string; procoreStatus: number | null }
  | { kind: 'defer'; row: Candidate; error: unknown };

const CANDIDATE_FIELDS = {
  id: true,
  companyId: true,
  version: true,
  recordType: true,
  procoreId: true,
  title: true,
  status: true,
  source: true,
  requestId: true,
} as const;

/** Whether export.prepare has work for this row: approved, or queued without what Procore answered (an interrupted prepare). */
export function needsPrepare(row: Pick<Candidate, 'status' | 'source' | 'requestId'>): boolean {
  return row.status === 'approved' || (row.status === 'queued' && row.source === null && row.requestId === null);
}

/**
 * One batch at a time per company in one server instance (`running`: the instance's own map, made by
 * createExportService): a second job of the company waits, then finds its row done. Per instance, not per process: a
 * batch stuck in an instance that died (the simulation keeps a crashed instance's Procore call unanswered) must not
 * hold up the instance that replaces it.
 */
export async function prepareExportBatch(input: PrepareBatchInput, running: Map<string, Promise<unknown>>): Promise<PrepareBatchResult> {
  for (let previous = running.get(input.companyId); previous; previous = running.get(input.companyId)) {
    await previous.catch(() => undefined);
  }
  const run = runBatch(input);
  running.set(input.companyId, run);
  try {
    return await run;
  } finally {
    if (running.get(input.companyId) === run) running.delete(input.companyId);
  }
}

async function runBatch(input: PrepareBatchInput): Promise<PrepareBatchResult> {
  const { db, companyId } = input;
  const own = await db.prisma.exportRecord.findFirst({ where: { id: input.exportId, companyId }, select: CANDIDATE_FIELDS });
  if (!own || !needsPrepare(own)) return { skipped: own?.status ?? 'missing' };
  const batchSize = input.batchSize ?? 200;
  const others =
    batchSize > 1
      ? await db.prisma.exportRecord.findMany({
          where: { companyId, status: 'approved', id: { not: own.id } },
          select: CANDIDATE_FIELDS,
          orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
          take: batchSize - 1,
        })
      : [];
  const outcomes = await readAll(input, [own, ...others]);
  const ownOutcome = outcomes[0]!;

  // The own row's transient failure: retried by its job (thrown after the others are recorded), or failed for good on the last attempt.
  let ownError: unknown = null;
  if (ownOutcome.kind === 'defer') {
    if (input.attempts < input.maxAttempts) ownError = ownOutcome.error;
    else outcomes[0] = failedRead(own, ownOutcome.error);
  }
  const counts = await record(db, companyId, input.jobId, outcomes);
  if (ownError !== null) throw ownError;
  const settled = outcomes[0]!;
  if (settled.kind === 'fail') return { failed: settled.code === 'PROCORE_RECORD_MISSING' ? 'missing in Procore' : settled.message, batch: counts.counts };
  if (!counts.ownMoved) return { skipped: 'changed meanwhile', batch: counts.counts };
  return { ...counts.advanced, batch: counts.counts };
}

/** Reads each row's source from Procore, a few at a time; after a transient failure the rest are left for their own jobs. */
async function readAll(input: PrepareBatchInput, rows: Candidate[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(rows.length);
  // One Procore client for the batch (making one reads the company's connection settings).
  let client: Promise<ProcoreClient> | null = null;
  const clientOnce = () => (client ??= input.clientFor(input.companyId));
  // Our copies of the records (where each is in Procore, and that it is not deleted) in one query for the batch.
  const copies = await findSourceRecords(
    input.db.prisma,
    input.companyId,
    rows.filter((r) => !isListType(r.recordType as ExportRecordType)).map((r) => ({ recordType: r.recordType as ExportRecordType, procoreId: r.procoreId })),
  );
  let next = 0;
  let stop = false;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= rows.length) return;
      const row = rows[index]!;
      if (stop && index > 0) {
        outcomes[index] = { kind: 'defer', row, error: null };
        continue;
      }
      outcomes[index] = await readOne(input, row, copies.get(`${row.recordType}:${row.procoreId}`) ?? null, clientOnce);
      // Procore unavailable or rate limiting: more calls now would only add to it.
      if (outcomes[index]!.kind === 'defer') stop = true;
    }
  };
  const concurrency = Math.max(1, Math.min(input.readConcurrency ?? 4, rows.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

async function readOne(input: PrepareBatchInput, row: Candidate, sourceRecord: SourceRecord | null, client: () => Promise<ProcoreClient>): Promise<Outcome> {
  const recordType = row.recordType as ExportRecordType;
  if (isListType(recordType)) return { kind: 'queue', row, source: null };
  let source: ExportSource | null;
  try {
    source = await readExportSource(input.db.prisma, {
      companyId: row.companyId,
      recordType,
      procoreId: row.procoreId,
      client,
      costCodes: input.costCodes,
      sourceRecord,
    });
  } catch (error) {
    const failure = procoreFailure(error, `read ${row.title} from Procore`);
    // Refused for good (Procore said no, our copy is damaged): fails now. Anything else may pass on a later attempt.
    if (isAppError(failure) && failure.code !== 'PROCORE_UNAVAILABLE') return failedRead(row, failure);
    return { kind: 'defer', row, error: failure };
  }
  if (!source) {
    return {
      kind: 'fail',
      row,
      code: 'PROCORE_RECORD_MISSING',
      message: `${row.title}: the record is no longer in Procore (or its project cannot be read). Refresh from Procore, then retry.`,
      procoreStatus: null,
    };
  }
  // Approved here, but no longer approved in Procore (set back to pending, under review, draft…) since:
  // it does not go to QuickBooks; the exception says why, and a retry reads Procore again.
  const notReady = notReadyFromSource(source);
  if (notReady) return { kind: 'fail', row, code: notReady.code, message: `${row.title}: ${notReady.message}`, procoreStatus: null };
  return { kind: 'queue', row, source };
}

function failedRead(row: Candidate, failure: unknown): Outcome {
  const message = `${row.title}: ${failure instanceof Error ? failure.message : String(failure)} Retry once Procore answers.`;
  return {
    kind: 'fail',
    row,
    code: isAppError(failure) ? failure.code : 'PROCORE_READ_FAILED',
    message,
    procoreStatus: (isAppError(failure) ? failure.details?.['procoreStatus'] : null) as number | null,
  };
}

/**
 * Writes every outcome in one transaction, after the company's planning lock: the queued rows with what Procore
 * answered, the failed rows with their code (each only at the version read), one audit entry per row moved, then one
 * planning pass — which also lets the change orders and invoices waiting on a failed commitment go on.
 */
async function record(db: Database, companyId: string, jobId: string, outcomes: Outcome[]) {
  const queue = outcomes.filter((o): o is Extract<Outcome, { kind: 'queue' }> => o.kind === 'queue');
  const fail = outcomes.filter((o): o is Extract<Outcome, { kind: 'fail' }> => o.kind === 'fail');
  const deferred = outcomes.length - queue.length - fail.length;
  const ownId = outcomes[0]!.row.id;
  return db.prisma.$transaction(
    async (tx) => {
      await lockExportPlanning(tx, companyId);
      const now = new Date();
      const queuedIds = new Set<string>();
      if (queue.length > 0) {
        const rows = queue.map((o) => ({ id: o.row.id, version: o.row.version, ...(o.source ? { source: o.source } : {}) }));
        // One statement for the batch (jsonb_to_recordset, as elsewhere for bulk writes); a source left null keeps the row's.
        const moved = await tx.$queryRaw<Array<{ id: string }>>`
          UPDATE export_records er
          SET status = 'queued', source = COALESCE(x.source, er.source), version = er.version + 1, updated_at = ${now}
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, version int, source jsonb)
          WHERE er.company_id = ${companyId}::uuid AND er.id = x.id AND er.version = x.version
          RETURNING er.id::text AS id`;
        for (const { id } of moved) queuedIds.add(id);
      }
      const failedIds = new Set<string>();
      if (fail.length > 0) {
        const rows = fail.map((o) => ({ id: o.row.id, version: o.row.version, error_code: o.code, error_message: o.message }));
        const moved = await tx.$queryRaw<Array<{ id: string }>>`
          UPDATE export_records er
          SET status = 'failed', error_code = x.error_code, error_message = x.error_message, version = er.version + 1, updated_at = ${now}
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, version int, error_code text, error_message text)
          WHERE er.company_id = ${companyId}::uuid AND er.id = x.id AND er.version = x.version
          RETURNING er.id::text AS id`;
        for (const { id } of moved) failedIds.add(id);
      }
      const audits: Prisma.AuditEntryCreateManyInput[] = [
        ...queue
          .filter((o) => queuedIds.has(o.row.id))
          .map((o) => ({
            companyId,
            actor: EXPORT_ACTOR,
            action: 'export.queue',
            outcome: 'ok',
            direction: 'internal',
            subjectType: `export_${o.row.recordType}`,
            subjectId: o.row.procoreId,
            detail: { title: o.row.title, from: o.row.status, to: 'queued' },
          })),
        ...fail
          .filter((o) => failedIds.has(o.row.id))
          .map((o) => ({
            companyId,
            actor: EXPORT_ACTOR,
            action: 'export.failed',
            outcome: 'error',
            direction: 'from_procore',
            subjectType: `export_${o.row.recordType}`,
            subjectId: o.row.procoreId,
            detail: { errorCode: o.code, message: o.message, procoreStatus: o.procoreStatus },
          })),
      ];
      if (audits.length > 0) await tx.auditEntry.createMany({ data: audits });
      const moved = queuedIds.size + failedIds.size;
      // The other moved rows' own export.prepare jobs, still queued, have nothing left to do: done now, naming this job,
      // rather than each claimed and run to find its row moved (800 of 1,000 jobs in an export of 1,000 commitments).
      // Only queued ones: a job a runner holds finishes by itself (and finds its row moved). In this transaction: if it
      // rolls back, so does this.
      const others = [...queuedIds, ...failedIds].filter((id) => id !== ownId);
      if (others.length > 0) {
        await tx.$executeRaw`
          UPDATE jobs SET status = 'done', result = ${JSON.stringify({ skipped: 'prepared by another job', by: jobId })}::jsonb,
            finished_at = ${now}, updated_at = ${now}
          WHERE company_id = ${companyId}::uuid AND kind = ${PREPARE_EXPORT_JOB} AND status = 'queued' AND payload->>'exportId' = ANY(${others}::text[])`;
      }
      const advanced = moved > 0 ? await advanceExports(tx, companyId, now, { settle: false }) : {};
      const counts: BatchCounts = {
        read: outcomes.length,
        queued: queuedIds.size,
        failed: failedIds.size,
        deferred,
        changed: queue.length + fail.length - moved,
      };
      return { advanced, counts, ownMoved: queuedIds.has(ownId) || failedIds.has(ownId) };
    },
    { timeout: 60_000 },
  );
}
