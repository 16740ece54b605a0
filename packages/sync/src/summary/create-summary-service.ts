import type { Database } from '@connector/db';
import type { JobHandler } from '../jobs/run-jobs.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { readSendDailySummaryPayload } from '../stored/read-stored.ts';
import { buildDailySummary, type DailySummary } from './build-daily-summary.ts';
import { queueDueSummaries, SEND_DAILY_SUMMARY_JOB } from './queue-due-summaries.ts';
import { sendDailySummary, type SummaryMailer } from './send-daily-summary.ts';

export interface SummaryServiceOptions {
  db: Database;
  /** The SMTP transport; null = SMTP not configured: nothing is e-mailed, the summary says so. */
  mailer: SummaryMailer | null;
  /** The hour of the day (UTC) the summary goes out. */
  hourUtc: number;
  sessionIdleTimeoutMs: number;
  /** The server's PUBLIC_URL: the e-mail links to its embedded app (/app/). */
  appUrl: string | null;
  now?: () => Date;
  logger?: ServiceLogger;
}

export interface SummaryService {
  jobHandlers: Record<string, JobHandler>;
  /** The one-minute tick: queues today's summary jobs once the hour has come; 0 when SMTP is not configured. */
  queueDue(now?: Date): Promise<number>;
  /** GET /summary: the same summary the e-mail carries, for the last 24 hours. */
  read(companyId: string): Promise<DailySummary>;
}

/** The daily summary for accountants (issue 18): built on request, e-mailed once a day per company through a durable job. */
export function createSummaryService(options: SummaryServiceOptions): SummaryService {
  const now = options.now ?? (() => new Date());
  const mail = { configured: options.mailer !== null, hourUtc: options.hourUtc };
  const sendJob: JobHandler = async (job, context) => {
    const { day } = readSendDailySummaryPayload(job); // STORED_VALUE_INVALID naming jobs.payload of the row: a permanent failure
    if (!options.mailer) return { outcome: 'smtp_not_configured' };
    return sendDailySummary(options.db, {
      companyId: job.companyId,
      day,
      now: now(),
      mailer: options.mailer,
      mail,
      sessionIdleTimeoutMs: options.sessionIdleTimeoutMs,
      appUrl: options.appUrl ? `${options.appUrl.replace(/\/+$/, '')}/app/` : null,
      beforeSend: () => context.assertLeaseHeld(),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  };
  return {
    jobHandlers: { [SEND_DAILY_SUMMARY_JOB]: sendJob },
    async queueDue(at = now()) {
      if (!options.mailer) return 0;
      return queueDueSummaries(options.db, { now: at, hourUtc: options.hourUtc });
    },
    read: (companyId) => buildDailySummary(options.db, { companyId, now: now(), sessionIdleTimeoutMs: options.sessionIdleTimeoutMs, mail }),
  };
}
