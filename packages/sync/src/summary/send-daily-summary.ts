import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { buildDailySummary, type SummaryMailSetup } from './build-daily-summary.ts';
import { claimDailySummary, finishDailySummary } from './claim-daily-summary.ts';
import { listSummaryRecipients } from './list-summary-recipients.ts';
import { renderDailySummary } from './render-daily-summary.ts';

/** One e-mail to send; the server's SMTP transport (apps/server mail/create-smtp-mailer.ts) fills in the sender. */
export interface SummaryMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Sends one e-mail or throws (the SMTP server refused it or did not answer). */
export interface SummaryMailer {
  send(mail: SummaryMail): Promise<void>;
}

export type SendSummaryOutcome = 'sent' | 'already_claimed' | 'no_recipients';

/**
 * Sends the company's summary of `day` once: the (company, day) row is claimed first (claimDailySummary), then the
 * summary is counted since the previous one sent (else 24 hours), rendered and handed to SMTP, and the row marked
 * `sent`. A refusal marks it `failed` (claimed again by the next attempt) and throws SUMMARY_NOT_SENT, so the job
 * runner retries with backoff. A crash between SMTP's acceptance and the mark lets the claim lapse and the next
 * attempt send again: at most once per claim, at least once per day. `beforeSend` is the job's lease check.
 */
export async function sendDailySummary(
  db: Database,
  input: {
    companyId: string;
    day: string;
    now: Date;
    mailer: SummaryMailer;
    mail: SummaryMailSetup;
    sessionIdleTimeoutMs: number;
    appUrl: string | null;
    beforeSend?: () => Promise<void>;
    logger?: ServiceLogger;
  },
): Promise<{ outcome: SendSummaryOutcome; recipients: number }> {
  const { companyId, day, now } = input;
  const claim = await claimDailySummary(db, { companyId, day, now });
  if (!claim) return { outcome: 'already_claimed', recipients: 0 };
  const finish = (outcome: Parameters<typeof finishDailySummary>[1]['outcome']) =>
    finishDailySummary(db, { companyId, id: claim.id, claimId: claim.claimId, now, outcome });
  try {
    const recipients = await listSummaryRecipients(db, companyId);
    if (recipients.length === 0) {
      await finish({ status: 'no_recipients' });
      input.logger?.info({ companyId, day }, 'daily summary not sent: the company has no member with the accountant role and an e-mail address');
      return { outcome: 'no_recipients', recipients: 0 };
    }
    const previous = await db.prisma.dailySummary.findFirst({
      where: { companyId, status: 'sent', day: { lt: day }, sentAt: { not: null } },
      orderBy: { sentAt: 'desc' },
    });
    const summary = await buildDailySummary(db, {
      companyId,
      now,
      ...(previous?.sentAt ? { since: previous.sentAt } : {}),
      sessionIdleTimeoutMs: input.sessionIdleTimeoutMs,
      mail: input.mail,
    });
    const message = renderDailySummary(summary, input.appUrl);
    await input.beforeSend?.();
    await input.mailer.send({ to: recipients, ...message });
    await finish({ status: 'sent', recipients, periodStart: new Date(summary.periodStart) });
    input.logger?.info({ companyId, day, recipients: recipients.length, attempt: claim.attempts }, 'daily summary sent');
    return { outcome: 'sent', recipients: recipients.length };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await finish({ status: 'failed', error: reason });
    input.logger?.warn({ companyId, day, attempt: claim.attempts, reason }, 'daily summary not sent; it will be tried again');
    throw new AppError('SUMMARY_NOT_SENT', `The daily summary e-mail could not be sent (${reason}). It is tried again later; check the SMTP settings.`, {
      day,
      attempt: claim.attempts,
    });
  }
}
