import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { LIST_PAGE_SIZE, queueRefresh, REFRESH_KINDS, TXN_PAGE_SIZE } from '@connector/sync';
import { listenTestServer } from './support/listen-test-server.ts';
import { createCompanyWithCredentials, type TestServer } from './support/start-test-server.ts';

// One refresh of every kind reads each QuickBooks list once, whole, in one Web Connector session: one queued read
// per query, one iterator (Start, then Continue with QuickBooks' iteratorID until none remain), as many records as
// the company file holds, and nothing left to send afterwards. A list read twice (two refresh kinds queueing an
// overlapping query, an iterator started again, an answered read queued again) doubles QuickBooks' and the
// server's work per record; the read bench once showed "40,000 bills" for a file of 20,000 (that was the bench
// queueing reads of its own beside the server's refresh: bench/bench-read-sync.ts).

// More vendors than one list page and more bills than two transaction pages: the iterators must continue.
const FILE = {
  seed: 31,
  vendors: LIST_PAGE_SIZE + 40,
  customers: 3,
  jobsPerCustomer: 2,
  items: 12,
  classes: 3,
  bills: TXN_PAGE_SIZE * 2 + 30,
  checks: 0,
  creditCardCharges: 0,
  paidBillRatio: 0,
  linesPerTxn: 2,
};

describe.each(await databaseKinds())('an import refresh reads each list once (%s)', (kind) => {
  let server: TestServer & { url: string };
  let companyId: string;
  let company: CompanyFile;
  let session: () => Promise<SessionReport>;
  let first: SessionReport;
  /** qbXML requests the first session sent: the second must add none. */
  let requestsInFirst: number;

  beforeAll(async () => {
    server = await listenTestServer(kind);
    const created = await createCompanyWithCredentials(server);
    companyId = created.company.id;
    company = generateCompanyFile(FILE);
    const quickbooks = new QuickBooksSimulator({ company, validateXsd: false });
    quickbooks.ensureFileId(server.config.qbwc.ownerId, created.connection.fileId);
    session = () => runWebConnectorSession({ url: server.url, username: created.username, password: created.password, processor: quickbooks, noOpDelayMs: 10 });
    const db = server.testDb.database;
    for (const refresh of REFRESH_KINDS) {
      expect((await queueRefresh(db, { companyId, kind: refresh, actor: 'test' })).outcome).toBe('queued');
      // The schedule (or a second click) while it is open queues nothing more.
      expect((await queueRefresh(db, { companyId, kind: refresh, actor: 'schedule' })).outcome).toBe('already_queued');
    }
    first = await session();
    requestsInFirst = (await readsSent()).reduce((sum, r) => sum + r.requests, 0);
  }, 300_000);
  afterAll(async () => server?.close());

  /** Each queued read with the qbXML requests that carried it (the requestID is the queued request's id). */
  async function readsSent() {
    const db = server.testDb.database;
    const rows = await db.prisma.queuedRequest.findMany({ where: { companyId } });
    const messages = await db.prisma.qbwcMessage.findMany({ where: { companyId }, select: { requestXml: true } });
    return rows.map((row) => {
      const tags = messages.flatMap((m) => m.requestXml.match(new RegExp(`<\\w+Rq [^>]*requestID="${row.id}"[^>]*>`, 'g')) ?? []);
      return {
        query: row.kind,
        dedupeKey: row.dedupeKey,
        status: row.status,
        records: row.recordsReceived,
        requests: tags.length,
        starts: tags.filter((t) => t.includes('iterator="Start"')).length,
        iteratorIds: new Set(tags.flatMap((t) => t.match(/iteratorID="([^"]+)"/)?.[1] ?? [])).size,
      };
    });
  }

  it('sends one query per list, each iterator started once, and reads every record of the file once', async () => {
    expect(first.outcome, first.lastError ?? first.statusLine).toBe('completed');
    const reads = await readsSent();
    // No two queued reads of the same list: the kinds' queries do not overlap.
    const keys = reads.map((r) => r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    const inFile: Record<string, { records: number; page: number | null }> = {
      VendorQuery: { records: company.vendors.length, page: LIST_PAGE_SIZE },
      CustomerQuery: { records: company.customers.length, page: LIST_PAGE_SIZE },
      ItemQuery: { records: company.items.length, page: LIST_PAGE_SIZE },
      BillQuery: { records: company.bills.length, page: TXN_PAGE_SIZE },
      AccountQuery: { records: company.accounts.length, page: null },
      ClassQuery: { records: company.classes.length, page: null },
    };
    expect(company.vendors.length).toBeGreaterThan(LIST_PAGE_SIZE);
    expect(company.bills.length).toBeGreaterThan(2 * TXN_PAGE_SIZE);
    for (const [query, expected] of Object.entries(inFile)) {
      const ofQuery = reads.filter((r) => r.query === query);
      expect(ofQuery, query).toHaveLength(1);
      const [read] = ofQuery;
      expect(read!.status, query).toBe('done');
      expect(read!.records, query).toBe(expected.records);
      // Start once, then one Continue per further page (an iterator answers the last page with 0 remaining).
      const requests = expected.page === null ? 1 : Math.max(1, Math.ceil(expected.records / expected.page));
      expect({ requests: read!.requests, starts: read!.starts }, query).toEqual({ requests, starts: expected.page === null ? 0 : 1 });
      expect(read!.iteratorIds, query).toBe(requests > 1 ? 1 : 0);
    }
    // The other reads (deleted lists and transactions, checks, charges, bill payments: none in this file) were
    // each sent once and answered.
    for (const read of reads.filter((r) => !(r.query in inFile))) {
      expect({ key: read.dedupeKey, status: read.status, requests: read.requests }).toEqual({ key: read.dedupeKey, status: 'done', requests: 1 });
    }
  });

  it('leaves nothing to read again: the next session finds no work', async () => {
    const next = await session();
    expect(next.outcome, next.lastError ?? next.statusLine).toBe('no-work');
    expect((await readsSent()).reduce((sum, r) => sum + r.requests, 0)).toBe(requestsInFirst);
  });
});
