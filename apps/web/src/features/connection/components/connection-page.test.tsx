import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { QbwcConnection } from '../api/connection-queries.ts';
import { ConnectionPage } from './connection-page.tsx';

/** Several clicks through the page: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const connection: QbwcConnection = {
  status: 'connected',
  hasPassword: true,
  username: 'summit-builders-k3x9q2m7vd',
  lastPollAt: '2026-12-07T00:00:00.000Z',
  expectedEveryMinutes: 15,
  missedSchedule: false,
  boundCompanyFile: null,
  qbInfo: null,
  warnings: [],
  currentSession: null,
  signIn: { state: 'ok', lastFailure: null, paused: [] },
};
const procore = {
  status: 'not_connected',
  statusMessage: null,
  environment: 'production',
  grantType: 'authorization_code',
  procoreUser: null,
  connectedAt: null,
  connectedBy: null,
  lastReconciledAt: null,
  webhooks: null,
};

/** The Connection screen's reads (its connections, no sessions yet); `post` answers the POST a test makes (undefined: unexpected). */
function connectionServer(post: (path: string) => Response | object | undefined) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/qbwc/connection`) return connection;
    if (call.method === 'GET' && path === `${base}/procore/connection`) return procore;
    if (call.method === 'GET' && path === `${base}/sessions`) return { items: [] };
    // QuickBooks Desktop (the default edition): the Web Connector sections these tests use are shown.
    if (call.method === 'GET' && path === `${base}/qbo/connection`) return { edition: 'desktop', configured: false, status: 'not_connected', lastError: null };
    const answer = call.method === 'POST' ? post(path) : undefined;
    if (answer) return answer;
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

// The sign-in throttle (hostile input): an admin unblocks a paused Web Connector from the Connection screen.
describe('Connection: unblocking Web Connector sign-in', () => {
  it(
    'posts the unlock and says how many paused addresses it released',
    async () => {
      const fake = connectionServer((path) => (path === `${base}/qbwc/unlock` ? { username: connection.username, cleared: 2, blocked: 1 } : undefined));
      const user = userEvent.setup();
      renderWithApp(<ConnectionPage />);
      await user.click(await screen.findByRole('button', { name: 'Unblock sign-in' }));
      await waitFor(() => expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
      expect(fake.calls.find((c) => c.method === 'POST')!.headers.get('idempotency-key')).toBeTruthy();
      expect(await screen.findByText(/1 paused address\(es\) can sign in again now/)).toBeTruthy();
    },
    SLOW,
  );

  it(
    'is not offered to a member without the role',
    async () => {
      fakeServer((call) => (call.url.pathname.endsWith('/qbwc/connection') ? connection : call.url.pathname.endsWith('/sessions') ? { items: [] } : procore));
      renderWithApp(<ConnectionPage />, { roles: ['accountant'] });
      expect(((await screen.findByRole('button', { name: 'Unblock sign-in' })) as HTMLButtonElement).disabled).toBe(true);
    },
    SLOW,
  );

  it(
    'SECRET_ALREADY_SHOWN (a retry whose first answer held the password) is shown as its message, with no password dialog',
    async () => {
      connectionServer((path) =>
        path === `${base}/qbwc/password`
          ? json(
              {
                code: 'SECRET_ALREADY_SHOWN',
                message: 'This answer held a secret (such as a new Web Connector password) that is shown only once and is not kept.',
              },
              409,
            )
          : undefined,
      );
      const user = userEvent.setup();
      renderWithApp(<ConnectionPage />);
      await user.click(await screen.findByRole('button', { name: 'Rotate password' }));
      await user.click(
        within(await screen.findByRole('dialog', { name: 'Rotate the Web Connector password?' })).getByRole('button', { name: 'Rotate password' }),
      );
      expect(await screen.findByText(/shown only once and is not kept/)).toBeTruthy();
      expect(screen.queryByRole('dialog', { name: 'Web Connector password' })).toBeNull();
    },
    SLOW,
  );

  it(
    'rotating an existing password asks first and says what stops working; Cancel sends nothing',
    async () => {
      const fake = connectionServer((path) =>
        path === `${base}/qbwc/password` ? { username: connection.username, password: 'N3w-Pa55word-Shown-Once!' } : undefined,
      );
      const user = userEvent.setup();
      renderWithApp(<ConnectionPage />);
      await user.click(await screen.findByRole('button', { name: 'Rotate password' }));
      const confirm = await screen.findByRole('dialog', { name: 'Rotate the Web Connector password?' });
      expect(confirm.textContent).toContain('stops working at once');
      await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
      expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
      await user.click(screen.getByRole('button', { name: 'Rotate password' }));
      await user.click(
        within(await screen.findByRole('dialog', { name: 'Rotate the Web Connector password?' })).getByRole('button', { name: 'Rotate password' }),
      );
      expect(await screen.findByRole('dialog', { name: 'Web Connector password' })).toBeTruthy();
      expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    },
    SLOW,
  );
});
