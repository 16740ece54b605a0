import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

const REDIRECT = 'http://localhost:3000/oauth/callback';

async function token(t: TestSimulator, params: Record<string, string>, form = false): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(
    `${t.url}/oauth/token`,
    form
      ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() }
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function authorize(t: TestSimulator, extra = ''): Promise<Response> {
  return fetch(`${t.url}/oauth/authorize?response_type=code&client_id=app&redirect_uri=${encodeURIComponent(REDIRECT)}&state=xyz${extra}`, {
    redirect: 'manual',
  });
}

async function codeFor(t: TestSimulator): Promise<string> {
  const res = await authorize(t);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('xyz');
  return location.searchParams.get('code') ?? '';
}

const clients = [
  { clientId: 'app', clientSecret: 'secret', redirectUris: [REDIRECT] },
  { clientId: 'web-only', clientSecret: 's2', serviceAccount: false },
];

describe('OAuth authorize', () => {
  it('signs the seeded user in and redirects with a code and the state; deny=1 answers access_denied', async () => {
    t = await startTestSimulator({ clients });
    expect(await codeFor(t)).toMatch(/^[0-9a-f]{40}$/);
    const denied = await authorize(t, '&deny=1');
    const location = new URL(denied.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toBeNull();
    expect(t.sim.oauth.stats().deniedAuthorizations).toBe(1);
  });

  it('refuses unknown clients and unregistered redirect URIs without redirecting', async () => {
    t = await startTestSimulator({ clients });
    const unknown = await fetch(`${t.url}/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`, {
      redirect: 'manual',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const evil = await fetch(`${t.url}/oauth/authorize?response_type=code&client_id=app&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`, {
      redirect: 'manual',
    });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
  });

  it('login_hint or user_id signs in another configured person; /me and /companies answer for them', async () => {
    t = await startTestSimulator({
      clients,
      users: [
        { login: 'pat.accountant@example.com', name: 'Pat Accountant' },
        { login: 'sam.pm@example.com', name: 'Sam PM' },
      ],
    });
    const signIn = async (extra: string) => {
      const res = await authorize(t, extra);
      const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const { body } = await token(t, { grant_type: 'authorization_code', code, client_id: 'app', client_secret: 'secret', redirect_uri: REDIRECT });
      return String(body.access_token);
    };
    const me = async (accessToken: string) =>
      (await (await t.api('/rest/v1.0/me', { token: accessToken, companyId: null })).json()) as { id: number; login: string; name: string };
    const pat = await me(await signIn('&login_hint=PAT.accountant@example.com'));
    expect(pat).toMatchObject({ login: 'pat.accountant@example.com', name: 'Pat Accountant' });
    const sam = await me(await signIn(`&user_id=${[...t.sim.store.users.values()].find((u) => u.login === 'sam.pm@example.com')!.id}`));
    expect(sam.name).toBe('Sam PM');
    expect(new Set([pat.id, sam.id, t.sim.store.user.id]).size).toBe(3);
    expect((await me(await signIn(''))).id).toBe(t.sim.store.user.id);
    const companies = await t.api('/rest/v1.0/companies', { token: await signIn('&login_hint=sam.pm@example.com'), companyId: null });
    expect(((await companies.json()) as Array<{ id: number }>).map((c) => c.id)).toEqual([t.companyId]);

    const unknown = await authorize(t, '&login_hint=nobody@example.com');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_request' });
    const serviceAccount = await authorize(t, `&user_id=${t.sim.store.serviceAccountUser.id}`);
    expect(serviceAccount.status).toBe(400);
    expect(() => t.sim.store.addUser({ login: 'Sam.PM@example.com', name: 'Twice' })).toThrow(/exists/);
  });
});

describe('OAuth token endpoint', () => {
  it('authorization_code: 200 with a Bearer pair (JSON or form body); the code is single-use', async () => {
    t = await startTestSimulator({ clients });
    const code = await codeFor(t);
    const first = await token(t, { grant_type: 'authorization_code', code, client_id: 'app', client_secret: 'secret', redirect_uri: REDIRECT }, true);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 5400, created_at: Math.floor(t.clock.ms / 1000) });
    expect(typeof first.body['access_token']).toBe('string');
    expect(typeof first.body['refresh_token']).toBe('string');
    const again = await token(t, { grant_type: 'authorization_code', code, client_id: 'app', client_secret: 'secret', redirect_uri: REDIRECT });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const me = await t.api('/rest/v1.0/me', { token: String(first.body['access_token']), companyId: null });
    expect(await me.json()).toEqual({ id: t.sim.store.user.id, login: t.sim.store.user.login, name: t.sim.store.user.name });
  });

  it('authorization_code: expired after 10 minutes, bound to its redirect_uri and client', async () => {
    t = await startTestSimulator({ clients });
    const late = await codeFor(t);
    t.clock.advance(10 * 60 * 1000);
    expect(
      (await token(t, { grant_type: 'authorization_code', code: late, client_id: 'app', client_secret: 'secret', redirect_uri: REDIRECT })).body['error'],
    ).toBe('invalid_grant');
    const wrongUri = await codeFor(t);
    expect(
      (
        await token(t, {
          grant_type: 'authorization_code',
          code: wrongUri,
          client_id: 'app',
          client_secret: 'secret',
          redirect_uri: 'http://localhost:3000/other',
        })
      ).body['error'],
    ).toBe('invalid_grant');
    const ok = await codeFor(t);
    t.clock.advance(9 * 60 * 1000);
    expect((await token(t, { grant_type: 'authorization_code', code: ok, client_id: 'app', client_secret: 'secret', redirect_uri: REDIRECT })).status).toBe(
      200,
    );
  });

  it('refresh_token rotates: the old token is dead after one use (reuse → invalid_grant), the new one works', async () => {
    t = await startTestSimulator({ clients });
    const code = await codeFor(t);
    const first = await token(t, { grant_type: 'authorization_code', code, client_id: 'app', client_secret: 'secret', redirect_uri: REDIRECT });
    const r1 = String(first.body['refresh_token']);
    const second = await token(t, { grant_type: 'refresh_token', refresh_token: r1, client_id: 'app', client_secret: 'secret' });
    expect(second.status).toBe(200);
    const r2 = String(second.body['refresh_token']);
    expect(r2).not.toBe(r1);
    expect(second.body['access_token']).not.toBe(first.body['access_token']);

    const reuse = await token(t, { grant_type: 'refresh_token', refresh_token: r1, client_id: 'app', client_secret: 'secret' });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(t.sim.oauth.stats().refreshTokenReuseAttempts).toBe(1);

    const third = await token(t, { grant_type: 'refresh_token', refresh_token: r2, client_id: 'app', client_secret: 'secret' });
    expect(third.status).toBe(200);
    const me = await t.api('/rest/v1.0/me', { token: String(third.body['access_token']), companyId: null });
    expect(me.status).toBe(200);
    expect(t.sim.oauth.stats().grants).toEqual({ authorization_code: 2, refresh_token: 2, client_credentials: 0 });
  });

  it('a refresh token presented in a failing request is spent too', async () => {
    t = await startTestSimulator({ clients });
    const r = String(t.sim.issueTokens({ clientId: 'app' }).refresh_token);
    const badSecret = await token(t, { grant_type: 'refresh_token', refresh_token: r, client_id: 'app', client_secret: 'wrong' });
    expect(badSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const afterwards = await token(t, { grant_type: 'refresh_token', refresh_token: r, client_id: 'app', client_secret: 'secret' });
    expect(afterwards).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('client_credentials: no refresh token, acts as the service account; refused for clients without one', async () => {
    t = await startTestSimulator({ clients });
    const res = await token(t, { grant_type: 'client_credentials', client_id: 'app', client_secret: 'secret' });
    expect(res.status).toBe(200);
    expect(res.body['refresh_token']).toBeUndefined();
    const me = await t.api('/rest/v1.0/me', { token: String(res.body['access_token']), companyId: null });
    expect(((await me.json()) as { id: number }).id).toBe(t.sim.store.serviceAccountUser.id);
    const vendors = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors`, { token: String(res.body['access_token']) });
    expect(vendors.status).toBe(200);
    const refused = await token(t, { grant_type: 'client_credentials', client_id: 'web-only', client_secret: 's2' });
    expect(refused).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
  });

  it('answers invalid_client, invalid_request and unsupported_grant_type', async () => {
    t = await startTestSimulator({ clients });
    expect(await token(t, { grant_type: 'client_credentials', client_id: 'app', client_secret: 'nope' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(await token(t, { client_id: 'app', client_secret: 'secret' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await token(t, { grant_type: 'password', client_id: 'app', client_secret: 'secret' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    const basic = await fetch(`${t.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('app:secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(basic.status).toBe(200);
    expect(t.sim.oauth.stats().failedGrants).toEqual({ invalid_client: 1, invalid_request: 1, unsupported_grant_type: 1 });
  });
});

describe('access tokens', () => {
  it('expire after 5400 s on the simulator clock', async () => {
    t = await startTestSimulator({ clients });
    const access = t.sim.issueTokens({ clientId: 'app' }).access_token;
    t.clock.advance(5399 * 1000);
    expect((await t.api('/rest/v1.0/me', { token: access, companyId: null })).status).toBe(200);
    t.clock.advance(1000);
    const expired = await t.api('/rest/v1.0/me', { token: access, companyId: null });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toHaveProperty('errors');
    expect(t.sim.stats().unauthorized).toBe(1);
  });

  it('honour accessTokenTtlSeconds, expireAccessTokens(), revoke and revokeAllFor()', async () => {
    t = await startTestSimulator({ clients, accessTokenTtlSeconds: 60 });
    const a = t.sim.issueTokens({ clientId: 'app' });
    expect(a.expires_in).toBe(60);
    t.clock.advance(61_000);
    expect((await t.api('/rest/v1.0/me', { token: a.access_token, companyId: null })).status).toBe(401);

    const b = t.sim.issueTokens({ clientId: 'app' });
    t.sim.oauth.expireAccessTokens();
    expect((await t.api('/rest/v1.0/me', { token: b.access_token, companyId: null })).status).toBe(401);
    // The refresh token survives expiry.
    expect((await token(t, { grant_type: 'refresh_token', refresh_token: String(b.refresh_token), client_id: 'app', client_secret: 'secret' })).status).toBe(
      200,
    );

    const c = t.sim.issueTokens({ clientId: 'app' });
    const revoke = await fetch(`${t.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: c.access_token, client_id: 'app', client_secret: 'secret' }),
    });
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toEqual({});
    expect((await t.api('/rest/v1.0/me', { token: c.access_token, companyId: null })).status).toBe(401);

    const d = t.sim.issueTokens({ clientId: 'app' });
    t.sim.oauth.revokeAllFor('app');
    expect((await t.api('/rest/v1.0/me', { token: d.access_token, companyId: null })).status).toBe(401);
    expect(
      (await token(t, { grant_type: 'refresh_token', refresh_token: String(d.refresh_token), client_id: 'app', client_secret: 'secret' })).body['error'],
    ).toBe('invalid_grant');
  });
});
