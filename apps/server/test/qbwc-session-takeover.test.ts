import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionOptions } from '@connector/qbwc-client';
import { buildCompanyQwc, enqueueRequest } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, messageSetIdOf, nameOf, requestsIn, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { listenTestServer } from './support/listen-test-server.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Data safety, defect 4: a session QBWC abandoned without closeConnection (its write response lost) used to
// answer every authenticate with "busy" for QBWC_SESSION_IDLE_SECONDS (900 s). Now a session quiet for
// QBWC_SESSION_TAKEOVER_SECONDS (default 45) is taken over by the next authenticate: its lost write is
// recovered with oldMessageSetID first, and its ticket is fenced. The server runs on an injected clock
// (qbwcClock) and default settings; nothing here sleeps.

const BOUND_FILE = 'C:\\Company Files\\Summit Builders.QBW';
const SENDS = { strCompanyFileName: BOUND_FILE, qbXMLCountry: 'US', qbXMLMajorVers: 13, qbXMLMinorVers: 0 };

describe.each(await databaseKinds())('QBWC session takeover, raw SOAP (%s)', (kind) => {
  let server: TestServer;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let clockMs = Date.parse('2026-11-20T15:00:00Z');
  let procoreId = 8100;

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { qbwcClock: () => new Date(clockMs) });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    procoreId += 1;
    clockMs += 3_600_000;
    setup = await createCompanyWithCredentials(server, `Takeover Builders ${procoreId}`, String(procoreId));
  });

  const db = () => server.testDb.database;
  const hcp = () => hcpResponse({ fileId: setup.connection.fileId });
  const advance = (seconds: number) => {
    clockMs += seconds * 1000;
  };
  const enqueueVendors = async (...names: string[]) => {
    for (const name of names) {
      await enqueueRequest(db(), { companyId: setup.company.id, request: { type: 'VendorAdd', name }, dedupeKey: `vendor:${name}`, requestedBy: 'test-user' });
    }
  };
  const requestsOf = () => db().prisma.queuedRequest.findMany({ where: { companyId: setup.company.id }, orderBy: { createdAt: 'asc' } });
  const authenticate = async () =>
    (await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[];
  /** QuickBooks' answer to a message of VendorAdds: every vendor added. */
  const addedVendors = (xml: string) => responseMessage(requestsIn(xml).map((r) => rs('VendorAdd', r.requestId, 0, vendorRet(nameOf(r)))));
  /** Session 1: QBWC hands the write message to QuickBooks, then the response is lost and QBWC moves on (no closeConnection). */
  const loseFirstWrite = async () => {
    const lost = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: addedVendors,
      loseResponseOfRound: 1,
    });
    expect(lost.sent).toHaveLength(1);
    return { ticket: lost.ticket, sent: lost.sent[0]!, newId: messageSetIdOf(lost.sent[0]!).newId! };
  };

  it('a session quiet for 60 s is taken over: the next run gets a ticket, checks the lost write with oldMessageSetID first, writes nothing twice', async () => {
    await enqueueVendors('Granite Masonry', 'Harbor Plumbing');
    const lost = await loseFirstWrite();
    expect(lost.newId).toMatch(/^\w{1,23}$/);

    advance(60);
    const quickBooksSaw: string[] = [];
    const next = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (xml) => {
        quickBooksSaw.push(xml);
        // QuickBooks kept the message set's answer: the status check returns it (and runs nothing).
        return responseMessage(
          requestsIn(lost.sent).map((r) => rs('VendorAdd', r.requestId, 0, vendorRet(nameOf(r)))),
          ` newMessageSetID="${lost.newId}" messageSetStatusCode="0"`,
        );
      },
    });
    expect(next.auth[1]).not.toBe('busy');
    expect(next.auth[0]).toMatch(/^[0-9a-f]{32}$/);
    // The first (and only) message of the new session is the recovery check: oldMessageSetID, no request.
    expect(quickBooksSaw).toHaveLength(1);
    expect(messageSetIdOf(quickBooksSaw[0]!)).toEqual({ newId: lost.newId, oldId: lost.newId });
    expect(requestsIn(quickBooksSaw[0]!)).toEqual([]);
    expect(next.percents).toEqual([100]);

    const rows = await requestsOf();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
    const sessions = await db().prisma.qbwcSession.findMany({ where: { companyId: setup.company.id }, orderBy: { startedAt: 'asc' } });
    expect(sessions.map((s) => s.state)).toEqual(['expired', 'closed']);
    expect(sessions[0]!.lastError).toMatch(/took over/i);

    // Audited: who took over, which session, which messages were marked lost.
    const audit = await db().prisma.auditEntry.findFirstOrThrow({ where: { companyId: setup.company.id, action: 'qbwc.session_taken_over' } });
    const lostMessage = await db().prisma.qbwcMessage.findFirstOrThrow({ where: { companyId: setup.company.id, sessionId: sessions[0]!.id } });
    expect(audit).toMatchObject({ actor: 'qbwc', subjectType: 'qbwc_session', subjectId: sessions[0]!.id });
    expect(audit.detail).toMatchObject({
      username: setup.username,
      takenOverBy: sessions[1]!.id,
      quietSeconds: 60,
      takeoverAfterSeconds: 45,
      lostMessages: [{ id: lostMessage.id, messageSetId: lost.newId, requestIds: rows.map((r) => r.id) }],
      requeuedMessages: [],
    });
  });

  it("the old ticket's late receiveResponseXML is refused and applies nothing; its other calls are refused too", async () => {
    await enqueueVendors('Ironwood Cabinets');
    const lost = await loseFirstWrite();
    advance(90);
    const auth = await authenticate();
    expect(auth[1]).toBe(BOUND_FILE); // a new session: QBWC is to open the bound company file
    const oldSession = await db().prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id, state: 'expired' } });

    // The old QBWC's answer finally arrives: refused with a valid envelope, nothing applied.
    const late = await callQbwc(server.app, 'receiveResponseXML', { ticket: lost.ticket, response: addedVendors(lost.sent), hresult: '', message: '' });
    expect(late.status).toBe(200);
    expect(late.result).toBeLessThan(0);
    expect((await requestsOf())[0]).toMatchObject({ status: 'sent', attempts: 1, result: null });
    expect(await db().prisma.qbwcMessage.findFirstOrThrow({ where: { companyId: setup.company.id, sessionId: oldSession.id } })).toMatchObject({
      status: 'lost',
    });
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.response_received' } })).toBe(0);
    const lastError = await callQbwc(server.app, 'getLastError', { ticket: lost.ticket });
    expect(lastError.result).toMatch(/took over/i);
    const send = await callQbwc(server.app, 'sendRequestXML', { ticket: lost.ticket, strHCPResponse: '', ...SENDS });
    expect(send.result).toBe('');
    const close = await callQbwc(server.app, 'closeConnection', { ticket: lost.ticket });
    expect(close.status).toBe(200);
    expect(close.result).toMatch(/taken over/i);
    expect(await db().prisma.qbwcSession.findUniqueOrThrow({ where: { id: oldSession.id } })).toMatchObject({ state: 'expired', requestsDone: 0 });

    // Recovery in the new session is the single path by which the answer is applied.
    const ticket = auth[0]!;
    const recoveryXml = String((await callQbwc(server.app, 'sendRequestXML', { ticket, strHCPResponse: hcp(), ...SENDS })).result);
    expect(messageSetIdOf(recoveryXml).oldId).toBe(lost.newId);
    const stored = responseMessage(
      requestsIn(lost.sent).map((r) => rs('VendorAdd', r.requestId, 0, vendorRet(nameOf(r)))),
      ` newMessageSetID="${lost.newId}" messageSetStatusCode="0"`,
    );
    expect((await callQbwc(server.app, 'receiveResponseXML', { ticket, response: stored, hresult: '', message: '' })).result).toBe(100);
    await callQbwc(server.app, 'closeConnection', { ticket });
    expect((await requestsOf())[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.recovery_answered' } })).toBe(1);
    // A replay of the late answer after recovery still changes nothing.
    expect(
      (await callQbwc(server.app, 'receiveResponseXML', { ticket: lost.ticket, response: addedVendors(lost.sent), hresult: '', message: '' })).result,
    ).toBeLessThan(0);
    expect((await requestsOf())[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a session that called seconds ago still gets "busy", postponed until it could be taken over; at 45 s quiet it is taken over', async () => {
    await enqueueVendors('Juniper Glass', 'Keystone Roofing');
    const auth1 = await authenticate();
    const ticket1 = auth1[0]!;
    advance(2);
    const first = String((await callQbwc(server.app, 'sendRequestXML', { ticket: ticket1, strHCPResponse: hcp(), ...SENDS })).result);
    expect(requestsIn(first)).toHaveLength(2);

    advance(10);
    const busy = await authenticate();
    expect(busy[1]).toBe('busy');
    // Postponed only until the session could be taken over (45 s after its last call), not a fixed 60 s.
    expect(busy[2]).toBe('35');

    advance(34); // 44 s after the last call: still live
    expect((await authenticate())[1]).toBe('busy');
    // Session 1 answers: it is alive after all, and its answer counts.
    expect((await callQbwc(server.app, 'receiveResponseXML', { ticket: ticket1, response: addedVendors(first), hresult: '', message: '' })).result).toBe(100);
    advance(44);
    expect((await authenticate())[1]).toBe('busy');
    expect(await db().prisma.qbwcSession.count({ where: { companyId: setup.company.id } })).toBe(1);
    expect((await requestsOf()).map((r) => r.status)).toEqual(['done', 'done']);

    await enqueueVendors('Lakeside Paving');
    advance(1); // 45 s quiet: taken over
    const next = await authenticate();
    expect(next[1]).toBe(BOUND_FILE);
    expect(await db().prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id, startedAt: { lt: new Date(clockMs) } } })).toMatchObject({
      state: 'expired',
    });
  });

  // Two instances on one database: only PostgreSQL (PGlite is one connection, a held lock would block us too).
  it.skipIf(kind !== 'postgres')(
    'a session inside a call right now (its row locked by another instance) is running, however old its last recorded call',
    async () => {
      await enqueueVendors('Meridian HVAC');
      await loseFirstWrite();
      advance(120);
      const other = await server.testDb.openAnother();
      let release = () => {};
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // What lockSession does for the whole of a sendRequestXML / receiveResponseXML on another instance.
      const call = other.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT id FROM qbwc_sessions WHERE company_id = ${setup.company.id}::uuid FOR UPDATE`;
          locked();
          await new Promise<void>((resolve) => (release = resolve));
        },
        { timeout: 60_000 },
      );
      try {
        await isLocked;
        const busy = await authenticate();
        expect(busy[1]).toBe('busy');
        expect(busy[2]).toBe('45');
        expect(await db().prisma.qbwcSession.count({ where: { companyId: setup.company.id, state: 'expired' } })).toBe(0);
      } finally {
        release();
        await call;
        await other.close();
      }
      // The call ended without stamping the session (it was not live after all): the next authenticate takes over.
      expect((await authenticate())[1]).toBe(BOUND_FILE);
    },
  );
});

describe.each(await databaseKinds())('QBWC session takeover, Web Connector client + QuickBooks simulator (%s)', (kind) => {
  let server: TestServer & { url: string };
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let company: CompanyFile;
  let simulator: QuickBooksSimulator;
  let clockMs = Date.parse('2026-11-21T15:00:00Z');
  let n = 0;

  beforeAll(async () => {
    // Default settings (takeover after 45 s) apart from the batch size; time moves only when the test moves it.
    server = await listenTestServer(kind, { QBWC_BATCH_SIZE: '3' }, { qbwcClock: () => new Date(clockMs) });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    n += 1;
    clockMs += 3_600_000;
    setup = await createCompanyWithCredentials(server, `Takeover Ridge ${n}`, String(8200 + n));
    company = createCompanyFile({ companyName: `Takeover Ridge Builders ${n}` });
    simulator = new QuickBooksSimulator({ company });
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
  /** How many vendors of each name the company file holds. */
  const vendorCounts = () => company.vendors.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v.name]: (counts[v.name] ?? 0) + 1 }), {});

  it('a lost write response (no closeConnection): busy for seconds, then the next run a minute later recovers it and syncs the rest, one record per request', async () => {
    const names = [
      'Apex Concrete LLC',
      'Baker Steel & Iron',
      'Cortez Electric',
      'Delta Drywall',
      'Evergreen Landscaping',
      'Foxtrot Framing',
      'Granite Masonry',
    ];
    await queueVendors(...names);
    // Message 1 (3 vendors) is answered; message 2 (3 vendors) is written in QuickBooks but its response is lost.
    const lost = await session({ loseWriteResponse: 2 });
    expect(lost.outcome).toBe('error');
    expect(lost.methods).not.toContain('closeConnection');
    expect(company.vendors).toHaveLength(6);

    clockMs += 5_000;
    expect((await session()).outcome).toBe('busy');

    // QBWC's next scheduled run: at least a minute later (the UI's minimum interval, QBWC guide p.37).
    clockMs += 60_000;
    const next = await session();
    expect(next.errors).toEqual([]);
    expect(next.outcome).toBe('completed');
    expect(vendorCounts()).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
    const rows = await requests();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(names.map(() => ['done', 1]));
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.recovery_answered' } })).toBe(1);
    expect(await db().prisma.auditEntry.count({ where: { companyId: setup.company.id, action: 'qbwc.session_taken_over' } })).toBe(1);
  });

  it('a connection dropped mid-session (no closeConnection): the next run a minute later finishes the rest, no duplicate', async () => {
    const names = ['Ironwood Cabinets', 'Juniper Glass', 'Keystone Roofing', 'Lakeside Paving', 'Meridian HVAC'];
    await queueVendors(...names);
    const dropped = await session({ dropConnectionAfterRounds: 1 });
    expect(dropped.outcome).toBe('dropped');
    expect(company.vendors).toHaveLength(3);
    clockMs += 60_000;
    const next = await session();
    expect(next.outcome).toBe('completed');
    expect(vendorCounts()).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
    expect((await requests()).every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });
});
