import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { buildRequestMessage, parseResponseMessage, type QbxmlResponse } from '@connector/qbxml';
import { validateQbxml } from '@connector/qbxml/testing';
import { createCompany } from '../companies/create-company.ts';
import type { AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { listQuickBooksLists } from '../settings/list-quickbooks-lists.ts';
import { queueRefresh } from './queue-refresh.ts';
import { refreshRequests } from './refresh-kinds.ts';
import { storeImportResponses } from './store-import-responses.ts';

// Issue 18 item 4: the chart of accounts and the classes ride with the items refresh, so the Settings pickers can offer
// them; what QuickBooks deletes leaves our copy (ListDeletedQuery Account / Class).

/** A QuickBooks answer as it arrives (qbXML text), parsed the way receiveResponseXML parses it. */
function answer(rs: 'AccountQueryRs' | 'ClassQueryRs' | 'ListDeletedQueryRs', rets: string[]): QbxmlResponse {
  const status =
    rets.length > 0 ? 'statusCode="0" statusSeverity="Info" statusMessage="Status OK"' : 'statusCode="1" statusSeverity="Info" statusMessage="No match"';
  const xml = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><${rs} requestID="1" ${status}>${rets.join('')}</${rs}></QBXMLMsgsRs></QBXML>`;
  return parseResponseMessage(xml).responses[0]!;
}
const accountRet = (listId: string, editSequence: string, fullName: string, accountType: string, timeModified: string, extra = '') =>
  `<AccountRet><ListID>${listId}</ListID><TimeCreated>2026-01-01T08:00:00-08:00</TimeCreated><TimeModified>${timeModified}</TimeModified><EditSequence>${editSequence}</EditSequence><Name>${fullName.split(':').at(-1)}</Name><FullName>${fullName}</FullName><IsActive>true</IsActive><Sublevel>${fullName.split(':').length - 1}</Sublevel><AccountType>${accountType}</AccountType>${extra}</AccountRet>`;
const classRet = (listId: string, fullName: string, timeModified: string) =>
  `<ClassRet><ListID>${listId}</ListID><TimeCreated>2026-01-01T08:00:00-08:00</TimeCreated><TimeModified>${timeModified}</TimeModified><EditSequence>1</EditSequence><Name>${fullName}</Name><FullName>${fullName}</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel></ClassRet>`;
const deletedRet = (type: string, listId: string, fullName: string) =>
  `<ListDeletedRet><ListDelType>${type}</ListDelType><ListID>${listId}</ListID><TimeCreated>2026-01-01T08:00:00-08:00</TimeCreated><TimeDeleted>2026-11-02T09:00:00-08:00</TimeDeleted><FullName>${fullName}</FullName></ListDeletedRet>`;

describe('the items refresh reads accounts and classes', () => {
  it('queues AccountQuery and ClassQuery read whole (no iterator: the XSD gives them none; no MaxReturned to cut them short) and asks for their deletions', async () => {
    const first = refreshRequests('items', () => null);
    expect(first.map((r) => r.query)).toEqual(['ItemQuery', 'AccountQuery', 'ClassQuery', 'ListDeletedQuery']);
    expect(first[1]!.request).toEqual({ type: 'AccountQuery', activeStatus: 'All' });
    expect(first[2]!.request).toEqual({ type: 'ClassQuery', activeStatus: 'All' });
    expect(first[3]!.request).toMatchObject({ listDelTypes: expect.arrayContaining(['ItemService', 'Account', 'Class']) });
    // Incremental afterwards, each from its own cursor.
    const later = refreshRequests('items', (query) => (query === 'AccountQuery' ? '2026-11-01T08:00:00-08:00' : null));
    expect(later[1]!.request).toEqual({ type: 'AccountQuery', activeStatus: 'All', fromModifiedDate: '2026-11-01T08:00:00-08:00' });
    expect(later[2]!.request).toEqual({ type: 'ClassQuery', activeStatus: 'All' });
    // Jobs and vendors do not read them.
    expect(refreshRequests('jobs', () => null).map((r) => r.query)).toEqual(['CustomerQuery', 'ListDeletedQuery']);
    for (const requests of [first, later]) {
      const xml = buildRequestMessage({ requests: requests.map((r, i) => ({ requestId: String(i + 1), request: r.request })) });
      expect(await validateQbxml(xml)).toEqual({ valid: true, errors: [] });
    }
  });
});

describe.each(await databaseKinds())('accounts and classes in our copy of the company file (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  let otherCompanyId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '81', name: 'Accounts Co', actor: 't' })).id;
    otherCompanyId = (await createCompany(testDb.database, { procoreCompanyId: '82', name: 'Other Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  /** Answers the company's open items-refresh request for `query` the way a Web Connector session would. */
  async function answerQuery(company: string, query: 'AccountQuery' | 'ClassQuery' | 'ListDeletedQuery', response: QbxmlResponse) {
    const prisma = testDb.database.prisma;
    const row = await prisma.queuedRequest.findFirstOrThrow({
      where: { companyId: company, dedupeKey: `import:items:${query}`, status: { in: ['queued', 'sent'] } },
    });
    const applied: AppliedResponse = { requestRowId: row.id, kind: query, dedupeKey: row.dedupeKey!, outcome: 'done', response };
    return prisma.$transaction(async (tx) => {
      await tx.queuedRequest.update({ where: { id: row.id }, data: { status: 'done' } });
      return storeImportResponses(tx, company, new Date('2026-11-02T18:00:00Z'), [applied]);
    });
  }
  async function answerItems(company: string) {
    const prisma = testDb.database.prisma;
    await prisma.queuedRequest.updateMany({ where: { companyId: company, dedupeKey: 'import:items:ItemQuery', status: 'queued' }, data: { status: 'done' } });
  }

  it('stores what AccountQuery and ClassQuery answered, lists accounts by type and classes, and says when each was read', async () => {
    const db = testDb.database;
    expect(await listQuickBooksLists(db, companyId)).toEqual({
      accounts: { readAt: null, entries: [] },
      classes: { readAt: null, entries: [] },
      refreshPending: false,
    });
    await queueRefresh(db, { companyId, kind: 'items', actor: 't' });
    const keys = (await db.prisma.queuedRequest.findMany({ where: { companyId }, select: { dedupeKey: true } })).map((r) => r.dedupeKey).sort();
    expect(keys).toEqual(['import:items:AccountQuery', 'import:items:ClassQuery', 'import:items:ItemQuery', 'import:items:ListDeletedQuery']);
    expect((await listQuickBooksLists(db, companyId)).refreshPending).toBe(true);

    await answerItems(companyId);
    await answerQuery(
      companyId,
      'AccountQuery',
      answer('AccountQueryRs', [
        accountRet('80000001-1', '1', 'Accounts Payable', 'AccountsPayable', '2026-11-01T08:00:00-08:00'),
        accountRet('80000002-1', '1', 'Job Expenses', 'Expense', '2026-11-01T08:00:00-08:00'),
        accountRet('80000003-1', '2', 'Job Expenses:Subcontractors', 'Expense', '2026-11-01T09:30:00-08:00', '<AccountNumber>6410</AccountNumber>'),
        accountRet('80000004-1', '1', 'Cost of Goods Sold', 'CostOfGoodsSold', '2026-11-01T08:00:00-08:00'),
        accountRet('80000005-1', '1', 'Construction Income', 'Income', '2026-11-01T08:00:00-08:00'),
      ]),
    );
    const finished = await answerQuery(companyId, 'ClassQuery', answer('ClassQueryRs', [classRet('90000001-1', 'Commercial', '2026-11-01T08:00:00-08:00')]));
    expect(finished.finishedKinds).toEqual([]);
    // The refresh is done when its last query (the deletions) is answered.
    expect((await answerQuery(companyId, 'ListDeletedQuery', answer('ListDeletedQueryRs', []))).finishedKinds).toEqual(['items']);

    const lists = await listQuickBooksLists(db, companyId);
    expect(lists.refreshPending).toBe(false);
    expect(lists.accounts.readAt).toBe('2026-11-02T18:00:00.000Z');
    expect(lists.classes).toEqual({ readAt: '2026-11-02T18:00:00.000Z', entries: [{ listId: '90000001-1', fullName: 'Commercial', isActive: true }] });
    expect(lists.accounts.entries.map((a) => a.fullName)).toEqual([
      'Accounts Payable',
      'Construction Income',
      'Cost of Goods Sold',
      'Job Expenses',
      'Job Expenses:Subcontractors',
    ]);
    expect(lists.accounts.entries.find((a) => a.listId === '80000003-1')).toEqual({
      listId: '80000003-1',
      fullName: 'Job Expenses:Subcontractors',
      accountType: 'Expense',
      accountNumber: '6410',
      isActive: true,
    });
    const jobCost = await listQuickBooksLists(db, companyId, { accountType: ['Expense', 'CostOfGoodsSold'] });
    expect(jobCost.accounts.entries.map((a) => a.listId).sort()).toEqual(['80000002-1', '80000003-1', '80000004-1']);
    // The cursor moved to the latest TimeModified of the answer: the next read is incremental from it (minus the overlap).
    const cursor = await db.prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: 'qb:items:AccountQuery' } } });
    expect(cursor?.value).toBe('2026-11-01T09:30:00-08:00');
    // Company-scoped: another company holds none of them.
    expect(await listQuickBooksLists(db, otherCompanyId)).toEqual({
      accounts: { readAt: null, entries: [] },
      classes: { readAt: null, entries: [] },
      refreshPending: false,
    });
  });

  it('an account or class deleted in QuickBooks leaves the list; a renamed one is replaced, never duplicated', async () => {
    const db = testDb.database;
    await queueRefresh(db, { companyId, kind: 'items', actor: 't' });
    await answerItems(companyId);
    // The overlap re-reads what we hold (same EditSequence: left alone) beside a renamed account (new EditSequence).
    await answerQuery(
      companyId,
      'AccountQuery',
      answer('AccountQueryRs', [
        accountRet('80000003-1', '2', 'Job Expenses:Subcontractors', 'Expense', '2026-11-01T09:30:00-08:00', '<AccountNumber>6410</AccountNumber>'),
        accountRet('80000004-1', '2', 'Job Cost of Goods Sold', 'CostOfGoodsSold', '2026-11-02T08:00:00-08:00'),
      ]),
    );
    await answerQuery(companyId, 'ClassQuery', answer('ClassQueryRs', []));
    await answerQuery(
      companyId,
      'ListDeletedQuery',
      answer('ListDeletedQueryRs', [deletedRet('Account', '80000002-1', 'Job Expenses'), deletedRet('Class', '90000001-1', 'Commercial')]),
    );
    const lists = await listQuickBooksLists(db, companyId);
    expect(lists.accounts.entries.map((a) => [a.listId, a.fullName])).toEqual([
      ['80000001-1', 'Accounts Payable'],
      ['80000005-1', 'Construction Income'],
      ['80000004-1', 'Job Cost of Goods Sold'],
      ['80000003-1', 'Job Expenses:Subcontractors'],
    ]);
    expect(lists.classes.entries).toEqual([]);
    // One row per (company, list, ListID), whatever was read twice.
    const rows = await db.prisma.qbListEntry.groupBy({
      by: ['listType', 'listId'],
      where: { companyId, listType: { in: ['Account', 'Class'] } },
      _count: true,
    });
    expect(rows.every((r) => r._count === 1)).toBe(true);
    expect(rows).toHaveLength(6);
  });
});
