import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render-with-app.tsx';
import { formatDuration, SessionHistory } from './session-history.tsx';

describe('Recent Web Connector sessions', () => {
  it('lists each run with how long it took, how it ended and why', async () => {
    fakeServer(() => ({
      items: [
        {
          id: 's2',
          state: 'failed',
          progress: 40,
          lastError: 'QuickBooks is not running (0x80040408)',
          summary: null,
          companyFile: null,
          roundTrips: 3,
          requestsDone: 2,
          requestsFailed: 1,
          startedAt: '2026-11-21T11:30:00Z',
          closedAt: '2026-11-21T11:30:12Z',
        },
        {
          id: 's1',
          state: 'closed',
          progress: 100,
          lastError: null,
          summary: '12 vendors, 3 bills synced',
          companyFile: 'C:\\QB\\summit.qbw',
          roundTrips: 8,
          requestsDone: 15,
          requestsFailed: 0,
          startedAt: '2026-11-21T11:00:00Z',
          closedAt: '2026-11-21T11:03:04Z',
        },
      ],
    }));
    renderWithApp(<SessionHistory companyId="c1" />);
    const table = await screen.findByRole('table', { name: 'Recent Web Connector sessions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(1)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['12 s', 'Failed', '2 / 1', 'QuickBooks is not running (0x80040408)'],
      ['3 min 4 s', 'Finished', '15 / 0', '12 vendors, 3 bills synced'],
    ]);
  });

  it('formats durations', () => {
    expect(formatDuration('2026-11-21T11:00:00Z', '2026-11-21T12:02:30Z')).toBe('1 h 02 min');
  });
});
