import { randomUUID } from 'node:crypto';
import type { Database } from '@connector/db';

/** How long a claim holds before another attempt may take it (a sender that died mid-send). */
export const SUMMARY_CLAIM_MS = 10 * 60_000;

/** The day a summary belongs to: YYYY-MM-DD in UTC (no company time zone is stored). */
export function summaryDayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Claims the company's summary of `day` before anything is sent: one INSERT … ON CONFLICT DO UPDATE on the unique
 * (company, day) row. A new row, a `failed` one or a `sending` one whose claim lapsed is taken (attempts + 1, a new claim
 * id); a row `sent` or `no_recipients`, or claimed by a live attempt, is not — so two instances, a retried job or a
 * restart never send the same day twice while the first attempt stands. null = not ours to send.
 */
export async function claimDailySummary(
  db: Database,
  input: { companyId: string; day: string; now: Date },
): Promise<{ id: string; claimId: string; attempts: number } | null> {
  const claimId = randomUUID();
  const until = new Date(input.now.getTime() + SUMMARY_CLAIM_MS);
  const rows = await db.prisma.$queryRaw<Array<{ id: string; attempts: number }>>`
    INSERT INTO daily_summaries (id, company_id, day, status, claim_id, claimed_until, attempts, updated_at)
    VALUES (gen_random_uuid(), ${input.companyId}::uuid, ${input.day}, 'sending', ${claimId}, ${until}, 1, ${input.now})
    ON CONFLICT (company_id, day) DO UPDATE
      SET status = 'sending', claim_id = EXCLUDED.claim_id, claimed_until = EXCLUDED.claimed_until,
          attempts = daily_summaries.attempts + 1, updated_at = EXCLUDED.updated_at
      WHERE daily_summaries.status = 'failed'
         OR (daily_summaries.status = 'sending' AND daily_summaries.claimed_until < ${input.now})
    RETURNING id, attempts`;
  const row = rows[0];
  return row ? { id: row.id, claimId, attempts: row.attempts } : null;
}

/**
 * Writes how the claimed attempt ended, only while it still holds the claim (a lapsed attempt writes nothing).
 * `failed` leaves the row for the next attempt to claim.
 */
export async function finishDailySummary(
  db: Database,
  input: {
    companyId: string;
    id: string;
    claimId: string;
    now: Date;
    outcome: { status: 'sent'; recipients: string[]; periodStart: Date } | { status: 'no_recipients' } | { status: 'failed'; error: string };
  },
): Promise<boolean> {
  const { outcome } = input;
  const result = await db.prisma.dailySummary.updateMany({
    where: { id: input.id, companyId: input.companyId, claimId: input.claimId, status: 'sending' },
    data:
      outcome.status === 'sent'
        ? { status: 'sent', sentAt: input.now, recipients: outcome.recipients, periodStart: outcome.periodStart, lastError: null, claimedUntil: null }
        : outcome.status === 'no_recipients'
          ? { status: 'no_recipients', claimedUntil: null, lastError: null }
          : { status: 'failed', lastError: outcome.error.slice(0, 1000), claimedUntil: null },
  });
  return result.count === 1;
}
