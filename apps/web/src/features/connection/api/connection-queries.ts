import type {
  ProcoreConnectionBody,
  QbwcConnectionBody,
  QbwcPasswordBody,
  QbwcSessionBody,
  QbwcSessionListBody,
  RebindBody,
  UnlockBody,
  AuthorizeUrlBody,
  AccountingEdition,
  DisconnectBody,
  QboConnectionBody,
  SetEditionRequestBody,
} from '@connector/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** GET /qbwc/connection, GET /sessions and GET /procore/connection: the shapes of @connector/contract. */
export type QbwcConnection = QbwcConnectionBody;
export type QbwcSessionEntry = QbwcSessionBody;
export type ProcoreConnection = ProcoreConnectionBody;

export const qbwcSessionsQuery = (companyId: string) =>
  queryOptions({
    queryKey: ['connection', companyId, 'sessions'] as const,
    queryFn: ({ signal }) => api.get<QbwcSessionListBody>(companyPath(companyId, '/sessions'), undefined, signal),
    refetchInterval: 30_000,
  });

export const connectionKeys = {
  all: (companyId: string) => ['connection', companyId] as const,
  qbwc: (companyId: string) => [...connectionKeys.all(companyId), 'qbwc'] as const,
  procore: (companyId: string) => [...connectionKeys.all(companyId), 'procore'] as const,
};

/** Polled every 2 s while a Web Connector session runs (its progress bar), every 30 s otherwise. */
export const qbwcConnectionQuery = (companyId: string) =>
  queryOptions({
    queryKey: connectionKeys.qbwc(companyId),
    queryFn: ({ signal }) => api.get<QbwcConnection>(companyPath(companyId, '/qbwc/connection'), undefined, signal),
    refetchInterval: (query) => (query.state.data?.currentSession ? 2_000 : 30_000),
  });

export const procoreConnectionQuery = (companyId: string) =>
  queryOptions({
    queryKey: connectionKeys.procore(companyId),
    queryFn: ({ signal }) => api.get<ProcoreConnection>(companyPath(companyId, '/procore/connection'), undefined, signal),
  });

export function setQbwcPassword(companyId: string, idempotencyKey: string) {
  return api.post<QbwcPasswordBody>(companyPath(companyId, '/qbwc/password'), {}, { idempotencyKey });
}

export function rebindCompanyFile(companyId: string, idempotencyKey: string) {
  return api.post<RebindBody>(companyPath(companyId, '/qbwc/rebind'), {}, { idempotencyKey });
}

/** Clears the failed Web Connector sign-ins of every address (each is paused after a few wrong passwords, never locked). */
export function unlockQbwcSignIn(companyId: string, idempotencyKey: string) {
  return api.post<UnlockBody>(companyPath(companyId, '/qbwc/unlock'), {}, { idempotencyKey });
}

export function qwcDownloadUrl(companyId: string): string {
  return companyPath(companyId, '/qwc');
}

/** Procore's authorize URL for connecting the company (POST from the iframe: its cookie and CSRF token). */
export async function startProcoreConnect(companyId: string, idempotencyKey: string): Promise<string> {
  const { authorizeUrl } = await api.post<AuthorizeUrlBody>(companyPath(companyId, '/procore/connect'), {}, { idempotencyKey });
  return authorizeUrl;
}

/** GET …/qbo/connection: the accounting edition and the QuickBooks Online connection (issue 22). */
export type QboConnection = QboConnectionBody;

export const qboConnectionKey = (companyId: string) => [...connectionKeys.all(companyId), 'qbo'] as const;

export const qboConnectionQuery = (companyId: string) =>
  queryOptions({
    queryKey: qboConnectionKey(companyId),
    queryFn: ({ signal }) => api.get<QboConnection>(companyPath(companyId, '/qbo/connection'), undefined, signal),
  });

/** PUT …/accounting-edition: QuickBooks Desktop (Web Connector) or QuickBooks Online; answers the new state. */
export function setAccountingEdition(companyId: string, edition: AccountingEdition, idempotencyKey: string) {
  return api.request<QboConnection>('PUT', companyPath(companyId, '/accounting-edition'), {
    body: { edition } satisfies SetEditionRequestBody,
    idempotencyKey,
  });
}

/** Intuit's authorize URL for connecting QuickBooks Online (POST from the iframe, as for Procore). */
export async function startQboConnect(companyId: string, idempotencyKey: string): Promise<string> {
  const { authorizeUrl } = await api.post<AuthorizeUrlBody>(companyPath(companyId, '/qbo/connect'), {}, { idempotencyKey });
  return authorizeUrl;
}

/** DELETE …/qbo/connection: revokes the connection at Intuit. */
export function disconnectQbo(companyId: string, idempotencyKey: string) {
  return api.request<DisconnectBody>('DELETE', companyPath(companyId, '/qbo/connection'), { idempotencyKey });
}
