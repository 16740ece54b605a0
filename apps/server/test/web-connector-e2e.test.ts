import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { runWebConnectorSession, type SessionOptions } from '@connector/qbwc-client';
import { buildCompanyQwc, enqueueRequest } from '@connector/sync';
import { parseQwcFile } from '@connector/qbwc-client';
import { createCompanyWithCredentials, type TestServer } from './support/start-test-server.ts';
import { listenTestServer } from './support/listen-test-server.ts';

// End to end: the real server on a port, the Web Connector client speaking HTTP+SOAP to it, and the
// QuickBooks simulator answering qbXML (validated against the XSD). Every fault flag of the client,
// and the company file is checked record by record for duplicates afterwards.
describe.each(await databaseKinds())('Web Connector client against the server (%s)', (kind) => {
  let server: TestServer & { url: string };
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let company: CompanyFile;
  let simulator: QuickBooksSimulator;
  let n = 0;

  // The Web Connector side's clock: moved forward instead of sleeping until a dead session may be taken over.
  let qbwcSkewMs = 0;
  beforeAll(async () => {
    server = await listenTestServer(kind, { QBWC_BATCH_SIZE: '3', QBWC_SESSION_IDLE_SECONDS: '1' }, { qbwcClock: () => new Date(Date.now() + qbwcSkewMs) });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    n += 1;
    setup = await createCompanyWithCredentials(server, `Summit Ridge ${n}`, String(7000 + n));
    company = createCompanyFile({ companyName: `Summit Ridge Builders ${n}` });
    simulator = new QuickBooksSimulator({ company });
    // Adding the .qwc to QBWC stamps its FileID into the open company file (QBWC guide p.36).
    const { xml } = await buildCompanyQwc(server.testDb.database, setup.company.id, {
      publicUrl: server.url.replace(/\/qbwc$/, ''),
      ownerId: server.config.qbwc.ownerId,
      appName: 'Test',
    });
    const qwc = parseQwcFile(xml);
    simulator.ensureFileId(qwc.ownerId, qwc.fileId);
  });

  const db = () => server.testDb.database;
  const session = (options: Partial<SessionOptions> = {}) =>
    runWebConnectorSession({ url: server.url, username: setup.username, password: setup.password, processor: simulator, noOpDelayMs: 10, ...options });
  const queueVendors = async (...names: string[]) => {
    for (const name of names) {
      await enqueueRequest(db(), {
        companyId: setup.company.id,
        request: { type: 'VendorAdd', name },
        dedupeKey: `vendor:${name}`,
        requestedBy: 'pm@example.com',
      });
    }
  };
  const requests = () => db().prisma.queuedRequest.findMany({ where: { companyId: setup.company.id }, orderBy: { createdAt: 'asc' } });
  const vendorNames = () => company.vendors.map((v) => v.name).sort();
  const waitForIdleTimeout = async () => {
    qbwcSkewMs += 2_000;
  };

  it('syncs vendors, a customer with its job and a cost-code item, and reads them back', async () => {
    await queueVendors('Apex Concrete LLC', 'Baker Steel & Iron', 'Cortez Electric');
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'CustomerAdd', name: 'Riverside Health' },
      dedupeKey: 'customer:1',
      requestedBy: 'pm',
      priority: 20,
    });
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'CustomerAdd', name: 'Riverside Medical Office', parentRef: { fullName: 'Riverside Health' } },
      dedupeKey: 'job:1',
      requestedBy: 'pm',
      priority: 30,
    });
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: {
        type: 'ItemServiceAdd',
        name: '03-300 Concrete',
        salesOrPurchase: { desc: 'Cast-in-place concrete', accountRef: { fullName: 'Job Expenses:Subcontractors' } },
      },
      dedupeKey: 'item:03-300',
      requestedBy: 'pm',
    });
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'VendorQuery', iterator: 'Start', maxReturned: 2 },
      dedupeKey: 'read:vendors',
      requestedBy: 'pm',
    });

    const report = await session();
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe('completed');
    expect(report.progress.at(-1)).toBe(100);
    expect(report.statusLine).toMatch(/3 vendors.*synced/);
    const rows = await requests();
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['VendorAdd', 'done'],
      ['VendorAdd', 'done'],
      ['VendorAdd', 'done'],
      ['CustomerAdd', 'done'],
      ['CustomerAdd', 'done'],
      ['ItemServiceAdd', 'done'],
      ['VendorQuery', 'done'],
    ]);
    expect(vendorNames()).toEqual(['Apex Concrete LLC', 'Baker Steel & Iron', 'Cortez Electric']);
    const job = company.customers.find((c) => c.name === 'Riverside Medical Office');
    expect(job?.parentId).toBe(company.customers.find((c) => c.name === 'Riverside Health')?.listId);
    expect(rows.at(-1)!.recordsReceived).toBe(3);
    const written = rows[0]!.result as { record: { ListID: string; EditSequence: string } };
    expect(written.record.ListID).toBe(company.vendors.find((v) => v.name === 'Apex Concrete LLC')!.listId);
  });

  it('QuickBooks not running: connection error, nothing lost, the next run syncs', async () => {
    await queueVendors('Delta Drywall');
    const failed = await session({ quickBooksNotRunning: true });
    expect(failed.outcome).toBe('connection-error');
    expect((await requests())[0]!.status).toBe('queued');
    expect(company.vendors).toHaveLength(0);
    const ok = await session();
    expect(ok.outcome).toBe('completed');
    expect(vendorNames()).toEqual(['Delta Drywall']);
  });

  it('a different company file open: refused, nothing written, the reason recorded', async () => {
    await queueVendors('Evergreen Landscaping');
    await session(); // binds the company file; later sign-ins ask QBWC for that file by path
    await queueVendors('Foxtrot Framing');
    const refused = await session({ differentCompanyFile: true });
    // QBWC cannot open the bound file while another is open (0x8004040A): connectionError, retried twice, then done.
    expect(refused.outcome).toBe('connection-error');
    expect(vendorNames()).toEqual(['Evergreen Landscaping']);
    expect((await requests()).at(-1)!.status).toBe('queued');
    const failed = await db().prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id, state: 'failed' } });
    expect(failed.lastError).toMatch(/different company file open/);
    expect(failed.connectionErrors).toBe(3);
  });

  it('a different company file when QBWC uses the open file: refused naming both files', async () => {
    await queueVendors('Evergreen Landscaping');
    await session();
    // An admin re-bound nothing, but QBWC was told to use whatever file is open ('' path): the FileID check catches it.
    await db().prisma.qbwcConnection.update({ where: { companyId: setup.company.id }, data: { boundCompanyFile: null } });
    await queueVendors('Foxtrot Framing');
    const other = createCompanyFile({ companyName: 'Other Company' });
    const refused = await runWebConnectorSession({
      url: server.url,
      username: setup.username,
      password: setup.password,
      processor: new QuickBooksSimulator({ company: other }),
      noOpDelayMs: 10,
    });
    expect(refused.outcome).toBe('error');
    expect(refused.lastError).toContain(other.companyFilePath);
    expect(other.vendors).toHaveLength(0);
    expect(vendorNames()).toEqual(['Evergreen Landscaping']);
  });

  it('a lost write response: QuickBooks applied it, the next session recovers it, no duplicate', async () => {
    await queueVendors('Granite Masonry', 'Harbor Plumbing');
    const lost = await session({ loseWriteResponse: true });
    expect(lost.outcome).not.toBe('completed');
    expect(vendorNames()).toEqual(['Granite Masonry', 'Harbor Plumbing']);
    await waitForIdleTimeout();
    const next = await session();
    expect(next.outcome).toBe('completed');
    expect(vendorNames()).toEqual(['Granite Masonry', 'Harbor Plumbing']);
    const rows = await requests();
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    const recovered = await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.recovery_answered' } });
    expect(recovered).toBe(1);
  });

  it('the connection dropping mid-session: the next session finishes the rest, no duplicate', async () => {
    await queueVendors('Ironwood Cabinets', 'Juniper Glass', 'Keystone Roofing', 'Lakeside Paving', 'Meridian HVAC');
    const dropped = await session({ dropConnectionAfterRounds: 1 });
    expect(dropped.outcome).toBe('dropped');
    expect(company.vendors).toHaveLength(3);
    // The server still sees a live session until the idle timeout; then the next run may start.
    const busy = await session();
    expect(busy.outcome).toBe('busy');
    await waitForIdleTimeout();
    const next = await session();
    expect(next.outcome).toBe('completed');
    expect(vendorNames()).toHaveLength(5);
    expect(new Set(vendorNames()).size).toBe(5);
  });

  it('a crash while a write is in flight (response lost and the session abandoned): recovered, no duplicate', async () => {
    await queueVendors('Northstar Insulation', 'Oakridge Tile', 'Pinecrest Doors', 'Quarry Stone');
    await session({ loseWriteResponse: 2 });
    await waitForIdleTimeout();
    const next = await session();
    expect(next.outcome).toBe('completed');
    expect(vendorNames()).toEqual(['Northstar Insulation', 'Oakridge Tile', 'Pinecrest Doors', 'Quarry Stone']);
    expect((await requests()).every((r) => r.status === 'done')).toBe(true);
  });

  it('a restricted QuickBooks user: writes go to the exception queue with the reason, reads still work', async () => {
    await queueVendors('Redwood Decks');
    await enqueueRequest(db(), { companyId: setup.company.id, request: { type: 'VendorQuery' }, dedupeKey: 'read', requestedBy: 'pm' });
    const report = await session({ restrictedUser: true });
    expect(report.outcome).toBe('completed');
    expect(report.statusLine).toMatch(/1 needs attention/);
    const [add, read] = await requests();
    expect(add).toMatchObject({ status: 'failed', errorCode: 'QB_PERMISSION_DENIED', statusCode: 3260 });
    expect(add!.errorMessage).toMatch(/permission/i);
    expect(read!.status).toBe('done');
    expect(company.vendors).toHaveLength(0);
  });

  it('a record locked by another user: deferred to the next session, then written', async () => {
    const data = generateCompanyFile({
      seed: 7,
      vendors: 3,
      customers: 1,
      jobsPerCustomer: 1,
      items: 2,
      classes: 1,
      bills: 0,
      checks: 0,
      creditCardCharges: 0,
    });
    company = data;
    simulator = new QuickBooksSimulator({ company });
    simulator.ensureFileId(server.config.qbwc.ownerId, setup.connection.fileId);
    const vendor = company.vendors[0]!;
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'VendorMod', listId: vendor.listId, editSequence: vendor.editSequence, companyName: 'Renamed Co' },
      dedupeKey: 'mod',
      requestedBy: 'pm',
    });
    const locked = await session({ lockedRecords: [vendor.listId] });
    expect(locked.outcome).toBe('completed');
    expect((await requests())[0]).toMatchObject({ status: 'queued', errorCode: 'QB_RECORD_IN_USE' });
    simulator.setOptions({ lockedRecords: [] });
    const next = await session();
    expect(next.outcome).toBe('completed');
    expect((await requests())[0]!.status).toBe('done');
    expect(company.vendors[0]!.companyName).toBe('Renamed Co');
  });

  it('a slow QuickBooks: the session still completes', async () => {
    await queueVendors('Sierra Windows', 'Timberline Trusses');
    const report = await session({ quickBooksDelayMs: 150 });
    expect(report.outcome).toBe('completed');
    expect(report.durationMs).toBeGreaterThan(150);
    expect(vendorNames()).toEqual(['Sierra Windows', 'Timberline Trusses']);
  });

  it('a wrong password: invalid user, nothing opened', async () => {
    await queueVendors('Umber Painting');
    const report = await session({ password: 'not-the-password' });
    expect(report.outcome).toBe('invalid-user');
    expect(company.vendors).toHaveLength(0);
  });
});
