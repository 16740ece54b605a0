import type { Database } from '@connector/db';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { summaryDayOf } from './claim-daily-summary.ts';

export const SEND_DAILY_SUMMARY_JOB = 'summary.send-daily';

/**
 * The daily tick (the server's one-minute schedule): from `hourUtc` on, each company whose summary of today is not
 * settled (sent, or no one to send it to) gets a durable job, deduplicated per company and day — a queued one (also a
 * retry waiting for its backoff) absorbs every later tick. Whether it is sent is decided by the claim in the job
 * (send-daily-summary.ts), so a tick on two instances at once still sends once.
 */
export async function queueDueSummaries(db: Database, input: { now: Date; hourUtc: number }): Promise<number> {
  if (input.now.getUTCHours() < input.hourUtc) return 0;
  const day = summaryDayOf(input.now);
  const due = await db.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT c.id FROM companies c
    WHERE NOT EXISTS (
      SELECT 1 FROM daily_summaries d WHERE d.company_id = c.id AND d.day = ${day} AND d.status IN ('sent', 'no_recipients'))`;
  let queued = 0;
  for (const company of due) {
    const job = await enqueueJob(db.prisma, { companyId: company.id, kind: SEND_DAILY_SUMMARY_JOB, payload: { day }, dedupeKey: `summary:${day}` });
    if (job.created) queued += 1;
  }
  return queued;
}
