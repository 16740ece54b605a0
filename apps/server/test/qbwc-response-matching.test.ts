import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { driveSession, type DriveResult } from './support/drive-session.ts';
import { hcpResponse, listId, messageSetIdOf, nameOf, requestsIn, responseMessage, rs, vendorRet, type SentRequest } from './support/qb-responses.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Data safety, defect 3: QuickBooks' answers are checked against what was sent — by requestID AND by
// response type. An answer that does not fit makes the whole message's outcome unknown: the write is
// not re-sent under a new newMessageSetID; the session stops, and the next one asks QuickBooks first
// (oldMessageSetID, Intuit SDK "Error recovery").

/**
 * Plays QuickBooks with a company file: every Add it runs becomes a record (a duplicate Add is a
 * duplicate record, as for a bill), a message with newMessageSetID keeps its answers for the
 * oldMessageSetID status check (only the last one, like QuickBooks), and `corrupt` rewrites the
 * answer of a work message AFTER it was applied (what a broken answer looks like on the wire).
 */
function fakeQuickBooks() {
  const applied: Array<{ type: string; name: string; id: string; requestId: string }> = [];
  let stored: { id: string; parts: string[] } | undefined;
  let corrupt: ((parts: string[], requests: SentRequest[]) => string[]) | undefined;
  let corruptRecovery: ((parts: string[]) => string[]) | undefined;
  const all: string[] = [];

  const retFor = (r: SentRequest, id: string) =>
    r.type === 'VendorAdd'
      ? vendorRet(nameOf(r), id)
      : `<CustomerRet><ListID>${id}</ListID><TimeCreated>2026-11-20T09:00:00-05:00</TimeCreated><TimeModified>2026-11-20T09:00:00-05:00</TimeModified><EditSequence>1732190000</EditSequence><Name>${nameOf(r)}</Name><FullName>${nameOf(r)}</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel></CustomerRet>`;

  function respond(xml: string, requests: SentRequest[]): string {
    all.push(xml);
    const { newId, oldId } = messageSetIdOf(xml);
    if (oldId && requests.length === 0) {
      if (stored?.id !== oldId) return responseMessage([], ` newMessageSetID="${oldId}" messageSetStatusCode="600"`);
      const parts = corruptRecovery ? corruptRecovery(stored.parts) : stored.parts;
      return responseMessage(parts, ` newMessageSetID="${oldId}" messageSetStatusCode="0"`);
    }
    const parts = requests.map((r) => {
      if (r.type.endsWith('Add')) {
        const id = listId();
        applied.push({ type: r.type, name: nameOf(r), id, requestId: r.requestId });
        return rs(r.type, r.requestId, 0, retFor(r, id));
      }
      return rs(
        r.type,
        r.requestId,
        0,
        applied
          .filter((a) => a.type === 'VendorAdd')
          .map((a) => vendorRet(a.name, a.id))
          .join(''),
      );
    });
    if (newId) stored = { id: newId, parts };
    const answer = corrupt ? corrupt(parts, requests) : parts;
    corrupt = undefined;
    return responseMessage(answer, newId ? ` newMessageSetID="${newId}" messageSetStatusCode="0"` : '');
  }

  return {
    respond,
    applied,
    /** Every message QuickBooks was handed, in order, across sessions. */
    all,
    /** Corrupt the answer to the next work message only. */
    corruptNext(fn: (parts: string[], requests: SentRequest[]) => string[]) {
      corrupt = fn;
    },
    corruptRecoveries(fn: ((parts: string[]) => string[]) | undefined) {
      corruptRecovery = fn;
    },
  };
}

/** receive-response-xml.ts MISMATCH_EXCERPT_CHARS: how much of a mismatching answer the audit entry keeps. */
const MISMATCH_EXCERPT_CHARS = 16_000;

const renameResponse = (part: string, from: string, to: string) => part.replace(`<${from}Rs `, `<${to}Rs `).replace(`</${from}Rs>`, `</${to}Rs>`);

describe.each(await databaseKinds())('QuickBooks answers checked against what was sent (%s)', (kind) => {
  let server: TestServer;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let procoreId = 9400;

  beforeAll(async () => {
    server = await startTestServer(kind, { QBWC_BATCH_SIZE: '2' });
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    procoreId += 1;
    setup = await createCompanyWithCredentials(server, `Mismatch Builders ${procoreId}`, String(procoreId));
  });

  const db = () => server.testDb.database;
  const enqueue = (request: Parameters<typeof enqueueRequest>[1]['request'], key: string) =>
    enqueueRequest(db(), { companyId: setup.company.id, request, dedupeKey: key, requestedBy: 'test-user' });
  const enqueueVendor = (name: string) => enqueue({ type: 'VendorAdd', name }, `vendor:${name}`);
  const requestsOf = () => db().prisma.queuedRequest.findMany({ where: { companyId: setup.company.id }, orderBy: { createdAt: 'asc' } });
  const messagesOf = () => db().prisma.qbwcMessage.findMany({ where: { companyId: setup.company.id }, orderBy: { sentAt: 'asc' } });
  const run = (qb: ReturnType<typeof fakeQuickBooks>) =>
    driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId }),
      respond: qb.respond,
    });

  /** The checks every mismatch must pass: stop at once, no re-send, recovery first next time, one record per request. */
  async function expectRecoveredWithoutDuplicates(qb: ReturnType<typeof fakeQuickBooks>, first: DriveResult, lastError: RegExp) {
    // The session stops at the mismatching answer: nothing else was sent, above all not the write again.
    expect(first.sent).toHaveLength(1);
    expect(first.percents).toEqual([-1]);
    expect(first.lastErrors[0]).toMatch(/does not match what was sent/);
    expect(first.lastErrors[0]).toMatch(lastError);
    expect(first.lastErrors[0]).toMatch(/checked with QuickBooks .* before anything is re-sent/);
    expect(first.closeText).toMatch(/^Stopped: /);
    const { newId } = messageSetIdOf(first.sent[0]!);
    expect(newId).toBeTruthy();
    const [lost] = await messagesOf();
    expect(lost).toMatchObject({ status: 'lost', messageSetId: newId });
    expect((await requestsOf()).every((r) => r.status === 'sent')).toBe(true);

    // Audited with the raw answer, and logged.
    const audit = await db().prisma.auditEntry.findFirstOrThrow({ where: { companyId: setup.company.id, action: 'qbwc.response_mismatch' } });
    expect(audit.outcome).toBe('error');
    const detail = audit.detail as { response: string; bytes: number; mismatches: unknown[]; recovery: boolean };
    expect(detail.mismatches.length).toBeGreaterThan(0);
    expect(detail.response).toContain('<QBXMLMsgsRs');
    expect(detail.recovery).toBe(false);
    expect(server.logs.some((l) => l.msg === 'QuickBooks answer does not match what was sent' && l.messageId === lost!.id)).toBe(true);

    // The next session asks QuickBooks for the message's outcome before sending anything.
    const next = await run(qb);
    expect(messageSetIdOf(next.sent[0]!)).toEqual({ newId, oldId: newId });
    expect(requestsIn(next.sent[0]!)).toEqual([]);
    expect(next.percents.at(-1)).toBe(100);
    expect((await messagesOf())[0]!.status).toBe('recovered');

    // Exactly one record per request in QuickBooks; each request sent once, done with the record QuickBooks made.
    const rows = await requestsOf();
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'done'));
    expect(rows.map((r) => r.attempts)).toEqual(rows.map(() => 1));
    for (const row of rows) {
      const made = qb.applied.filter((a) => a.requestId === row.id);
      expect(made).toHaveLength(1);
      expect((row.result as { record: { ListID: string } }).record.ListID).toBe(made[0]!.id);
      expect(qb.all.filter((xml) => xml.includes(`requestID="${row.id}"`))).toHaveLength(1);
    }
    expect(qb.applied).toHaveLength(rows.length);
  }

  it('an answer to a requestID that was not sent', async () => {
    await enqueueVendor('Apex Concrete LLC');
    await enqueueVendor('Baker Steel');
    const qb = fakeQuickBooks();
    qb.corruptNext((parts) => [parts[0]!, parts[1]!.replace(/requestID="[^"]+"/, 'requestID="not-a-request-we-sent"')]);
    const first = await run(qb);
    await expectRecoveredWithoutDuplicates(qb, first, /requestID "not-a-request-we-sent", which was not sent/);
  });

  it('an answer without a requestID', async () => {
    await enqueueVendor('Cortez Electric');
    const qb = fakeQuickBooks();
    qb.corruptNext((parts) => parts.map((p) => p.replace(/ requestID="[^"]+"/, '')));
    const first = await run(qb);
    await expectRecoveredWithoutDuplicates(qb, first, /has no requestID/);
  });

  it('an answer of the wrong type: a CustomerAdd answered by an InvoiceAddRs is not stored as the customer', async () => {
    await enqueue({ type: 'CustomerAdd', name: 'Riverside Health' }, 'customer:1');
    const qb = fakeQuickBooks();
    qb.corruptNext((_parts, requests) => [
      rs(
        'InvoiceAdd',
        requests[0]!.requestId,
        0,
        '<InvoiceRet><TxnID>9F-1732190000</TxnID><EditSequence>1732190000</EditSequence><RefNumber>1042</RefNumber></InvoiceRet>',
      ),
    ]);
    const first = await run(qb);
    // Nothing of the foreign answer was stored.
    expect(JSON.stringify((await requestsOf())[0]!.result ?? null)).not.toContain('9F-1732190000');
    await expectRecoveredWithoutDuplicates(qb, first, /CustomerAddRq .* answered by a InvoiceAddRs instead of a CustomerAddRs/);
  });

  it('a missing answer under continueOnError is a protocol error, not "not run"', async () => {
    await enqueueVendor('Delta Drywall');
    await enqueueVendor('Evergreen Landscaping');
    const qb = fakeQuickBooks();
    qb.corruptNext((parts) => [parts[0]!]);
    const first = await run(qb);
    expect(first.sent[0]).toContain('onError="continueOnError"');
    await expectRecoveredWithoutDuplicates(qb, first, /has no answer \(under continueOnError QuickBooks answers every request\)/);
  });

  it('a requestID answered twice', async () => {
    await enqueueVendor('Foxtrot Framing');
    await enqueueVendor('Granite Masonry');
    const qb = fakeQuickBooks();
    qb.corruptNext((parts) => [parts[0]!, parts[0]!, parts[1]!]);
    const first = await run(qb);
    await expectRecoveredWithoutDuplicates(qb, first, /is answered more than once/);
  });

  it('a read-only message with a mismatching answer is simply re-queued and read again', async () => {
    await enqueue({ type: 'VendorQuery', maxReturned: 10 }, 'read:vendors');
    const qb = fakeQuickBooks();
    // A large answer: the audit entry keeps a bounded excerpt of it.
    const bulk = Array.from({ length: 200 }, (_, i) => vendorRet(`Bulk Vendor ${i}`)).join('');
    qb.corruptNext((parts) => parts.map((p) => renameResponse(p, 'VendorQuery', 'CustomerQuery').replace('</CustomerQueryRs>', `${bulk}</CustomerQueryRs>`)));
    const first = await run(qb);
    expect(first.percents).toEqual([-1]);
    expect(first.lastErrors[0]).toMatch(/VendorQueryRq .* answered by a CustomerQueryRs/);
    expect(first.lastErrors[0]).toMatch(/read again/);
    const audit = await db().prisma.auditEntry.findFirstOrThrow({ where: { companyId: setup.company.id, action: 'qbwc.response_mismatch' } });
    const detail = audit.detail as { response: string; bytes: number; truncated: boolean; messageSetId: string | null };
    expect(detail.bytes).toBeGreaterThan(MISMATCH_EXCERPT_CHARS);
    expect(detail).toMatchObject({ truncated: true, messageSetId: null });
    expect(detail.response).toHaveLength(MISMATCH_EXCERPT_CHARS);
    expect((await messagesOf())[0]!.status).toBe('abandoned');
    expect((await requestsOf())[0]!.status).toBe('queued');
    const next = await run(qb);
    expect(messageSetIdOf(next.sent[0]!)).toEqual({ newId: undefined, oldId: undefined });
    expect(requestsIn(next.sent[0]!)[0]!.type).toBe('VendorQuery');
    expect((await requestsOf())[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a mismatching answer to the recovery check requeues nothing: the message stays lost and the session fails', async () => {
    await enqueueVendor('Harbor Plumbing');
    await enqueueVendor('Ironwood Cabinets');
    const qb = fakeQuickBooks();
    // The first answer is lost on the way (QBWC gave up): QuickBooks applied both Adds.
    const lostRun = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId }),
      respond: qb.respond,
      loseResponseOfRound: 1,
    });
    qb.respond(lostRun.sent[0]!, requestsIn(lostRun.sent[0]!));
    // QBWC ends the session after the lost answer, as after any error.
    await callQbwc(server.app, 'closeConnection', { ticket: lostRun.ticket });
    expect((await messagesOf())[0]!.status).toBe('lost');
    const { newId } = messageSetIdOf(lostRun.sent[0]!);

    const cases: Array<[string, (parts: string[]) => string[], RegExp]> = [
      ['wrong type', (parts) => [renameResponse(parts[0]!, 'VendorAdd', 'BillAdd'), parts[1]!], /VendorAddRq .* answered by a BillAddRs/],
      ['unknown requestID', (parts) => [parts[0]!, parts[1]!.replace(/requestID="[^"]+"/, 'requestID="someone-else"')], /"someone-else", which was not sent/],
      ['missing requestID', (parts) => [parts[0]!.replace(/ requestID="[^"]+"/, ''), parts[1]!], /has no requestID/],
      ['a missing answer', (parts) => [parts[0]!], /has no answer/],
      ['no answers at all with messageSetStatusCode 0', () => [], /has no answer/],
      ['a duplicate requestID', (parts) => [parts[0]!, parts[1]!, parts[1]!], /answered more than once/],
    ];
    for (const [name, corruption, why] of cases) {
      qb.corruptRecoveries(corruption);
      const failed = await run(qb);
      expect(failed.sent, name).toHaveLength(1);
      expect(messageSetIdOf(failed.sent[0]!), name).toEqual({ newId, oldId: newId });
      expect(failed.percents, name).toEqual([-1]);
      expect(failed.lastErrors[0], name).toMatch(why);
      const target = (await messagesOf())[0]!;
      expect(target.status, name).toBe('lost');
      expect(
        (await requestsOf()).map((r) => r.status),
        name,
      ).toEqual(['sent', 'sent']);
    }
    const audits = await db().prisma.auditEntry.findMany({ where: { companyId: setup.company.id, action: 'qbwc.response_mismatch' } });
    expect(audits).toHaveLength(cases.length);
    expect(audits.every((a) => (a.detail as { recovery: boolean }).recovery)).toBe(true);

    // Once QuickBooks answers the status check properly, the stored outcome is applied: nothing re-sent.
    qb.corruptRecoveries(undefined);
    const recovered = await run(qb);
    expect(recovered.sent).toHaveLength(1);
    expect(recovered.percents).toEqual([100]);
    const rows = await requestsOf();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
    expect(qb.applied).toHaveLength(2);
  });
});
