import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { ToastProvider } from '../components/toasts.tsx';
import { actionsFor } from '@connector/contract';
import { CompanyContext, type Role } from '../lib/session.ts';

export const TEST_COMPANY_ID = '11111111-2222-4333-8444-555555555555';

/** A screen as the app renders it: TanStack Query (no retries unless asked), a router, toasts, a signed-in company. */
export function renderWithApp(ui: ReactElement, options: { roles?: Role[]; path?: string; queryClient?: QueryClient } = {}) {
  const queryClient = options.queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const roles: Role[] = options.roles ?? ['admin', 'project_manager', 'accountant'];
  const context = {
    user: { id: 'u1', login: 'pat@example.com', name: 'Pat' },
    company: { id: TEST_COMPANY_ID, name: 'Summit Builders', procoreCompanyId: '4264807', roles, actions: actionsFor(roles) },
    projectId: null,
  };
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <MemoryRouter initialEntries={[options.path ?? '/?company_id=4264807']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <CompanyContext.Provider value={context}>{ui}</CompanyContext.Provider>
        </MemoryRouter>
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/**
 * A fake server for component tests: `handler` answers each call (a Response, or a JSON body for 200);
 * every call is recorded with its headers and parsed body.
 */
export function fakeServer(handler: (call: RecordedCall) => Response | object | Promise<Response | object>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      url,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = await handler(call);
    return answer instanceof Response ? answer : json(answer);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
