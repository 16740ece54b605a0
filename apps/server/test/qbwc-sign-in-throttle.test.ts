import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import {
  authenticateWebConnector,
  createCompany,
  createHashBudget,
  DEFAULT_QBWC_CONFIG,
  enqueueRequest,
  purgeSignInThrottles,
  setQbwcCredentials,
  signInDelayMs,
  type QbwcServiceConfig,
} from '@connector/sync';
import { envelope } from './support/raw-soap.ts';
import { signInAs } from './support/sign-in.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

const ATTACKER = '203.0.113.66';
const OFFICE = '198.51.100.7';

// Hostile input, item 3: nobody can lock a company's Web Connector out. Failures are counted per (username, source
// address), exactly, with a doubling pause instead of a lock; scrypt work per source is bounded; rows are purged;
// an admin can clear them (CLI: launcher-and-cli; here the API route). Every time comes from a clock the test moves.
describe.each(await databaseKinds())('Web Connector sign-in throttling (%s)', (kind) => {
  let server: TestServer;
  let clockMs = Date.parse('2026-12-07T00:00:00.000Z');
  let procoreId = 7100;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  const throttle = DEFAULT_QBWC_CONFIG.throttle;
  const db = () => server.testDb.database;
  const now = () => new Date(clockMs);

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { qbwcClock: now, clock: now });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    procoreId += 1;
    setup = await createCompanyWithCredentials(server, `Summit Builders ${procoreId}`, String(procoreId));
    await enqueueRequest(db(), { companyId: setup.company.id, request: { type: 'VendorQuery', maxReturned: 1 }, dedupeKey: 'work', requestedBy: 'test' });
  });

  /** authenticate as QBWC sends it, from the given address; the second string of the answer ('' = signed in). */
  async function authenticate(source: string, username: string, password: string): Promise<string> {
    const response = await server.app.inject({
      method: 'POST',
      url: '/qbwc',
      remoteAddress: source,
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://developer.intuit.com/authenticate"' },
      payload: envelope('authenticate', { strUserName: username, strPassword: password }),
    });
    expect(response.statusCode).toBe(200);
    const strings = [...response.body.matchAll(/<string>([^<]*)<\/string>|<string\s*\/>/g)].map((m) => m[1] ?? '');
    return strings[1]!;
  }
  const refusals = (source: string) => server.logs.filter((l) => l.msg === 'QBWC authenticate refused' && l.source === source);
  const rowOf = (source: string, username = setup.username) => db().prisma.qbwcSignInThrottle.findUnique({ where: { username_source: { username, source } } });
  const closeSessions = () => db().prisma.qbwcSession.updateMany({ where: { companyId: setup.company.id }, data: { state: 'closed' } });

  it('new connections get unguessable usernames (not the name + Procore id); an existing username keeps working', async () => {
    expect(setup.username).toMatch(new RegExp(`^summit-builders-${procoreId}-[a-z2-9]{10}$`));
    const twin = await createCompany(db(), { procoreCompanyId: String(procoreId + 50_000), name: 'Summit Builders', actor: 'test' });
    const twinCredentials = await setQbwcCredentials(db(), { companyId: twin.id, actor: 'test' });
    expect(twinCredentials.connection.username).toMatch(/^summit-builders-[a-z2-9]{10}$/);
    expect(twinCredentials.connection.username).not.toContain(String(procoreId + 50_000));

    // A connection made before hostile input has a guessable username: it stays, through rotation and sign-in.
    const old = await createCompany(db(), { procoreCompanyId: String(procoreId + 60_000), name: 'Old Co', actor: 'test' });
    await setQbwcCredentials(db(), { companyId: old.id, username: `old-co-${procoreId + 60_000}`, actor: 'test' });
    const rotated = await setQbwcCredentials(db(), { companyId: old.id, actor: 'test' });
    expect(rotated.connection.username).toBe(`old-co-${procoreId + 60_000}`);
    expect(await authenticate(OFFICE, rotated.connection.username, rotated.password)).toBe('none');
  });

  it('wrong passwords pause only the address they came from, with a doubling delay; the right password from elsewhere signs in', async () => {
    for (let i = 1; i <= throttle.freeFailures; i += 1) {
      expect(await authenticate(ATTACKER, setup.username, `guess-${i}`)).toBe('nvu');
      expect((await rowOf(ATTACKER))!.blockedUntil.getTime()).toBe(clockMs); // free: no pause yet
    }
    expect(await authenticate(ATTACKER, setup.username, 'guess-4')).toBe('nvu');
    expect(await rowOf(ATTACKER)).toMatchObject({ failures: 4, blockedUntil: new Date(clockMs + throttle.baseDelayMs) });
    // Paused: even the right password from that address is answered "nvu" — without hashing it — and not counted.
    expect(await authenticate(ATTACKER, setup.username, setup.password)).toBe('nvu');
    expect(refusals(ATTACKER).at(-1)).toMatchObject({ reason: 'paused', retryAt: new Date(clockMs + throttle.baseDelayMs).toISOString() });
    expect((await rowOf(ATTACKER))!.failures).toBe(4);

    // The real Web Connector, elsewhere, is not refused (the former lock refused it for 15 minutes).
    expect(await authenticate(OFFICE, setup.username, setup.password)).toBe('');
    await closeSessions();

    // The pause doubles with each failure after it ends...
    clockMs += throttle.baseDelayMs;
    expect(await authenticate(ATTACKER, setup.username, 'guess-5')).toBe('nvu');
    expect(await rowOf(ATTACKER)).toMatchObject({ failures: 5, blockedUntil: new Date(clockMs + 2 * throttle.baseDelayMs) });
    expect(signInDelayMs(throttle, 40)).toBe(throttle.maxDelayMs);
    // ...and the right password from that address, once the pause is over, signs in and forgets its failures.
    clockMs += 2 * throttle.baseDelayMs;
    expect(await authenticate(ATTACKER, setup.username, setup.password)).toBe('');
    expect(await rowOf(ATTACKER)).toBeNull();
    await closeSessions();
  });

  it('counts 50 concurrent wrong passwords exactly (one atomic upsert)', async () => {
    const config: QbwcServiceConfig = { ...DEFAULT_QBWC_CONFIG, ownerId: server.config.qbwc.ownerId, throttle: { ...throttle, freeFailures: 1000 } };
    const budget = createHashBudget({ burst: 100, perSecond: 0 }, () => clockMs);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        authenticateWebConnector(db(), config, { username: setup.username, password: `wrong-${i}`, source: ATTACKER }, now(), budget),
      ),
    );
    expect(outcomes.every((o) => o.outcome === 'nvu')).toBe(true);
    expect((await rowOf(ATTACKER))!.failures).toBe(50);
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.sign_in_failed' } })).toBe(50);
  });

  it('bounds password hashing per address: random usernames are hashed only within the budget, other addresses unaffected', async () => {
    const config: QbwcServiceConfig = { ...DEFAULT_QBWC_CONFIG, ownerId: server.config.qbwc.ownerId };
    const budget = createHashBudget({ burst: 3, perSecond: 1 }, () => clockMs);
    const attempt = (source: string, username: string, password = 'x') => authenticateWebConnector(db(), config, { username, password, source }, now(), budget);
    const reasons = [];
    for (let i = 0; i < 10; i += 1) {
      const outcome = await attempt(ATTACKER, `random-${procoreId}-${i}`);
      reasons.push(outcome.outcome === 'nvu' ? outcome.reason : outcome.outcome);
    }
    // 3 hashed (against the dummy hash, like a known username), 7 refused before any hashing or database write.
    expect(reasons).toEqual([...Array(3).fill('wrong_credentials'), ...Array(7).fill('hash_budget')]);
    expect(await db().prisma.qbwcSignInThrottle.count({ where: { source: ATTACKER, username: { startsWith: `random-${procoreId}-` } } })).toBe(3);
    // Another address has its own budget: the real Web Connector signs in.
    expect((await attempt(OFFICE, setup.username, setup.password)).outcome).toBe('companyFile');
    await closeSessions();
    // The budget refills with time (1 a second)...
    clockMs += 2000;
    expect((await attempt(ATTACKER, `random-${procoreId}-a`)).outcome).toBe('nvu');
    expect((await attempt(ATTACKER, `random-${procoreId}-b`)).outcome).toBe('nvu');
    expect(await attempt(ATTACKER, `random-${procoreId}-c`)).toMatchObject({ reason: 'hash_budget' });
    // ...and a right password gives its token back, so the real Web Connector never drains its own budget.
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(OFFICE, setup.username, setup.password)).outcome).toBe('companyFile');
      await closeSessions();
    }
  });

  it('purges throttle rows no longer in force on the schedule; a pause still running is kept', async () => {
    for (let i = 0; i < 4; i += 1) await authenticate(ATTACKER, setup.username, `guess-${i}`);
    await authenticate(OFFICE, `nobody-${procoreId}`, 'x');
    expect(await db().prisma.qbwcSignInThrottle.count({ where: { username: { in: [setup.username, `nobody-${procoreId}`] } } })).toBe(2);
    clockMs += throttle.forgetAfterMs - 1;
    await purgeSignInThrottles(db(), throttle, now());
    expect(await db().prisma.qbwcSignInThrottle.count({ where: { username: { in: [setup.username, `nobody-${procoreId}`] } } })).toBe(2);
    clockMs += 2;
    // A row whose pause outlives forgetAfterMs (written directly: the real maximum is shorter) is kept until it ends.
    await db().prisma.qbwcSignInThrottle.update({
      where: { username_source: { username: setup.username, source: ATTACKER } },
      data: { blockedUntil: new Date(clockMs + 1000) },
    });
    await purgeSignInThrottles(db(), throttle, now());
    expect(
      (await db().prisma.qbwcSignInThrottle.findMany({ where: { username: { in: [setup.username, `nobody-${procoreId}`] } } })).map((r) => r.source),
    ).toEqual([ATTACKER]);
    clockMs += 1000;
    await purgeSignInThrottles(db(), throttle, now());
    expect(await rowOf(ATTACKER)).toBeNull();
  });

  it('an admin unlocks from the Connection screen (admin role only, audited); the paused address signs in at once', async () => {
    for (let i = 0; i < 6; i += 1) await authenticate(ATTACKER, setup.username, `guess-${i}`);
    expect(await authenticate(ATTACKER, setup.username, setup.password)).toBe('nvu');
    const admin = await signInAs(server, { companyId: setup.company.id, roles: ['admin'], login: `admin-${procoreId}@example.com` });
    const accountant = await signInAs(server, {
      companyId: setup.company.id,
      roles: ['accountant', 'project_manager'],
      login: `acct-${procoreId}@example.com`,
    });
    const unlock = (headers: Record<string, string>) => server.app.inject({ method: 'POST', url: `/api/companies/${setup.company.id}/qbwc/unlock`, headers });
    expect((await unlock(accountant)).json()).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await rowOf(ATTACKER)).not.toBeNull();
    const done = await unlock(admin);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ username: setup.username, cleared: 1, blocked: 1 });
    const audit = await db().prisma.auditEntry.findFirst({ where: { companyId: setup.company.id, action: 'qbwc.sign_in_unlocked' } });
    expect(audit).toMatchObject({ outcome: 'ok', detail: { username: setup.username, sourcesCleared: 1, sourcesBlocked: 1 } });
    expect(audit!.actor).not.toBe('qbwc');
    expect(await authenticate(ATTACKER, setup.username, setup.password)).toBe('');
    await closeSessions();
  });

  it('the Connection API never shows a refused Web Connector as plainly connected: failing (when, from where, how many), paused (until when), ok again after a sign-in', async () => {
    const reader = await signInAs(server, { companyId: setup.company.id, roles: [], login: `reader-${procoreId}@example.com` });
    const status = async () => (await server.app.inject({ method: 'GET', url: `/api/companies/${setup.company.id}/qbwc/connection`, headers: reader })).json();
    expect((await status()).signIn).toEqual({ state: 'ok', lastFailure: null, paused: [] });
    // The office PC signs in once, then the password is rotated and the PC keeps the old one.
    expect(await authenticate(OFFICE, setup.username, setup.password)).toBe('');
    await closeSessions();
    clockMs += 60_000;
    expect(await authenticate(OFFICE, setup.username, 'the-old-password')).toBe('nvu');
    const failing = await status();
    expect(failing).toMatchObject({
      status: 'connected',
      signIn: { state: 'failing', lastFailure: { at: new Date(clockMs).toISOString(), reason: 'wrong_password', source: OFFICE, failures: 1 }, paused: [] },
    });
    // More wrong tries: that address is paused, and the answer says until when.
    for (let i = 0; i < 4; i += 1) {
      clockMs += 1000;
      await authenticate(OFFICE, setup.username, 'the-old-password');
    }
    const row = await rowOf(OFFICE);
    const paused = await status();
    expect(paused.signIn).toMatchObject({ state: 'paused', paused: [{ source: OFFICE, until: row!.blockedUntil.toISOString(), failures: row!.failures }] });
    // Once the pause is over and the right password is entered, it is ok again (the old failures are history).
    clockMs = row!.blockedUntil.getTime() + 1000;
    expect(await authenticate(OFFICE, setup.username, setup.password)).toBe('');
    await closeSessions();
    expect((await status()).signIn).toEqual({ state: 'ok', lastFailure: null, paused: [] });
  });

  // Issue 19/20: the Web Connector signs in on every run; scrypt was a third of an instance's CPU per session (docs/scale.md).
  it('a password verified once is recognised without scrypt at the next run; a wrong one is still hashed and refused; a rotated one is never answered from memory', async () => {
    const signIns = () => server.logs.filter((l) => l.msg === 'QBWC authenticate' && l.username === setup.username).map((l) => l.passwordCheck as string);
    expect(await authenticate(OFFICE, setup.username, setup.password)).toBe('');
    await closeSessions();
    expect(await authenticate(OFFICE, setup.username, setup.password)).toBe('');
    await closeSessions();
    expect(signIns()).toEqual(['scrypt', 'remembered']);
    // A wrong password from the same address is refused as before (and counted by the throttle).
    expect(await authenticate(OFFICE, setup.username, 'not the password')).toBe('nvu');
    expect((await rowOf(OFFICE))!.failures).toBe(1);
    // New credentials: the remembered password belongs to the old stored hash and signs in no more.
    const rotated = await setQbwcCredentials(db(), { companyId: setup.company.id, actor: 'test' });
    expect(await authenticate(OFFICE, setup.username, setup.password)).toBe('nvu');
    expect(await authenticate(OFFICE, setup.username, rotated.password)).toBe('');
    await closeSessions();
    expect(signIns()).toEqual(['scrypt', 'remembered', 'scrypt']);
    // Past QBWC_SIGN_IN_CACHE_MINUTES (30 by default) the password is hashed again.
    clockMs += 30 * 60_000;
    expect(await authenticate(OFFICE, setup.username, rotated.password)).toBe('');
    await closeSessions();
    expect(signIns()).toEqual(['scrypt', 'remembered', 'scrypt', 'scrypt']);
  });
});
