import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyMessage } from '../../../components/empty-message.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { configureApi, setCsrfToken } from '../../../lib/api.ts';
import { CompanyContext, type CompanyContextValue } from '../../../lib/session.ts';
import { sessionKeys, sessionQuery } from '../api/session-queries.ts';
import { SignInScreen } from './sign-in-screen.tsx';

/**
 * The app opens in Procore's iframe at /app/?company_id=<Procore company id>[&project_id=<id>]. This gate
 * reads the session, asks for sign-in when there is none, and finds the company the user is a member of;
 * below it every screen has a company (CompanyContext) and the API client has the CSRF token.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const procoreCompanyId = search.get('company_id');
  const projectId = search.get('project_id');
  const session = useQuery(sessionQuery());

  useEffect(() => {
    configureApi({
      refreshCsrfToken: async () => (await queryClient.fetchQuery({ ...sessionQuery(), staleTime: 0 }))?.csrfToken ?? null,
      onUnauthorized: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.session }),
    });
  }, [queryClient]);

  const data = session.data;
  setCsrfToken(data?.csrfToken ?? null);

  const context = useMemo<CompanyContextValue | null>(() => {
    if (!data) return null;
    const company = procoreCompanyId
      ? data.companies.find((c) => String(c.procoreCompanyId) === procoreCompanyId)
      : data.companies.length === 1
        ? data.companies[0]
        : undefined;
    return company ? { user: data.user, company, projectId } : null;
  }, [data, procoreCompanyId, projectId]);

  if (session.isPending) {
    return (
      <p role="status" style={{ padding: 24 }}>
        Checking your sign-in…
      </p>
    );
  }
  if (session.isError) {
    return (
      <main style={{ padding: 24 }}>
        <ErrorNotice error={session.error} title="Could not check your sign-in" onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (!data) {
    return (
      <SignInScreen
        procoreCompanyId={procoreCompanyId}
        onSignedIn={(signedIn) => {
          if (signedIn) queryClient.setQueryData(sessionKeys.session, signedIn);
          else void queryClient.invalidateQueries({ queryKey: sessionKeys.session });
        }}
      />
    );
  }
  if (!context) {
    return (
      <main style={{ padding: 24, maxWidth: 640 }}>
        <h1 style={{ fontSize: 24 }}>Choose a company</h1>
        {procoreCompanyId ? (
          <EmptyMessage title="You are not a member of this company in the connector">
            Procore company {procoreCompanyId} is not one of yours here. Ask a company admin of the connector to add you, or open one of your companies below.
          </EmptyMessage>
        ) : null}
        {data.companies.length === 0 ? (
          <EmptyMessage title="No companies yet">Your account is not a member of any company in the connector. Ask your company admin to add you.</EmptyMessage>
        ) : (
          <ul>
            {data.companies.map((c) => (
              <li key={c.id}>
                <a href={`?company_id=${encodeURIComponent(c.procoreCompanyId)}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        )}
      </main>
    );
  }
  return <CompanyContext.Provider value={context}>{children}</CompanyContext.Provider>;
}
