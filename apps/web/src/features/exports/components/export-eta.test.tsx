import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DailySummaryBody, NextQbwcRunBody } from '@connector/contract';
import { fakeServer, renderWithApp } from '../../../test/render-with-app.tsx';
import type { ExportItem } from '../api/export-queries.ts';
import { formatClock } from '../api/qbwc-eta.ts';
import { exportItem } from '../testing/export-fixtures.ts';
import { ExportsPage } from './exports-page.tsx';

function serve(items: ExportItem[], nextRun: NextQbwcRunBody) {
  return fakeServer((call) => {
    if (call.url.pathname.endsWith('/exports/commitment')) return { total: items.length, notice: null, items };
    if (call.url.pathname.endsWith('/summary')) return { nextRun } as Partial<DailySummaryBody>;
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

// Issue 18 "ETA to QuickBooks": each row waiting for the Web Connector says when it is expected to run next.
describe('ETA to QuickBooks on waiting export rows', () => {
  const rows = [exportItem('1', 'queued'), exportItem('2', 'approved'), exportItem('3', 'sent_to_accounting'), exportItem('4', 'synced')];

  it('says the next expected Web Connector run on queued and approved rows only', async () => {
    serve(rows, { state: 'scheduled', expectedAt: '2026-12-07T14:35:00.000Z', lastPollAt: '2026-12-07T14:20:00.000Z', everyMinutes: 15 });
    renderWithApp(<ExportsPage />);
    const queued = await screen.findByTestId('export-row-1');
    const text = `ETA to QuickBooks: next Web Connector run ≈ ${formatClock('2026-12-07T14:35:00.000Z')} (every 15 minutes).`;
    expect((await within(queued).findByTestId('export-eta')).textContent).toBe(text);
    expect(within(screen.getByTestId('export-row-2')).getByTestId('export-eta').textContent).toBe(text);
    expect(within(screen.getByTestId('export-row-3')).queryByTestId('export-eta')).toBeNull();
    expect(within(screen.getByTestId('export-row-4')).queryByTestId('export-eta')).toBeNull();
  });

  it('warns on those rows when the PC looks off', async () => {
    serve(rows, { state: 'pc_looks_off', expectedAt: null, lastPollAt: '2026-12-07T09:00:00.000Z', everyMinutes: 15 });
    renderWithApp(<ExportsPage />);
    const eta = await within(await screen.findByTestId('export-row-1')).findByTestId('export-eta');
    expect(eta.textContent).toContain(`the Web Connector has not run since ${formatClock('2026-12-07T09:00:00.000Z')}`);
    expect(eta.textContent).toContain('looks off or asleep');
  });

  it('does not ask for the ETA when no row waits for the Web Connector', async () => {
    const { calls } = serve([exportItem('3', 'sent_to_accounting')], { state: 'never_polled', expectedAt: null, lastPollAt: null, everyMinutes: 15 });
    renderWithApp(<ExportsPage />);
    await screen.findByTestId('export-row-3');
    expect(calls.some((c) => c.url.pathname.endsWith('/summary'))).toBe(false);
  });
});
