import type { Database } from '@connector/db';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { DELIVER_QBO_JOB } from '../jobs/job-kinds.ts';
import type { JobHandler } from '../jobs/job-lease.ts';
import type { QbwcServiceConfig } from '../qbwc/qbwc-config.ts';
import type { AfterResponses } from '../qbwc/receive-response-xml.ts';
import type { QboService } from './create-qbo-service.ts';
import { deliverQboRequests } from './deliver-qbo-requests.ts';

export interface QboDelivery {
  jobHandlers: Record<string, JobHandler>;
  /** Queues the company's delivery job when it is on QuickBooks Online (after its exports were prepared). */
  deliverSoon(companyId: string): Promise<boolean>;
  /** The schedule: queues a delivery for every Online company that has requests waiting. Returns how many. */
  queueDue(): Promise<number>;
}

export function createQboDelivery(options: {
  db: Database;
  qbo: Pick<QboService, 'clientFor'>;
  config: Pick<QbwcServiceConfig, 'maxAttempts'>;
  afterResponses?: AfterResponses;
  batchSize?: number;
  now?: () => Date;
}): QboDelivery {
  const { db } = options;
  const enqueue = (companyId: string) => enqueueJob(db.prisma, { companyId, kind: DELIVER_QBO_JOB, payload: {}, dedupeKey: DELIVER_QBO_JOB });

  async function deliverSoon(companyId: string): Promise<boolean> {
    const company = await db.prisma.company.findUnique({ where: { id: companyId }, select: { accountingEdition: true } });
    if (company?.accountingEdition !== 'online') return false;
    await enqueue(companyId);
    return true;
  }

  async function queueDue(): Promise<number> {
    // Online companies with a request queued, or in flight without a Web Connector message (a delivery to resume).
    const due = await db.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT c.id::text AS id FROM companies c
       WHERE c.accounting_edition = 'online'
         AND EXISTS (SELECT 1 FROM queued_requests q
                      WHERE q.company_id = c.id AND (q.status = 'queued' OR (q.status = 'sent' AND q.message_id IS NULL)))`;
    for (const { id } of due) await enqueue(id);
    return due.length;
  }

  const deliver: JobHandler = async (job, context) => {
    const client = await options.qbo.clientFor(job.companyId, { signal: context.signal });
    const summary = await deliverQboRequests(
      {
        db,
        client,
        config: options.config,
        afterResponses: options.afterResponses,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.now ? { now: options.now } : {}),
        beforeClaim: () => context.assertLeaseHeld(),
      },
      job.companyId,
    );
    // A run stops after a bounded number of claims; the rest is the next run's (queued beside this running one).
    if (summary.more) await enqueue(job.companyId);
    return { ...summary };
  };

  return { jobHandlers: { [DELIVER_QBO_JOB]: deliver }, deliverSoon, queueDue };
}
