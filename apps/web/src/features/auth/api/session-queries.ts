import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { isApiError } from '../../../lib/api-client.ts';
import type { Session } from '../../../lib/session.ts';

export const sessionKeys = { session: ['session'] as const };

/** GET /api/session: who is signed in, their companies and roles, and the CSRF token; null = not signed in. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.session,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        return await api.get<Session>('/api/session', undefined, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    retry: false,
    staleTime: 60_000,
  });

export function signOut(idempotencyKey: string): Promise<void> {
  return api.post<void>('/auth/sign-out', {}, { idempotencyKey });
}

/** Trades the popup's one-time handoff code for this frame's own session cookie; answers the session. */
export function exchangeHandoff(handoff: string): Promise<Session> {
  return api.post<Session>('/auth/session', { handoff });
}
