import { screen, within } from '@testing-library/react';
import { ACTIVITY_DIRECTIONS } from '@connector/contract';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { ActivityPage } from './activity-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;

// Found by the browser journeys on a messy company file (issue 15): writing the QuickBooks id back to Procore is logged
// "to_procore", and the Activity screen showed that code raw and offered no way to filter on it.
describe('Activity: directions', () => {
  it(
    'shows every direction the API sends in words, and offers each one as a filter',
    async () => {
      fakeServer((call) => {
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/members`) return { items: [] };
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/activity`) {
          return {
            total: 2,
            items: [
              {
                id: 'a1',
                at: '2026-12-01T10:00:00Z',
                actor: 'connector',
                actorName: null,
                action: 'export.origin_written',
                direction: 'to_procore',
                outcome: 'ok',
                subjectType: 'project',
                subjectId: '280001',
                summary: 'The QuickBooks id of project 280001 was written back to Procore.',
                detail: null,
              },
              {
                id: 'a2',
                at: '2026-12-01T10:01:00Z',
                actor: 'connector',
                actorName: null,
                action: 'procore.webhook',
                direction: 'from_procore',
                outcome: 'info',
                subjectType: 'project',
                subjectId: '280001',
                summary: 'Procore said project 280001 changed.',
                detail: null,
              },
            ],
          };
        }
        throw new Error(`unexpected ${call.method} ${call.url}`);
      });
      renderWithApp(<ActivityPage />, { path: '/activity?company_id=4264807' });
      const written = (await screen.findByText('The QuickBooks id of project 280001 was written back to Procore.')).closest('tr')!;
      expect(within(written).getByText('To Procore')).toBeTruthy();
      expect(within(written).queryByText('to_procore')).toBeNull();
      const told = screen.getByText('Procore said project 280001 changed.').closest('tr')!;
      expect(within(told).getByText('From Procore')).toBeTruthy();
      const filter = screen.getByLabelText('Direction') as HTMLSelectElement;
      expect([...filter.options].map((o) => o.value)).toEqual(['', ...ACTIVITY_DIRECTIONS]);
      expect([...filter.options].every((o) => !o.textContent?.includes('_'))).toBe(true);
    },
    SLOW,
  );
});
