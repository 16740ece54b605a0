import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createWebSession, ROLES, SESSION_COOKIE, type Role } from '@connector/sync';

/** What a signed-in browser sends: the session cookie, and the CSRF token on mutating calls. */
export type AuthHeaders = {
  cookie: string;
  'x-csrf-token': string;
};

export interface SignInOptions {
  /** The company (or companies) the person is a member of. */
  companyId: string | string[];
  /** Their roles in each of those companies; default every role. */
  roles?: readonly Role[];
  /** Who: the same login is the same user across calls (default "tester@example.com"). */
  login?: string;
  name?: string;
}

export interface SignedInTestUser {
  headers: AuthHeaders;
  userId: string;
  sessionId: string;
}

/**
 * A signed-in browser for tests of the JSON API: a user and their memberships written as a sign-in would
 * (the Procore round trip itself is tested in sign-in.test.ts), and a real session made by the same service
 * the callback uses, on the app's clock. Pass the result as `headers` to inject() or fetch().
 */
export async function signIn(app: FastifyInstance | { app: FastifyInstance }, options: SignInOptions): Promise<SignedInTestUser> {
  const server = 'webAuth' in app ? app : app.app;
  const { db, now } = server.webAuth;
  const login = options.login ?? 'tester@example.com';
  const procoreUserId = String(parseInt(createHash('sha256').update(login).digest('hex').slice(0, 10), 16));
  const user = await db.prisma.user.upsert({
    where: { procoreEnvironment_procoreUserId: { procoreEnvironment: 'production', procoreUserId } },
    create: { procoreEnvironment: 'production', procoreUserId, login, name: options.name ?? login.split('@')[0]! },
    update: options.name ? { name: options.name } : {},
  });
  const roles = [...(options.roles ?? ROLES)];
  for (const companyId of [options.companyId].flat()) {
    await db.prisma.companyMember.upsert({
      where: { companyId_userId: { companyId, userId: user.id } },
      create: { companyId, userId: user.id, roles, rolesUpdatedBy: 'test' },
      update: { roles },
    });
  }
  const session = await createWebSession(db, { userId: user.id, now: now() });
  return { headers: { cookie: `${SESSION_COOKIE}=${session.cookieValue}`, 'x-csrf-token': session.csrfToken }, userId: user.id, sessionId: session.sessionId };
}

/** signIn, keeping only the headers to send. */
export async function signInAs(app: FastifyInstance | { app: FastifyInstance }, options: SignInOptions): Promise<AuthHeaders> {
  return (await signIn(app, options)).headers;
}
