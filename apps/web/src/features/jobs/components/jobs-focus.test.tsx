import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { JobsPage } from './jobs-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const suggested = {
  qbListId: 'J1',
  fullName: 'Harbor Tower',
  name: 'Harbor Tower',
  customerName: 'Harbor Tower',
  isActive: true,
  status: 'suggested',
  procoreProject: null,
  suggestion: { id: 10, name: 'Harbor Tower', reason: 'Same name' },
  duplicates: [],
  refusal: null,
  qbModifiedAt: null,
};

describe('Jobs: keyboard focus after linking', () => {
  it(
    '"Link all suggested" disables itself; focus goes to the list, not the page body',
    async () => {
      let linked = false;
      fakeServer((call) => {
        const path = call.url.pathname;
        if (call.method === 'POST' && path === `${base}/imports/jobs/link-suggested`) {
          linked = true;
          return { linked: 1, failed: [] };
        }
        if (path === `${base}/imports/jobs`) {
          return linked
            ? { total: 0, counts: { linked: 1, suggested: 0, unlinked: 0, archived: 0 }, items: [] }
            : { total: 1, counts: { linked: 0, suggested: 1, unlinked: 0, archived: 0 }, items: [suggested] };
        }
        if (path === `${base}/imports/status`) return { refreshes: [] };
        return { items: [] };
      });
      const user = userEvent.setup();
      renderWithApp(<JobsPage />, { path: '/jobs?company_id=4264807' });
      const linkAll = await screen.findByRole('button', { name: 'Link all suggested (1)' });
      linkAll.focus();
      await user.keyboard('{Enter}');
      await screen.findByText('1 linked.');
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Suggested jobs list' })));
    },
    SLOW,
  );
});
