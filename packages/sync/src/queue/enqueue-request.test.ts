import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { AppError } from '../errors/app-error.ts';
import { createCompany } from '../companies/create-company.ts';
import { enqueueRequest } from './enqueue-request.ts';

// Issue 19: the queued row and its `request.queued` audit entry are one statement. The invariants: the row is stored
// as given, audited once, and a second enqueue of the same open key (a double click) returns the open row, writes no
// second row and no second audit entry; a refused request writes nothing.
describe.each(await databaseKinds())('queueing a QuickBooks request (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '1', name: 'Queue Co', actor: 'test' })).id;
  });
  afterAll(async () => testDb?.dispose());

  const audits = (subjectId: string) => testDb.database.prisma.auditEntry.findMany({ where: { companyId, action: 'request.queued', subjectId } });

  it('stores the row and one audit entry, and answers a second enqueue of the open key with the same row', async () => {
    const request = { type: 'VendorAdd' as const, name: 'Acme "Steel" & Sons' };
    const first = await enqueueRequest(testDb.database, { companyId, request, dedupeKey: ' vendor-add:procore:1 ', requestedBy: 'user-1' });
    expect(first.created).toBe(true);
    expect(first.request).toEqual({ id: expect.any(String), kind: 'VendorAdd', status: 'queued' });

    const row = await testDb.database.prisma.queuedRequest.findUniqueOrThrow({ where: { id: first.request.id } });
    expect(row).toMatchObject({ companyId, kind: 'VendorAdd', payload: request, dedupeKey: 'vendor-add:procore:1', requestedBy: 'user-1' });
    const [audit, ...more] = await audits(first.request.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      actor: 'user-1',
      direction: 'to_quickbooks',
      outcome: 'info',
      subjectType: 'queued_request',
      detail: { kind: 'VendorAdd', dedupeKey: 'vendor-add:procore:1' },
    });

    const again = await enqueueRequest(testDb.database, { companyId, request, dedupeKey: 'vendor-add:procore:1', requestedBy: 'user-2' });
    expect(again).toEqual({ request: first.request, created: false });
    expect(await testDb.database.prisma.queuedRequest.count({ where: { companyId, dedupeKey: 'vendor-add:procore:1' } })).toBe(1);
    expect(await audits(first.request.id)).toHaveLength(1);
  });

  it('queues the key again once the open one is done', async () => {
    const request = { type: 'VendorQuery' as const, maxReturned: 10 };
    const first = await enqueueRequest(testDb.database, { companyId, request, dedupeKey: 'refresh:vendors', requestedBy: 'user-1' });
    await testDb.database.prisma.queuedRequest.update({ where: { id: first.request.id }, data: { status: 'done' } });
    const next = await enqueueRequest(testDb.database, { companyId, request, dedupeKey: 'refresh:vendors', requestedBy: 'user-1' });
    expect(next.created).toBe(true);
    expect(next.request.id).not.toBe(first.request.id);
    expect(await audits(next.request.id)).toHaveLength(1);
  });

  it('refuses a request QuickBooks would refuse, writing nothing', async () => {
    const before = await testDb.database.prisma.auditEntry.count({ where: { companyId } });
    await expect(
      enqueueRequest(testDb.database, { companyId, request: { type: 'VendorAdd', name: 'x'.repeat(200) }, dedupeKey: 'too-long', requestedBy: 'user-1' }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await testDb.database.prisma.queuedRequest.count({ where: { companyId, dedupeKey: 'too-long' } })).toBe(0);
    expect(await testDb.database.prisma.auditEntry.count({ where: { companyId } })).toBe(before);
  });
});
