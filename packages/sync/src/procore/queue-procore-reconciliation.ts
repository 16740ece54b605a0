import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { RECONCILED_AT_CURSOR } from './reconcile-procore.ts';

export const RECONCILE_PROCORE_JOB = 'procore.reconcile';

/** Queues a reconciliation with Procore for a connected company (a full one re-reads everything). */
export async function queueProcoreReconciliation(db: Database, companyId: string, options: { full: boolean; actor: string }) {
  const { full, actor } = options;
  const connection = await db.prisma.procoreConnection.findUnique({ where: { companyId } });
  if (!connection || connection.status !== 'connected') throw new AppError('PROCORE_NOT_CONNECTED');
  return enqueueJob(db.prisma, {
    companyId,
    kind: RECONCILE_PROCORE_JOB,
    payload: { full, actor },
    dedupeKey: full ? 'procore.reconcile.full' : 'procore.reconcile',
  });
}

/** Queues a reconciliation for each connected company whose last one is older than the interval; how many were queued. */
export async function queueDueProcoreReconciliations(db: Database, reconcileIntervalMs: number): Promise<number> {
  const due = new Date(Date.now() - reconcileIntervalMs);
  const connections = await db.prisma.procoreConnection.findMany({ where: { status: 'connected' }, select: { companyId: true } });
  let queued = 0;
  for (const { companyId } of connections) {
    const cursor = await db.prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: RECONCILED_AT_CURSOR } } });
    if (cursor && new Date(cursor.value) > due) continue;
    const job = await enqueueJob(db.prisma, {
      companyId,
      kind: RECONCILE_PROCORE_JOB,
      payload: { full: false, actor: 'schedule' },
      dedupeKey: 'procore.reconcile',
    });
    if (job.created) queued++;
  }
  return queued;
}
