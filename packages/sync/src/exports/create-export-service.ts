import type { Database, JobModel as Job, Prisma } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import type { JobHandler } from '../jobs/run-jobs.ts';
import { readPrepareExportPayload } from '../stored/read-stored.ts';
import { advanceExports } from './advance-exports.ts';
import { CostCodeMapCache } from './read-export-source.ts';
import { PREPARE_EXPORT_JOB, WRITE_PROCORE_ORIGIN_JOB } from '../jobs/job-kinds.ts';
import { prepareExportBatch } from './prepare-export-batch.ts';
import { writeProcoreOrigins } from './write-procore-origins.ts';

export interface ExportService {
  jobHandlers: Record<string, JobHandler>;
  /** Runs inside receiveResponseXML's transaction, after QuickBooks' answers are applied. */
  afterQuickBooksResponse(tx: Prisma.TransactionClient, companyId: string, now: Date): Promise<void>;
  /** Reads what a record would send (preview before approval); Procore is read for transaction types. */
  costCodes: CostCodeMapCache;
}

/**
 * The export pipeline's background work: `export.prepare` reads approved records from Procore (lines,
 * items, cost code map), stores each on its export and queues them — the approved exports of a company
 * together (prepare-export-batch.ts); `export.write-procore-origin` writes the QuickBooks ListID back to Procore
 * as origin_id once a job or vendor is in QuickBooks, the company's queued write-backs in one call.
 */
export function createExportService(options: {
  db: Database;
  clientFor: (companyId: string) => Promise<ProcoreClient>;
  /** Most exports one export.prepare job reads and queues (default 200). */
  prepareBatchSize?: number;
}): ExportService {
  const { db } = options;
  const costCodes = new CostCodeMapCache();
  // This instance's batches in progress, per company (prepare-export-batch.ts, write-procore-origins.ts).
  const preparing = new Map<string, Promise<unknown>>();
  const writingOrigins = new Map<string, Promise<unknown>>();

  async function prepare(job: Job): Promise<Record<string, unknown>> {
    const { exportId } = readPrepareExportPayload(job);
    // Coalesced: this job reads and queues every approved export of the company waiting for this step (prepare-export-batch.ts).
    return prepareExportBatch(
      {
        db,
        clientFor: options.clientFor,
        costCodes,
        exportId,
        jobId: job.id,
        companyId: job.companyId,
        attempts: job.attempts,
        maxAttempts: job.maxAttempts,
        batchSize: options.prepareBatchSize,
      },
      preparing,
    );
  }

  async function writeOrigin(job: Job): Promise<Record<string, unknown>> {
    // Coalesced: one /sync call for this record and the other queued write-backs of the company (write-procore-origins.ts).
    return writeProcoreOrigins({ db, clientFor: options.clientFor, job }, writingOrigins);
  }

  return {
    jobHandlers: { [PREPARE_EXPORT_JOB]: prepare, [WRITE_PROCORE_ORIGIN_JOB]: writeOrigin },
    afterQuickBooksResponse: async (tx, companyId, now) => {
      await advanceExports(tx, companyId, now);
    },
    costCodes,
  };
}
