import type { Database, JobModel as Job } from '@connector/db';

export type JobUpdate = Parameters<Database['prisma']['job']['updateMany']>[0]['data'];

/**
 * Fenced write of a job's row: applies only while `leaseId` is the job's token and it is running, so a run that lost its
 * lease (another runner claimed the job since) can no longer record anything. Returns whether it applied.
 */
export async function writeIfHeld(db: Database, job: Pick<Job, 'id' | 'companyId'>, leaseId: string, data: JobUpdate): Promise<boolean> {
  const { count } = await db.prisma.job.updateMany({ where: { id: job.id, companyId: job.companyId, leaseId, status: 'running' }, data });
  return count === 1;
}
