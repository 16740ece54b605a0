import { Type, type Static } from 'typebox';
import { CompanyParams, ErrorBody, nullable, NullableString, stringEnum } from './common-schemas.ts';
import { EXPORT_RECORD_TYPES } from './export-api.ts';

/**
 * When the Web Connector is expected to run next (issue 18, "ETA to QuickBooks"), from the schedule and the last poll:
 * `running` = a session is open now; `scheduled` = the next run is at `expectedAt`; `due` = the schedule's time has
 * passed, within the grace of one more interval (any moment now); `pc_looks_off` = no poll for more than two intervals
 * (the Connection screen's missed schedule: the PC is off or asleep, or QBWC was closed); `never_polled` = QBWC has never
 * called. Computed by packages/sync summary/estimate-next-qbwc-run.ts.
 */
export const QBWC_RUN_ESTIMATES = ['running', 'scheduled', 'due', 'pc_looks_off', 'never_polled'] as const;
export type QbwcRunEstimate = (typeof QBWC_RUN_ESTIMATES)[number];

export const NextQbwcRunBody = Type.Object({
  state: stringEnum(QBWC_RUN_ESTIMATES),
  /** The expected time of the next run (the last poll + the schedule); null when none can be expected. */
  expectedAt: NullableString,
  lastPollAt: NullableString,
  everyMinutes: Type.Integer(),
});
export type NextQbwcRunBody = Static<typeof NextQbwcRunBody>;

/** The last Web Connector session that ended: when, and how (closed = finished, failed, expired = QBWC went away). */
export const LastQbwcSessionBody = Type.Object({
  endedAt: Type.String(),
  result: stringEnum(['closed', 'failed', 'expired']),
  requestsDone: Type.Integer(),
  requestsFailed: Type.Integer(),
  /** QBWC's own closing line or our error, as the session kept it. */
  message: NullableString,
});

/**
 * GET /api/companies/:companyId/summary — the daily summary for accountants (issue 18): what synced, what waits for
 * approval, what is on its way, what failed (both directions), when the Web Connector last ran and is next expected,
 * and how the e-mail of it goes. The same object is e-mailed once a day (packages/sync summary/).
 */
export const DailySummaryBody = Type.Object({
  companyName: Type.String(),
  generatedAt: Type.String(),
  /** Activity is counted from here (the previous summary sent, else 24 hours back) to generatedAt. */
  periodStart: Type.String(),
  synced: Type.Object({
    total: Type.Integer(),
    byRecordType: Type.Array(Type.Object({ recordType: stringEnum(EXPORT_RECORD_TYPES), count: Type.Integer() })),
  }),
  /** Exports sent to accounting, waiting for an accountant's approval (now). */
  waitingForApproval: Type.Integer(),
  /** Exports approved and waiting for the Web Connector (approved, queued), and those QuickBooks is being sent now. */
  queued: Type.Integer(),
  inFlight: Type.Integer(),
  /** qbXML requests waiting for the next Web Connector session (count-open-work: queued + lost). */
  openRequests: Type.Integer(),
  /** Open exceptions (the Exceptions screen's counts, both directions, and background jobs that failed for good). */
  failed: Type.Object({ toQuickbooks: Type.Integer(), toProcore: Type.Integer(), background: Type.Integer() }),
  lastSession: nullable(LastQbwcSessionBody),
  nextRun: NextQbwcRunBody,
  email: Type.Object({
    /** SMTP is configured on the server (SMTP_URL or SMTP_HOST); off = no e-mail, the screen says so. */
    configured: Type.Boolean(),
    /** The hour of the day (UTC) it goes out. */
    hourUtc: Type.Integer(),
    /** Accountants of the company with an e-mail address (their Procore login). */
    recipients: Type.Integer(),
    last: nullable(
      Type.Object({ day: Type.String(), status: stringEnum(['sending', 'sent', 'failed', 'no_recipients']), sentAt: NullableString, error: NullableString }),
    ),
  }),
});
export type DailySummaryBody = Static<typeof DailySummaryBody>;

export const summaryApi = {
  /** GET /api/companies/:companyId/summary (every member) */
  read: { params: CompanyParams, response: { 200: DailySummaryBody, 404: ErrorBody } },
} as const;
