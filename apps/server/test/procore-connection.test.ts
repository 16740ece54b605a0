import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '@connector/db/testing';
import { createCompany, decryptSecret, parseEncryptionKeys, SYNCED_RESOURCES } from '@connector/sync';
import { buildApp } from '../src/app.ts';
import { resolveProcoreSettings } from '../src/procore/resolve-procore-settings.ts';
import { signInThroughPopup, startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

const kinds = await databaseKinds();

describe.each(kinds)('Procore connection against the Procore simulator (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let auth: AuthHeaders;
  const db = () => setup.testDb.database;
  const connection = () => db().prisma.procoreConnection.findUniqueOrThrow({ where: { companyId } });
  const expireStoredToken = () => db().prisma.procoreConnection.update({ where: { companyId }, data: { accessTokenExpiresAt: new Date(Date.now() - 1000) } });

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind);
    const company = await createCompany(db(), { procoreCompanyId: String(setup.simulator.companyId), name: 'Simulated GC', actor: 'test' });
    companyId = company.id;
    auth = await signInAs(setup, { companyId, roles: ['admin'] });
  });
  afterAll(async () => setup?.close());

  it('connects through the sign-in popup and stores the tokens encrypted', async () => {
    const result = await signInThroughPopup(setup, companyId, { headers: { ...auth } });
    expect(result.authorize.startsWith(`${setup.simulator.url}/oauth/authorize?`)).toBe(true);
    expect(result.callbackUrl.startsWith(`${setup.publicUrl}/oauth/procore/callback?`)).toBe(true);
    expect(result.status).toBe(200);
    expect(result.html).toContain('Connected to Procore');
    expect(result.html).toContain('notifySuccess');
    expect(result.html).toContain('src="/static/procore-iframe-helpers.js"');
    expect(result.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);

    const status = await setup.app.inject({ url: `/api/companies/${companyId}/procore/connection`, headers: auth });
    expect(status.json()).toMatchObject({ status: 'connected', grantType: 'authorization_code', environment: 'production', encryptionKeyId: 'k1' });
    const row = await connection();
    const ring = parseEncryptionKeys(setup.tokenKeys);
    const accessToken = decryptSecret(ring, row.accessTokenEnc!, `procore:${companyId}:access`);
    expect(row.accessTokenEnc).not.toContain(accessToken);
    expect(setup.simulator.oauth.findAccessToken(accessToken)).toBeDefined();
    expect(row.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(5300_000);
    expect(row.refreshTokenEnc).toMatch(/^v1\.k1\./);

    const helpers = await setup.app.inject({ url: '/static/procore-iframe-helpers.js' });
    expect(helpers.statusCode).toBe(200);
    expect(helpers.body).toContain('ProcoreIframeHelpers');
  });

  it('refuses a replayed callback, a cancelled sign-in and a company the person cannot see', async () => {
    const first = await signInThroughPopup(setup, companyId, { headers: { ...auth } });
    const replay = await fetch(first.callbackUrl);
    expect(replay.status).toBe(400);
    const replayHtml = await replay.text();
    expect(replayHtml).toContain('already used');
    expect(replayHtml).toContain('notifyFailure');

    const denied = await signInThroughPopup(setup, companyId, { deny: true, headers: { ...auth } });
    expect(denied.status).toBe(400);
    expect(denied.html).toContain('cancelled');

    const foreign = await createCompany(db(), { procoreCompanyId: String(setup.simulator.otherCompanyIds[0]), name: 'Not Ours Inc', actor: 'test' });
    const refused = await signInThroughPopup(setup, foreign.id, { headers: { ...(await signInAs(setup, { companyId: foreign.id, roles: ['admin'] })) } });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(`cannot see Procore company ${setup.simulator.otherCompanyIds[0]}`);
    expect(await db().prisma.procoreConnection.findUnique({ where: { companyId: foreign.id } })).toBeNull();
    // The first company is still connected.
    expect((await connection()).status).toBe('connected');
  });

  it('concurrent refreshes on two server instances use the refresh token once and all calls succeed', async () => {
    const other = await setup.testDb.openAnother();
    const second: FastifyInstance = await buildApp({
      config: setup.config,
      db: other,
      logger: false,
      procoreSettings: resolveProcoreSettings(setup.config, setup.tokenKeys),
    });
    await second.ready();
    try {
      await expireStoredToken();
      const before = setup.simulator.oauth.stats();
      const clients = await Promise.all([setup.app.procore.clientFor(companyId), second.procore.clientFor(companyId)]);
      const calls = await Promise.all([...clients, ...clients, ...clients].map((client) => client.me()));
      expect(calls).toHaveLength(6);
      const after = setup.simulator.oauth.stats();
      expect(after.grants.refresh_token - before.grants.refresh_token).toBe(1);
      expect(after.refreshTokenReuseAttempts).toBe(before.refreshTokenReuseAttempts);
      expect(after.failedGrants['invalid_grant'] ?? 0).toBe(before.failedGrants['invalid_grant'] ?? 0);
      const row = await connection();
      expect(row.status).toBe('connected');
      expect(row.refreshLeaseId).toBeNull();
      expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 5000_000);
    } finally {
      await second.close();
    }
  });

  it('a 401 mid-life (token revoked at Procore) refreshes once and the call succeeds', async () => {
    const row = await connection();
    const token = decryptSecret(parseEncryptionKeys(setup.tokenKeys), row.accessTokenEnc!, `procore:${companyId}:access`);
    setup.simulator.oauth.revoke(token, 'connector-test-client');
    const before = setup.simulator.oauth.stats().grants.refresh_token;
    const client = await setup.app.procore.clientFor(companyId);
    await expect(client.me()).resolves.toMatchObject({ id: expect.any(Number) });
    expect(setup.simulator.oauth.stats().grants.refresh_token - before).toBe(1);
  });

  it('a refused refresh marks the connection "needs sign-in" and is not retried in a loop', async () => {
    setup.simulator.oauth.revokeAllFor('connector-test-client');
    await expireStoredToken();
    const client = await setup.app.procore.clientFor(companyId);
    await expect(client.me()).rejects.toMatchObject({ code: 'PROCORE_SIGN_IN_REQUIRED' });
    const status = (await setup.app.inject({ url: `/api/companies/${companyId}/procore/connection`, headers: auth })).json();
    expect(status).toMatchObject({ status: 'needs_sign_in' });
    expect(status.statusMessage).toMatch(/sign in to Procore again/);
    const row = await connection();
    expect(row.accessTokenEnc).toBeNull();
    expect(row.refreshTokenEnc).toBeNull();

    const tokenCalls = setup.simulator.stats().byRoute['POST /oauth/token'] ?? 0;
    for (let i = 0; i < 3; i++)
      await expect(setup.app.procore.clientFor(companyId).then((c) => c.me())).rejects.toMatchObject({ code: 'PROCORE_SIGN_IN_REQUIRED' });
    expect(setup.simulator.stats().byRoute['POST /oauth/token'] ?? 0).toBe(tokenCalls);
    const audit = await db().prisma.auditEntry.findFirst({ where: { companyId, action: 'procore.sign-in-required' } });
    expect(audit?.outcome).toBe('error');
  });

  it('reconnects with the service account (client credentials), refreshing by a new grant', async () => {
    const response = await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/service-account`, headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'connected', grantType: 'client_credentials' });
    expect((await connection()).refreshTokenEnc).toBeNull();
    await expireStoredToken();
    const before = setup.simulator.oauth.stats().grants.client_credentials;
    await (await setup.app.procore.clientFor(companyId)).me();
    expect(setup.simulator.oauth.stats().grants.client_credentials - before).toBe(1);
  });

  it('registers webhooks; a delivered change becomes one job (duplicates too) and updates our copy', async () => {
    const registered = await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/webhooks`, headers: auth });
    expect(registered.statusCode).toBe(200);
    // A trigger per synced resource (cost side and, since issue 21, prime contracts, owner invoices and prime contract
    // change orders) and event type.
    expect(SYNCED_RESOURCES).toHaveLength(10);
    expect(registered.json()).toMatchObject({ destinationUrl: `${setup.publicUrl}/webhooks/procore/${companyId}`, triggers: SYNCED_RESOURCES.length * 3 });
    // Registering again rotates the secret and adds no second hook or trigger.
    await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/webhooks`, headers: auth });
    const hooks = await (await setup.app.procore.clientFor(companyId)).webhooks.listHooks();
    expect(hooks).toHaveLength(1);
    expect(await (await setup.app.procore.clientFor(companyId)).webhooks.listTriggers(hooks[0]!.id)).toHaveLength(SYNCED_RESOURCES.length * 3);

    // Our copy starts from a reconciliation, as after connecting.
    await setup.app.procore.queueReconciliation(companyId, { full: true, actor: 'test' });
    await setup.app.jobRunner.drain({ companyId });
    const projects = await db().prisma.procoreRecord.findMany({ where: { companyId, resourceType: 'project' } });
    expect(projects.length).toBeGreaterThan(0);
    const project = projects[0]!;

    setup.simulator.webhooks.duplicateNext(1);
    setup.simulator.edit.updateProject(setup.simulator.companyId, Number(project.procoreId), { name: 'Renamed In Procore Tower' });
    const report = await setup.simulator.webhooks.deliverPending();
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    expect(report.duplicates).toBe(1);
    const deliveries = await db().prisma.procoreWebhookDelivery.findMany({ where: { companyId, resourceId: project.procoreId } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.outcome).toBe('queued');
    const jobs = await db().prisma.job.findMany({ where: { companyId, kind: 'procore.apply-change', status: 'queued' } });
    expect(jobs).toHaveLength(1);
    await setup.app.jobRunner.drain({ companyId });
    const updated = await db().prisma.procoreRecord.findUniqueOrThrow({ where: { id: project.id } });
    expect((updated.data as { name: string }).name).toBe('Renamed In Procore Tower');

    // A change our own app makes comes back as an echo and causes no job.
    const client = await setup.app.procore.clientFor(companyId);
    const synced = await client.projects.sync([{ id: Number(project.procoreId), name: 'Renamed By Connector' }]);
    expect(synced.failures).toEqual([]);
    await setup.simulator.webhooks.deliverPending();
    const echo = await db().prisma.procoreWebhookDelivery.findFirst({ where: { companyId, resourceId: project.procoreId, outcome: 'echo' } });
    expect(echo).not.toBeNull();
    expect(await db().prisma.job.count({ where: { companyId, kind: 'procore.apply-change', status: 'queued' } })).toBe(0);

    // A delivery without the secret is refused and stored nowhere.
    const forged = await fetch(`${setup.publicUrl}/webhooks/procore/${companyId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer guessed' },
      body: JSON.stringify({
        ulid: '01JFORGEDFORGEDFORGEDFORGE',
        resource_name: 'Projects',
        resource_id: 1,
        event_type: 'update',
        company_id: setup.simulator.companyId,
      }),
    });
    expect(forged.status).toBe(401);
  });

  it('reconciliation catches changes whose deliveries were lost, and a second run changes nothing', async () => {
    const vendor = setup.simulator.edit.createVendor(setup.simulator.companyId, { name: 'Missed Delivery Masonry LLC' });
    // The delivery is lost: the receiver is down for good.
    setup.simulator.webhooks.configure({ maxAttempts: 1 });
    await setup.app.close();
    await setup.simulator.webhooks.deliverPending();
    expect(setup.simulator.webhooks.stats().dropped).toBeGreaterThanOrEqual(1);
    // Restart on the same database (a deploy), then the nightly reconciliation runs.
    const restarted = await buildApp({ config: setup.config, db: db(), logger: false, procoreSettings: resolveProcoreSettings(setup.config, setup.tokenKeys) });
    await restarted.ready();
    try {
      const queued = await restarted.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/reconcile`, headers: auth, payload: {} });
      expect(queued.statusCode).toBe(202);
      await restarted.jobRunner.drain({ companyId });
      const copy = await db().prisma.procoreRecord.findUnique({
        where: { companyId_resourceType_procoreId: { companyId, resourceType: 'vendor', procoreId: String(vendor.id) } },
      });
      expect(copy).not.toBeNull();
      const job = await db().prisma.job.findUniqueOrThrow({ where: { id: queued.json().jobId } });
      expect(job.status).toBe('done');
      expect(job.result).toMatchObject({ full: false });

      await restarted.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/reconcile`, headers: auth, payload: {} });
      await restarted.jobRunner.drain({ companyId });
      const again = await db().prisma.job.findFirstOrThrow({ where: { companyId, kind: 'procore.reconcile' }, orderBy: { createdAt: 'desc' } });
      expect(again.result).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    } finally {
      await restarted.close();
    }
  });

  it('disconnect revokes the tokens at Procore and forgets them', async () => {
    const app = await buildApp({ config: setup.config, db: db(), logger: false, procoreSettings: resolveProcoreSettings(setup.config, setup.tokenKeys) });
    await app.ready();
    try {
      const row = await connection();
      const token = decryptSecret(parseEncryptionKeys(setup.tokenKeys), row.accessTokenEnc!, `procore:${companyId}:access`);
      // This instance holds the token in memory (PROCORE_TOKEN_HOLD_MS); its own Disconnect must drop it at once.
      expect(await app.procore.tokens.getAccessToken(companyId)).toBe(token);
      const response = await app.inject({ method: 'DELETE', url: `/api/companies/${companyId}/procore/connection`, headers: auth });
      expect(response.statusCode).toBe(200);
      expect(response.json().revoked).toContain('access');
      const withRevoked = await fetch(`${setup.simulator.url}/rest/v1.0/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(withRevoked.status).toBe(401);
      expect(await connection()).toMatchObject({ status: 'disconnected', accessTokenEnc: null, refreshTokenEnc: null });
      await expect(app.procore.tokens.getAccessToken(companyId)).rejects.toMatchObject({ code: 'PROCORE_NOT_CONNECTED' });
      await expect(app.procore.clientFor(companyId)).rejects.toMatchObject({ code: 'PROCORE_NOT_CONNECTED' });
    } finally {
      await app.close();
    }
  });

  it('never wrote a token, code, client secret or webhook secret to the log', () => {
    const log = setup.rawLogs.join('\n');
    expect(setup.secrets.size).toBeGreaterThan(5);
    for (const secret of setup.secrets) expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the log`).toBe(false);
    expect(log).toContain('/oauth/procore/callback?code=[redacted]');
  });
});
