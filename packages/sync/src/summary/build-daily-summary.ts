import { EXPORT_RECORD_TYPES, type DailySummaryBody, type ExportRecordType } from '@connector/contract';
import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { listExceptions } from '../exceptions/list-exceptions.ts';
import { countOpenWork } from '../qbwc/count-open-work.ts';
import { describeQbwcConnection } from '../qbwc-connection/describe-qbwc-connection.ts';
import { estimateNextQbwcRun } from './estimate-next-qbwc-run.ts';
import { listSummaryRecipients } from './list-summary-recipients.ts';

export type { DailySummaryBody as DailySummary } from '@connector/contract';

const DAY_MS = 24 * 3600_000;
const ENDED_STATES = ['closed', 'failed', 'expired'] as const;

/** How the e-mail of the summary is set up on this server (apps/server config: SMTP_*, DAILY_SUMMARY_HOUR_UTC). */
export interface SummaryMailSetup {
  configured: boolean;
  hourUtc: number;
}

/**
 * The daily summary for accountants (issue 18; Procore's own connector e-mails one): exports synced since `since` (the
 * previous summary sent, else 24 hours back) by record type, what waits for approval, what is on its way to QuickBooks,
 * the open exceptions of both directions, the last Web Connector session and the next expected run. One object for the
 * e-mail and the app's first screen. The Web Connector's status is the Connection screen's (describeQbwcConnection),
 * the open requests the QBWC session's own count (countOpenWork), the exceptions the Exceptions screen's counts.
 * Every query is scoped by company.
 */
export async function buildDailySummary(
  db: Database,
  input: { companyId: string; now: Date; since?: Date; sessionIdleTimeoutMs: number; mail: SummaryMailSetup },
): Promise<DailySummaryBody> {
  const { companyId, now } = input;
  const company = await db.prisma.company.findUnique({ where: { id: companyId } });
  if (!company) throw new AppError('COMPANY_NOT_FOUND');
  const since = input.since ?? new Date(now.getTime() - DAY_MS);
  const [synced, byStatus, openWork, exceptions, connection, lastSession, recipients, lastMail] = await Promise.all([
    db.prisma.exportRecord.groupBy({
      by: ['recordType'],
      where: { companyId, status: 'synced', updatedAt: { gte: since, lte: now } },
      _count: { _all: true },
    }),
    db.prisma.exportRecord.groupBy({
      by: ['status'],
      where: { companyId, status: { in: ['sent_to_accounting', 'approved', 'queued', 'in_flight'] } },
      _count: { _all: true },
    }),
    countOpenWork(db.prisma, companyId, null),
    listExceptions(db, { companyId, limit: 0, offset: 0 }),
    describeQbwcConnection(db, { companyId, now, sessionIdleTimeoutMs: input.sessionIdleTimeoutMs }),
    db.prisma.qbwcSession.findFirst({
      where: { companyId, state: { in: [...ENDED_STATES] }, closedAt: { not: null } },
      orderBy: { closedAt: 'desc' },
    }),
    listSummaryRecipients(db, companyId),
    db.prisma.dailySummary.findFirst({ where: { companyId }, orderBy: { day: 'desc' } }),
  ]);
  const statusCount = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const byRecordType = EXPORT_RECORD_TYPES.flatMap((recordType: ExportRecordType) => {
    const count = synced.find((row) => row.recordType === recordType)?._count._all ?? 0;
    return count > 0 ? [{ recordType, count }] : [];
  });
  return {
    companyName: company.name,
    generatedAt: now.toISOString(),
    periodStart: since.toISOString(),
    synced: { total: byRecordType.reduce((sum, row) => sum + row.count, 0), byRecordType },
    waitingForApproval: statusCount('sent_to_accounting'),
    queued: statusCount('approved') + statusCount('queued'),
    inFlight: statusCount('in_flight'),
    openRequests: openWork.total,
    failed: { toQuickbooks: exceptions.counts.to_quickbooks, toProcore: exceptions.counts.to_procore, background: exceptions.counts.background },
    lastSession:
      lastSession?.closedAt && isEnded(lastSession.state)
        ? {
            endedAt: lastSession.closedAt.toISOString(),
            result: lastSession.state,
            requestsDone: lastSession.requestsDone,
            requestsFailed: lastSession.requestsFailed,
            message: lastSession.summary ?? lastSession.lastError,
          }
        : null,
    nextRun: estimateNextQbwcRun({
      lastPollAt: connection.lastPollAt ? new Date(connection.lastPollAt) : null,
      everyMinutes: connection.expectedEveryMinutes,
      running: connection.currentSession !== null,
      now,
    }),
    email: {
      configured: input.mail.configured,
      hourUtc: input.mail.hourUtc,
      recipients: recipients.length,
      last: lastMail
        ? {
            day: lastMail.day,
            status: isMailStatus(lastMail.status) ? lastMail.status : 'failed',
            sentAt: lastMail.sentAt?.toISOString() ?? null,
            error: lastMail.lastError,
          }
        : null,
    },
  };
}

function isEnded(state: string): state is (typeof ENDED_STATES)[number] {
  return (ENDED_STATES as readonly string[]).includes(state);
}

function isMailStatus(status: string): status is 'sending' | 'sent' | 'failed' | 'no_recipients' {
  return ['sending', 'sent', 'failed', 'no_recipients'].includes(status);
}
