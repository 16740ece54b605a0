import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { formatClock, type DailySummary } from '../api/summary-queries.ts';
import { DailySummaryPanel } from './daily-summary-panel.tsx';

const summary: DailySummary = {
  companyName: 'Summit Builders',
  generatedAt: '2026-12-07T12:00:00.000Z',
  periodStart: '2026-12-06T12:00:00.000Z',
  synced: {
    total: 6,
    byRecordType: [
      { recordType: 'vendor', count: 2 },
      { recordType: 'commitment', count: 3 },
      { recordType: 'project', count: 1 },
    ],
  },
  waitingForApproval: 4,
  queued: 2,
  inFlight: 1,
  openRequests: 3,
  failed: { toQuickbooks: 1, toProcore: 2, background: 0 },
  lastSession: { endedAt: '2026-12-07T11:50:00.000Z', result: 'closed', requestsDone: 7, requestsFailed: 0, message: null },
  nextRun: { state: 'scheduled', expectedAt: '2026-12-07T12:05:00.000Z', lastPollAt: '2026-12-07T11:50:00.000Z', everyMinutes: 15 },
  email: { configured: true, hourUtc: 7, recipients: 2, last: { day: '2026-12-07', status: 'sent', sentAt: '2026-12-07T07:00:05.000Z', error: null } },
};

function serve(body: DailySummary) {
  return fakeServer((call) => {
    if (call.method === 'GET' && call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/summary`) return body;
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

describe('the daily summary on the first screen (issue 18)', () => {
  it('shows what synced, waits, failed, the last Web Connector run, the ETA and how the e-mail goes', async () => {
    const { calls } = serve(summary);
    renderWithApp(<DailySummaryPanel />);
    const panel = await screen.findByRole('region', { name: 'Daily summary · last 24 hours' });
    expect(await within(panel).findByTestId('summary-synced')).toHaveProperty('textContent', '6');
    expect(within(panel).getByTestId('summary-waiting').textContent).toBe('4');
    expect(within(panel).getByTestId('summary-queued').textContent).toBe('3');
    expect(within(panel).getByTestId('summary-failed').textContent).toBe('3');
    expect(panel.textContent).toContain('Synced: 2 vendors, 3 commitments, 1 project.');
    expect(panel.textContent).toContain('Failed: 1 to QuickBooks, 2 to Procore.');
    expect(within(panel).getByTestId('summary-last-run').textContent).toMatch(/^Web Connector last ran .+: finished, 7 request\(s\) done, 0 failed\.$/);
    const eta = within(panel).getByTestId('summary-eta');
    expect(eta.textContent).toBe(`ETA to QuickBooks: next Web Connector run ≈ ${formatClock('2026-12-07T12:05:00.000Z')} (every 15 minutes).`);
    expect(eta.getAttribute('role')).toBeNull();
    expect(within(panel).getByTestId('summary-email').textContent).toMatch(/^E-mailed daily at 07:00 UTC to 2 accountants; last sent .+\.$/);
    expect(calls.map((c) => c.url.pathname)).toEqual([`/api/companies/${TEST_COMPANY_ID}/summary`]);
  });

  it('counts a background job that failed for good with the failures (issue 20: dead letters)', async () => {
    serve({ ...summary, failed: { toQuickbooks: 0, toProcore: 0, background: 1 } });
    renderWithApp(<DailySummaryPanel />);
    expect(await screen.findByTestId('summary-failed')).toHaveProperty('textContent', '1');
    expect(screen.getByText(/^Failed:/).textContent).toBe('Failed: 0 to QuickBooks, 0 to Procore, 1 background job.');
  });

  it('warns when the PC looks off, and says when the e-mail is off', async () => {
    serve({
      ...summary,
      lastSession: null,
      nextRun: { state: 'pc_looks_off', expectedAt: null, lastPollAt: '2026-12-07T08:00:00.000Z', everyMinutes: 15 },
      email: { configured: false, hourUtc: 7, recipients: 2, last: null },
    });
    renderWithApp(<DailySummaryPanel />);
    const eta = await screen.findByTestId('summary-eta');
    expect(eta.getAttribute('role')).toBe('alert');
    expect(eta.textContent).toContain(`has not run since ${formatClock('2026-12-07T08:00:00.000Z')} (scheduled every 15 minutes)`);
    expect(eta.textContent).toContain('looks off or asleep');
    expect(screen.getByTestId('summary-last-run').textContent).toBe('The Web Connector has not finished a run yet.');
    expect(screen.getByTestId('summary-email').textContent).toContain('Not e-mailed: SMTP is not configured on the server');
  });
});
