import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID, type RecordedCall } from '../../../test/render-with-app.tsx';
import type { UnifiedException } from '../api/exception-queries.ts';
import { ExceptionsPage } from './exceptions-page.tsx';

// Issue 20 part 2: a background job that failed for good is on the Exceptions screen — what it did, our code beside
// Procore's, when, attempts — with Retry and Dismiss (accountant or admin), and the list is read again after each.
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const JOB_ID = '5b0c9a52-7f1e-4d8e-9a51-0d5e1f1b2c3d';

const failedWebhook: UnifiedException = {
  direction: 'background',
  key: `job:${JOB_ID}`,
  recordType: 'procore.apply-change',
  recordId: JOB_ID,
  title: 'Apply a change Procore reported (webhook): commitment 7, update',
  procoreProjectId: null,
  amountCents: null,
  code: 'PROCORE_UNAVAILABLE',
  reason: 'Could not read commitment 7 from Procore: Procore answered 503 Service Unavailable.',
  todo: 'It was tried 8 times and is not tried again by itself: retry it once the cause is fixed (or Procore answers again), or dismiss it if the work is no longer needed.',
  qbStatusCode: null,
  qbStatusMessage: null,
  fieldDifferences: null,
  keepQuickbooksWarning: null,
  actions: ['retry', 'dismiss'],
  waitsForAnother: false,
  updatedAt: '2026-12-07T04:00:00.000Z',
  job: {
    id: JOB_ID,
    kind: 'procore.apply-change',
    attempts: 8,
    maxAttempts: 8,
    procoreStatus: 503,
    procoreCode: 'service_unavailable',
    procoreMessage: 'Service Unavailable',
  },
};

function server() {
  let items: UnifiedException[] = [failedWebhook];
  const fake = fakeServer((call: RecordedCall) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/exceptions`) {
      const direction = call.url.searchParams.get('direction');
      const list = direction && direction !== 'background' ? [] : items;
      return { total: list.length, counts: { to_quickbooks: 0, to_procore: 0, background: items.length }, items: list };
    }
    if (call.method === 'POST' && path === `${base}/exceptions/jobs/${JOB_ID}/retry`) {
      items = [];
      return { outcome: 'queued', jobId: '0f1e2d3c-4b5a-4968-8776-655443322110' };
    }
    if (call.method === 'POST' && path === `${base}/exceptions/jobs/${JOB_ID}/dismiss`) {
      items = [];
      return { outcome: 'dismissed', jobId: null };
    }
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
  return fake;
}

describe('Exceptions: background jobs that failed for good', () => {
  it(
    'shows what the job did, our code beside Procore’s status, the attempts and what to do; Retry posts to the job and the list is read again',
    async () => {
      const fake = server();
      const user = userEvent.setup();
      renderWithApp(<ExceptionsPage />);
      const card = await screen.findByTestId(`exception-procore.apply-change-${JOB_ID}`);
      expect(within(card).getByRole('heading').textContent).toBe('Background work · Apply a change Procore reported (webhook): commitment 7, update');
      expect(card.textContent).toContain('Could not read commitment 7 from Procore: Procore answered 503 Service Unavailable.');
      expect(card.textContent).toContain('What to do: It was tried 8 times and is not tried again by itself');
      expect(within(card).getByText('PROCORE_UNAVAILABLE')).toBeTruthy();
      expect(card.textContent).toContain('Procore status 503 service_unavailable: Service Unavailable');
      expect(card.textContent).toContain('tried 8 of 8 times');
      expect(screen.getByRole('button', { name: 'Background work (1)' })).toBeTruthy();

      const reads = () => fake.calls.filter((c) => c.method === 'GET' && c.url.pathname === `${base}/exceptions`).length;
      const before = reads();
      await user.click(within(card).getByRole('button', { name: `Retry: ${failedWebhook.title}` }));
      await screen.findByText(`${failedWebhook.title}: queued to run again.`);
      const posts = fake.calls.filter((c) => c.method === 'POST');
      expect(posts.map((c) => c.url.pathname)).toEqual([`${base}/exceptions/jobs/${JOB_ID}/retry`]);
      expect(posts[0]!.headers.get('idempotency-key')).toBeTruthy();
      // The exceptions query is invalidated: read again, and the job is gone.
      await waitFor(() => expect(reads()).toBeGreaterThan(before));
      await screen.findByText('No exceptions');
    },
    SLOW,
  );

  it(
    'Dismiss posts to the job; a project manager sees both buttons disabled (the role table: accountant or admin)',
    async () => {
      const fake = server();
      const user = userEvent.setup();
      const { unmount } = renderWithApp(<ExceptionsPage />, { roles: ['project_manager'] });
      const managerCard = await screen.findByTestId(`exception-procore.apply-change-${JOB_ID}`);
      expect(within(managerCard).getByRole('button', { name: `Retry: ${failedWebhook.title}` })).toHaveProperty('disabled', true);
      expect(within(managerCard).getByRole('button', { name: `Dismiss: ${failedWebhook.title}` })).toHaveProperty('disabled', true);
      expect(within(managerCard).getByRole('checkbox', { name: `Select ${failedWebhook.title}` })).toHaveProperty('disabled', true);
      unmount();

      renderWithApp(<ExceptionsPage />, { roles: ['accountant'] });
      const card = await screen.findByTestId(`exception-procore.apply-change-${JOB_ID}`);
      await user.click(within(card).getByRole('button', { name: `Dismiss: ${failedWebhook.title}` }));
      await screen.findByText(`${failedWebhook.title}: dismissed.`);
      expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual([`${base}/exceptions/jobs/${JOB_ID}/dismiss`]);
      await screen.findByText('No exceptions');
    },
    SLOW,
  );
});
