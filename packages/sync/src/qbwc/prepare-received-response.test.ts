import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import type { QbRecord, QbxmlResponse } from '@connector/qbxml';
import { createCompany } from '../companies/create-company.ts';
import { storeImportResponses } from '../imports/store-import-responses.ts';
import { prepareReceivedResponse, QUERY_RECORDS_KEPT_IN_RESULT, recordCountOf, type ReceivedResponse } from './prepare-received-response.ts';
import type { AppliedResponse } from './receive-response-xml.ts';

function bill(n: number): QbRecord {
  const txnId = `T-${n}`;
  return {
    TxnID: txnId,
    EditSequence: String(100 + n),
    TxnDate: '2026-10-01',
    // Out of order on purpose: the cursor is the latest, not the last.
    TimeModified: `2026-10-${String(2 + (n % 7)).padStart(2, '0')}T10:00:00-07:00`,
    RefNumber: `R-"${n}"&<`,
    VendorRef: { ListID: '80000002-1', FullName: 'Smith Concrete' },
    Memo: n % 3 === 0 ? 'memo with "quotes" and \\ backslash' : undefined,
    LinkedTxn: n % 4 === 0 ? [{ TxnID: `PO-${n}`, TxnType: 'PurchaseOrder' }] : [],
    ExpenseLineRet: [{ TxnLineID: `${txnId}-e`, AccountRef: { ListID: '80000030-1', FullName: 'Job Materials' }, Amount: '12.34', Memo: 'expense' }],
    ItemLineRet: [
      {
        TxnLineID: `${txnId}-1`,
        ItemRef: { ListID: '80000020-1', FullName: '03-300 Concrete' },
        Amount: `${n}.05`,
        CustomerRef: { ListID: '80000010-1', FullName: 'Riverside:MOB' },
        ClassRef: { ListID: '80000040-1', FullName: 'East' },
      },
    ],
  } as unknown as QbRecord;
}

function billPage(count: number): QbRecord[] {
  const records = Array.from({ length: count }, (_, i) => bill(i + 1));
  // One record the rules refuse (no TxnID): set aside with an audit entry on both paths.
  records.splice(7, 0, { ...bill(999), TxnID: undefined } as unknown as QbRecord);
  return records;
}

function billQueryRs(records: QbRecord[]): QbxmlResponse {
  return {
    rsType: 'BillQueryRs',
    requestType: 'BillQuery',
    requestId: 'r1',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: 'OK',
    iteratorId: '{it}',
    iteratorRemainingCount: 0,
    records,
    recordTypes: records.map(() => 'BillRet'),
  } as unknown as QbxmlResponse;
}

function onWorker(response: QbxmlResponse): ReceivedResponse {
  // The worker posts its result: structured clone, as across the thread boundary.
  const parsed = structuredClone(prepareReceivedResponse({ ok: true, value: { responses: [response] } }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.responses[0]!;
}

describe('prepareReceivedResponse (on the parse worker)', () => {
  it('keeps a large cost page as rows and its record count, and leaves small pages and other answers their records', () => {
    const large = onWorker(billQueryRs(billPage(QUERY_RECORDS_KEPT_IN_RESULT + 10)));
    expect(large.records).toEqual([]);
    expect(recordCountOf(large)).toBe(QUERY_RECORDS_KEPT_IN_RESULT + 11);
    expect(large.preparedCostRows).toMatchObject({ txnType: 'Bill', transactions: QUERY_RECORDS_KEPT_IN_RESULT + 10, unreadable: [{ subjectId: undefined }] });

    const small = onWorker(billQueryRs(billPage(3)));
    expect(small.records).toHaveLength(4);
    expect(recordCountOf(small)).toBe(4);

    const vendors = onWorker({ ...billQueryRs([{ ListID: '1', Name: 'V' }]), rsType: 'VendorQueryRs', requestType: 'VendorQuery' });
    expect(vendors.preparedCostRows).toBeUndefined();
    expect(vendors.records).toEqual([{ ListID: '1', Name: 'V' }]);
  });
});

describe.each(await databaseKinds())('a cost page prepared on the parse worker is stored as the same page read on the event loop (%s)', (kind) => {
  let testDb: TestDatabase;
  const companies: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    for (const [procoreCompanyId, name] of [
      ['81', 'Worker Co'],
      ['82', 'Inline Co'],
    ]) {
      companies.push((await createCompany(testDb.database, { procoreCompanyId: procoreCompanyId!, name: name!, actor: 't' })).id);
    }
  });
  afterAll(async () => testDb?.dispose());

  const store = (companyId: string, response: ReceivedResponse, outcome: 'done' | 'continuing' = 'done') => {
    const item: AppliedResponse = {
      requestRowId: '00000000-0000-4000-8000-000000000001',
      kind: 'BillQuery',
      dedupeKey: 'import:job_costs:BillQuery',
      outcome,
      response,
    };
    return testDb.database.prisma.$transaction((tx) => storeImportResponses(tx, companyId, new Date('2026-12-07T12:00:00Z'), [item]));
  };

  async function heldBy(companyId: string) {
    const prisma = testDb.database.prisma;
    const transactions = await prisma.qbTransaction.findMany({
      where: { companyId },
      orderBy: { txnId: 'asc' },
      select: {
        txnType: true,
        txnId: true,
        editSequence: true,
        txnDate: true,
        refNumber: true,
        payeeListId: true,
        amountCents: true,
        qbModifiedAt: true,
        data: true,
      },
    });
    const lines = await prisma.qbCostLine.findMany({
      where: { companyId },
      orderBy: [{ txnId: 'asc' }, { txnLineId: 'asc' }],
      select: {
        txnType: true,
        txnId: true,
        txnLineId: true,
        lineKind: true,
        amountCents: true,
        jobListId: true,
        itemListId: true,
        accountListId: true,
        classListId: true,
        memo: true,
        linkedTxnId: true,
        linkedTxnLineId: true,
      },
    });
    const audits = await prisma.auditEntry.findMany({ where: { companyId, action: 'import.record_unreadable' }, select: { subjectId: true, detail: true } });
    const cursors = await prisma.syncCursor.findMany({
      where: { companyId, name: { startsWith: 'qb:job_costs:BillQuery' } },
      select: { name: true, value: true },
    });
    return { transactions, lines, audits, cursors };
  }

  it('writes the same transactions, lines, audit entries and cursor, then the same again when some changed', async () => {
    const [viaWorker, inline] = companies as [string, string];
    const page = billPage(QUERY_RECORDS_KEPT_IN_RESULT + 20);
    const stored = await store(viaWorker, onWorker(billQueryRs(page)));
    const storedInline = await store(inline, billQueryRs(page));
    expect(stored).toEqual(storedInline);
    expect(stored.records).toBe(page.length);
    const held = await heldBy(viaWorker);
    expect(held.transactions).toHaveLength(page.length - 1);
    expect(held.lines).toHaveLength(2 * (page.length - 1));
    expect(held.audits).toHaveLength(1);
    expect(held).toEqual(await heldBy(inline));

    // The next read: every fifth bill changed (its lines replaced), the rest already held.
    const next = page.map((r, i) => (i % 5 === 0 && r.TxnID ? { ...r, EditSequence: `${String(r.EditSequence)}-2`, ItemLineRet: [] } : r));
    await store(viaWorker, onWorker(billQueryRs(next)));
    await store(inline, billQueryRs(next));
    const after = await heldBy(viaWorker);
    expect(after.lines.length).toBeLessThan(held.lines.length);
    expect(after).toEqual(await heldBy(inline));
  });
});

function vendor(n: number): QbRecord {
  return {
    ListID: `V-${n}`,
    EditSequence: String(200 + n),
    Name: `Vendor "${n}" & <Sons>`,
    IsActive: n % 9 === 0 ? 'false' : 'true',
    // Out of order on purpose: the cursor is the latest, not the last.
    TimeModified: `2026-11-${String(2 + (n % 5)).padStart(2, '0')}T08:00:00-05:00`,
    CompanyName: n % 2 === 0 ? `Co ${n}` : undefined,
    Email: n % 3 === 0 ? `v${n}@example.com` : undefined,
    VendorAddress: n % 4 === 0 ? { Addr1: `${n} Main St`, City: 'Denver', State: 'CO' } : undefined,
  } as unknown as QbRecord;
}

function listQueryRs(rsType: string, records: QbRecord[], recordTypes: string[]): QbxmlResponse {
  return { ...billQueryRs(records), rsType, requestType: rsType.replace(/Rs$/, ''), iteratorId: undefined, recordTypes } as unknown as QbxmlResponse;
}

function vendorPage(count: number): QbxmlResponse {
  const records = Array.from({ length: count }, (_, i) => vendor(i + 1));
  // One record the rules refuse (no EditSequence): set aside with an audit entry on both paths.
  records.splice(5, 0, { ...vendor(999), EditSequence: undefined } as unknown as QbRecord);
  return listQueryRs(
    'VendorQueryRs',
    records,
    records.map(() => 'VendorRet'),
  );
}

function itemPage(count: number): QbxmlResponse {
  const records: QbRecord[] = [];
  const recordTypes: string[] = [];
  for (let i = 1; i <= count; i++) {
    records.push({
      ListID: `I-${i}`,
      EditSequence: '1',
      Name: `Item ${i}`,
      FullName: `Parent:Item ${i}`,
      TimeModified: '2026-11-01T08:00:00-05:00',
    } as unknown as QbRecord);
    // ItemQueryRs mixes its elements; the element name is kept per row (ret_element) and in data.itemType.
    recordTypes.push(['ItemServiceRet', 'ItemOtherChargeRet', 'ItemNonInventoryRet'][i % 3]!);
  }
  // An element that is not an item: refused with an audit entry.
  records.push({ ListID: 'I-x', EditSequence: '1', Name: 'x', TimeModified: '2026-11-01T08:00:00-05:00' } as unknown as QbRecord);
  recordTypes.push('VendorRet');
  return listQueryRs('ItemQueryRs', records, recordTypes);
}

describe('prepareReceivedResponse on list pages (on the parse worker)', () => {
  it('keeps a large list page as rows, its record count and none of its records; a small page keeps its records too', () => {
    const large = onWorker(vendorPage(QUERY_RECORDS_KEPT_IN_RESULT + 10));
    expect(large.records).toEqual([]);
    expect(large.recordTypes).toEqual([]);
    expect(recordCountOf(large)).toBe(QUERY_RECORDS_KEPT_IN_RESULT + 11);
    expect(large.preparedListRows).toMatchObject({ listType: 'Vendor', entries: QUERY_RECORDS_KEPT_IN_RESULT + 10, latest: '2026-11-06T08:00:00-05:00' });
    expect(large.preparedListRows!.unreadable).toEqual([{ subjectId: 'V-999', message: expect.stringContaining('EditSequence') }]);
    expect(large.preparedCostRows).toBeUndefined();

    const small = onWorker(vendorPage(3));
    expect(small.records).toHaveLength(4);
    expect(small.recordTypes).toHaveLength(4);
    expect(recordCountOf(small)).toBe(4);
    expect(small.preparedListRows?.entries).toBe(3);
  });
});

describe.each(await databaseKinds())('a list page prepared on the parse worker is stored as the same page read on the event loop (%s)', (kind) => {
  let testDb: TestDatabase;
  const companies: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    for (const [procoreCompanyId, name] of [
      ['83', 'Worker List Co'],
      ['84', 'Inline List Co'],
    ]) {
      companies.push((await createCompany(testDb.database, { procoreCompanyId: procoreCompanyId!, name: name!, actor: 't' })).id);
    }
  });
  afterAll(async () => testDb?.dispose());

  const store = (companyId: string, query: 'VendorQuery' | 'ItemQuery', response: ReceivedResponse) => {
    const item: AppliedResponse = {
      requestRowId: '00000000-0000-4000-8000-000000000002',
      kind: query,
      dedupeKey: `import:${query === 'VendorQuery' ? 'vendors' : 'items'}:${query}`,
      outcome: 'done',
      response,
    };
    return testDb.database.prisma.$transaction((tx) => storeImportResponses(tx, companyId, new Date('2026-12-07T12:00:00Z'), [item]));
  };

  async function heldBy(companyId: string) {
    const prisma = testDb.database.prisma;
    const entries = await prisma.qbListEntry.findMany({
      where: { companyId },
      orderBy: [{ listType: 'asc' }, { listId: 'asc' }],
      select: {
        listType: true,
        listId: true,
        editSequence: true,
        name: true,
        fullName: true,
        parentListId: true,
        retElement: true,
        isActive: true,
        qbModifiedAt: true,
        data: true,
        deletedAt: true,
      },
    });
    const audits = await prisma.auditEntry.findMany({
      where: { companyId, action: { startsWith: 'import.' } },
      orderBy: [{ action: 'asc' }, { subjectId: 'asc' }],
      select: { action: true, subjectType: true, subjectId: true, detail: true },
    });
    const cursors = await prisma.syncCursor.findMany({ where: { companyId }, orderBy: { name: 'asc' }, select: { name: true, value: true } });
    return { entries, audits, cursors };
  }

  it('writes the same entries, audit entries and cursors, once, then the same again when some changed', async () => {
    const [viaWorker, inline] = companies as [string, string];
    const vendors = vendorPage(QUERY_RECORDS_KEPT_IN_RESULT + 20);
    const items = itemPage(QUERY_RECORDS_KEPT_IN_RESULT + 5);
    for (const [query, page] of [
      ['VendorQuery', vendors],
      ['ItemQuery', items],
    ] as const) {
      const stored = await store(viaWorker, query, onWorker(page));
      expect(stored).toEqual(await store(inline, query, page));
      expect(stored.records).toBe(page.records.length);
    }
    const held = await heldBy(viaWorker);
    expect(held.entries).toHaveLength(vendors.records.length - 1 + items.records.length - 1);
    expect(new Set(held.entries.map((e) => `${e.listType}:${e.listId}`)).size).toBe(held.entries.length);
    expect(held.entries.find((e) => e.listId === 'I-2')).toMatchObject({ retElement: 'ItemNonInventoryRet', data: { itemType: 'ItemNonInventory' } });
    expect(held.audits.filter((a) => a.action === 'import.record_unreadable').map((a) => a.subjectId)).toEqual(['I-x', 'V-999']);
    expect(held.cursors.length).toBeGreaterThan(0);
    expect(held).toEqual(await heldBy(inline));

    // The next read: every fourth vendor changed (new EditSequence and name), the rest already held.
    const next = {
      ...vendors,
      records: vendors.records.map((r, i) => (i % 4 === 0 && r.EditSequence ? { ...r, EditSequence: `${String(r.EditSequence)}-2`, Name: `Renamed ${i}` } : r)),
    };
    await store(viaWorker, 'VendorQuery', onWorker(next as QbxmlResponse));
    await store(inline, 'VendorQuery', next as QbxmlResponse);
    const after = await heldBy(viaWorker);
    expect(after.entries.filter((e) => e.name.startsWith('Renamed'))).toHaveLength(Math.ceil((vendors.records.length - 1) / 4));
    expect(after).toEqual(await heldBy(inline));
  });
});
