import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { QboConnection, QbwcConnection } from '../api/connection-queries.ts';
import { ConnectionPage } from './connection-page.tsx';

/** Several clicks through the page: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const qbwc: QbwcConnection = {
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
  status: 'connected',
  statusMessage: null,
  environment: 'production',
  procoreUser: 'pat',
  connectedAt: null,
  lastReconciledAt: null,
  webhooks: null,
};
const desktop: QboConnection = {
  edition: 'desktop',
  configured: true,
  serverEnvironment: 'sandbox',
  status: 'not_connected',
  realmId: null,
  companyName: null,
  environment: null,
  connectedAt: null,
  connectedBy: null,
  accessTokenExpiresAt: null,
  lastRefreshedAt: null,
  lastError: null,
  encryptionKeyId: null,
  callsThisMonth: { month: '2026-12', readCalls: 0, writeCalls: 0, writeOperations: 0, throttledCalls: 0 },
};
const onlineConnected: QboConnection = {
  ...desktop,
  edition: 'online',
  status: 'connected',
  realmId: '9341453050298126',
  companyName: 'Summit Builders LLC',
  environment: 'sandbox',
  connectedAt: '2026-12-07T10:00:00.000Z',
  connectedBy: 'admin@example.com',
  encryptionKeyId: 'k1',
  callsThisMonth: { month: '2026-12', readCalls: 1234, writeCalls: 12, writeOperations: 120, throttledCalls: 1 },
};

/** The Connection screen's reads; `write` answers a PUT/POST/DELETE (undefined: unexpected). */
function server(qbo: () => QboConnection, write: (method: string, path: string) => Response | object | undefined = () => undefined) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/qbo/connection`) return qbo();
    if (call.method === 'GET' && path === `${base}/qbwc/connection`) return qbwc;
    if (call.method === 'GET' && path === `${base}/procore/connection`) return procore;
    if (call.method === 'GET' && path === `${base}/sessions`) return { items: [] };
    const answer = call.method !== 'GET' ? write(call.method, path) : undefined;
    if (answer) return answer;
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

afterEach(() => vi.restoreAllMocks());

describe('Connection: QuickBooks Desktop or QuickBooks Online', () => {
  it(
    'on Desktop shows the Web Connector; choosing Online sends the edition, and a refusal says why',
    async () => {
      const fake = server(
        () => desktop,
        (method, path) =>
          method === 'PUT' && path === `${base}/accounting-edition`
            ? json(
                {
                  code: 'EDITION_SWITCH_BLOCKED',
                  message:
                    'The Web Connector still has 2 requests queued. Let it finish its next run (or cancel the requests from the Exceptions screen), then switch to QuickBooks Online.',
                },
                409,
              )
            : undefined,
      );
      const user = userEvent.setup();
      renderWithApp(<ConnectionPage />);
      const desktopChoice = (await screen.findByRole('radio', { name: /QuickBooks Desktop/ })) as HTMLInputElement;
      expect(desktopChoice.checked).toBe(true);
      expect(await screen.findByText('Download the .qwc file')).toBeTruthy();
      await user.click(screen.getByRole('radio', { name: /QuickBooks Online/ }));
      await user.click(screen.getByRole('button', { name: 'Use QuickBooks Online (preview)' }));
      await waitFor(() => expect(fake.calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
      const put = fake.calls.find((c) => c.method === 'PUT')!;
      expect(put.body).toEqual({ edition: 'online' });
      expect(put.headers.get('idempotency-key')).toBeTruthy();
      expect(await screen.findByText(/still has 2 requests queued/)).toBeTruthy();
    },
    SLOW,
  );

  it(
    'on Online shows the connected company, realm and environment, hides the Web Connector, and disconnects after asking',
    async () => {
      let state = onlineConnected;
      const fake = server(
        () => state,
        (method, path) => {
          if (method !== 'DELETE' || path !== `${base}/qbo/connection`) return undefined;
          state = { ...onlineConnected, status: 'disconnected', companyName: null };
          return { revoked: ['refresh'], revokeFailed: [] };
        },
      );
      const user = userEvent.setup();
      renderWithApp(<ConnectionPage />);
      const details = await screen.findByTestId('qbo-details');
      expect(details.textContent).toContain('Summit Builders LLC');
      expect(details.textContent).toContain('9341453050298126');
      expect(details.textContent).toContain('Sandbox');
      // Reads are what Intuit meters: the count says so, writes by operation (a batch counts each item), 429s.
      expect(screen.getByTestId('qbo-calls').textContent).toBe(
        "1,234 reads (metered by Intuit), 12 writes (120 operations) (not metered); 1 call refused by Intuit's throttle (429)",
      );
      expect(details.textContent).toContain('API calls in 2026-12');
      expect(screen.getByTestId('qbo-status').textContent).toBe('Connected');
      expect(screen.queryByText('Download the .qwc file')).toBeNull();
      expect(fake.calls.some((c) => c.url.pathname.endsWith('/qbwc/connection'))).toBe(false);

      await user.click(screen.getByRole('button', { name: 'Disconnect' }));
      const dialog = await screen.findByRole('dialog', { name: 'Disconnect QuickBooks Online?' });
      expect(dialog.textContent).toContain('revoked at Intuit');
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
      await waitFor(() => expect(screen.getByTestId('qbo-status').textContent).toBe('Disconnected'));
      expect(fake.calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
      expect(screen.getByRole('button', { name: 'Connect QuickBooks Online' })).toBeTruthy();
    },
    SLOW,
  );

  it(
    'Connect opens the Intuit sign-in popup at the authorize URL the server gives',
    async () => {
      const fake = server(
        () => ({ ...desktop, edition: 'online' }),
        (method, path) =>
          method === 'POST' && path === `${base}/qbo/connect` ? { authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2?state=s' } : undefined,
      );
      const popup = { location: { href: 'about:blank' }, closed: false, close: vi.fn() };
      const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
      const user = userEvent.setup();
      renderWithApp(<ConnectionPage />);
      await user.click(await screen.findByRole('button', { name: 'Connect QuickBooks Online' }));
      expect(open).toHaveBeenCalledWith('about:blank', 'qbo-connect', expect.any(String));
      await waitFor(() => expect(popup.location.href).toBe('https://appcenter.intuit.com/connect/oauth2?state=s'));
      expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
      expect(screen.getByText('Waiting for the Intuit sign-in window…')).toBeTruthy();
      popup.closed = true;
    },
    SLOW,
  );

  it(
    'says when QuickBooks Online is not configured on the server, and a member without the role cannot switch',
    async () => {
      server(() => ({ ...desktop, configured: false, serverEnvironment: null }));
      renderWithApp(<ConnectionPage />);
      const online = (await screen.findByRole('radio', { name: /QuickBooks Online/ })) as HTMLInputElement;
      expect(online.disabled).toBe(true);
      expect(screen.getByText(/not configured on this server/)).toBeTruthy();
    },
    SLOW,
  );

  it(
    "a needs-reconnect connection shows our code and Intuit's reason, and offers to reconnect",
    async () => {
      server(() => ({
        ...onlineConnected,
        status: 'needs_reconnect',
        lastError: {
          code: 'QBO_RECONNECT_REQUIRED',
          message:
            'QuickBooks Online refused the saved connection (Intuit: invalid_grant). An admin must connect QuickBooks Online again from the Connection screen.',
        },
      }));
      renderWithApp(<ConnectionPage />, { roles: ['accountant'] });
      expect((await screen.findByText(/Intuit: invalid_grant/)).closest('p')!.textContent).toMatch(/Intuit: invalid_grant.*QBO_RECONNECT_REQUIRED/);
      expect(((await screen.findByRole('button', { name: 'Reconnect QuickBooks Online' })) as HTMLButtonElement).disabled).toBe(true);
      expect(((await screen.findByRole('radio', { name: /QuickBooks Desktop/ })) as HTMLInputElement).disabled).toBe(true);
    },
    SLOW,
  );
});
