import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { Member } from '../api/members-queries.ts';
import { MembersPage } from './members-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const me: Member = { userId: 'u1', login: 'pat@example.com', name: 'Pat', roles: ['admin', 'project_manager', 'accountant'] };
const newcomer: Member = { userId: 'u2', login: 'sam@example.com', name: 'Sam Newcomer', roles: [] };

function server(members: Member[]) {
  return fakeServer((call) => {
    if (call.method === 'GET' && call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/members`) return { items: members };
    if (call.method === 'PUT') {
      const userId = call.url.pathname.split('/').pop()!;
      const roles = (call.body as { roles: Member['roles'] }).roles;
      if (userId === 'u1' && !roles.includes('admin')) {
        return json({ code: 'LAST_ADMIN', message: 'A company needs at least one admin: give the admin role to someone else first.' }, 409);
      }
      const member = members.find((m) => m.userId === userId)!;
      member.roles = roles;
      return { ...member };
    }
    if (call.url.pathname === '/api/session') return {};
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

describe('Members', () => {
  it(
    'lists people by name with their roles; a newcomer has none, and an admin gives one (PUT, the whole set)',
    async () => {
      const fake = server([me, { ...newcomer }]);
      const user = userEvent.setup();
      renderWithApp(<MembersPage />, { path: '/members?company_id=4264807' });
      const row = within(await screen.findByTestId('member-row-u2'));
      expect(row.getByText('Sam Newcomer')).toBeTruthy();
      expect(row.getByText('No role yet: can look, cannot act')).toBeTruthy();
      expect(within(screen.getByTestId('member-row-u1')).getByText(/\(you\)/)).toBeTruthy();
      const save = row.getByRole('button', { name: 'Save roles of Sam Newcomer' }) as HTMLButtonElement;
      expect(save.disabled).toBe(true);
      await user.click(row.getByLabelText('Accountant: Sam Newcomer'));
      expect(save.disabled).toBe(false);
      await user.click(save);
      await screen.findByText('Sam Newcomer now has accountant.');
      const put = fake.calls.find((c) => c.method === 'PUT')!;
      expect(put.url.pathname).toBe(`/api/companies/${TEST_COMPANY_ID}/members/u2`);
      expect(put.body).toEqual({ roles: ['accountant'] });
      expect(put.headers.get('idempotency-key')).toBeTruthy();
      // Focus stays on the list, not the page body, once Save is disabled again.
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Members list' })));
      await waitFor(() => expect(within(screen.getByTestId('member-row-u2')).queryByText('No role yet: can look, cannot act')).toBeNull());
    },
    SLOW,
  );

  it(
    'says why the last admin keeps the role (LAST_ADMIN), with the code',
    async () => {
      server([me]);
      const user = userEvent.setup();
      renderWithApp(<MembersPage />, { path: '/members?company_id=4264807' });
      const row = within(await screen.findByTestId('member-row-u1'));
      await user.click(row.getByLabelText('Admin: Pat'));
      await user.click(row.getByRole('button', { name: 'Save roles of Pat' }));
      expect(await screen.findByText(/at least one admin/)).toBeTruthy();
      expect(screen.getByText(/Code: LAST_ADMIN/)).toBeTruthy();
      // Nothing changed: the row shows the admin role again, and no "Try again" offers the same refusal.
      await waitFor(() => expect((row.getByLabelText('Admin: Pat') as HTMLInputElement).checked).toBe(true));
      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    },
    SLOW,
  );

  it(
    'someone who is not an admin sees the roles but cannot change them, and is told which role it needs',
    async () => {
      server([me, { ...newcomer }]);
      renderWithApp(<MembersPage />, { path: '/members?company_id=4264807', roles: ['accountant'] });
      const row = within(await screen.findByTestId('member-row-u2'));
      expect((row.getByLabelText('Accountant: Sam Newcomer') as HTMLInputElement).disabled).toBe(true);
      const save = row.getByRole('button', { name: 'Save roles of Sam Newcomer' });
      expect(document.getElementById(save.getAttribute('aria-describedby')!)!.textContent).toBe('Needs the admin role');
      // The role table the server enforces, in words.
      expect(screen.getByText('Accountant', { selector: 'li strong' }).parentElement!.textContent).toContain('approve or reject exports');
    },
    SLOW,
  );
});
