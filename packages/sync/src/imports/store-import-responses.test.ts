import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import type { QbRecord, QbxmlResponse } from '@connector/qbxml';
import { createCompany } from '../companies/create-company.ts';
import type { AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { storeImportResponses } from './store-import-responses.ts';

function bill(txnId: string, editSequence: string, timeModified: string, amount: string): QbRecord {
  return {
    TxnID: txnId,
    EditSequence: editSequence,
    TxnDate: '2026-10-01',
    TimeModified: timeModified,
    RefNumber: `R-${txnId}`,
    VendorRef: { ListID: '80000002-1', FullName: 'Smith Concrete' },
    ItemLineRet: [
      {
        TxnLineID: `${txnId}-1`,
        ItemRef: { ListID: '80000020-1', FullName: '03-300 Concrete' },
        Amount: amount,
        CustomerRef: { ListID: '80000010-1', FullName: 'Riverside:MOB' },
      },
    ],
  };
}

function applied(requestRowId: string, outcome: 'continuing' | 'done', records: QbRecord[]): AppliedResponse {
  const response = {
    requestId: requestRowId,
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: 'OK',
    records,
    recordTypes: records.map(() => 'BillRet'),
  } as unknown as QbxmlResponse;
  return { requestRowId, kind: 'BillQuery', dedupeKey: 'import:job_costs:BillQuery', outcome, response };
}

describe.each(await databaseKinds())('storing what an import query returned (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  const rowId = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '77', name: 'Import Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  const store = (items: AppliedResponse[], now = new Date()) => testDb.database.prisma.$transaction((tx) => storeImportResponses(tx, companyId, now, items));

  it('keeps a page whose one record is unreadable, sets that record aside with an audit entry, and moves the cursor only on the last page', async () => {
    const unreadable = { ...bill('T-BAD', '1', '2026-10-02T09:00:00-07:00', '5.00'), TxnID: undefined } as unknown as QbRecord;
    const first = await store([applied(rowId, 'continuing', [bill('T-1', '100', '2026-10-02T10:00:00-07:00', '250.00'), unreadable])]);
    expect(first.finishedKinds).toEqual([]);
    const prisma = testDb.database.prisma;
    expect(await prisma.qbTransaction.count({ where: { companyId } })).toBe(1);
    expect(await prisma.qbCostLine.findMany({ where: { companyId }, select: { txnLineId: true, amountCents: true } })).toEqual([
      { txnLineId: 'T-1-1', amountCents: 25_000n },
    ]);
    const audit = await prisma.auditEntry.findMany({ where: { companyId, action: 'import.record_unreadable' } });
    expect(audit).toHaveLength(1);
    expect(String((audit[0]!.detail as { message: string }).message)).toMatch(/TxnID/);
    expect(await prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: 'qb:job_costs:BillQuery' } } })).toBeNull();

    const last = await store([applied(rowId, 'done', [bill('T-2', '200', '2026-10-03T08:00:00-07:00', '10.00')])]);
    expect(last.finishedKinds).toEqual(['job_costs']);
    const cursor = await prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: 'qb:job_costs:BillQuery' } } });
    expect(cursor?.value).toBe('2026-10-03T08:00:00-07:00');
    expect(await prisma.syncCursor.count({ where: { companyId, name: { startsWith: 'qb:pending:' } } })).toBe(0);
  });

  it('ignores what it already holds (same EditSequence) and replaces a changed transaction with its lines', async () => {
    const prisma = testDb.database.prisma;
    await prisma.qbTransaction.updateMany({ where: { companyId }, data: { needsPush: false } });
    await store([
      applied(rowId, 'done', [bill('T-1', '100', '2026-10-02T10:00:00-07:00', '999.00'), bill('T-2', '201', '2026-10-04T08:00:00-07:00', '12.34')]),
    ]);
    const rows = await prisma.qbTransaction.findMany({
      where: { companyId },
      orderBy: { txnId: 'asc' },
      select: { txnId: true, editSequence: true, needsPush: true },
    });
    expect(rows).toEqual([
      { txnId: 'T-1', editSequence: '100', needsPush: false },
      { txnId: 'T-2', editSequence: '201', needsPush: true },
    ]);
    const lines = await prisma.qbCostLine.findMany({ where: { companyId }, orderBy: { txnId: 'asc' }, select: { txnId: true, amountCents: true } });
    expect(lines).toEqual([
      { txnId: 'T-1', amountCents: 25_000n },
      { txnId: 'T-2', amountCents: 1_234n },
    ]);
  });
});
