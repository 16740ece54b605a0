import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createQboApiError, type BatchItem, type QboClient } from '@connector/qbo';
import { createCompany } from '../companies/create-company.ts';
import { enqueueRequest } from '../queue/enqueue-request.ts';
import { deliverQboRequests } from './deliver-qbo-requests.ts';

// The QuickBooks Online delivery, at the level of its rows (issue 22): a claim's batches are applied as they are
// answered, so when a later batch's call fails, the earlier one is already recorded (Intuit's requestid memory is not
// relied on for it), and the failed batch stays in flight with exactly what it was sent as; the next run resends that
// same batch under the same requestid.
describe.each(await databaseKinds())('delivering to QuickBooks Online, batch by batch (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '1', name: 'Online Co', actor: 'test' })).id;
    await testDb.database.prisma.company.update({ where: { id: companyId }, data: { accountingEdition: 'online' } });
  });
  afterAll(async () => testDb?.dispose());

  /** A client whose batch calls answer each item with a vendor, or fail as told; every call is recorded. */
  function fakeClient(fail: (call: number) => boolean) {
    const calls: Array<{ requestIdPrefix: string; items: BatchItem[] }> = [];
    let nextId = 100;
    const client = {
      async batch(items: readonly BatchItem[], write: { requestIdPrefix: string }) {
        calls.push({ requestIdPrefix: write.requestIdPrefix, items: [...items] });
        if (fail(calls.length)) {
          throw createQboApiError({ status: null, code: 'QBO_NETWORK_ERROR', fault: null, method: 'POST', path: 'batch', outcome: 'unknown' });
        }
        return items.map((item) => ({
          bId: item.bId,
          ok: true as const,
          entity: item.entity,
          record: { ...item.payload, Id: String(nextId++), SyncToken: '0', MetaData: { LastUpdatedTime: '2026-12-08T01:00:00-08:00' } },
        }));
      },
    };
    return { client: client as unknown as QboClient, calls };
  }

  it('applies the first batch when the second fails, and resends the second exactly, under the same requestid', async () => {
    for (let i = 1; i <= 12; i++) {
      await enqueueRequest(testDb.database, { companyId, request: { type: 'VendorAdd', name: `Vendor ${i}` }, dedupeKey: `vendor:${i}`, requestedBy: 'test' });
    }
    const first = fakeClient((call) => call === 2);
    const options = { db: testDb.database, config: { maxAttempts: 3 }, batchSize: 12, writeBatchSize: 10 };
    await expect(deliverQboRequests({ ...options, client: first.client }, companyId)).rejects.toMatchObject({ code: 'QBO_NETWORK_ERROR' });
    expect(first.calls.map((c) => c.items.length)).toEqual([10, 2]);

    const rows = await testDb.database.prisma.queuedRequest.findMany({ where: { companyId }, orderBy: { dedupeKey: 'asc' } });
    const done = rows.filter((r) => r.status === 'done');
    const inFlight = rows.filter((r) => r.status === 'sent');
    expect(done).toHaveLength(10);
    expect(done.every((r) => typeof (r.result as { record?: { ListID?: string } }).record?.ListID === 'string')).toBe(true);
    expect(inFlight).toHaveLength(2);
    const stored = inFlight.map((r) => r.qboSent as { entity: string; batch: { requestIdPrefix: string; bId: string } });
    expect(new Set(stored.map((s) => s.batch.requestIdPrefix))).toEqual(new Set([first.calls[1]!.requestIdPrefix]));
    expect(stored.map((s) => s.batch.bId).sort()).toEqual(['b1', 'b2']);

    // The next run: the batch left in flight goes again, the same items under the same requestid; nothing else is sent.
    const second = fakeClient(() => false);
    const summary = await deliverQboRequests({ ...options, client: second.client }, companyId);
    expect(summary).toMatchObject({ delivered: 2, failed: 0, more: false });
    expect(second.calls).toEqual([first.calls[1]]);
    expect(await testDb.database.prisma.queuedRequest.count({ where: { companyId, status: { not: 'done' } } })).toBe(0);
    // Each write audited once, with what was sent.
    const sent = await testDb.database.prisma.auditEntry.findMany({ where: { companyId, action: 'qbo.request_sent' } });
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((a) => a.subjectId)).size).toBe(12);
  });
});
