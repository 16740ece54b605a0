import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_RECORD_TYPE_KEYS, type ActivityEntryBody, type ActivityExchangeBody, type ActivitySessionRowBody } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest } from '@connector/sync';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, listId, responseMessage, rs, vendorRet, nameOf } from './support/qb-responses.ts';
import { signIn, type AuthHeaders } from './support/sign-in.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Issue 18 item 2: the Web Connector's chatter as one row per session (grouped on the server, paged by rows, filters
// kept), and for any Activity entry what was sent to QuickBooks (the message's qbXML) and what the trail kept of
// what came back (the answer's outcome; the answer's own qbXML when it did not fit). Scoped by company, member-only.
describe.each(await databaseKinds())('Activity: Web Connector sessions grouped, and what was sent and what came back (%s)', (kind) => {
  let server: TestServer;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let other: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let auth: AuthHeaders;
  let otherAuth: AuthHeaders;
  const tickets: string[] = [];

  const entries = async (companyId: string, headers: AuthHeaders) =>
    ((await server.app.inject({ method: 'GET', url: `/api/companies/${companyId}/activity?limit=200`, headers })).json() as { items: ActivityEntryBody[] })
      .items;
  const exchange = (companyId: string, entryId: string, headers: AuthHeaders) =>
    server.app.inject({ method: 'GET', url: `/api/companies/${companyId}/activity/${entryId}/exchange`, headers });

  beforeAll(async () => {
    server = await startTestServer(kind);
    setup = await createCompanyWithCredentials(server);
    other = await createCompanyWithCredentials(server, 'Other Builders', '999001');
    auth = (await signIn(server, { companyId: setup.company.id, roles: ['accountant'] })).headers;
    otherAuth = (await signIn(server, { companyId: other.company.id, roles: ['accountant'], login: 'other@example.com' })).headers;
    const db = server.testDb.database;
    // Session 1: a vendor QuickBooks adds. Session 2: an answer of the wrong type (kept as an excerpt, not applied).
    await enqueueRequest(db, {
      companyId: setup.company.id,
      request: { type: 'VendorAdd', name: 'Acme Concrete' },
      dedupeKey: 'vendor:acme',
      requestedBy: 'test',
    });
    const first = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId }),
      respond: (_xml, requests) => responseMessage(requests.map((r) => rs(r.type, r.requestId, 0, vendorRet(nameOf(r), listId())))),
    });
    tickets.push(first.ticket);
    await enqueueRequest(db, {
      companyId: setup.company.id,
      request: { type: 'VendorAdd', name: 'Bolt Steel' },
      dedupeKey: 'vendor:bolt',
      requestedBy: 'test',
    });
    const second = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId }),
      respond: (_xml, requests) =>
        responseMessage(requests.map((r) => rs('CustomerAdd', r.requestId, 0, '<CustomerRet><Name>Not a vendor</Name></CustomerRet>'))),
    });
    tickets.push(second.ticket);
    await driveSession(server.app, {
      username: other.username,
      password: other.password,
      hcp: hcpResponse({ fileId: other.connection.fileId }),
      companyFile: 'C:\\Company Files\\Other Builders.QBW',
      respond: (_xml, requests) => responseMessage(requests.map((r) => rs(r.type, r.requestId, 0, vendorRet(nameOf(r), listId())))),
    });
  }, 120_000);
  afterAll(async () => server?.close());

  it('opens the qbXML sent and the answer kept, from the message entry and from its request entries', async () => {
    const items = await entries(setup.company.id, auth);
    const sent = items.filter((e) => e.action === 'qbwc.message_sent');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const acme = sent.find((e) => JSON.stringify(e.detail).includes('Acme Concrete'))!;
    const body = (await exchange(setup.company.id, acme.id, auth)).json() as ActivityExchangeBody;
    expect(body.messageId).toBe(acme.subjectId);
    expect(body.requestXml).toContain('<VendorAdd>');
    expect(body.requestXml).toContain('Acme Concrete');
    expect(body.answers.map((a) => a.action)).toEqual(['qbwc.response_received']);
    expect(body.answers[0]!.excerpt).toBeNull();

    // The request's own entry (queued_request) leads to the message that carried it.
    const done = items.find((e) => e.subjectType === 'queued_request' && e.action === 'request.done')!;
    const viaRequest = (await exchange(setup.company.id, done.id, auth)).json() as ActivityExchangeBody;
    expect(viaRequest.requestXml).toContain('Acme Concrete');

    // The answer that did not fit: its qbXML is what the trail kept.
    const mismatch = items.find((e) => e.action === 'qbwc.response_mismatch')!;
    const bad = (await exchange(setup.company.id, mismatch.id, auth)).json() as ActivityExchangeBody;
    expect(bad.requestXml).toContain('Bolt Steel');
    const kept = bad.answers.find((a) => a.action === 'qbwc.response_mismatch')!;
    expect(kept.excerpt).toContain('<CustomerAddRs');
    expect(JSON.stringify(kept.detail)).not.toContain('<CustomerAddRs');

    // Nothing secret: no Web Connector password or ticket in any exchange.
    for (const entry of [acme, done, mismatch]) {
      const text = (await exchange(setup.company.id, entry.id, auth)).body;
      expect(text).not.toContain(setup.password);
      for (const ticket of tickets) expect(text).not.toContain(ticket);
    }
  });

  it('groups the Web Connector chatter per session: one row each, paged by rows, filters kept', async () => {
    type Row = ActivityEntryBody | ActivitySessionRowBody;
    const grouped = async (query: string) =>
      (await server.app.inject({ method: 'GET', url: `/api/companies/${setup.company.id}/activity?group=sessions&${query}`, headers: auth })).json() as {
        total: number;
        items: Row[];
      };
    const isSession = (row: Row): row is ActivitySessionRowBody => 'kind' in row && row.kind === 'session';
    const all = await entries(setup.company.id, auth);
    const chatter = all.filter((e) => e.subjectType === 'qbwc_session' || e.subjectType === 'qbwc_message');
    const db = server.testDb.database;
    const sessions = await db.prisma.qbwcSession.findMany({ where: { companyId: setup.company.id }, include: { messages: true } });
    expect(chatter.length).toBeGreaterThan(sessions.length);

    const page = await grouped('limit=500');
    const rows = page.items.filter(isSession);
    // Every session once, the chatter only inside them, every other entry a row of its own.
    expect(rows.map((r) => r.sessionId).sort()).toEqual(sessions.map((s) => s.id).sort());
    expect(page.items.filter((r) => !isSession(r) && (r.subjectType === 'qbwc_session' || r.subjectType === 'qbwc_message'))).toEqual([]);
    expect(page.total).toBe(all.length - chatter.length + sessions.length);
    expect(page.items).toHaveLength(page.total);
    expect(rows.flatMap((r) => r.entries.map((e) => e.id)).sort()).toEqual(chatter.map((e) => e.id).sort());
    for (const row of rows) {
      const session = sessions.find((s) => s.id === row.sessionId)!;
      expect(row).toMatchObject({
        messages: session.messages.length,
        requestsDone: session.requestsDone,
        requestsFailed: session.requestsFailed,
        state: session.state,
      });
      expect(row.durationSeconds).toBeGreaterThanOrEqual(0);
      expect(row.result).toBe(session.summary ?? session.lastError ?? session.state);
    }
    const failed = rows.find((r) => r.entries.some((e) => e.action === 'qbwc.response_mismatch'))!;
    expect(failed.outcome).toBe('error');

    // Paging counts rows: one row a page walks the same list.
    const keys: string[] = [];
    for (let offset = 0; offset < page.total; offset += 1) {
      const one = await grouped(`limit=1&offset=${offset}`);
      expect(one.total).toBe(page.total);
      keys.push(...one.items.map((r) => (isSession(r) ? r.sessionId : r.id)));
    }
    expect(keys).toEqual(page.items.map((r) => (isSession(r) ? r.sessionId : r.id)));

    // Filters: a session is listed when its entries match, showing those entries only.
    const errors = await grouped('outcome=error&limit=500');
    const errorSessions = errors.items.filter(isSession);
    expect(errorSessions.map((r) => r.sessionId)).toEqual([failed.sessionId]);
    expect(errorSessions[0]!.entries.every((e) => e.outcome === 'error')).toBe(true);
    expect(errors.items.every((r) => r.outcome === 'error')).toBe(true);
    const userId = (await db.prisma.user.findFirstOrThrow({ where: { login: 'tester@example.com' } })).id;
    expect((await grouped(`actor=${userId}&limit=500`)).items.filter(isSession)).toEqual([]);
    expect((await grouped('actor=qbwc&limit=500')).items.filter(isSession)).toHaveLength(sessions.length);
    // Every filter (each record type, direction, outcome, dates) selects the same entries grouped as ungrouped.
    const filters = [
      ...ACTIVITY_RECORD_TYPE_KEYS.map((key) => `recordType=${key}`),
      'direction=to_quickbooks',
      'direction=from_quickbooks',
      'outcome=ok',
      'from=2000-01-01&to=2999-12-31',
      'from=2999-01-01',
    ];
    for (const filter of filters) {
      const plain = (
        (await server.app.inject({ method: 'GET', url: `/api/companies/${setup.company.id}/activity?${filter}&limit=500`, headers: auth })).json() as {
          items: ActivityEntryBody[];
        }
      ).items;
      const folded = (await grouped(`${filter}&limit=500`)).items.flatMap((r) => (isSession(r) ? r.entries : [r]));
      expect(folded.map((e) => e.id).sort(), filter).toEqual(plain.map((e) => e.id).sort());
    }
  });

  it('says when an entry went through no message', async () => {
    const items = await entries(setup.company.id, auth);
    const started = items.find((e) => e.action === 'qbwc.session_started')!;
    const res = await exchange(setup.company.id, started.id, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ entryId: started.id, messageId: null, requestXml: null, answers: [] });
  });

  it("never opens another company's entry, and only for members", async () => {
    const theirs = (await entries(other.company.id, otherAuth)).find((e) => e.action === 'company.created')!;
    const ours = (await entries(setup.company.id, auth)).find((e) => e.action === 'qbwc.message_sent')!;
    // Their entry through our company: not found (every read is scoped by company); through theirs it opens.
    expect((await exchange(setup.company.id, theirs.id, auth)).statusCode).toBe(404);
    expect((await exchange(other.company.id, theirs.id, otherAuth)).statusCode).toBe(200);
    expect((await exchange(other.company.id, ours.id, otherAuth)).statusCode).toBe(404);
    // Our company by someone who is not a member of it: refused as the list is (the company is not theirs to see).
    const listStatus = (await server.app.inject({ method: 'GET', url: `/api/companies/${setup.company.id}/activity`, headers: otherAuth })).statusCode;
    expect(listStatus).toBe(404);
    expect((await exchange(setup.company.id, ours.id, otherAuth)).statusCode).toBe(listStatus);
    expect((await exchange(setup.company.id, ours.id, {} as AuthHeaders)).statusCode).toBe(401);
    expect((await exchange(setup.company.id, 'not-a-uuid', auth)).statusCode).toBe(400);
  });
});
