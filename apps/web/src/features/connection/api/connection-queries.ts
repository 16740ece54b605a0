import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** GET /qbwc/connection: the Web Connector side as people need to see it. */
export interface QbwcConnection {
  status: 'connected' | 'not_connected';
  hasPassword: boolean;
  username: string | null;
  lastPollAt: string | null;
  expectedEveryMinutes: number | null;
  missedSchedule: boolean;
  boundCompanyFile: { path: string; name: string | null; boundAt: string | null } | null;
  qbInfo: {
    edition: string | null;
    version: string | null;
    country: string | null;
    /** From the company file's Preferences (HCP): multi-currency, class tracking, closing date, the QuickBooks user. */
    multiCurrency?: boolean | null;
    classTracking?: boolean | null;
    closingDate?: string | null;
    loginUser?: string | null;
  } | null;
  /** What the connection does not do well (e.g. a limited QuickBooks user that silently leaves records out). */
  warnings?: string[];
  currentSession: { id: string; startedAt: string; percent: number; requestsDone: number; requestsFailed: number } | null;
  /** Wrong passwords since the last successful sign-in, and addresses paused now (sign-in throttling). */
  signIn: {
    state: 'ok' | 'failing' | 'paused';
    lastFailure: { at: string; reason: 'wrong_password'; source: string | null; failures: number | null } | null;
    paused: Array<{ source: string; until: string; failures: number }>;
  };
}

/** GET /sessions: the Web Connector's past sessions (the "View Log" of its runs), newest first. */
export interface QbwcSessionEntry {
  id: string;
  state: string;
  progress: number;
  lastError: string | null;
  summary: string | null;
  companyFile: string | null;
  roundTrips: number;
  requestsDone: number;
  requestsFailed: number;
  startedAt: string;
  closedAt: string | null;
}

/** GET /procore/connection. */
export interface ProcoreConnection {
  status: 'not_connected' | 'connected' | 'needs_sign_in' | 'disconnected';
  statusMessage: string | null;
  environment: string;
  grantType: string;
  procoreUser: string | null;
  connectedAt: string | null;
  connectedBy: string | null;
  lastReconciledAt: string | null;
  webhooks: { destinationUrl: string; triggers: number; lastDeliveryAt: string | null } | null;
}

export const qbwcSessionsQuery = (companyId: string) =>
  queryOptions({
    queryKey: ['connection', companyId, 'sessions'] as const,
    queryFn: ({ signal }) => api.get<{ items: QbwcSessionEntry[] }>(companyPath(companyId, '/sessions'), undefined, signal),
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
  return api.post<{ username: string; password: string }>(companyPath(companyId, '/qbwc/password'), {}, { idempotencyKey });
}

export function rebindCompanyFile(companyId: string, idempotencyKey: string) {
  return api.post<{ ok: true }>(companyPath(companyId, '/qbwc/rebind'), {}, { idempotencyKey });
}

/** Clears the failed Web Connector sign-ins of every address (each is paused after a few wrong passwords, never locked). */
export function unlockQbwcSignIn(companyId: string, idempotencyKey: string) {
  return api.post<{ username: string; cleared: number; blocked: number }>(companyPath(companyId, '/qbwc/unlock'), {}, { idempotencyKey });
}

export function qwcDownloadUrl(companyId: string): string {
  return companyPath(companyId, '/qwc');
}

/** Procore's authorize URL for connecting the company (POST from the iframe: its cookie and CSRF token). */
export async function startProcoreConnect(companyId: string, idempotencyKey: string): Promise<string> {
  const { authorizeUrl } = await api.post<{ authorizeUrl: string }>(companyPath(companyId, '/procore/connect'), {}, { idempotencyKey });
  return authorizeUrl;
}
