import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '@connector/sync';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { startDemoQbo } from '../src/qbo/start-demo-qbo.ts';
import type { FastifyInstance } from 'fastify';
import { signInAs } from './support/sign-in.ts';

// The demo without QuickBooks Online keys (main.ts): the config startDemoQbo gives points the app at an in-process
// qbo-simulator, and the Online edition connects through the same popup routes as with Intuit.
const [kind] = await databaseKinds();

describe(`demo: QuickBooks Online against the in-process qbo-simulator (${kind})`, () => {
  let demo: Awaited<ReturnType<typeof startDemoQbo>>;
  let testDb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'warn', TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` });
    demo = await startDemoQbo({ publicUrl: config.publicUrl });
    testDb = await createTestDatabase(kind!);
    app = await buildApp({ config: { ...config, qbo: demo.config }, db: testDb.database, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.dispose();
    await demo?.close();
  });

  it('switches a company to Online and connects the simulated company through the popup routes', async () => {
    const company = await createCompany(testDb.database, { procoreCompanyId: '5550009', name: 'Demo GC', actor: 'test' });
    const auth = await signInAs(app, { companyId: company.id, roles: ['admin'] });
    const edition = await app.inject({ method: 'PUT', url: `/api/companies/${company.id}/accounting-edition`, headers: auth, payload: { edition: 'online' } });
    expect(edition.json()).toMatchObject({ edition: 'online', configured: true, serverEnvironment: 'sandbox' });
    const start = await app.inject({ method: 'POST', url: `/api/companies/${company.id}/qbo/connect`, headers: auth, payload: {} });
    const atIntuit = await fetch(start.json().authorizeUrl, { redirect: 'manual' });
    const callback = new URL(atIntuit.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe('http://localhost:3000/oauth/qbo/callback');
    const page = await app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(page.statusCode).toBe(200);
    const status = (await app.inject({ url: `/api/companies/${company.id}/qbo/connection`, headers: auth })).json();
    expect(status).toMatchObject({ status: 'connected', companyName: 'Demo Construction Co (simulated QBO)', realmId: demo.simulator.realmId });
    // The seeded company answers through the connection's client.
    const client = await app.qbo.clientFor(company.id);
    const vendors = await client.queryAll('Vendor', 'SELECT * FROM Vendor');
    expect(vendors.length).toBeGreaterThan(0);
  });
});
