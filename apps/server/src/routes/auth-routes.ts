import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authApi } from '@connector/contract';
import type { Database } from '@connector/db';
import {
  AppError,
  authenticateWebSession,
  completeWebSignIn,
  csrfTokenMatches,
  describeWebSession,
  exchangeSignInHandoff,
  isAppError,
  revokeWebSession,
  startWebSignIn,
  type ProcoreSettings,
} from '@connector/sync';
import { renderWebSignInPage, type WebSignInMessage } from '../auth/render-web-sign-in-page.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../plugins/session-cookie.ts';

export interface AuthRoutesOptions {
  db: Database;
  procoreSettings: ProcoreSettings;
  procoreFetch: typeof fetch | undefined;
  publicUrl: string;
  now: () => Date;
  demoMode: boolean;
}

/**
 * "Sign in with Procore" for the embedded app, the session it makes, and sign-out:
 *   GET  /auth/sign-in?procoreCompanyId=  the popup's first page: a redirect to Procore's authorize page
 *   GET  /auth/callback                   Procore's redirect: session cookie + a page that tells the opener
 *   POST /auth/session {handoff}          the iframe trades the popup's one-time code for its own cookie
 *   POST /auth/sign-out                   (X-CSRF-Token) ends the session: 204, cookie cleared
 *   GET  /api/session                     who is signed in, their companies and roles, the CSRF token
 * Register PUBLIC_URL/auth/callback as a redirect URI of the app in the Procore Developer Portal.
 */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const redirectUri = `${options.publicUrl}/auth/callback`;
  const origin = new URL(options.publicUrl).origin;

  const sendPage = (reply: FastifyReply, message: WebSignInMessage, status: number) => {
    const page = renderWebSignInPage(message, origin);
    return reply
      .status(status)
      .header('content-security-policy', page.contentSecurityPolicy)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(page.html);
  };
  const failurePage = (reply: FastifyReply, error: unknown, log: (obj: object, msg: string) => void) => {
    if (!isAppError(error) || error.status >= 500) log({ err: error }, 'sign-in with Procore failed');
    const known = isAppError(error);
    return sendPage(
      reply,
      {
        type: 'procore:auth',
        ok: false,
        code: known ? error.code : 'INTERNAL',
        error: known ? error.message : 'Something went wrong on our side while signing you in. It has been logged; try again.',
      },
      known ? error.status : 500,
    );
  };

  api.get('/auth/sign-in', { schema: authApi.signIn }, async (request, reply) => {
    try {
      const { authorizeUrl } = await startWebSignIn(db, options.procoreSettings, { ...request.query, redirectUri, now: options.now() });
      return reply.header('cache-control', 'no-store').redirect(authorizeUrl, 302);
    } catch (error) {
      return failurePage(reply, error, (obj, msg) => request.log.error(obj, msg));
    }
  });

  api.get('/auth/callback', { schema: authApi.callback }, async (request, reply) => {
    const now = options.now();
    try {
      const signedIn = await completeWebSignIn(db, options.procoreSettings, {
        ...request.query,
        redirectUri,
        demoMode: options.demoMode,
        now,
        fetch: options.procoreFetch,
      });
      request.log.info({ userId: signedIn.user.id, companies: signedIn.memberships.length }, 'signed in with Procore');
      setSessionCookie(reply, signedIn.session.cookieValue, signedIn.session.expiresAt, now);
      return sendPage(reply, { type: 'procore:auth', ok: true, handoff: signedIn.session.handoff! }, 200);
    } catch (error) {
      return failurePage(reply, error, (obj, msg) => request.log.error(obj, msg));
    }
  });

  api.post('/auth/session', { schema: authApi.exchangeHandoff }, async (request, reply) => {
    const now = options.now();
    const session = await exchangeSignInHandoff(db, { handoff: request.body.handoff, now });
    setSessionCookie(reply, session.cookieValue, session.expiresAt, now);
    reply.header('cache-control', 'no-store');
    return { ...(await describeWebSession(db, { userId: session.userId })), csrfToken: session.csrfToken };
  });

  api.post('/auth/sign-out', { schema: authApi.signOut }, async (request, reply) => {
    const cookieValue = readSessionCookie(request);
    const now = options.now();
    const session = await authenticateWebSession(db, { cookieValue, now }).catch((error) => {
      if (isAppError(error) && error.status === 401) return null; // nothing to end
      throw error;
    });
    if (session) {
      // Without the token a page on another site could sign people out.
      if (!csrfTokenMatches(session.csrfKey, [request.headers['x-csrf-token']].flat()[0])) throw new AppError('CSRF_TOKEN_INVALID');
      await revokeWebSession(db, { cookieValue, now });
    }
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  api.get('/api/session', { schema: authApi.session }, async (request, reply) => {
    const session = request.webSession!;
    reply.header('cache-control', 'no-store');
    return { ...(await describeWebSession(db, { userId: session.user.id })), csrfToken: session.csrfToken };
  });
}
