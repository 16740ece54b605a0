import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { ActivityPage } from './activity-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const SESSION_ID = '5b2e1f0a-8c3d-4e6f-9a1b-2c3d4e5f6a7b';

const chatter = (id: string, action: string) => ({
  id,
  at: '2026-12-01T10:00:05Z',
  actor: 'qbwc',
  actorName: 'Web Connector',
  action,
  direction: 'to_quickbooks',
  outcome: 'ok',
  subjectType: 'qbwc_message',
  subjectId: '0c7f6a8e-5d1b-4b7e-9a53-1f2e3d4c5b6a',
  summary: `${action} said in words`,
  detail: null,
});

describe('Activity: the Web Connector chatter per session', () => {
  it(
    'shows one row per session (when, duration, messages, requests, result) and its entries only when expanded',
    async () => {
      const fake = fakeServer((call) => {
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/members`) return { items: [] };
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/activity`) {
          return {
            total: 2,
            items: [
              {
                kind: 'session',
                sessionId: SESSION_ID,
                at: '2026-12-01T10:00:09Z',
                startedAt: '2026-12-01T10:00:00Z',
                closedAt: '2026-12-01T10:00:12Z',
                durationSeconds: 12,
                state: 'closed',
                messages: 3,
                requestsDone: 5,
                requestsFailed: 1,
                result: 'Done: 5 requests, 1 failed.',
                outcome: 'error',
                entries: [chatter('c1', 'qbwc.message_sent'), chatter('c2', 'qbwc.response_received')],
              },
              { ...chatter('e1', 'export.approve'), actor: 'u1', actorName: 'Alex Tanaka', subjectType: 'commitment', subjectId: '101', direction: 'internal' },
            ],
          };
        }
        throw new Error(`unexpected ${call.method} ${call.url}`);
      });
      const user = userEvent.setup();
      renderWithApp(<ActivityPage />, { path: '/activity?company_id=4264807' });
      const summary = await screen.findByText(/Web Connector session: 3 messages, 5 done, 1 failed, 12 s/);
      const row = summary.closest('tr')!;
      expect(within(row).getByText('Done: 5 requests, 1 failed.')).toBeTruthy();
      expect(screen.getByText('export.approve said in words')).toBeTruthy();
      // The chatter is folded in: not interleaved until asked for.
      expect(screen.queryByText('qbwc.message_sent said in words')).toBeNull();
      const toggle = within(row).getByRole('button', { name: /Show 2 entries/ });
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      await user.click(toggle);
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      expect(screen.getByText('qbwc.message_sent said in words')).toBeTruthy();
      expect(screen.getByText('qbwc.response_received said in words')).toBeTruthy();
      // Grouped on the server (whole rows per page); the CSV stays one line per entry.
      await waitFor(() => expect(fake.calls.some((c) => c.url.pathname.endsWith('/activity') && c.url.searchParams.get('group') === 'sessions')).toBe(true));
      expect(screen.getByRole('link', { name: /Export CSV/ }).getAttribute('href')).not.toContain('group=');
      await user.click(within(row).getByRole('button', { name: /Hide 2 entries/ }));
      expect(screen.queryByText('qbwc.message_sent said in words')).toBeNull();
    },
    SLOW,
  );
});
