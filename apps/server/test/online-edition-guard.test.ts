import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createImportService } from '@connector/sync';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Issue 22: a company switched to QuickBooks Online queues nothing it cannot deliver. Exports are delivered to QuickBooks
// Online (qbo-export-e2e.test.ts), so sending, approving, retrying or refreshing a list without a working connection is
// refused with QBO_NOT_CONNECTED / QBO_RECONNECT_REQUIRED; reading job costs is not built for Online and is refused
// with ONLINE_EDITION_NOT_READY; the schedule skips the company. Back on Desktop, they work again. Real server, PGlite
// and PostgreSQL.
describe.each(await databaseKinds())('a QuickBooks Online company queues nothing for the Web Connector (%s)', (kind) => {
  let server: TestServer;
  let companyId: string;
  let admin: AuthHeaders;

  beforeAll(async () => {
    server = await startTestServer(kind);
    companyId = (await createCompanyWithCredentials(server, 'Online Builders', '777001')).company.id;
    admin = await signInAs(server.app, { companyId, roles: ['admin', 'accountant', 'project_manager'] });
  }, 120_000);
  afterAll(async () => server?.close());

  const post = (path: string, payload: object) => server.app.inject({ method: 'POST', url: `/api/companies/${companyId}${path}`, headers: admin, payload });
  const setEdition = (edition: 'desktop' | 'online') =>
    server.testDb.database.prisma.company.update({ where: { id: companyId }, data: { accountingEdition: edition } });
  const queued = () => server.testDb.database.prisma.queuedRequest.count({ where: { companyId } });

  it('refuses send, approve and retry of exports without a QuickBooks Online connection, and refreshes, with the reason; reject and dismiss still answer', async () => {
    await setEdition('online');
    for (const action of ['send', 'approve', 'retry']) {
      const response = await post(`/exports/vendor/${action}`, { procoreIds: ['101'] });
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json()).toMatchObject({ code: 'QBO_NOT_CONNECTED' });
      expect(response.json().message).toMatch(/connect it from the Connection screen/);
    }
    // Connected once, then Intuit refused the refresh token: the admin must connect again.
    await server.testDb.database.prisma.qboConnection.create({
      data: { companyId, realmId: '9341453050298999', environment: 'sandbox', status: 'needs_reconnect' },
    });
    const stale = await post('/exports/vendor/send', { procoreIds: ['101'] });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().code).toBe('QBO_RECONNECT_REQUIRED');
    await server.testDb.database.prisma.qboConnection.delete({ where: { companyId } });
    // Job costs are not read from QuickBooks Online yet; the list refreshes need the connection.
    const refresh = await post('/imports/refresh', { kind: 'job_costs' });
    expect(refresh.statusCode, refresh.body).toBe(409);
    expect(refresh.json().code).toBe('ONLINE_EDITION_NOT_READY');
    expect(refresh.json().message).toMatch(/switch the company back to QuickBooks Desktop on the Connection screen/);
    const lists = await post('/imports/refresh', { kind: 'jobs' });
    expect(lists.statusCode, lists.body).toBe(409);
    expect(lists.json().code).toBe('QBO_NOT_CONNECTED');
    for (const action of ['reject', 'dismiss'])
      expect((await post(`/exports/vendor/${action}`, { procoreIds: ['101'], comment: 'no' })).json().code).not.toBe('ONLINE_EDITION_NOT_READY');
    const scheduled = await createImportService({
      db: server.testDb.database,
      clientFor: () => Promise.reject(new Error('no Procore here')),
    }).queueDueRefreshes();
    expect(scheduled).toBe(0);
    expect(await queued()).toBe(0);
  });

  it('back on QuickBooks Desktop, refreshes queue again (and the schedule too)', async () => {
    await setEdition('desktop');
    const refresh = await post('/imports/refresh', { kind: 'jobs' });
    expect(refresh.statusCode, refresh.body).toBe(202);
    expect(await queued()).toBeGreaterThan(0);
    const scheduled = await createImportService({
      db: server.testDb.database,
      clientFor: () => Promise.reject(new Error('no Procore here')),
    }).queueDueRefreshes();
    expect(scheduled).toBeGreaterThan(0);
  });
});
