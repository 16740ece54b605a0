import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_ROLES, actionsFor, type GuardedAction } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import {
  claimIdempotencyKey,
  createCompany,
  enqueueRequest,
  ROLES,
  SESSION_POLICY,
  setQbwcCredentials,
  syncSignInMemberships,
  writeAudit,
  type Role,
} from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signIn, type AuthHeaders } from './support/sign-in.ts';

// Embedded app: sign-in with Procore (the popup against the Procore simulator), the session cookie, CSRF,
// roles on every /api route, idempotency keys, and the Connection / Activity / Members APIs.
const PEOPLE = {
  pm: { login: 'sam.pm@example.com', name: 'Sam Project-Manager' },
  accountant: { login: 'pat.accountant@example.com', name: 'Pat Accountant' },
  formula: { login: 'formula@example.com', name: '=HYPERLINK("http://evil.example","click")' },
};
const MINUTE = 60_000;

/** Every /api route and who may call it (null: any member of the company). A new route must be added here. */
// Which role-table action (@connector/contract) guards each /api route; null: open to every member.
const ROUTE_ACTIONS: Record<string, GuardedAction | null> = {
  'GET /api/session': null,
  'GET /api/companies/:companyId/qwc': null,
  'GET /api/companies/:companyId/requests': null,
  'GET /api/companies/:companyId/sessions': null,
  'GET /api/companies/:companyId/exports/exceptions': null,
  'GET /api/companies/:companyId/exports/:recordType/:procoreId/preview': null,
  'POST /api/companies/:companyId/exports/:recordType/:procoreId/resolve': 'resolveException',
  'GET /api/companies/:companyId/exports/:recordType': null,
  'POST /api/companies/:companyId/exports/:recordType/send': 'sendToAccounting',
  'POST /api/companies/:companyId/exports/:recordType/approve': 'approveOrReject',
  'POST /api/companies/:companyId/exports/:recordType/reject': 'approveOrReject',
  'POST /api/companies/:companyId/exports/:recordType/retry': 'retryOrDismiss',
  'POST /api/companies/:companyId/exports/:recordType/dismiss': 'retryOrDismiss',
  'GET /api/companies/:companyId/settings': null,
  'PATCH /api/companies/:companyId/settings': 'editSettings',
  'PUT /api/companies/:companyId/settings': 'editSettings',
  'POST /api/companies/:companyId/settings/retainage-receivable-item': 'editSettings',
  'GET /api/companies/:companyId/settings/quickbooks-lists': null,
  'GET /api/companies/:companyId/settings/cost-codes': null,
  'GET /api/companies/:companyId/procore/connect': 'manageConnection',
  'POST /api/companies/:companyId/procore/connect': 'manageConnection',
  'POST /api/companies/:companyId/procore/service-account': 'manageConnection',
  'GET /api/companies/:companyId/procore/connection': null,
  'DELETE /api/companies/:companyId/procore/connection': 'manageConnection',
  // QuickBooks Online (issue 22): the edition and the connection.
  'GET /api/companies/:companyId/qbo/connect': 'manageConnection',
  'POST /api/companies/:companyId/qbo/connect': 'manageConnection',
  'GET /api/companies/:companyId/qbo/connection': null,
  'DELETE /api/companies/:companyId/qbo/connection': 'manageConnection',
  'PUT /api/companies/:companyId/accounting-edition': 'manageConnection',
  'POST /api/companies/:companyId/procore/webhooks': 'manageConnection',
  'POST /api/companies/:companyId/procore/reconcile': 'manageConnection',
  'GET /api/companies/:companyId/members': null,
  'PUT /api/companies/:companyId/members/:userId': 'manageMembers',
  'GET /api/companies/:companyId/qbwc/connection': null,
  'POST /api/companies/:companyId/qbwc/password': 'manageConnection',
  'POST /api/companies/:companyId/qbwc/rebind': 'manageConnection',
  'POST /api/companies/:companyId/qbwc/unlock': 'manageConnection',
  'GET /api/companies/:companyId/activity': null,
  'GET /api/companies/:companyId/activity.csv': null,
  'GET /api/companies/:companyId/activity/:entryId/exchange': null,
  'GET /api/companies/:companyId/summary': null,
  'POST /api/companies/:companyId/imports/refresh': 'refreshFromQuickBooks',
  'GET /api/companies/:companyId/imports/status': null,
  'GET /api/companies/:companyId/imports/items': null,
  'GET /api/companies/:companyId/imports/failures': null,
  'POST /api/companies/:companyId/imports/failures/retry': 'retryJobCostPush',
  'POST /api/companies/:companyId/imports/:kind/link-suggested': 'linkRecords',
  'GET /api/companies/:companyId/imports/:kind': null,
  'POST /api/companies/:companyId/imports/:kind/:listId/link': 'linkRecords',
  'POST /api/companies/:companyId/imports/:kind/:listId/create-project': 'linkRecords',
  'POST /api/companies/:companyId/imports/:kind/:listId/create-vendor': 'linkRecords',
  'POST /api/companies/:companyId/imports/:kind/:listId/archive': 'linkRecords',
  'POST /api/companies/:companyId/imports/:kind/:listId/unarchive': 'linkRecords',
  'POST /api/companies/:companyId/imports/:kind/:listId/unlink': 'linkRecords',
  'GET /api/companies/:companyId/job-costs': null,
  'GET /api/companies/:companyId/job-costs/:projectId': null,
  'GET /api/companies/:companyId/job-costs/owner/:projectId': null,
  'GET /api/companies/:companyId/job-costs/unattributed-lines': null,
  'GET /api/companies/:companyId/exceptions': null,
  'POST /api/companies/:companyId/exceptions/jobs/:jobId/retry': 'retryOrDismiss',
  'POST /api/companies/:companyId/exceptions/jobs/:jobId/dismiss': 'retryOrDismiss',
};

describe.each(await databaseKinds())('sign-in, sessions and roles (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let clockMs = Date.now();
  const base = clockMs;
  /** Every session secret and token the tests saw: none may reach the log. */
  const seen = new Set<string>();
  let companyId: string;
  let procoreCompanyId: string;
  const db = () => setup.testDb.database;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { simulator: { users: Object.values(PEOPLE) }, app: { clock: () => new Date(clockMs) } });
    procoreCompanyId = String(setup.simulator.companyId);
    companyId = (await createCompany(db(), { procoreCompanyId, name: 'Sign-In GC', actor: 'test' })).id;
  });
  afterAll(async () => setup?.close());
  beforeEach(() => {
    clockMs = base;
  });

  const remember = (headers: AuthHeaders) => {
    seen.add(headers.cookie.split('=')[1]!);
    for (const part of headers.cookie.split('=')[1]!.split('.')) seen.add(part);
    seen.add(headers['x-csrf-token']);
    return headers;
  };
  const session = async (options: Parameters<typeof signIn>[1]) => {
    const signed = await signIn(setup, options);
    remember(signed.headers);
    return signed;
  };
  const inject = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    setup.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const cookieOf = (setCookie: string | undefined | string[]) => [setCookie].flat()[0]?.split(';')[0];

  /** The popup as a browser drives it: our /auth/sign-in → Procore's authorize (as `loginHint`) → our callback page. */
  async function popup(procoreId: string, options: { loginHint?: string; deny?: boolean } = {}) {
    const start = await fetch(`${setup.publicUrl}/auth/sign-in?procoreCompanyId=${procoreId}`, { redirect: 'manual' });
    if (start.status !== 302)
      return {
        status: start.status,
        html: await start.text(),
        setCookie: start.headers.getSetCookie(),
        message: undefined,
        authorize: null,
        headers: start.headers,
      };
    const authorize = start.headers.get('location')!;
    const extra = `${options.loginHint ? `&login_hint=${encodeURIComponent(options.loginHint)}` : ''}${options.deny ? '&deny=1' : ''}`;
    const atProcore = await fetch(`${authorize}${extra}`, { redirect: 'manual' });
    const callbackUrl = atProcore.headers.get('location')!;
    const code = new URL(callbackUrl).searchParams.get('code');
    if (code) setup.secrets.add(code);
    const page = await fetch(callbackUrl);
    const html = await page.text();
    const message = JSON.parse(/var message = (.*);\n/.exec(html)![1]!) as { type: string; ok: boolean; error?: string; code?: string; handoff?: string };
    if (message.handoff) seen.add(message.handoff);
    const setCookie = page.headers.getSetCookie();
    for (const cookie of setCookie) {
      const value = cookie.split(';')[0]!.split('=')[1]!;
      if (value) seen.add(value);
    }
    return { status: page.status, html, setCookie, message, authorize, headers: page.headers };
  }
  const sessionOf = async (cookie: string) => {
    const response = await inject('GET', '/api/session', { cookie });
    if (response.statusCode === 200) seen.add(response.json().csrfToken);
    return response;
  };

  it('signs in through the popup against the Procore simulator: cookie, page, session, memberships; tokens not kept', async () => {
    expect((await inject('GET', '/api/session')).json()).toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('Sign in with Procore') });
    const revocationsBefore = setup.simulator.oauth.stats().revocations;

    const first = await popup(procoreCompanyId);
    expect(first.authorize!.startsWith(`${setup.simulator.url}/oauth/authorize?`)).toBe(true);
    expect(new URL(first.authorize!).searchParams.get('redirect_uri')).toBe(`${setup.publicUrl}/auth/callback`);
    expect(first.status).toBe(200);
    expect(first.message).toMatchObject({ type: 'procore:auth', ok: true, handoff: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(first.html).toContain(`postMessage(message, ${JSON.stringify(setup.publicUrl)})`);
    expect(first.html).toContain('window.close()');
    expect(first.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'; /);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.setCookie).toHaveLength(1);
    const attributes = first.setCookie[0]!.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(/^qbc_session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1)).toEqual(
      expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned', 'Path=/', `Max-Age=${SESSION_POLICY.absoluteMs / 1000}`]),
    );

    const popupCookie = attributes[0]!;
    const signedIn = await sessionOf(popupCookie);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const seeded = setup.simulator.store.user;
    expect(signedIn.json()).toEqual({
      user: { id: expect.any(String), login: seeded.login, name: seeded.name },
      // The first member of a company is its admin, with every role.
      companies: [
        {
          id: companyId,
          name: 'Sign-In GC',
          procoreCompanyId,
          roles: ['admin', 'project_manager', 'accountant'],
          actions: actionsFor(['admin', 'project_manager', 'accountant']),
        },
      ],
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // The person's Procore tokens were revoked, not kept (the company's connection has its own).
    expect(setup.simulator.oauth.stats().revocations - revocationsBefore).toBe(2);
    expect(await db().prisma.auditEntry.count({ where: { companyId, action: 'auth.signed_in', actor: signedIn.json().user.id } })).toBe(1);

    // The iframe trades the one-time code for a cookie of its own (partitioned cookies); the popup's stops working.
    const traded = await inject('POST', '/auth/session', {}, { handoff: first.message!.handoff });
    expect(traded.statusCode).toBe(200);
    expect(traded.json()).toMatchObject({ user: { login: seeded.login }, companies: [{ id: companyId }] });
    const iframeCookie = cookieOf(traded.headers['set-cookie'])!;
    seen.add(iframeCookie.split('=')[1]!);
    seen.add(traded.json().csrfToken);
    expect(String(traded.headers['set-cookie'])).toContain('Partitioned');
    expect(iframeCookie).not.toBe(popupCookie);
    expect((await sessionOf(iframeCookie)).json().csrfToken).toBe(traded.json().csrfToken);
    expect((await sessionOf(popupCookie)).statusCode).toBe(401);
    expect((await inject('POST', '/auth/session', {}, { handoff: first.message!.handoff })).statusCode).toBe(401);

    // A second person of the same Procore company: a member, but no roles until an admin gives some.
    const pm = await popup(procoreCompanyId, { loginHint: PEOPLE.pm.login });
    const pmSession = (await sessionOf(cookieOf(pm.setCookie)!)).json();
    expect(pmSession).toMatchObject({ user: { login: PEOPLE.pm.login, name: PEOPLE.pm.name }, companies: [{ id: companyId, roles: [] }] });
    expect(await db().prisma.auditEntry.findFirst({ where: { companyId, action: 'auth.member_added', subjectId: pmSession.user.id } })).toMatchObject({
      detail: { roles: [], reason: 'waiting for an admin to give roles' },
    });
    // Signing in again keeps the user and the roles an admin gave.
    await db().prisma.companyMember.update({ where: { companyId_userId: { companyId, userId: pmSession.user.id } }, data: { roles: ['project_manager'] } });
    const again = await popup(procoreCompanyId, { loginHint: PEOPLE.pm.login });
    expect((await sessionOf(cookieOf(again.setCookie)!)).json()).toMatchObject({
      user: { id: pmSession.user.id },
      companies: [{ roles: ['project_manager'] }],
    });
    expect(await db().prisma.user.count({ where: { login: PEOPLE.pm.login } })).toBe(1);
  });

  it('refuses a cancelled sign-in, a replayed callback, an unknown company and a company the person cannot see', async () => {
    const denied = await popup(procoreCompanyId, { deny: true });
    expect(denied.status).toBe(400);
    expect(denied.message).toMatchObject({ type: 'procore:auth', ok: false, code: 'PROCORE_SIGN_IN_FAILED', error: expect.stringContaining('cancelled') });
    expect(denied.setCookie).toEqual([]);

    const start = await fetch(`${setup.publicUrl}/auth/sign-in?procoreCompanyId=${procoreCompanyId}`, { redirect: 'manual' });
    const callbackUrl = (await fetch(start.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!;
    setup.secrets.add(new URL(callbackUrl).searchParams.get('code')!);
    const used = await fetch(callbackUrl);
    for (const cookie of used.headers.getSetCookie()) seen.add(cookie.split(';')[0]!.split('=')[1]!);
    const handoff = /"handoff":"([^"]+)"/.exec(await used.text())?.[1];
    if (handoff) seen.add(handoff);
    const replay = await fetch(callbackUrl);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');

    const unknown = await popup('9999999');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('not set up in the connector');
    expect(unknown.html).toContain('"ok":false');

    const foreignProcoreId = String(setup.simulator.otherCompanyIds[0]);
    await createCompany(db(), { procoreCompanyId: foreignProcoreId, name: 'Not Theirs Inc', actor: 'test' });
    const foreign = await popup(foreignProcoreId);
    expect(foreign.status).toBe(400);
    expect(foreign.message!.error).toContain(`cannot see Procore company ${foreignProcoreId}`);
    expect(foreign.setCookie).toEqual([]);
  });

  it('a company the user is not a member of answers 404, like one that does not exist', async () => {
    const other = await createCompany(db(), { procoreCompanyId: '8000001', name: 'Someone Else GC', actor: 'test' });
    const { headers } = await session({ companyId, login: 'member-of-one@example.com' });
    const theirs = await inject('GET', `/api/companies/${companyId}/settings`, headers);
    expect(theirs.statusCode).toBe(200);
    for (const id of [other.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await inject('GET', `/api/companies/${id}/settings`, headers);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'COMPANY_NOT_FOUND' });
      expect((await inject('POST', `/api/companies/${id}/qbwc/password`, headers)).statusCode).toBe(404);
    }
    expect((await inject('GET', '/api/session', headers)).json().companies.map((c: { id: string }) => c.id)).toEqual([companyId]);
  });

  it('sessions end after 30 idle minutes and 8 hours, and rotate every 15 minutes of use (the CSRF token stays)', async () => {
    const { headers, sessionId } = await session({ companyId, login: 'rotating@example.com' });
    const at = (minutes: number) => {
      clockMs = base + minutes * MINUTE;
    };
    at(14);
    const early = await inject('GET', `/api/companies/${companyId}/settings`, headers);
    expect(early.statusCode).toBe(200);
    expect(early.headers['set-cookie']).toBeUndefined();

    at(16);
    const rotated = await inject('GET', `/api/companies/${companyId}/settings`, headers);
    expect(rotated.statusCode).toBe(200);
    const setCookie = String(rotated.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly; Secure; SameSite=None; Partitioned/);
    expect(setCookie).toContain(`Max-Age=${(SESSION_POLICY.absoluteMs - 16 * MINUTE) / 1000}`);
    const next = { cookie: cookieOf(setCookie)!, 'x-csrf-token': headers['x-csrf-token'] };
    remember(next);
    expect(next.cookie).not.toBe(headers.cookie);
    expect(next.cookie.split('.')[1]).toBe(headers.cookie.split('.')[1]);
    expect((await db().prisma.webSession.findUniqueOrThrow({ where: { id: sessionId } })).rotatedAt.getTime()).toBe(clockMs);

    // Requests already in flight with the old cookie are served for a short grace, without rotating again.
    at(16.5);
    const inFlight = await inject('POST', `/api/companies/${companyId}/qbwc/rebind`, headers);
    expect(inFlight.statusCode).toBe(404); // CONNECTION_NOT_FOUND: signed in, CSRF fine; this company has no credentials
    expect(inFlight.headers['set-cookie']).toBeUndefined();
    at(18);
    expect((await inject('GET', `/api/companies/${companyId}/settings`, headers)).json()).toMatchObject({ code: 'NOT_SIGNED_IN' });
    // The new cookie works, with the same CSRF token.
    expect((await inject('PUT', `/api/companies/${companyId}/settings`, next, { directCostColumn: 'editable', hideJobToDateCosts: true })).statusCode).toBe(
      200,
    );

    // 30 minutes without a request: expired, and the browser is told to drop the cookie.
    at(18 + 31);
    const idle = await inject('GET', `/api/companies/${companyId}/settings`, next);
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(String(idle.headers['set-cookie'])).toMatch(/^qbc_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=None; Partitioned$/);

    // Used every 10 minutes, a session still ends 8 hours after sign-in.
    clockMs = base;
    let current = (await session({ companyId, login: 'all-day@example.com' })).headers;
    let minutes = 0;
    for (; minutes < 8 * 60; minutes += 10) {
      at(minutes);
      const response = await inject('GET', `/api/companies/${companyId}/settings`, current);
      expect(response.statusCode, `at ${minutes} minutes`).toBe(200);
      if (response.headers['set-cookie'])
        current = remember({ cookie: cookieOf(response.headers['set-cookie'] as string)!, 'x-csrf-token': current['x-csrf-token'] });
    }
    at(8 * 60);
    expect((await inject('GET', `/api/companies/${companyId}/settings`, current)).json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await db().prisma.webSession.count({ where: { user: { login: 'all-day@example.com' } } })).toBe(1);
  });

  it('refuses mutating calls without the session CSRF token, and signs out only with it', async () => {
    const { headers } = await session({ companyId, login: 'csrf@example.com' });
    const { headers: other } = await session({ companyId, login: 'csrf-other@example.com' });
    const url = `/api/companies/${companyId}/settings`;
    for (const token of [undefined, '', 'x'.repeat(43), other['x-csrf-token']]) {
      const refused = await inject(
        'PATCH',
        url,
        { cookie: headers.cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }) },
        { hideJobToDateCosts: true },
      );
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID', message: expect.stringContaining('X-CSRF-Token') });
    }
    expect((await inject('GET', url, { cookie: headers.cookie })).statusCode).toBe(200);
    expect((await inject('PATCH', url, headers, { hideJobToDateCosts: false })).statusCode).toBe(200);

    expect((await setup.app.inject({ method: 'POST', url: '/auth/sign-out', headers: { cookie: headers.cookie } })).statusCode).toBe(403);
    const out = await setup.app.inject({ method: 'POST', url: '/auth/sign-out', headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^qbc_session=; Max-Age=0;/);
    expect((await inject('GET', url, headers)).json()).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await setup.app.inject({ method: 'POST', url: '/auth/sign-out' })).statusCode).toBe(204);
    expect((await inject('GET', url, other)).statusCode).toBe(200);
  });

  it('every /api route enforces its roles (table), and non-members get 404 everywhere', async () => {
    const listed = Object.fromEntries(setup.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.action]));
    expect(listed).toEqual(ROUTE_ACTIONS);

    const rolesCompany = (await createCompany(db(), { procoreCompanyId: '8000002', name: 'Roles GC', actor: 'test' })).id;
    const outsider = (await session({ companyId: companyId, login: 'outsider@example.com' })).headers;
    const people = new Map<string, AuthHeaders>();
    for (const roles of [['admin'], ['project_manager'], ['accountant'], []] as Role[][]) {
      people.set(roles.join() || 'none', (await session({ companyId: rolesCompany, roles, login: `only-${roles.join() || 'none'}@example.com` })).headers);
    }
    const someMember = (await db().prisma.companyMember.findFirstOrThrow({ where: { companyId: rolesCompany } })).userId;
    const params: Record<string, string> = {
      companyId: rolesCompany,
      recordType: 'vendor',
      procoreId: '1',
      userId: someMember,
      kind: 'vendors',
      listId: '80000001-1',
      projectId: '1',
      entryId: '00000000-0000-4000-8000-000000000000',
      jobId: '00000000-0000-4000-8000-000000000000',
    };
    for (const [route, action] of Object.entries(ROUTE_ACTIONS)) {
      const required: readonly Role[] | null = action === null ? null : ACTION_ROLES[action];
      const [method, pattern] = route.split(' ') as [string, string];
      if (!pattern.includes(':companyId')) continue;
      const url = pattern.replace(/:(\w+)/g, (_, name: string) => params[name]!);
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      for (const [who, headers] of people) {
        const response = await inject(method, url, headers, payload);
        const body = response.headers['content-type']?.includes('json') ? response.json() : {};
        const allowed = required === null || required.some((role) => who === role);
        if (allowed) {
          const refused = response.statusCode === 401 || ['FORBIDDEN_ROLE', 'COMPANY_NOT_FOUND', 'CSRF_TOKEN_INVALID'].includes(body.code);
          expect(refused ? `${route} as ${who}: ${response.statusCode} ${body.code}` : 'allowed').toBe('allowed');
        } else {
          expect(response.statusCode, `${route} as ${who}`).toBe(403);
          expect(body, `${route} as ${who}`).toMatchObject({ code: 'FORBIDDEN_ROLE', message: expect.stringContaining('Ask an admin') });
        }
      }
      const stranger = await inject(method, url, outsider, payload);
      expect(stranger.statusCode, `${route} as a non-member`).toBe(404);
      expect(stranger.json().code).toBe('COMPANY_NOT_FOUND');
    }
  });

  it('replays an Idempotency-Key answer, refuses it on another request (422) and while the first runs (409)', async () => {
    const { headers, userId } = await session({ companyId, roles: ['project_manager', 'accountant'], login: 'clicker@example.com' });
    await db().prisma.procoreRecord.createMany({
      data: [901, 902].map((i) => ({ companyId, resourceType: 'vendor', procoreId: String(i), data: { id: i, name: `Idempotent Vendor ${i}` } })),
    });
    const send = (key: string | undefined, ids: string[], path = 'send', extra: Record<string, string> = {}) =>
      inject(
        'POST',
        `/api/companies/${companyId}/exports/vendor/${path}`,
        { ...headers, ...(key ? { 'idempotency-key': key } : {}), ...extra },
        { procoreIds: ids },
      );

    const key = randomUUID();
    const first = await send(key, ['901']);
    expect(first.statusCode).toBe(200);
    expect(first.json().results[0]).toMatchObject({ outcome: 'applied' });
    const retry = await send(key, ['901']);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toContain('application/json');
    expect(retry.body).toBe(first.body); // "applied" again, not "already": the stored answer
    expect(await db().prisma.auditEntry.count({ where: { companyId, action: 'export.send', subjectId: '901' } })).toBe(1);
    // The same user in a new session (the app reloaded) gets it too.
    const reloaded = (await session({ companyId, roles: ['project_manager', 'accountant'], login: 'clicker@example.com' })).headers;
    expect(
      (await inject('POST', `/api/companies/${companyId}/exports/vendor/send`, { ...reloaded, 'idempotency-key': key }, { procoreIds: ['901'] })).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');

    for (const reused of [await send(key, ['902']), await send(key, ['901'], 'dismiss')]) {
      expect(reused.statusCode).toBe(422);
      expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    }
    expect((await send('not a key!', ['902'])).json()).toMatchObject({ code: 'VALIDATION' });
    // A refused role claims nothing: the key stays free for a proper retry.
    const refusedKey = randomUUID();
    const refusedCall = await inject('PUT', `/api/companies/${companyId}/settings`, { ...headers, 'idempotency-key': refusedKey }, { approvalRequired: true });
    expect(refusedCall.json()).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await db().prisma.idempotencyKey.count({ where: { key: refusedKey } })).toBe(0);

    // A retry while the first request still runs.
    const running = randomUUID();
    const claim = await claimIdempotencyKey(db(), {
      companyId,
      userId,
      key: running,
      method: 'POST',
      path: `/api/companies/${companyId}/exports/vendor/send`,
      requestHash: createHash('sha256')
        .update(JSON.stringify({ procoreIds: ['902'] }))
        .digest('hex'),
      now: new Date(clockMs),
    });
    expect(claim.kind).toBe('claimed');
    const busy = await send(running, ['902']);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(await db().prisma.exportRecord.count({ where: { companyId, procoreId: '902' } })).toBe(0);
    // …whose request died: after five minutes a retry takes the key over and does the work once.
    clockMs = base + SESSION_POLICY.idempotencyStaleMs + 1;
    const takenOver = await send(running, ['902']);
    expect(takenOver.statusCode).toBe(200);
    expect(takenOver.json().results[0]).toMatchObject({ procoreId: '902', outcome: 'applied' });
    // Keys expire after 24 hours (and are purged); without a key nothing is stored.
    expect((await send(undefined, ['902'])).json().results[0]).toMatchObject({ outcome: 'already' });
    expect(await db().prisma.idempotencyKey.count({ where: { companyId, userId } })).toBe(2);
  });

  it('members: anyone lists them, an admin sets roles, and the last admin cannot be removed (409)', async () => {
    const company = (await createCompany(db(), { procoreCompanyId: '8000003', name: 'Members GC', actor: 'test' })).id;
    const admin = await session({ companyId: company, roles: ['admin'], login: 'members-admin@example.com', name: 'Ada Admin' });
    const newcomer = await session({ companyId: company, roles: [], login: 'newcomer@example.com', name: 'Nell Newcomer' });
    const list = await inject('GET', `/api/companies/${company}/members`, newcomer.headers);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      { userId: admin.userId, login: 'members-admin@example.com', name: 'Ada Admin', roles: ['admin'] },
      { userId: newcomer.userId, login: 'newcomer@example.com', name: 'Nell Newcomer', roles: [] },
    ]);
    const put = (who: AuthHeaders, userId: string, roles: unknown) => inject('PUT', `/api/companies/${company}/members/${userId}`, who, { roles });

    const last = await put(admin.headers, admin.userId, ['accountant']);
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({ code: 'LAST_ADMIN', message: expect.stringContaining('at least one admin') });
    expect((await put(newcomer.headers, newcomer.userId, ['admin'])).json()).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect((await put(admin.headers, newcomer.userId, ['wizard'])).statusCode).toBe(400);
    expect((await put(admin.headers, '00000000-0000-4000-8000-000000000000', ['admin'])).statusCode).toBe(404);

    const promoted = await put(admin.headers, newcomer.userId, ['accountant', 'admin']);
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toEqual({ userId: newcomer.userId, login: 'newcomer@example.com', name: 'Nell Newcomer', roles: ['admin', 'accountant'] });
    // The new roles count on the next request of the same session.
    expect((await inject('GET', '/api/session', newcomer.headers)).json().companies[0].roles).toEqual(['admin', 'accountant']);
    expect((await put(admin.headers, admin.userId, ['project_manager'])).json()).toMatchObject({ roles: ['project_manager'] });
    expect((await put(newcomer.headers, newcomer.userId, [])).json()).toMatchObject({ code: 'LAST_ADMIN' });
    expect(await db().prisma.auditEntry.findFirst({ where: { companyId: company, action: 'auth.roles_changed', subjectId: newcomer.userId } })).toMatchObject({
      actor: admin.userId,
      detail: { from: [], to: ['admin', 'accountant'] },
    });
  });

  it('demo mode gives every new member every role; otherwise only the first member gets them', async () => {
    const company = await createCompany(db(), { procoreCompanyId: '8000004', name: 'Demo Roles GC', actor: 'test' });
    const users = await Promise.all(
      ['d1', 'd2', 'd3'].map((n) =>
        db().prisma.user.create({ data: { procoreEnvironment: 'production', procoreUserId: `77${n.slice(1)}`, login: `${n}@example.com` } }),
      ),
    );
    const join = (userId: string, demoMode: boolean) =>
      db().prisma.$transaction((tx) => syncSignInMemberships(tx, { userId, environment: 'production', visibleProcoreCompanyIds: ['8000004'], demoMode }));
    expect(await join(users[0]!.id, false)).toEqual([{ companyId: company.id, roles: [...ROLES], added: true }]);
    expect(await join(users[1]!.id, false)).toEqual([{ companyId: company.id, roles: [], added: true }]);
    expect(await join(users[2]!.id, true)).toEqual([{ companyId: company.id, roles: [...ROLES], added: true }]);
    // Procore no longer lists the company for a user: the membership goes.
    await db().prisma.$transaction((tx) =>
      syncSignInMemberships(tx, { userId: users[1]!.id, environment: 'production', visibleProcoreCompanyIds: [], demoMode: false }),
    );
    expect(await db().prisma.companyMember.count({ where: { companyId: company.id } })).toBe(2);
  });

  it('Connection API: not connected → password (shown once) → polling → missed schedule; session progress; rebind', async () => {
    const company = (await createCompany(db(), { procoreCompanyId: '8000005', name: 'Connection GC', actor: 'test' })).id;
    const admin = (await session({ companyId: company, roles: ['admin'], login: 'conn-admin@example.com' })).headers;
    const reader = (await session({ companyId: company, roles: [], login: 'conn-reader@example.com' })).headers;
    const status = async () => (await inject('GET', `/api/companies/${company}/qbwc/connection`, reader)).json();
    expect(await status()).toEqual({
      status: 'not_connected',
      hasPassword: false,
      username: null,
      lastPollAt: null,
      expectedEveryMinutes: 15,
      missedSchedule: false,
      boundCompanyFile: null,
      qbInfo: null,
      currentSession: null,
      signIn: { state: 'ok', lastFailure: null, paused: [] },
      warnings: [],
    });

    const rotated = await inject('POST', `/api/companies/${company}/qbwc/password`, admin);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const { username, password } = rotated.json();
    expect(password).toHaveLength(24);
    setup.secrets.add(password);
    expect(await status()).toMatchObject({ status: 'not_connected', hasPassword: true, username });
    expect((await inject('PUT', `/api/companies/${company}/settings`, admin, { qbwcRunEveryMinutes: 10 })).statusCode).toBe(200);

    await enqueueRequest(db(), { companyId: company, request: { type: 'VendorQuery', maxReturned: 10 }, dedupeKey: 'conn-test', requestedBy: 'test' });
    const auth = await callQbwc(setup.app, 'authenticate', { strUserName: username, strPassword: password });
    const ticket = (auth.result as string[])[0]!;
    setup.secrets.add(ticket);
    clockMs = Date.now();
    const polling = await status();
    expect(polling).toMatchObject({
      status: 'connected',
      missedSchedule: false,
      lastPollAt: expect.any(String),
      currentSession: { percent: 0, requestsDone: 0, requestsFailed: 0 },
    });
    expect(Date.parse(polling.lastPollAt)).toBeGreaterThan(base - MINUTE);

    await db().prisma.qbwcConnection.update({
      where: { companyId: company },
      data: {
        boundFileId: '{F1}',
        boundCompanyFile: 'C:\\QB\\Connection GC.QBW',
        boundCompanyName: 'Connection GC',
        boundAt: new Date(clockMs),
        qbProductName: 'QuickBooks Enterprise Solutions: Contractor 24.0',
        qbMajorVersion: 34,
        qbMinorVersion: 0,
        qbCountry: 'US',
      },
    });
    expect(await status()).toMatchObject({
      boundCompanyFile: { path: 'C:\\QB\\Connection GC.QBW', name: 'Connection GC', boundAt: expect.any(String) },
      qbInfo: { edition: 'QuickBooks Enterprise Solutions: Contractor 24.0', version: '34.0', country: 'US' },
    });
    // More than twice the schedule (10 minutes) without a poll; the abandoned session is no longer "running".
    clockMs = Date.now() + 21 * MINUTE;
    expect(await status()).toMatchObject({ status: 'connected', expectedEveryMinutes: 10, missedSchedule: true, currentSession: null });
    expect((await inject('PUT', `/api/companies/${company}/settings`, admin, { qbwcRunEveryMinutes: 60 })).statusCode).toBe(200);
    expect(await status()).toMatchObject({ expectedEveryMinutes: 60, missedSchedule: false });

    expect((await inject('POST', `/api/companies/${company}/qbwc/rebind`, reader)).json()).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect((await inject('POST', `/api/companies/${company}/qbwc/rebind`, admin)).json()).toEqual({ ok: true });
    expect((await status()).boundCompanyFile).toBeNull();
  });

  it('Activity API: summaries, filters, paging, and a CSV with formulas neutralised', async () => {
    const company = (await createCompany(db(), { procoreCompanyId: '8000006', name: 'Activity GC', actor: 'test' })).id;
    const person = await session({ companyId: company, roles: ['admin'], login: PEOPLE.formula.login, name: PEOPLE.formula.name });
    await setQbwcCredentials(db(), { companyId: company, actor: person.userId });
    await inject('PUT', `/api/companies/${company}/settings`, person.headers, { approvalRequired: false });
    await writeAudit(db().prisma, {
      companyId: company,
      actor: 'connector',
      action: 'export.failed',
      outcome: 'error',
      direction: 'from_quickbooks',
      subjectType: 'export_vendor',
      subjectId: '12',
      detail: { title: 'ABC Concrete', message: 'QuickBooks refused the vendor (3100).', errorCode: 'QB_DUPLICATE' },
    });
    await writeAudit(db().prisma, { companyId: company, actor: 'importer', action: 'import.jobs_refreshed', detail: { count: 3 } });
    // One second apart, in the order written (rows written within one millisecond would tie).
    const order = ['company.created', 'qbwc.credentials_created', 'settings.changed', 'export.failed', 'import.jobs_refreshed'];
    for (const [i, action] of order.entries()) {
      await db().prisma.auditEntry.updateMany({ where: { companyId: company, action }, data: { at: new Date(base - (order.length - i) * 1000) } });
    }
    const list = async (query = '') => {
      const response = await inject('GET', `/api/companies/${company}/activity${query}`, person.headers);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { total: number; items: Array<Record<string, unknown>> };
    };
    const all = await list();
    expect(all.total).toBe(5); // company.created, credentials, settings, export.failed, import
    expect(all.items.map((i) => i.action)).toEqual([
      'import.jobs_refreshed',
      'export.failed',
      'settings.changed',
      'qbwc.credentials_created',
      'company.created',
    ]);
    expect(all.items[1]).toMatchObject({
      actor: 'connector',
      actorName: 'Connector',
      direction: 'from_quickbooks',
      outcome: 'error',
      subjectType: 'export_vendor',
      subjectId: '12',
      summary: 'ABC Concrete failed: QuickBooks refused the vendor (3100).',
      detail: { errorCode: 'QB_DUPLICATE' },
    });
    expect(all.items[2]).toMatchObject({
      actor: person.userId,
      actorName: PEOPLE.formula.name,
      summary: `${PEOPLE.formula.name} changed the settings: approvalRequired.`,
    });
    expect(all.items[0]!.summary).toBe('importer: import — jobs refreshed.');

    expect((await list(`?actor=${person.userId}`)).items.map((i) => i.action)).toEqual(['settings.changed', 'qbwc.credentials_created']);
    expect((await list('?outcome=error&direction=from_quickbooks')).total).toBe(1);
    expect((await list('?subjectType=export_vendor&subjectId=12')).total).toBe(1);
    expect((await list('?subjectType=export_vendor&subjectId=13')).total).toBe(0);
    const paged = await list('?limit=2&offset=1');
    expect(paged).toMatchObject({ total: 5 });
    expect(paged.items.map((i) => i.action)).toEqual(['export.failed', 'settings.changed']);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect((await list(`?from=${day(base - 5000)}&to=${day(base - 1000)}`)).total).toBe(5);
    expect((await list('?to=2020-01-01')).total).toBe(0);
    expect((await list(`?from=${encodeURIComponent(new Date(base - 2500).toISOString())}`)).items.map((i) => i.action)).toEqual([
      'import.jobs_refreshed',
      'export.failed',
    ]);
    for (const bad of ['?from=yesterday', '?direction=sideways', '?limit=0', '?from=2026-12-01&to=2026-11-01', '?colour=red']) {
      expect((await inject('GET', `/api/companies/${company}/activity${bad}`, person.headers)).statusCode, bad).toBe(400);
    }

    const csv = await inject('GET', `/api/companies/${company}/activity.csv?outcome=ok`, person.headers);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="activity-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('at,actor,actor_id,action,direction,outcome,subject_type,subject_id,summary,detail');
    expect(lines).toHaveLength(1 + 3 + 1); // header, three "ok" entries, and the final CRLF
    const settingsLine = lines.find((l) => l.includes('settings.changed'))!;
    // The person's name starts with "=": a formula in a spreadsheet, so it is prefixed with a quote.
    expect(settingsLine).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(settingsLine).not.toMatch(/,"?=HYPERLINK/);
    expect(lines.find((l) => l.includes('company.created'))).toContain('"{""name"":""Activity GC""}"');
  });

  it('never wrote a session secret, CSRF token, handoff code or Procore token to the log', () => {
    const log = setup.rawLogs.join('\n');
    expect(seen.size).toBeGreaterThan(20);
    for (const secret of [...seen, ...setup.secrets]) expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the log`).toBe(false);
    expect(log).toContain('/auth/callback?code=[redacted]&state=[redacted]');
  });
});
