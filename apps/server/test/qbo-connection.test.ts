import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '@connector/db/testing';
import { QboSimulator } from '@connector/qbo-simulator';
import { createCompany, decryptSecret, parseEncryptionKeys } from '@connector/sync';
import { buildApp } from '../src/app.ts';
import { freePort } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// QuickBooks Online, the connection piece (issue 22): the accounting edition, the connect popup against the
// qbo-simulator (Intuit's OAuth with strictly rotating refresh tokens), the token provider across two server
// instances, a revoked connection, a crash inside a refresh, and disconnect.

const kinds = await databaseKinds();
const CLIENT = { clientId: 'connector-qbo-test', clientSecret: `qbo-secret-${randomBytes(12).toString('hex')}` };
const TOKEN_PATH = '/oauth2/v1/tokens/bearer';

/**
 * The server's fetch to Intuit: records every token, code and secret that crosses it (to prove none reaches the log),
 * counts token-endpoint calls, and can "crash" the process inside a refresh: the request reaches Intuit, Intuit
 * answers, and the answer never arrives (a dead process reads nothing), as the simulation harness's crashInside does.
 */
function intuitFetch() {
  const secrets = new Set<string>([CLIENT.clientSecret]);
  const state = { tokenCalls: 0, crashNextRefresh: null as null | { reachedIntuit: () => void } };
  const wrapped: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const auth = new Headers(init?.headers).get('authorization');
    if (auth?.startsWith('Bearer ')) secrets.add(auth.slice(7));
    const body = typeof init?.body === 'string' ? init.body : '';
    for (const [key, value] of new URLSearchParams(body)) if (key === 'code' || key === 'refresh_token') secrets.add(value);
    const isToken = url.includes(TOKEN_PATH);
    if (isToken) state.tokenCalls += 1;
    const response = await fetch(input, init);
    if (isToken) {
      const text = await response.clone().text();
      for (const match of text.matchAll(/"(?:access_token|refresh_token)":"([^"]+)"/g)) secrets.add(match[1]!);
      const crash = state.crashNextRefresh;
      if (crash && body.includes('grant_type=refresh_token')) {
        state.crashNextRefresh = null;
        crash.reachedIntuit();
        return new Promise<Response>(() => {});
      }
    }
    return response;
  };
  return { fetch: wrapped, secrets, state };
}

describe.each(kinds)('QuickBooks Online connection against the qbo-simulator (%s)', (kind) => {
  let sim: QboSimulator;
  let server: TestServer;
  let env: Record<string, string>;
  let recorder: ReturnType<typeof intuitFetch>;
  let companyId: string;
  let auth: AuthHeaders;
  const extraApps: FastifyInstance[] = [];
  const db = () => server.testDb.database;
  const connection = () => db().prisma.qboConnection.findUniqueOrThrow({ where: { companyId } });
  const expireStoredToken = () => db().prisma.qboConnection.update({ where: { companyId }, data: { accessTokenExpiresAt: new Date(Date.now() - 1000) } });
  const keyRing = () => parseEncryptionKeys(env.TOKEN_ENCRYPTION_KEYS!);

  /** The popup as a browser drives it: our start route → Intuit's authorize page → our callback page. */
  async function connectThroughPopup(forCompany: string, headers: AuthHeaders, options: { deny?: boolean; realmId?: string } = {}) {
    const start = await server.app.inject({ method: 'POST', url: `/api/companies/${forCompany}/qbo/connect`, headers, payload: {} });
    if (start.statusCode !== 200) return { start, status: start.statusCode, html: start.body, callbackUrl: '' };
    let authorize = start.json().authorizeUrl as string;
    if (options.deny) authorize += '&sim_deny=1';
    if (options.realmId) authorize += `&sim_realm_id=${options.realmId}`;
    const atIntuit = await fetch(authorize, { redirect: 'manual' });
    const callbackUrl = atIntuit.headers.get('location')!;
    recorder.secrets.add(new URL(authorize).searchParams.get('state')!);
    const code = new URL(callbackUrl).searchParams.get('code');
    if (code) recorder.secrets.add(code);
    const callback = new URL(callbackUrl);
    const page = await server.app.inject({ url: `${callback.pathname}${callback.search}` });
    return { start, authorize, callbackUrl, status: page.statusCode, html: page.body };
  }

  async function secondInstance(fetchImpl: typeof fetch = recorder.fetch) {
    const app = await buildApp({ config: server.config, db: await server.testDb.openAnother(), logger: false, qboFetch: fetchImpl });
    await app.ready();
    extraApps.push(app);
    return app;
  }

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    sim = new QboSimulator({
      realmIds: ['9341453050298126', '9341453050298127'],
      companyNames: { '9341453050298126': 'Summit Builders LLC' },
      clients: [{ ...CLIENT, redirectUris: [`${publicUrl}/oauth/qbo/callback`] }],
      seed: false,
    });
    const { url } = await sim.start();
    recorder = intuitFetch();
    env = {
      PUBLIC_URL: publicUrl,
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      QBO_CLIENT_ID: CLIENT.clientId,
      QBO_CLIENT_SECRET: CLIENT.clientSecret,
      QBO_ENVIRONMENT: 'sandbox',
      QBO_API_URL: url,
      QBO_OAUTH_URL: url,
    };
    server = await startTestServer(kind, env, { qboFetch: recorder.fetch });
    companyId = (await createCompany(db(), { procoreCompanyId: '5550001', name: 'Summit Builders', actor: 'test' })).id;
    auth = await signInAs(server, { companyId, roles: ['admin'] });
  });
  afterAll(async () => {
    for (const app of extraApps) await app.close();
    await server?.close();
    await sim?.close();
  });

  it('starts on QuickBooks Desktop; leaving it is refused while the Web Connector has work, then allowed', async () => {
    const first = await server.app.inject({ url: `/api/companies/${companyId}/qbo/connection`, headers: auth });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ edition: 'desktop', configured: true, serverEnvironment: 'sandbox', status: 'not_connected', lastError: null });

    const queued = await db().prisma.queuedRequest.create({ data: { companyId, kind: 'VendorQuery', payload: {}, dedupeKey: 'qbo-edition-test' } });
    const refused = await server.app.inject({
      method: 'PUT',
      url: `/api/companies/${companyId}/accounting-edition`,
      headers: auth,
      payload: { edition: 'online' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'EDITION_SWITCH_BLOCKED', error: { details: { queued: 1, sent: 0, openSessions: 0 } } });
    expect(refused.json().message).toMatch(/1 request queued/);
    expect((await db().prisma.company.findUniqueOrThrow({ where: { id: companyId } })).accountingEdition).toBe('desktop');

    await db().prisma.queuedRequest.update({ where: { id: queued.id }, data: { status: 'cancelled' } });
    const switched = await server.app.inject({
      method: 'PUT',
      url: `/api/companies/${companyId}/accounting-edition`,
      headers: auth,
      payload: { edition: 'online' },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ edition: 'online', status: 'not_connected' });
    const audit = await db().prisma.auditEntry.findFirst({ where: { companyId, action: 'company.accounting-edition' } });
    expect(audit?.detail).toEqual({ from: 'desktop', to: 'online' });

    const bogus = await server.app.inject({
      method: 'PUT',
      url: `/api/companies/${companyId}/accounting-edition`,
      headers: auth,
      payload: { edition: 'enterprise' },
    });
    expect(bogus.statusCode).toBe(400);
  });

  it('connects through the popup: the name is read from CompanyInfo, the tokens are stored encrypted, it is audited', async () => {
    const result = await connectThroughPopup(companyId, auth);
    expect(result.authorize?.startsWith(`${sim.url}/connect/oauth2?`)).toBe(true);
    expect(result.callbackUrl.startsWith(`${env.PUBLIC_URL}/oauth/qbo/callback?`)).toBe(true);
    expect(result.status).toBe(200);
    expect(result.html).toContain('Connected to QuickBooks Online company Summit Builders LLC');
    expect(result.html).toContain('notifySuccess');

    const status = (await server.app.inject({ url: `/api/companies/${companyId}/qbo/connection`, headers: auth })).json();
    expect(status).toMatchObject({
      edition: 'online',
      status: 'connected',
      realmId: '9341453050298126',
      companyName: 'Summit Builders LLC',
      environment: 'sandbox',
      encryptionKeyId: 'k1',
      lastError: null,
    });
    expect(JSON.stringify(status)).not.toMatch(/eyJ\.sim|RT1-/);
    // The CompanyInfo read while connecting is one read call, counted for the company (Intuit meters reads).
    expect(status.callsThisMonth).toEqual({
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
      readCalls: 1,
      writeCalls: 0,
      writeOperations: 0,
      throttledCalls: 0,
    });
    const counted = await db().prisma.qboApiCallCount.findMany({ where: { companyId } });
    expect(counted.map((r) => r.readCalls)).toEqual([1]);

    const row = await connection();
    const access = decryptSecret(keyRing(), row.accessTokenEnc!, `qbo:${companyId}:access`);
    const refresh = decryptSecret(keyRing(), row.refreshTokenEnc!, `qbo:${companyId}:refresh`);
    expect(row.accessTokenEnc).not.toContain(access);
    expect(row.refreshTokenEnc).not.toContain(refresh);
    expect(sim.oauth.checkAccessToken(access)).toEqual({ clientId: CLIENT.clientId, realmId: '9341453050298126' });
    // Bound to its company and column: the access ciphertext does not decrypt as another company's.
    expect(() => decryptSecret(keyRing(), row.accessTokenEnc!, `qbo:00000000-0000-0000-0000-000000000000:access`)).toThrow();
    const audit = await db().prisma.auditEntry.findFirst({ where: { companyId, action: 'qbo.connected' } });
    expect(audit?.detail).toMatchObject({ realmId: '9341453050298126', companyName: 'Summit Builders LLC', environment: 'sandbox' });
  });

  it('refuses a replayed callback, a cancelled connect, and a QuickBooks company already connected elsewhere', async () => {
    const first = await connectThroughPopup(companyId, auth);
    const callback = new URL(first.callbackUrl);
    const replay = await server.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('already used');
    expect(replay.body).toContain('notifyFailure');

    const denied = await connectThroughPopup(companyId, auth, { deny: true });
    expect(denied.status).toBe(400);
    expect(denied.html).toContain('cancelled');

    const other = await createCompany(db(), { procoreCompanyId: '5550002', name: 'Other GC', actor: 'test' });
    const otherAuth = await signInAs(server, { companyId: other.id, roles: ['admin'] });
    const sameRealm = await connectThroughPopup(other.id, otherAuth);
    expect(sameRealm.status).toBe(400);
    expect(sameRealm.html).toContain('already connected to &quot;Summit Builders&quot;');
    expect(await db().prisma.qboConnection.findUnique({ where: { companyId: other.id } })).toBeNull();
    expect((await connection()).status).toBe('connected');
  });

  it('two server instances refreshing at once make ONE refresh grant, and both go on with the new token', async () => {
    const second = await secondInstance();
    await expireStoredToken();
    const before = { oauth: sim.oauth.stats(), tokenCalls: recorder.state.tokenCalls };
    const oldRefresh = decryptSecret(keyRing(), (await connection()).refreshTokenEnc!, `qbo:${companyId}:refresh`);
    const tokens = await Promise.all([server.app, second, server.app, second, server.app, second].map((app) => app.qbo.tokens.getAccessToken(companyId)));
    expect(new Set(tokens).size).toBe(1);
    expect(sim.oauth.stats().refreshes - before.oauth.refreshes).toBe(1);
    expect(sim.oauth.stats().invalidGrants).toBe(before.oauth.invalidGrants);
    expect(recorder.state.tokenCalls - before.tokenCalls).toBe(1);

    const row = await connection();
    expect(row.refreshLeaseId).toBeNull();
    expect(row.status).toBe('connected');
    // The rotated refresh token was stored with the access token (the old one is dead at Intuit).
    const newRefresh = decryptSecret(keyRing(), row.refreshTokenEnc!, `qbo:${companyId}:refresh`);
    expect(newRefresh).not.toBe(oldRefresh);
    expect(decryptSecret(keyRing(), row.accessTokenEnc!, `qbo:${companyId}:access`)).toBe(tokens[0]);
    // Both instances call QuickBooks Online with it.
    for (const app of [server.app, second]) {
      const client = await app.qbo.clientFor(companyId);
      const { body } = await client.request<{ CompanyInfo: { CompanyName: string } }>({ method: 'GET', path: 'companyinfo/9341453050298126' });
      expect(body.CompanyInfo.CompanyName).toBe('Summit Builders LLC');
    }
  });

  it('a 401 mid-life (access token no longer accepted) refreshes once and the call succeeds', async () => {
    sim.oauth.expireAccessTokens('9341453050298126');
    const before = sim.oauth.stats().refreshes;
    const client = await server.app.qbo.clientFor(companyId);
    const { body } = await client.request<{ CompanyInfo: { Id: string } }>({ method: 'GET', path: 'companyinfo/9341453050298126' });
    expect(body.CompanyInfo.Id).toBe('9341453050298126');
    expect(sim.oauth.stats().refreshes - before).toBe(1);
  });

  it("a crash between Intuit's refresh answer and the store: the next instance takes the lease over and asks for a reconnect (strict rotation)", async () => {
    // The simulator rotates strictly (its README): the refresh token the dead process received is the only live one,
    // and it died with the process. No instance can recover it, so the honest end is "reconnect needed", said once,
    // naming the interrupted refresh — never a loop of refreshes with the dead token.
    const dying = intuitFetch();
    const doomed = await secondInstance(dying.fetch);
    await expireStoredToken();
    const storedBefore = (await connection()).refreshTokenEnc;
    const before = sim.oauth.stats();
    const reached = new Promise<void>((resolve) => (dying.state.crashNextRefresh = { reachedIntuit: resolve }));
    void doomed.qbo.tokens.getAccessToken(companyId).catch(() => {});
    await reached;
    expect(sim.oauth.stats().refreshes - before.refreshes).toBe(1);
    const held = await connection();
    expect(held.refreshLeaseId).not.toBeNull();
    expect(held.refreshTokenEnc).toBe(storedBefore);

    // Time passes while the process restarts: its lease runs out (as the simulation harness moves it into the past).
    await db().prisma.qboConnection.update({ where: { companyId }, data: { refreshLeaseUntil: new Date(Date.now() - 1000) } });
    await expect(server.app.qbo.tokens.getAccessToken(companyId)).rejects.toMatchObject({ code: 'QBO_RECONNECT_REQUIRED' });
    const row = await connection();
    expect(row).toMatchObject({
      status: 'needs_reconnect',
      lastErrorCode: 'QBO_RECONNECT_REQUIRED',
      accessTokenEnc: null,
      refreshTokenEnc: null,
      refreshLeaseId: null,
    });
    expect(row.lastErrorMessage).toMatch(/invalid_grant/);
    expect(row.lastErrorMessage).toMatch(/interrupted/);
    expect(sim.oauth.stats().invalidGrants - before.invalidGrants).toBe(1);
  });

  it('a revoked connection ends in "reconnect needed" with Intuit\'s error, and nothing is retried in a loop', async () => {
    // Connect again (the previous test left it needing a reconnect), then the company disconnects the app in QuickBooks.
    expect((await connectThroughPopup(companyId, auth)).status).toBe(200);
    sim.oauth.revokeRealm('9341453050298126');
    await expireStoredToken();
    const second = await secondInstance();
    const before = { calls: recorder.state.tokenCalls, invalid: sim.oauth.stats().invalidGrants };
    const results = await Promise.allSettled([server.app.qbo.tokens.getAccessToken(companyId), second.qbo.tokens.getAccessToken(companyId)]);
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'QBO_RECONNECT_REQUIRED' } });
    expect(recorder.state.tokenCalls - before.calls).toBe(1);
    expect(sim.oauth.stats().invalidGrants - before.invalid).toBe(1);

    const status = (await server.app.inject({ url: `/api/companies/${companyId}/qbo/connection`, headers: auth })).json();
    expect(status).toMatchObject({ status: 'needs_reconnect', lastError: { code: 'QBO_RECONNECT_REQUIRED' } });
    expect(status.lastError.message).toMatch(/Intuit: invalid_grant/);
    expect(status.lastError.message).toMatch(/connect QuickBooks Online again/);
    expect(status.lastError.message).not.toMatch(/interrupted/);

    for (let i = 0; i < 3; i++) {
      await expect(server.app.qbo.clientFor(companyId).then((c) => c.request({ method: 'GET', path: 'companyinfo/9341453050298126' }))).rejects.toMatchObject({
        code: 'QBO_RECONNECT_REQUIRED',
      });
    }
    expect(recorder.state.tokenCalls - before.calls).toBe(1);
    const audit = await db().prisma.auditEntry.findMany({ where: { companyId, action: 'qbo.reconnect-required' } });
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('disconnect revokes the connection at Intuit, forgets the tokens and is audited', async () => {
    expect((await connectThroughPopup(companyId, auth)).status).toBe(200);
    const row = await connection();
    const access = decryptSecret(keyRing(), row.accessTokenEnc!, `qbo:${companyId}:access`);
    const response = await server.app.inject({ method: 'DELETE', url: `/api/companies/${companyId}/qbo/connection`, headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: ['refresh'], revokeFailed: [] });
    expect(sim.oauth.checkAccessToken(access)).toEqual({ refused: 'Token revoked' });
    expect(await connection()).toMatchObject({ status: 'disconnected', accessTokenEnc: null, refreshTokenEnc: null });
    await expect(server.app.qbo.tokens.getAccessToken(companyId)).rejects.toMatchObject({ code: 'QBO_NOT_CONNECTED' });
    const again = await server.app.inject({ method: 'DELETE', url: `/api/companies/${companyId}/qbo/connection`, headers: auth });
    expect(again.statusCode).toBe(409);
    const audit = await db().prisma.auditEntry.findFirst({ where: { companyId, action: 'qbo.disconnected' } });
    expect(audit?.detail).toMatchObject({ realmId: '9341453050298126', revoked: ['refresh'] });
  });

  it('never wrote a token, code, OAuth state or client secret to the log, nor in clear to any table', async () => {
    const log = server.rawLogs.join('\n');
    expect(recorder.secrets.size).toBeGreaterThan(8);
    for (const secret of recorder.secrets) expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the log`).toBe(false);
    // Every row of every table, as JSON text (as no-secret-at-rest.test.ts dumps them).
    const tables = (
      await db().sql.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )
    ).map((row) => row.table_name);
    expect(tables).toContain('qbo_connections');
    let dump = '';
    for (const table of tables) {
      const rows = await db().sql.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table.replace(/"/g, '""')}" t`);
      dump += `\n${table}: ${rows.map((r) => r.row).join('\n')}`;
    }
    expect(dump).toContain('Summit Builders LLC');
    for (const secret of recorder.secrets) expect(dump.includes(secret), `a secret (${secret.slice(0, 4)}…) is stored in clear`).toBe(false);
  });
});

describe.each(kinds)('QuickBooks Online not configured (%s)', (kind) => {
  let server: TestServer;
  let companyId: string;
  let auth: AuthHeaders;
  beforeAll(async () => {
    server = await startTestServer(kind);
    companyId = (await createCompany(server.testDb.database, { procoreCompanyId: '5550003', name: 'Desktop Only GC', actor: 'test' })).id;
    auth = await signInAs(server, { companyId, roles: ['admin'] });
  });
  afterAll(async () => server?.close());

  it('says so, and the Online edition and connecting are refused with what to set', async () => {
    const status = await server.app.inject({ url: `/api/companies/${companyId}/qbo/connection`, headers: auth });
    expect(status.json()).toMatchObject({ edition: 'desktop', configured: false, serverEnvironment: null, status: 'not_connected' });
    const connect = await server.app.inject({ method: 'POST', url: `/api/companies/${companyId}/qbo/connect`, headers: auth, payload: {} });
    expect(connect.statusCode).toBe(503);
    expect(connect.json()).toMatchObject({ code: 'QBO_NOT_CONFIGURED' });
    expect(connect.json().message).toMatch(/QBO_CLIENT_ID/);
    const edition = await server.app.inject({
      method: 'PUT',
      url: `/api/companies/${companyId}/accounting-edition`,
      headers: auth,
      payload: { edition: 'online' },
    });
    expect(edition.statusCode).toBe(503);
    const desktop = await server.app.inject({
      method: 'PUT',
      url: `/api/companies/${companyId}/accounting-edition`,
      headers: auth,
      payload: { edition: 'desktop' },
    });
    expect(desktop.statusCode).toBe(200);
  });
});
