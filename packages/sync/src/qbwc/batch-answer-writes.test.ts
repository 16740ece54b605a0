import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { enqueueRequest } from '../queue/enqueue-request.ts';
import { batchAnswerWrites, type RequestRowUpdate } from './batch-answer-writes.ts';

// Issue 19: receiveResponseXML writes a message's request updates in one statement. The invariant: for every kind of
// update applyRequestResponse makes, the batched write leaves each row exactly as Prisma's update({ data }) would —
// the fields given written (null as NULL), every other field kept.
describe.each(await databaseKinds())('batched answer writes (%s)', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => testDb?.dispose());

  const now = new Date('2026-12-07T05:30:00.123Z');
  const sessionId = '6b9c3c8e-5f0b-4b7a-9e2d-3a1f4c8d2e71';
  const updates: RequestRowUpdate[] = [
    // continuing iterator
    {
      statusCode: 0,
      statusSeverity: 'Info',
      statusMessage: 'Status OK',
      deferredInSessionId: null,
      updatedAt: now,
      status: 'queued',
      iteratorId: '{it-1}',
      iteratorSessionId: sessionId,
      iteratorRemaining: 42,
      recordsReceived: 500,
    },
    // done, with a result (nested JSON, quotes and unicode) and a warning message
    {
      statusCode: 530,
      statusSeverity: 'Warning',
      statusMessage: 'Warn "x" é',
      deferredInSessionId: null,
      updatedAt: now,
      status: 'done',
      result: { record: { ListID: '80000001-1', Name: 'A & "B" ü', Lines: [{ a: 1 }, { b: null }] } },
      recordsReceived: 1,
      iteratorId: null,
      iteratorRemaining: null,
      completedAt: now,
      errorCode: null,
      errorMessage: 'QuickBooks accepted this with a warning: Warn',
    },
    // 3100 → look-up
    {
      statusCode: 3100,
      statusSeverity: 'Error',
      statusMessage: 'in use',
      deferredInSessionId: null,
      updatedAt: now,
      status: 'queued',
      result: { phase: 'lookup-existing' },
      priority: 5,
    },
    // deferred to the next session
    {
      statusCode: 3175,
      statusSeverity: 'Error',
      statusMessage: 'busy',
      deferredInSessionId: sessionId,
      updatedAt: now,
      status: 'queued',
      errorCode: 'QB_RECORD_IN_USE',
      errorMessage: 'try later',
    },
    // failed
    {
      statusCode: 3000,
      statusSeverity: 'Error',
      statusMessage: 'bad',
      deferredInSessionId: null,
      updatedAt: now,
      status: 'failed',
      errorCode: 'QB_INVALID',
      errorMessage: 'fix it',
      completedAt: now,
    },
    // iterator expired: everything reset
    {
      statusCode: 3170,
      statusSeverity: 'Error',
      statusMessage: 'gone',
      updatedAt: now,
      status: 'queued',
      iteratorId: null,
      iteratorSessionId: null,
      iteratorRemaining: null,
      recordsReceived: 0,
      deferredInSessionId: sessionId,
    },
  ];

  it('leaves each row exactly as one Prisma update per row would, and writes every audit entry', async () => {
    const db = testDb.database;
    const company = await createCompany(db, { procoreCompanyId: '19', name: 'Batch Co', actor: 'test' });
    const enqueue = async (i: number) =>
      (await enqueueRequest(db, { companyId: company.id, request: { type: 'VendorAdd', name: `Vendor ${i}` }, dedupeKey: `v${i}`, requestedBy: 'test' }))
        .request.id;
    // Rows start with every column the updates touch set to something else, so "kept" and "written" both show.
    const start = {
      status: 'sent',
      result: { phase: 'earlier' },
      priority: 50,
      iteratorId: '{old}',
      iteratorSessionId: '00000000-0000-4000-8000-000000000001',
      iteratorRemaining: 7,
      recordsReceived: 3,
      deferredInSessionId: '00000000-0000-4000-8000-000000000002',
      statusCode: 1,
      statusSeverity: 'Info',
      statusMessage: 'old',
      errorCode: 'OLD',
      errorMessage: 'old message',
      completedAt: new Date('2026-01-01T00:00:00.000Z'),
    };
    const batched: string[] = [];
    const control: string[] = [];
    for (let i = 0; i < updates.length; i++) {
      batched.push(await enqueue(i));
      control.push(await enqueue(100 + i));
    }
    await db.prisma.queuedRequest.updateMany({ where: { companyId: company.id }, data: start });

    await db.prisma.$transaction(async (tx) => {
      const writes = batchAnswerWrites(tx, company.id);
      updates.forEach((data, i) => {
        writes.update(batched[i]!, data);
        writes.audit({
          companyId: company.id,
          actor: 'qbwc',
          action: 'request.done',
          outcome: 'ok',
          subjectType: 'queued_request',
          subjectId: batched[i]!,
          detail: { i },
        });
      });
      await writes.flush();
      for (let i = 0; i < updates.length; i++) await tx.queuedRequest.update({ where: { id: control[i]! }, data: updates[i]! });
    });

    const rows = await db.prisma.queuedRequest.findMany({ where: { companyId: company.id } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const columns = (id: string) => {
      const { id: _id, dedupeKey: _key, payload: _payload, createdAt: _created, ...rest } = byId.get(id)!;
      return rest;
    };
    for (let i = 0; i < updates.length; i++) expect(columns(batched[i]!)).toEqual(columns(control[i]!));
    // Every row was written: none is still 'sent'.
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(0);

    const audits = await db.prisma.auditEntry.findMany({ where: { companyId: company.id, action: 'request.done' } });
    expect(audits.map((a) => a.subjectId).sort()).toEqual([...batched].sort());
    expect(audits.map((a) => (a.detail as { i: number }).i).sort()).toEqual(updates.map((_, i) => i));
  });

  it('writes nothing when nothing was collected, and a second flush does not write the same entries again', async () => {
    const db = testDb.database;
    const company = await createCompany(db, { procoreCompanyId: '20', name: 'Empty Co', actor: 'test' });
    await db.prisma.$transaction(async (tx) => {
      const writes = batchAnswerWrites(tx, company.id);
      await writes.flush();
      writes.audit({ companyId: company.id, actor: 'qbwc', action: 'request.done' });
      await writes.flush();
      await writes.flush();
    });
    expect(await db.prisma.auditEntry.count({ where: { companyId: company.id, action: 'request.done' } })).toBe(1);
  });
});
