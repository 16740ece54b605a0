import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '@connector/db';
import { AppError, authenticateWebSession, csrfTokenMatches, isAppError, resolveMemberRoles, type AuthenticatedSession, type Role } from '@connector/sync';
import type { RoleCheck } from './require-role.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.ts';
import type { GuardedAction } from '@connector/contract';

export interface WebAuthOptions {
  db: Database;
  /** The clock sessions are judged by (tests move it). */
  now: () => Date;
  /** No Procore credentials configured: every member signing in gets every role. */
  demoMode: boolean;
}

/** One /api route and the roles it requires (none = any member), for the role table test and reviews. */
export interface ApiRouteRoles {
  method: string;
  url: string;
  requiredRoles: readonly Role[] | null;
  /** The role-table action (@connector/contract) the route's guard asks for; null when it has none or names roles. */
  action: GuardedAction | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session of an /api request (set by web-auth before anything else runs). */
    webSession: AuthenticatedSession | null;
    /** The user's membership in the company of the URL (/api/companies/:companyId/...). */
    member: { companyId: string; roles: Role[] } | null;
  }
  interface FastifyInstance {
    webAuth: WebAuthOptions;
    apiRoutes: ApiRouteRoles[];
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An /api request: by the route it matched (whatever the URL's spelling) or, for no route, by its path. */
export const isApiRequest = (request: FastifyRequest) => {
  const route = request.routeOptions.url;
  if (route !== undefined && (route === '/api' || route.startsWith('/api/'))) return true;
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
};

/**
 * Sign-in for the JSON API (embedded app). Every /api request needs a live session cookie (401 NOT_SIGNED_IN or
 * SESSION_EXPIRED), and every POST/PUT/PATCH/DELETE the session's X-CSRF-Token (403 CSRF_TOKEN_INVALID) —
 * both checked on arrival, before the body is read. A URL naming a company must name one of the user's
 * (404, as for a company that does not exist: nothing is revealed); then a route's requireAction (the role table) runs.
 * Routes outside /api keep their own authentication (QBWC tickets, the webhook secret, OAuth states).
 */
export const webAuth = fp(async (app: FastifyInstance, options: WebAuthOptions) => {
  app.decorate('webAuth', options);
  app.decorate('apiRoutes', [] as ApiRouteRoles[]);
  app.decorateRequest('webSession', null);
  app.decorateRequest('member', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const hooks = [route.preValidation].flat().filter(Boolean) as Array<Partial<RoleCheck>>;
    const check = hooks.find((h) => Array.isArray(h.requiredRoles));
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.apiRoutes.push({ method, url: route.url, requiredRoles: check?.requiredRoles ?? null, action: check?.action ?? null });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRequest(request)) return;
    const cookieValue = readSessionCookie(request);
    const now = options.now();
    let session: AuthenticatedSession;
    try {
      session = await authenticateWebSession(options.db, { cookieValue, now });
    } catch (error) {
      // A cookie that no longer works is removed, so the browser stops sending it.
      if (cookieValue !== undefined && isAppError(error) && error.status === 401) clearSessionCookie(reply);
      throw error;
    }
    if (session.rotatedCookie) setSessionCookie(reply, session.rotatedCookie, session.expiresAt, now);
    request.webSession = session;
    if (MUTATING.has(request.method) && !csrfTokenMatches(session.csrfKey, firstHeader(request.headers['x-csrf-token']))) {
      throw new AppError('CSRF_TOKEN_INVALID');
    }
  });

  app.addHook('preValidation', async (request) => {
    if (!request.webSession) return;
    const companyId = (request.params as { companyId?: unknown } | undefined)?.companyId;
    if (typeof companyId !== 'string') return;
    if (!UUID.test(companyId)) throw new AppError('VALIDATION', 'The company id in the URL is not a valid id.');
    request.member = { companyId, roles: await resolveMemberRoles(options.db, { companyId, userId: request.webSession.user.id }) };
  });
});

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
