import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { signInAs } from './support/sign-in.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

describe.each(await databaseKinds())('HTTP API (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { PUBLIC_URL: 'https://connector.example.com' });
  });
  afterAll(async () => server?.close());

  it('GET /healthz reports the version and which database is configured (liveness: no query; /readyz checks it)', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: { kind, location: expect.any(String) } });
  });

  it('GET /api/companies/:id/qwc returns a .qwc with the app URL, stable OwnerID and per-company FileID', async () => {
    const a = await createCompanyWithCredentials(server, 'Acme Contractors', '101');
    const b = await createCompanyWithCredentials(server, 'Bravo Builders', '102');
    const auth = await signInAs(server, { companyId: [a.company.id, b.company.id] });
    const get = async (id: string) => server.app.inject({ method: 'GET', url: `/api/companies/${id}/qwc`, headers: auth });
    const first = await get(a.company.id);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-disposition']).toContain('Acme-Contractors.qwc');
    const qwc = new XMLParser({ parseTagValue: false }).parse(first.body).QBWCXML;
    expect(qwc).toMatchObject({
      AppURL: 'https://connector.example.com/qbwc',
      AppSupport: 'https://connector.example.com/support',
      UserName: a.username,
      OwnerID: server.config.qbwc.ownerId,
      FileID: a.connection.fileId,
      QBType: 'QBFS',
      IsReadOnly: 'false',
    });
    expect(qwc.Scheduler.RunEveryNMinutes).toBe('15');
    expect((await get(a.company.id)).body).toBe(first.body);
    const other = new XMLParser({ parseTagValue: false }).parse((await get(b.company.id)).body).QBWCXML;
    expect(other.OwnerID).toBe(qwc.OwnerID);
    expect(other.FileID).not.toBe(qwc.FileID);
  });

  it('the schedule saved in Settings is the one written into the .qwc (and the one the missed-schedule check uses)', async () => {
    const a = await createCompanyWithCredentials(server, 'Delta Drywall', '104');
    const auth = await signInAs(server, { companyId: a.company.id });
    const saved = await server.app.inject({
      method: 'PUT',
      url: `/api/companies/${a.company.id}/settings`,
      headers: auth,
      payload: { qbwcRunEveryMinutes: 45 },
    });
    expect(saved.statusCode).toBe(200);
    const qwc = new XMLParser({ parseTagValue: false }).parse(
      (await server.app.inject({ method: 'GET', url: `/api/companies/${a.company.id}/qwc`, headers: auth })).body,
    ).QBWCXML;
    expect(qwc.Scheduler.RunEveryNMinutes).toBe('45');
    const connection = (await server.app.inject({ method: 'GET', url: `/api/companies/${a.company.id}/qbwc/connection`, headers: auth })).json();
    expect(connection.expectedEveryMinutes).toBe(45);
  });

  it('answers clear JSON errors for unknown companies and bad ids', async () => {
    const a = await createCompanyWithCredentials(server, 'Charlie Concrete', '103');
    const auth = await signInAs(server, { companyId: a.company.id });
    const missing = await server.app.inject({ method: 'GET', url: '/api/companies/00000000-0000-4000-8000-000000000000/qwc', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('COMPANY_NOT_FOUND');
    expect(missing.json().code).toBe('COMPANY_NOT_FOUND');
    const bad = await server.app.inject({ method: 'GET', url: '/api/companies/not-a-uuid/qwc', headers: auth });
    expect(bad.statusCode).toBe(400);
    const unknownRoute = await server.app.inject({ method: 'GET', url: '/api/nothing', headers: auth });
    expect(unknownRoute.statusCode).toBe(404);
    const signedOut = await server.app.inject({ method: 'GET', url: `/api/companies/${a.company.id}/qwc` });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json()).toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('Sign in with Procore') });
  });

  it('GET /support answers 200 (QBWC checks AppSupport)', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/support' });
    expect(response.statusCode).toBe(200);
  });
});
