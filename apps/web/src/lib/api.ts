import { createApiClient } from './api-client.ts';

/**
 * The app's API client. The session feature supplies the CSRF token after sign-in and how to re-read it;
 * every feature's queries and actions go through this one instance.
 */
let csrfToken: string | null = null;
let refreshCsrf: (() => Promise<string | null>) | null = null;
let unauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function configureApi(handlers: { refreshCsrfToken?: () => Promise<string | null>; onUnauthorized?: () => void }): void {
  refreshCsrf = handlers.refreshCsrfToken ?? null;
  unauthorized = handlers.onUnauthorized ?? null;
}

export const api = createApiClient({
  getCsrfToken: () => csrfToken,
  refreshCsrfToken: async () => {
    const token = refreshCsrf ? await refreshCsrf() : null;
    csrfToken = token;
    return token;
  },
  onUnauthorized: () => unauthorized?.(),
});

/** Company-scoped API paths: /api/companies/:companyId/… */
export function companyPath(companyId: string, path: string): string {
  return `/api/companies/${encodeURIComponent(companyId)}${path}`;
}
