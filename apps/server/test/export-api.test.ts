import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany, setQbwcCredentials } from '@connector/sync';
import { signIn, type AuthHeaders } from './support/sign-in.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

const kinds = await databaseKinds();

describe.each(kinds)('export and settings JSON API (%s)', (kind) => {
  let server: TestServer;
  let companyId: string;
  let auth: AuthHeaders;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    companyId = (await createCompany(server.testDb.database, { procoreCompanyId: '71', name: 'API GC', actor: 't' })).id;
    ({ headers: auth, userId } = await signIn(server, { companyId, name: 'Pat Accountant' }));
    await server.testDb.database.prisma.procoreRecord.createMany({
      data: [1, 2, 3].map((i) => ({ companyId, resourceType: 'vendor', procoreId: String(i), data: { id: i, name: `Vendor ${i}` } })),
    });
  });
  afterAll(async () => server?.close());

  const post = (path: string, payload: unknown) =>
    server.app.inject({ method: 'POST', url: `/api/companies/${companyId}${path}`, payload: payload as object, headers: auth });
  const get = (url: string) => server.app.inject({ url, headers: auth });

  it('lists, sends (twice: answered "already"), approves and rejects over HTTP', async () => {
    const list = await get(`/api/companies/${companyId}/exports/vendor?limit=2`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 3, items: [{ procoreId: '1', title: 'Vendor 1', status: 'not_synced' }, { procoreId: '2' }] });

    expect((await post('/exports/vendor/send', { procoreIds: ['1', '2'] })).json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'applied',
      'applied',
    ]);
    expect((await post('/exports/vendor/send', { procoreIds: ['1'] })).json().results[0]).toMatchObject({ outcome: 'already', status: 'sent_to_accounting' });
    expect((await post('/exports/vendor/approve', { procoreIds: ['1'] })).json().results[0]).toMatchObject({ outcome: 'applied', status: 'approved' });
    expect((await post('/exports/vendor/reject', { procoreIds: ['2'] })).json().results[0]).toMatchObject({
      outcome: 'refused',
      message: expect.stringContaining('Say why'),
    });
    expect((await post('/exports/vendor/reject', { procoreIds: ['2'], comment: 'Duplicate of Vendor 1' })).json().results[0]).toMatchObject({
      outcome: 'applied',
      status: 'rejected',
    });
    const rejected = await get(`/api/companies/${companyId}/exports/vendor?status=rejected`);
    // People by name, not by id ('Rejected by Pat Accountant'); the id stays beside it.
    expect(rejected.json().items).toEqual([
      expect.objectContaining({
        procoreId: '2',
        decisionComment: 'Duplicate of Vendor 1',
        decidedBy: userId,
        decidedByName: 'Pat Accountant',
        sentByName: 'Pat Accountant',
      }),
    ]);
  });

  it('answers bad input clearly', async () => {
    expect((await post('/exports/vendor/send', { procoreIds: [] })).statusCode).toBe(400);
    expect((await post('/exports/vendor/send', { procoreIds: ['1'], extra: true })).statusCode).toBe(400);
    expect((await post('/exports/nonsense/send', { procoreIds: ['1'] })).statusCode).toBe(400);
    expect((await get(`/api/companies/${companyId}/exports/vendor?status=maybe`)).statusCode).toBe(400);
    expect(
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/companies/00000000-0000-0000-0000-000000000000/exports/vendor/send',
          payload: { procoreIds: ['1'] },
          headers: auth,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('reads and validates settings', async () => {
    const settings = await get(`/api/companies/${companyId}/settings`);
    expect(settings.json()).toMatchObject({ approvalRequired: true, invoiceRetainageItem: null });
    const bad = await server.app.inject({
      method: 'PATCH',
      url: `/api/companies/${companyId}/settings`,
      headers: auth,
      payload: { approvalRequired: 'no', itemType: 'widget' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toHaveProperty('itemType');
    const good = await server.app.inject({
      method: 'PATCH',
      url: `/api/companies/${companyId}/settings`,
      headers: auth,
      payload: { invoiceRetainageItem: { listId: '80000007-1', fullName: 'Retainage Payable' } },
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().invoiceRetainageItem).toEqual({ listId: '80000007-1', fullName: 'Retainage Payable' });
    expect(await server.testDb.database.prisma.auditEntry.count({ where: { companyId, action: 'settings.changed' } })).toBe(1);
  });

  it('previews a record field by field before approval, with what it depends on', async () => {
    const preview = await get(`/api/companies/${companyId}/exports/vendor/3/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ recordType: 'vendor', procoreId: '3', action: 'create', problem: null, dependencies: [] });
    expect(preview.json().fields).toContainEqual(expect.objectContaining({ field: 'Name', value: 'Vendor 3' }));
    expect((await get(`/api/companies/${companyId}/exports/vendor/999/preview`)).statusCode).toBe(400);
    expect((await get(`/api/companies/${companyId}/exports/vendor/abc/preview`)).statusCode).toBe(400);
  });

  it('lists the exception queue, and refuses to resolve what is not a QuickBooks conflict', async () => {
    const exceptions = await get(`/api/companies/${companyId}/exports/exceptions`);
    expect(exceptions.statusCode).toBe(200);
    expect(exceptions.json()).toEqual({ total: 0, items: [] });
    const notConflict = await post('/exports/vendor/1/resolve', { resolution: 'resend_ours' });
    expect(notConflict.statusCode).toBe(409);
    expect(notConflict.json().error.message).toContain('no QuickBooks conflict');
    expect((await post('/exports/vendor/1/resolve', { resolution: 'overwrite_everything' })).statusCode).toBe(400);
    expect((await post('/exports/vendor/1/resolve', {})).statusCode).toBe(400);
  });

  it('takes export-time choices with the send (customer, typed PO number) and refuses bad ones', async () => {
    await server.testDb.database.prisma.procoreRecord.create({
      data: { companyId, resourceType: 'project', procoreId: '50', data: { id: 50, name: 'Harbor Clinic' } },
    });
    const sent = await post('/exports/project/send', { procoreIds: ['50'], options: { customer: { listId: '80000001-1', fullName: 'Harbor Health' } } });
    expect(sent.statusCode, sent.body).toBe(200);
    const row = await server.testDb.database.prisma.exportRecord.findFirstOrThrow({ where: { companyId, recordType: 'project', procoreId: '50' } });
    expect(row.options).toEqual({ customer: { listId: '80000001-1', fullName: 'Harbor Health' } });
    expect((await post('/exports/commitment/send', { procoreIds: ['1'], options: { refNumber: 'TWELVE-CHARS' } })).statusCode).toBe(400);
    expect((await post('/exports/project/send', { procoreIds: ['50'], options: { customer: { listId: '' } } })).statusCode).toBe(400);
  });

  it('tells a Canadian company file that subcontractor invoices do not sync', async () => {
    await setQbwcCredentials(server.testDb.database, { companyId, actor: 't' });
    await server.testDb.database.prisma.qbwcConnection.update({ where: { companyId }, data: { qbCountry: 'CA' } });
    const invoices = await get(`/api/companies/${companyId}/exports/invoice`);
    expect(invoices.json().notice).toContain('Canadian');
    expect((await get(`/api/companies/${companyId}/exports/vendor`)).json().notice).toBeNull();
  });
});
