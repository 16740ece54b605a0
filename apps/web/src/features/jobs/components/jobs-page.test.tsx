import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { JobsPage } from './jobs-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const entry = (qbListId: string, fullName: string, refusal: string | null) => ({
  qbListId,
  fullName,
  name: fullName.split(':').pop(),
  customerName: fullName.split(':')[0],
  isActive: true,
  status: 'unlinked',
  procoreProject: null,
  suggestion: null,
  duplicates: [],
  refusal,
  qbModifiedAt: '2026-12-01T10:00:00-05:00',
});
const REFUSAL = '"Harbor Health:Clinic:Phase 2" is a sub-job in QuickBooks (a job under the job "Harbor Health:Clinic").';

describe('Jobs: a QuickBooks sub-job', () => {
  it(
    'shows why it cannot be linked, and offers no Link or Create for it',
    async () => {
      fakeServer((call) => {
        const path = call.url.pathname;
        if (path === `${base}/imports/jobs`) {
          return {
            total: 2,
            counts: { linked: 0, suggested: 0, unlinked: 2, archived: 0 },
            items: [entry('J1', 'Harbor Health:Clinic', null), entry('J2', 'Harbor Health:Clinic:Phase 2', REFUSAL)],
          };
        }
        if (path === `${base}/imports/status`) return { refreshes: [] };
        return { items: [] };
      });
      renderWithApp(<JobsPage />, { path: '/jobs?company_id=4264807&status=unlinked' });
      expect((await screen.findByTestId('link-refusal-J2')).textContent).toContain('is a sub-job in QuickBooks');
      expect(screen.queryByTestId('link-refusal-J1')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Link Harbor Health:Clinic:Phase 2 to a Procore project' })).toBeNull();
      expect(screen.getByRole('button', { name: 'Link Harbor Health:Clinic to a Procore project' })).toBeTruthy();
    },
    SLOW,
  );
});

describe('Jobs: creating a Procore project from a QuickBooks job', () => {
  it(
    'asks first and says what will exist afterwards; Cancel sends nothing, the confirmation creates it once',
    async () => {
      const fake = fakeServer((call) => {
        const path = call.url.pathname;
        if (path === `${base}/imports/jobs`)
          return { total: 1, counts: { linked: 0, suggested: 0, unlinked: 1, archived: 0 }, items: [entry('J1', 'Harbor Health:Clinic', null)] };
        if (path === `${base}/imports/status`) return { refreshes: [] };
        if (call.method === 'POST' && path === `${base}/imports/jobs/J1/create-project`) return { status: 'linked' };
        return { items: [] };
      });
      const user = userEvent.setup();
      renderWithApp(<JobsPage />, { path: '/jobs?company_id=4264807&status=unlinked' });
      await user.click(await screen.findByRole('button', { name: 'Create project from Harbor Health:Clinic' }));
      const confirm = await screen.findByRole('dialog', { name: 'Create project in Procore?' });
      expect(confirm.textContent).toContain('A new Procore project named “Harbor Health:Clinic” is created');
      await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
      expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
      await user.click(screen.getByRole('button', { name: 'Create project from Harbor Health:Clinic' }));
      await user.click(within(await screen.findByRole('dialog', { name: 'Create project in Procore?' })).getByRole('button', { name: 'Create project' }));
      await waitFor(() => expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual([`${base}/imports/jobs/J1/create-project`]));
    },
    SLOW,
  );
});
