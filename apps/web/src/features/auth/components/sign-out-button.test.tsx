import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { actionsFor } from '@connector/contract';
import { ToastProvider } from '../../../components/toasts.tsx';
import { useCompany } from '../../../lib/session.ts';
import { fakeServer } from '../../../test/render-with-app.tsx';
import { SessionGate } from './session-gate.tsx';
import { SignOutButton } from './sign-out-button.tsx';

const session = {
  user: { id: 'u1', login: 'pat@example.com', name: 'Pat Accountant' },
  companies: [
    {
      id: '11111111-2222-4333-8444-555555555555',
      name: 'Summit Builders',
      procoreCompanyId: '4264807',
      roles: ['accountant'],
      actions: actionsFor(['accountant']),
    },
  ],
  csrfToken: 'csrf-1',
};

function Panel() {
  const { company, user } = useCompany();
  const exceptions = useQuery({
    queryKey: ['exceptions', company.id],
    queryFn: async () => (await fetch(`/api/companies/${company.id}/exports/exceptions`)).json() as Promise<{ total: number }>,
  });
  return (
    <div>
      <p>Signed in as {user.name}</p>
      <p>{exceptions.data ? `${exceptions.data.total} exceptions` : 'loading'}</p>
      <SignOutButton />
    </div>
  );
}

describe('Sign out', () => {
  it('shows the sign-in screen at once: no name, no roles, no panel turning into an error', async () => {
    let signedIn = true;
    const fake = fakeServer((call) => {
      if (call.url.pathname === '/auth/sign-out') {
        signedIn = false;
        return new Response(null, { status: 204 });
      }
      if (!signedIn)
        return new Response(JSON.stringify({ error: { code: 'NOT_SIGNED_IN', message: 'Sign in' } }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      if (call.url.pathname === '/api/session') return session;
      return { total: 2 };
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <MemoryRouter initialEntries={['/?company_id=4264807']}>
            <SessionGate>
              <Panel />
            </SessionGate>
          </MemoryRouter>
        </ToastProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('2 exceptions')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.queryByText(/Signed in as/)).toBeNull());
    expect(screen.queryByText(/exceptions/)).toBeNull();
    // Nothing of the company stays cached, and nothing was fetched again after signing out but the sign-out itself.
    expect(
      queryClient
        .getQueryCache()
        .findAll()
        .map((q) => q.queryKey[0]),
    ).toEqual(['session']);
    const afterSignOut = fake.calls.slice(fake.calls.findIndex((c) => c.url.pathname === '/auth/sign-out') + 1);
    expect(afterSignOut.filter((c) => c.url.pathname !== '/api/session')).toEqual([]);
  });
});
