import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest, rebindCompanyFile, recordSignInFailure, unlockQbwcSignIn } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, messageSetIdOf, nameOf, requestsIn, responseMessage, rs, vendorRet, listId } from './support/qb-responses.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Full QBWC sessions through the real Fastify server and database, driven by raw SOAP.
describe.each(await databaseKinds())('QBWC sessions (%s)', (kind) => {
  let server: TestServer;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let procoreId = 5000;

  beforeAll(async () => {
    server = await startTestServer(kind, { QBWC_BATCH_SIZE: '2' });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    procoreId += 1;
    setup = await createCompanyWithCredentials(server, `Summit Builders ${procoreId}`, String(procoreId));
  });

  const db = () => server.testDb.database;
  const enqueueVendor = (name: string, key = `vendor:${name}`) =>
    enqueueRequest(db(), { companyId: setup.company.id, request: { type: 'VendorAdd', name }, dedupeKey: key, requestedBy: 'test-user' });
  const hcp = () => hcpResponse({ fileId: setup.connection.fileId });
  const requestsOf = () => db().prisma.queuedRequest.findMany({ where: { companyId: setup.company.id }, orderBy: { createdAt: 'asc' } });
  const okVendors = (_xml: string, requests: ReturnType<typeof requestsIn>) =>
    responseMessage(requests.map((r) => rs(r.type, r.requestId, 0, r.type === 'VendorAdd' ? vendorRet(nameOf(r)) : '')));

  it('answers "none" when the company has nothing queued, and "nvu" for a wrong password', async () => {
    const none = await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password });
    expect(none.result).toHaveLength(2);
    expect((none.result as string[])[1]).toBe('none');
    const bad = await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: 'wrong' });
    expect((bad.result as string[])[1]).toBe('nvu');
    const unknown = await callQbwc(server.app, 'authenticate', { strUserName: 'nobody-here', strPassword: 'x' });
    expect((unknown.result as string[])[1]).toBe('nvu');
  });

  it('runs a full session: several send/receive rounds, progress below 100 until done, a readable summary', async () => {
    for (const name of ['Apex Concrete LLC', 'Baker Steel & Iron', 'Cortez Electric']) await enqueueVendor(name);
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'VendorQuery', maxReturned: 10 },
      dedupeKey: 'read:vendors',
      requestedBy: 'test-user',
    });

    const run = await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors });
    expect(run.auth[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(run.auth[1]).toBe(''); // not bound yet: use the open company file
    expect(run.sent.length).toBe(3); // batch size 2: two adds, one add, then the read
    expect(run.percents.slice(0, -1).every((p) => p > 0 && p < 100)).toBe(true);
    expect(run.percents.at(-1)).toBe(100);
    expect(run.closeText).toBe('3 vendors synced; read 0 vendors');
    // Writes carry a newMessageSetID for error recovery; the read-only message does not.
    expect(messageSetIdOf(run.sent[0]!).newId).toMatch(/^\w{1,23}$/);
    expect(messageSetIdOf(run.sent[2]!).newId).toBeUndefined();
    // Special characters travel escaped exactly once.
    expect(run.sent[0]).toContain('<Name>Baker Steel &amp; Iron</Name>');

    const rows = await requestsOf();
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    expect((rows[0]!.result as { record: { ListID: string } }).record.ListID).toMatch(/-1732190000$/);
    const connection = await db().prisma.qbwcConnection.findUniqueOrThrow({ where: { companyId: setup.company.id } });
    expect(connection.boundFileId).toBe(setup.connection.fileId);
    expect(connection.boundCompanyFile).toBe('C:\\Company Files\\Summit Builders.QBW');
    expect(connection.qbCountry).toBe('US');
    expect(connection.qbxmlVersion).toBe('13.0');
    const session = await db().prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id } });
    expect(session).toMatchObject({ state: 'closed', requestsDone: 4, requestsFailed: 0, roundTrips: 3 });
    const audit = await db().prisma.auditEntry.findMany({ where: { companyId: setup.company.id, action: 'request.done' } });
    expect(audit).toHaveLength(4);

    // The next sign-in returns the remembered company file path and finds nothing to do.
    const again = await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password });
    expect((again.result as string[])[1]).toBe('none');
  });

  it('queues the same work once, however often it is asked for', async () => {
    const first = await enqueueVendor('Delta Drywall', 'vendor:procore:77');
    const second = await enqueueVendor('Delta Drywall', 'vendor:procore:77');
    const [a, b] = await Promise.all([enqueueVendor('Delta Drywall', 'vendor:procore:78'), enqueueVendor('Delta Drywall', 'vendor:procore:78')]);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.request.id).toBe(first.request.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.request.id).toBe(b.request.id);
    expect(await db().prisma.queuedRequest.count({ where: { companyId: setup.company.id } })).toBe(2);
  });

  it('refuses a record QuickBooks would reject before it is queued, naming the limit', async () => {
    await expect(enqueueVendor('A vendor name that is far too long for QuickBooks')).rejects.toMatchObject({
      code: 'QBXML_INVALID',
      message: expect.stringContaining('41'),
    });
  });

  it('matches the existing record on 3100 instead of adding it twice', async () => {
    await enqueueVendor('Evergreen Landscaping');
    const existingId = listId();
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (_xml, requests) =>
        responseMessage(
          requests.map((r) =>
            r.type === 'VendorAdd'
              ? rs(r.type, r.requestId, 3100, '', `The name "${nameOf(r)}" of the list element is already in use.`)
              : rs(r.type, r.requestId, 0, vendorRet(nameOf(r), existingId)),
          ),
        ),
    });
    expect(requestsIn(run.sent[1]!)[0]!.type).toBe('VendorQuery');
    expect(run.sent[1]).toContain('<FullName>Evergreen Landscaping</FullName>');
    const [row] = await requestsOf();
    expect(row!.status).toBe('done');
    expect(row!.result).toMatchObject({ matchedExisting: true, record: { ListID: existingId } });
  });

  it('sends a failed request to the exception queue with our code, the raw code and advice', async () => {
    await enqueueVendor('Foxtrot Framing');
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (_xml, requests) =>
        responseMessage(
          requests.map((r) => rs(r.type, r.requestId, 3140, '', 'There is an invalid reference to QuickBooks Vendor Type "Subs" in the Vendor.')),
        ),
    });
    expect(run.percents).toEqual([100]);
    expect(run.closeText).toBe('Nothing synced; 1 needs attention');
    const [row] = await requestsOf();
    expect(row).toMatchObject({ status: 'failed', errorCode: 'QB_MISSING_REFERENCE', statusCode: 3140, statusSeverity: 'Error' });
    expect(row!.errorMessage).toContain('3140');
    expect(row!.errorMessage).toContain('invalid reference');
  });

  it('defers a locked record to the next session instead of retrying it in a loop', async () => {
    await enqueueVendor('Granite Masonry');
    const locked = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (_xml, requests) =>
        responseMessage(requests.map((r) => rs(r.type, r.requestId, 3175, '', 'There was an error when modifying a Vendor. The record is in use.'))),
    });
    expect(locked.sent).toHaveLength(1);
    expect(locked.percents).toEqual([100]);
    let [row] = await requestsOf();
    expect(row).toMatchObject({ status: 'queued', errorCode: 'QB_RECORD_IN_USE', attempts: 1 });
    const next = await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors });
    expect(next.sent).toHaveLength(1);
    [row] = await requestsOf();
    expect(row).toMatchObject({ status: 'done', attempts: 2, errorCode: null });
  });

  it('continues an iterator within the session and reports progress as records arrive', async () => {
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'VendorQuery', iterator: 'Start', maxReturned: 2 },
      dedupeKey: 'read:vendors:iterator',
      requestedBy: 'test-user',
    });
    const iteratorId = '{8F3B2C1A-0000-4000-8000-000000000001}';
    let page = 0;
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (_xml, requests) => {
        page += 1;
        const remaining = 6 - page * 2;
        const r = requests[0]!;
        return responseMessage([
          rs(
            r.type,
            r.requestId,
            0,
            vendorRet(`V${page}a`) + vendorRet(`V${page}b`),
            undefined,
            ` iteratorRemainingCount="${remaining}" iteratorID="${iteratorId}"`,
          ),
        ]);
      },
    });
    expect(run.sent).toHaveLength(3);
    expect(run.sent[0]).toContain('iterator="Start"');
    expect(run.sent[1]).toContain('iterator="Continue"');
    expect(run.sent[1]).toContain(`iteratorID="${iteratorId}"`);
    expect(run.percents[0]).toBeGreaterThan(0);
    expect(run.percents[0]).toBeLessThan(run.percents[1]!);
    expect(run.percents.at(-1)).toBe(100);
    const [row] = await requestsOf();
    expect(row).toMatchObject({ status: 'done', recordsReceived: 6 });
  });

  it('recovers a lost write response with oldMessageSetID and never sends the Add again', async () => {
    await enqueueVendor('Harbor Plumbing');
    const lost = await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors, loseResponseOfRound: 1 });
    const { newId } = messageSetIdOf(lost.sent[0]!);
    // QBWC gave up on the session without closeConnection; it times out later. Close it as QBWC would after an error.
    await callQbwc(server.app, 'closeConnection', { ticket: lost.ticket });
    expect((await requestsOf())[0]!.status).toBe('sent');

    const appliedId = listId();
    const recovered = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (xml) => {
        // QuickBooks kept the message set's response: it returns it for the status check.
        expect(messageSetIdOf(xml)).toEqual({ newId, oldId: newId });
        expect(requestsIn(xml)).toEqual([]);
        const original = requestsIn(lost.sent[0]!)[0]!;
        return responseMessage(
          [rs('VendorAdd', original.requestId, 0, vendorRet('Harbor Plumbing', appliedId))],
          ` newMessageSetID="${newId}" messageSetStatusCode="0"`,
        );
      },
    });
    expect(recovered.sent).toHaveLength(1);
    expect(recovered.percents).toEqual([100]);
    const rows = await requestsOf();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect((rows[0]!.result as { record: { ListID: string } }).record.ListID).toBe(appliedId);
  });

  it('re-sends a lost write only when QuickBooks has no record of running it', async () => {
    await enqueueVendor('Ironwood Cabinets');
    const lost = await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors, loseResponseOfRound: 1 });
    await callQbwc(server.app, 'closeConnection', { ticket: lost.ticket });
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: (xml, requests) =>
        messageSetIdOf(xml).oldId
          ? responseMessage([], ` newMessageSetID="${messageSetIdOf(xml).oldId}" messageSetStatusCode="9001"`)
          : okVendors(xml, requests),
    });
    expect(run.sent).toHaveLength(2);
    expect(requestsIn(run.sent[1]!)[0]!.type).toBe('VendorAdd');
    expect((await requestsOf())[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps an unreadable response open for recovery instead of guessing', async () => {
    await enqueueVendor('Juniper Glass');
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcp(),
      respond: () => '<QBXML><QBXMLMsgsRs><VendorAddRs',
    });
    expect(run.percents).toEqual([-1]);
    expect(run.lastErrors[0]).toContain('could not be read');
    expect(run.closeText).toContain('Stopped');
    const message = await db().prisma.qbwcMessage.findFirstOrThrow({ where: { companyId: setup.company.id } });
    expect(message.status).toBe('lost');
    expect((await requestsOf())[0]!.status).toBe('sent');
  });

  it('marks requests failed with the HRESULT when QuickBooks rejects the whole message', async () => {
    await enqueueVendor('Keystone Roofing');
    const auth = (await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[];
    const ticket = auth[0]!;
    await callQbwc(server.app, 'sendRequestXML', {
      ticket,
      strHCPResponse: hcp(),
      strCompanyFileName: 'C:\\Company Files\\Summit Builders.QBW',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    const percent = await callQbwc(server.app, 'receiveResponseXML', {
      ticket,
      response: '',
      hresult: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    });
    expect(percent.result).toBe(100);
    const [row] = await requestsOf();
    expect(row).toMatchObject({ status: 'failed', errorCode: 'QB_REQUEST_REJECTED' });
    expect(row!.errorMessage).toContain('0x80040400');
  });

  it('refuses to write to a different company file and names both; an admin can re-bind', async () => {
    await enqueueVendor('Lakeside Paving');
    await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors });
    await enqueueVendor('Meridian HVAC');
    const wrongFile = 'C:\\Company Files\\Other Company.QBW';
    const refused = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: null, companyName: 'Other Company Inc' }),
      companyFile: wrongFile,
      respond: okVendors,
    });
    expect(refused.auth[1]).toBe('C:\\Company Files\\Summit Builders.QBW');
    expect(refused.sent).toHaveLength(0);
    expect(refused.lastErrors[0]).toContain('Other Company.QBW');
    expect(refused.lastErrors[0]).toContain('Summit Builders.QBW');
    expect(refused.closeText).toContain('Stopped');
    expect((await requestsOf()).at(-1)!.status).toBe('queued');

    await rebindCompanyFile(db(), setup.company.id, 'test-admin');
    const rebound = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: null, companyName: 'Other Company Inc' }),
      companyFile: wrongFile,
      respond: okVendors,
    });
    expect(rebound.sent).toHaveLength(1);
    expect((await requestsOf()).at(-1)!.status).toBe('done');
  });

  it('refuses a file that carries another company FileID even before binding', async () => {
    await enqueueVendor('Northstar Insulation');
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: '{00000000-0000-0000-0000-000000000042}' }),
      respond: okVendors,
    });
    expect(run.sent).toHaveLength(0);
    expect(run.lastErrors[0]).toContain('{00000000-0000-0000-0000-000000000042}');
  });

  it('stops with a clear message when QuickBooks is too old for qbXML 13.0', async () => {
    await enqueueVendor('Oakridge Tile');
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId, versions: ['1.0', '2.0', '7.0', '8.0'] }),
      respond: okVendors,
    });
    expect(run.sent).toHaveLength(0);
    expect(run.lastErrors[0]).toContain('qbXML 13.0');
  });

  it('answers "busy" with a postpone value while another session of the company is live', async () => {
    await enqueueVendor('Pinecrest Doors');
    const [a, b] = await Promise.all([
      callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password }),
      callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password }),
    ]);
    const outcomes = [(a.result as string[])[1], (b.result as string[])[1]].sort();
    expect(outcomes).toEqual(['', 'busy']);
    const busy = [a, b].find((r) => (r.result as string[])[1] === 'busy')!.result as string[];
    // Postponed until the live session could be taken over (45 s without a call), below the 60 s maximum.
    expect(busy[2]).toBe('45');
    expect(await db().prisma.qbwcSession.count({ where: { companyId: setup.company.id } })).toBe(1);
  });

  it('handles connectionError: retries the bound file at most twice, then done', async () => {
    await enqueueVendor('Quarry Stone');
    await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors });
    await enqueueVendor('Redwood Decks');
    const auth = (await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[];
    const err = { ticket: auth[0]!, hresult: '0x80040408', message: 'Could not start QuickBooks.' };
    expect((await callQbwc(server.app, 'connectionError', err)).result).toBe('C:\\Company Files\\Summit Builders.QBW');
    expect((await callQbwc(server.app, 'connectionError', err)).result).toBe('C:\\Company Files\\Summit Builders.QBW');
    expect((await callQbwc(server.app, 'connectionError', err)).result).toBe('done');
    expect((await callQbwc(server.app, 'getLastError', { ticket: auth[0]! })).result).toContain('QuickBooks is not running');
    const session = await db().prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id, connectionErrors: { gt: 0 } } });
    expect(session.state).toBe('failed');
    // The failed session is not live: the next run may start at once.
    const next = (await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[];
    expect(next[1]).not.toBe('busy');
  });

  it('answers a wrong or missing ticket with an empty request and an explanation, never a crash', async () => {
    const send = await callQbwc(server.app, 'sendRequestXML', {
      ticket: 'not-a-ticket',
      strHCPResponse: '',
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(send.status).toBe(200);
    expect(send.result).toBe('');
    const receive = await callQbwc(server.app, 'receiveResponseXML', {
      ticket: '0123456789abcdef0123456789abcdef',
      response: '<QBXML/>',
      hresult: '',
      message: '',
    });
    expect(receive.result).toBe(-1);
    expect((await callQbwc(server.app, 'getLastError', { ticket: 'nope' })).result).toContain('not known');
    expect((await callQbwc(server.app, 'closeConnection', { ticket: '' })).result).toContain('not known');
    expect((await callQbwc(server.app, 'connectionError', { ticket: 'x', hresult: '0x80040408', message: 'm' })).result).toBe('done');
  });

  it('pauses an address after repeated failed sign-ins (even the right password, from that address) until an admin unlocks it', async () => {
    await enqueueVendor('Sierra Windows');
    // Failures as authenticate records them for inject()'s address, paused a week so no clock matters here
    // (the delays themselves, on a moved clock: qbwc-sign-in-throttle.test.ts).
    const weekLong = { ...server.config.qbwc.throttle, baseDelayMs: 7 * 24 * 3600_000, maxDelayMs: 7 * 24 * 3600_000 };
    for (let i = 0; i < 5; i += 1) await recordSignInFailure(db(), weekLong, setup.username, '127.0.0.1', new Date());
    const paused = await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password });
    expect((paused.result as string[])[1]).toBe('nvu');
    const { blocked } = await unlockQbwcSignIn(db(), { companyId: setup.company.id, actor: 'test-admin', now: new Date() });
    expect(blocked).toBe(1);
    const unlocked = await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password });
    expect((unlocked.result as string[])[1]).toBe('');
  });

  it('never writes the password or the ticket to the log', async () => {
    await enqueueVendor('Timberline Trusses');
    const run = await driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcp(), respond: okVendors });
    const all = server.rawLogs.join('\n');
    expect(all).not.toContain(setup.password);
    expect(all).not.toContain(run.ticket);
    expect(all).toContain(setup.username);
  });
});
