import { useQuery } from '@tanstack/react-query';
import styled from 'styled-components';
import { describeNextQbwcRun, type ExportRecordType } from '@connector/contract';
import { QueryState } from '../../../components/query-state.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCompany } from '../../../lib/session.ts';
import { formatClock, summaryQuery, type DailySummary } from '../api/summary-queries.ts';

const Panel = styled.section`
  border: 1px solid #d6dadc;
  border-radius: 4px;
  padding: 12px 16px;
  margin-bottom: 16px;
  .title {
    font-size: 16px;
    font-weight: 600;
    margin: 0 0 8px;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
    gap: 8px 16px;
    margin: 0 0 8px;
  }
  dt {
    font-size: 12px;
    color: #5a6168;
  }
  dd {
    margin: 0;
    font-size: 20px;
    font-weight: 600;
  }
  p {
    margin: 4px 0 0;
    font-size: 13px;
  }
  .warning {
    color: #b42318;
    font-weight: 600;
  }
  .quiet {
    color: #5a6168;
  }
`;

/** [one, many] per record type: "1 vendor", "3 vendors". */
const TYPE_WORDS: Record<ExportRecordType, [string, string]> = {
  cost_code: ['cost code', 'cost codes'],
  project: ['project', 'projects'],
  vendor: ['vendor', 'vendors'],
  budget: ['budget', 'budgets'],
  commitment: ['commitment', 'commitments'],
  change_order: ['change order', 'change orders'],
  invoice: ['invoice', 'invoices'],
  owner_invoice: ['owner invoice', 'owner invoices'],
  prime_contract: ['prime contract', 'prime contracts'],
  prime_change_order: ['prime contract change order', 'prime contract change orders'],
};

const SESSION_WORDS = { closed: 'finished', failed: 'failed', expired: 'stopped answering' } as const;

/**
 * The daily summary at the top of the first screen (issue 18): what synced in the last 24 hours, what waits for approval
 * or for the Web Connector, what failed, when the Web Connector last ran and is next expected — the e-mail's content.
 */
export function DailySummaryPanel() {
  const { company } = useCompany();
  const query = useQuery(summaryQuery(company.id));
  return (
    // Above the screen's own h1: a labelled region, not a heading, so the heading order stays the screen's.
    <Panel aria-labelledby="daily-summary-title" data-testid="daily-summary">
      <p className="title" id="daily-summary-title">
        Daily summary · last 24 hours
      </p>
      <QueryState query={query} label="Loading the daily summary">
        {(summary) => <SummaryFigures summary={summary} />}
      </QueryState>
    </Panel>
  );
}

export function SummaryFigures({ summary }: { summary: DailySummary }) {
  const next = describeNextQbwcRun(summary.nextRun, formatClock);
  // Background jobs that failed for good are on the Exceptions screen too (issue 20: the queue's dead letters).
  const failed = summary.failed.toQuickbooks + summary.failed.toProcore + summary.failed.background;
  const session = summary.lastSession;
  const mail = summary.email;
  return (
    <>
      <dl>
        <div>
          <dt>Synced to QuickBooks</dt>
          <dd data-testid="summary-synced">{summary.synced.total}</dd>
        </div>
        <div>
          <dt>Waiting for approval</dt>
          <dd data-testid="summary-waiting">{summary.waitingForApproval}</dd>
        </div>
        <div>
          <dt>Waiting for the Web Connector</dt>
          <dd data-testid="summary-queued">{summary.queued + summary.inFlight}</dd>
        </div>
        <div>
          <dt>Failed (Exceptions)</dt>
          <dd data-testid="summary-failed" className={failed > 0 ? 'warning' : undefined}>
            {failed}
          </dd>
        </div>
      </dl>
      {summary.synced.byRecordType.length > 0 ? (
        <p className="quiet">
          Synced: {summary.synced.byRecordType.map((row) => `${row.count} ${TYPE_WORDS[row.recordType][row.count === 1 ? 0 : 1]}`).join(', ')}.
        </p>
      ) : null}
      {failed > 0 ? (
        <p className="quiet">
          Failed: {summary.failed.toQuickbooks} to QuickBooks, {summary.failed.toProcore} to Procore
          {summary.failed.background > 0 ? `, ${summary.failed.background} background ${summary.failed.background === 1 ? 'job' : 'jobs'}` : ''}.
        </p>
      ) : null}
      <p data-testid="summary-last-run">
        {session
          ? `Web Connector last ran ${formatDateTime(session.endedAt)}: ${SESSION_WORDS[session.result]}, ${session.requestsDone} request(s) done, ${session.requestsFailed} failed.`
          : 'The Web Connector has not finished a run yet.'}
      </p>
      <p data-testid="summary-eta" className={next.warning ? 'warning' : undefined} role={next.warning ? 'alert' : undefined}>
        {next.text}
      </p>
      <p data-testid="summary-email" className="quiet">
        {!mail.configured
          ? 'Not e-mailed: SMTP is not configured on the server (the administrator sets SMTP_URL; see the README).'
          : mail.recipients === 0
            ? 'Not e-mailed: no member has the accountant role with an e-mail address.'
            : `E-mailed daily at ${String(mail.hourUtc).padStart(2, '0')}:00 UTC to ${mail.recipients} accountant${mail.recipients === 1 ? '' : 's'}${
                mail.last?.status === 'sent' && mail.last.sentAt
                  ? `; last sent ${formatDateTime(mail.last.sentAt)}`
                  : mail.last?.status === 'failed'
                    ? `; the last one could not be sent (${mail.last.error ?? 'no reason given'}) and is tried again`
                    : ''
              }.`}
      </p>
    </>
  );
}
