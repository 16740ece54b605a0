import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type QuickBooksProcessor, type SessionOptions } from '@connector/qbwc-client';
import { buildCompanyQwc, enqueueRequest } from '@connector/sync';
import { createCompanyWithCredentials, type TestServer } from './support/start-test-server.ts';
import { listenTestServer } from './support/listen-test-server.ts';

// Data safety, defect 3, end to end: the real server on a port, the Web Connector client and the QuickBooks
// simulator. QuickBooks really applies a write message; the client then bends its answer (a requestID
// that was not sent, none, or a response of another type). The server must not apply it nor re-send the
// write: the session stops, the next one recovers the true outcome with oldMessageSetID, and the company
// file holds exactly one record per request.
describe.each(await databaseKinds())('Web Connector answer faults against the server (%s)', (kind) => {
  let server: TestServer & { url: string };
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let company: CompanyFile;
  let simulator: QuickBooksSimulator;
  /** Every qbXML message QuickBooks was handed, in order, across sessions. */
  let handed: string[];
  let n = 0;

  beforeAll(async () => {
    server = await listenTestServer(kind, { QBWC_BATCH_SIZE: '3' });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    n += 1;
    setup = await createCompanyWithCredentials(server, `Answer Faults ${n}`, String(8800 + n));
    company = createCompanyFile({ companyName: `Answer Faults Builders ${n}` });
    simulator = new QuickBooksSimulator({ company });
    handed = [];
    const { xml } = await buildCompanyQwc(server.testDb.database, setup.company.id, {
      publicUrl: server.url.replace(/\/qbwc$/, ''),
      ownerId: server.config.qbwc.ownerId,
      appName: 'Test',
    });
    const qwc = parseQwcFile(xml);
    simulator.ensureFileId(qwc.ownerId, qwc.fileId);
  });

  const db = () => server.testDb.database;
  /** The simulator, recording what it is handed. */
  const recording = (): QuickBooksProcessor => ({
    get companyFilePath() {
      return simulator.companyFilePath;
    },
    openSession: () => simulator.openSession(),
    hostCompanyPreferencesResponse: () => simulator.hostCompanyPreferencesResponse(),
    ensureFileId: (ownerId, fileId) => simulator.ensureFileId(ownerId, fileId),
    processRequest: (xml) => {
      handed.push(xml);
      return simulator.processRequest(xml);
    },
    closeSession: () => simulator.closeSession(),
  });
  const session = (options: Partial<SessionOptions> = {}) =>
    runWebConnectorSession({ url: server.url, username: setup.username, password: setup.password, processor: recording(), noOpDelayMs: 10, ...options });
  const enqueue = (request: Parameters<typeof enqueueRequest>[1]['request'], key: string, priority: number) =>
    enqueueRequest(db(), { companyId: setup.company.id, request, dedupeKey: key, requestedBy: 'pm@example.com', priority });
  const requests = () => db().prisma.queuedRequest.findMany({ where: { companyId: setup.company.id }, orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }] });

  /** One message per priority level: 1 two vendors, 2 a cost-code item, 3 a customer, 4 a bill (QuickBooks never refuses a second copy of a bill). */
  async function queueWork() {
    await enqueue({ type: 'VendorAdd', name: 'Apex Concrete LLC' }, 'vendor:1', 20);
    await enqueue({ type: 'VendorAdd', name: 'Baker Steel & Iron' }, 'vendor:2', 20);
    await enqueue(
      {
        type: 'ItemServiceAdd',
        name: '03-300 Concrete',
        salesOrPurchase: { desc: 'Cast-in-place concrete', accountRef: { fullName: 'Job Expenses:Subcontractors' } },
      },
      'item:03-300',
      22,
    );
    await enqueue({ type: 'CustomerAdd', name: 'Riverside Health' }, 'customer:1', 25);
    await enqueue(
      {
        type: 'BillAdd',
        vendorRef: { fullName: 'Apex Concrete LLC' },
        refNumber: 'INV-7731',
        expenseLines: [{ accountRef: { fullName: 'Job Expenses:Job Materials' }, amount: 1250 }],
      },
      'bill:7731',
      50,
    );
  }

  const cases: Array<[string, Partial<SessionOptions>, number, RegExp]> = [
    ['mismatchRequestId on the vendors', { mismatchRequestId: true }, 1, /VendorAddRs answers requestID ".*-not-sent", which was not sent/],
    ['dropRequestId on the vendors', { dropRequestId: 1 }, 1, /\(VendorAddRs\) has no requestID/],
    [
      'wrongResponseType on the item: ItemServiceAddRs → ItemInventoryAddRs',
      { wrongResponseType: 2 },
      2,
      /ItemServiceAddRq .* answered by a ItemInventoryAddRs/,
    ],
    ['wrongResponseType on the customer: CustomerAddRs → InvoiceAddRs', { wrongResponseType: 3 }, 3, /CustomerAddRq .* answered by a InvoiceAddRs/],
    ['mismatchRequestId on the bill', { mismatchRequestId: 4 }, 4, /BillAddRs answers requestID ".*-not-sent"/],
    ['wrongResponseType on the bill: BillAddRs → CheckAddRs', { wrongResponseType: 4 }, 4, /BillAddRq .* answered by a CheckAddRs/],
  ];

  it.each(cases)('%s: no duplicate, the outcome recovered with oldMessageSetID', async (_name, fault, faultedMessage, why) => {
    await queueWork();
    const broken = await session(fault);
    expect(broken.outcome).toBe('error');
    expect(broken.lastError).toMatch(/does not match what was sent/);
    expect(broken.lastError).toMatch(why);
    // The session stopped at the bent answer: the faulted message was the last one QuickBooks saw.
    expect(handed).toHaveLength(faultedMessage);
    const faultedSetId = /newMessageSetID="([^"]+)"/.exec(handed.at(-1)!)?.[1];
    expect(faultedSetId).toBeTruthy();

    const next = await session();
    expect(next.errors).toEqual([]);
    expect(next.outcome).toBe('completed');
    // First thing in the next session: the status check for the faulted message set.
    const check = handed[faultedMessage]!;
    expect(check).toContain(`oldMessageSetID="${faultedSetId}"`);
    expect(check).not.toMatch(/Rq requestID=/);

    // Exactly one record per request in the company file, and every request sent once.
    expect(company.vendors.map((v) => v.name).sort()).toEqual(['Apex Concrete LLC', 'Baker Steel & Iron']);
    expect(company.items.map((i) => i.name)).toEqual(['03-300 Concrete']);
    expect(company.customers.map((c) => c.name)).toEqual(['Riverside Health']);
    expect(company.bills.map((b) => b.refNumber)).toEqual(['INV-7731']);
    const rows = await requests();
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['VendorAdd', 'done', 1],
      ['VendorAdd', 'done', 1],
      ['ItemServiceAdd', 'done', 1],
      ['CustomerAdd', 'done', 1],
      ['BillAdd', 'done', 1],
    ]);
    for (const row of rows) expect(handed.filter((xml) => xml.includes(`requestID="${row.id}"`))).toHaveLength(1);
    // The ids we keep are the company file's own, not a foreign answer's.
    const idOf = (row: (typeof rows)[number]) => (row.result as { record: { ListID?: string; TxnID?: string } }).record;
    expect(idOf(rows[2]!).ListID).toBe(company.items[0]!.listId);
    expect(idOf(rows[3]!).ListID).toBe(company.customers[0]!.listId);
    expect(idOf(rows[4]!).TxnID).toBe(company.bills[0]!.txnId);
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.recovery_answered', outcome: 'ok' } })).toBe(1);
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.response_mismatch' } })).toBe(1);
  });
});
