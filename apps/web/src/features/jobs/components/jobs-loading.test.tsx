import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { JobsPage } from './jobs-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const counts = { linked: 0, suggested: 0, unlinked: 1, archived: 0 };
const job = {
  qbListId: 'J1',
  fullName: 'Harbor Tower',
  name: 'Harbor Tower',
  customerName: 'Harbor Tower',
  isActive: true,
  status: 'unlinked',
  procoreProject: null,
  suggestion: null,
  duplicates: [],
  refusal: null,
  qbModifiedAt: null,
};

describe('Jobs: while a tab loads', () => {
  it(
    'shows a skeleton, not the previous tab’s "No suggested jobs" nor its rows, until the unlinked jobs arrive',
    async () => {
      let release!: () => void;
      const until = new Promise<void>((resolve) => (release = resolve));
      fakeServer(async (call) => {
        const path = call.url.pathname;
        if (path === `${base}/imports/jobs`) {
          if (call.url.searchParams.get('status') === 'unlinked') {
            await until;
            return { total: 1, counts, items: [job] };
          }
          return { total: 0, counts, items: [] };
        }
        if (path === `${base}/imports/status`) return { refreshes: [] };
        return { items: [] };
      });
      const user = userEvent.setup();
      renderWithApp(<JobsPage />, { path: '/jobs?company_id=4264807' });
      await screen.findByText('No suggested jobs');
      await user.click(screen.getByRole('tab', { name: /Unlinked/ }));
      expect(await screen.findByTestId('loading-skeleton')).toBeTruthy();
      expect(screen.queryByText(/^No (suggested|unlinked) jobs/)).toBeNull();
      release();
      expect(await screen.findByTestId('link-row-J1')).toBeTruthy();
      expect(screen.queryByTestId('loading-skeleton')).toBeNull();
    },
    SLOW,
  );
});
