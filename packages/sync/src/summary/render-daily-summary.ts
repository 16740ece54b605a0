import { describeNextQbwcRun, type DailySummaryBody, type ExportRecordType } from '@connector/contract';

/** [one, many] per record type: "1 vendor", "3 vendors". */
const RECORD_TYPE_WORDS: Record<ExportRecordType, [string, string]> = {
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

const SESSION_RESULT_WORDS = { closed: 'finished', failed: 'failed', expired: 'stopped answering (expired)' } as const;

/** "2026-12-07 14:05 UTC": the summary has no company time zone to go by, so it says UTC. */
export function formatUtc(iso: string): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'an unknown time';
}

/** The lines of the e-mail, as [label, value] or a sentence, once for the text and the HTML part. */
function summaryLines(summary: DailySummaryBody): Array<{ label: string; value: string; warning?: boolean }> {
  const synced = summary.synced.byRecordType.map((row) => `${row.count} ${RECORD_TYPE_WORDS[row.recordType][row.count === 1 ? 0 : 1]}`).join(', ');
  const session = summary.lastSession;
  const next = describeNextQbwcRun(summary.nextRun, formatUtc);
  return [
    { label: 'Synced to QuickBooks', value: summary.synced.total === 0 ? 'nothing' : `${summary.synced.total} (${synced})` },
    { label: 'Waiting for approval', value: String(summary.waitingForApproval) },
    { label: 'Approved, waiting for the Web Connector', value: String(summary.queued) },
    { label: 'Being sent to QuickBooks now', value: String(summary.inFlight) },
    { label: 'Requests waiting for the next Web Connector run', value: String(summary.openRequests) },
    {
      label: 'Failed (Exceptions screen)',
      value: `${summary.failed.toQuickbooks} to QuickBooks, ${summary.failed.toProcore} to Procore${backgroundWords(summary.failed.background)}`,
      warning: failedCount(summary) > 0,
    },
    {
      label: 'Web Connector last ran',
      value: session
        ? `${formatUtc(session.endedAt)}: ${SESSION_RESULT_WORDS[session.result]}, ${session.requestsDone} request(s) done, ${session.requestsFailed} failed${session.message ? ` — ${session.message}` : ''}`
        : 'never',
      warning: session?.result === 'failed',
    },
    { label: 'Next', value: next.text, warning: next.warning },
  ];
}

/** Every open exception: both directions and the background jobs that failed for good. */
function failedCount(summary: DailySummaryBody): number {
  return summary.failed.toQuickbooks + summary.failed.toProcore + summary.failed.background;
}

/** ", 2 background jobs" — said only when some failed, so the usual line stays as it was. */
function backgroundWords(count: number): string {
  return count === 0 ? '' : `, ${count} background ${count === 1 ? 'job' : 'jobs'}`;
}

/** The daily summary as an e-mail: subject, plain text and a simple HTML part in which every value is escaped. */
export function renderDailySummary(summary: DailySummaryBody, appUrl: string | null): { subject: string; text: string; html: string } {
  const failed = failedCount(summary);
  const subject = `${summary.companyName}: ${summary.synced.total} synced, ${summary.waitingForApproval} waiting for approval, ${failed} failed — daily summary`;
  const period = `From ${formatUtc(summary.periodStart)} to ${formatUtc(summary.generatedAt)}.`;
  const lines = summaryLines(summary);
  const text = [
    `Procore ⇄ QuickBooks daily summary for ${summary.companyName}`,
    period,
    '',
    ...lines.map((line) => (line.label === 'Next' ? line.value : `${line.label}: ${line.value}`)),
    '',
    appUrl ? `Open the connector: ${appUrl}` : 'Open the connector from the Procore app.',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; font-size: 14px">',
    `<h1 style="font-size: 18px">Procore ⇄ QuickBooks daily summary for ${escapeHtml(summary.companyName)}</h1>`,
    `<p>${escapeHtml(period)}</p>`,
    '<table cellpadding="4" style="border-collapse: collapse">',
    ...lines
      .filter((line) => line.label !== 'Next')
      .map(
        (line) =>
          `<tr><th align="left" style="font-weight: normal">${escapeHtml(line.label)}</th><td${line.warning ? ' style="color: #b42318; font-weight: bold"' : ''}>${escapeHtml(line.value)}</td></tr>`,
      ),
    '</table>',
    ...lines
      .filter((line) => line.label === 'Next')
      .map((line) => `<p${line.warning ? ' style="color: #b42318; font-weight: bold"' : ''}>${escapeHtml(line.value)}</p>`),
    appUrl ? `<p><a href="${escapeHtml(appUrl)}">Open the connector</a></p>` : '',
    '</body></html>',
  ].join('\n');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
