import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { authenticateWebConnector, enqueueRequest } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { signInAs } from './support/sign-in.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Hostile input, item 4: values from the other side that used to end in a Server fault or a 500 are refused at the
// edge — a qbXML answer that cannot be true is treated as garbled (the session stops, its write is recovered
// next time), a 1 MB username is an invalid user, a NUL in a filter is a 400 — each with a log line, never a 5xx.
describe.each(await databaseKinds())('hostile values (%s)', (kind) => {
  let server: TestServer;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let procoreId = 9100;
  const db = () => server.testDb.database;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    procoreId += 1;
    setup = await createCompanyWithCredentials(server, `Hostile GC ${procoreId}`, String(procoreId));
  });

  // A Server fault or a 500 is logged at error level (qbwc-routes, error-handler); a SOAP 1.1 Client fault is also HTTP 500, by the spec, so the status alone says nothing.
  const serverFaults = () => server.logs.filter((line) => Number(line.level) >= 50);

  /** A session whose one answer is `answer(requestID)`; what QBWC would see. */
  async function sessionAnswering(answer: (requestId: string) => string) {
    await enqueueRequest(db(), {
      companyId: setup.company.id,
      request: { type: 'VendorQuery', maxReturned: 10 },
      dedupeKey: `read:${procoreId}`,
      requestedBy: 'test',
    });
    return driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId }),
      respond: (_xml, requests) => answer(requests[0]!.requestId),
    });
  }
  async function expectTreatedAsGarbled(run: Awaited<ReturnType<typeof sessionAnswering>>, reason: RegExp) {
    expect(run.percents).toEqual([-1]);
    expect(run.lastErrors[0]).toContain('could not be read');
    const audit = await db().prisma.auditEntry.findFirst({ where: { companyId: setup.company.id, action: 'qbwc.response_unreadable' } });
    expect((audit!.detail as { reason: string }).reason).toMatch(reason);
    // The read is simply asked again next time.
    expect((await db().prisma.queuedRequest.findFirst({ where: { companyId: setup.company.id } }))!.status).toBe('queued');
    expect(serverFaults()).toEqual([]);
  }

  it('statusCode 99999999999999999999999: garbled, not "Unable to fit value"', async () => {
    const run = await sessionAnswering((id) =>
      responseMessage([rs('VendorQuery', id, 0, vendorRet('Apex')).replace('statusCode="0"', 'statusCode="99999999999999999999999"')]),
    );
    await expectTreatedAsGarbled(run, /statusCode="99999999999999999999999", outside the 32-bit range/);
  });

  it('iteratorRemainingCount 99999999999999: garbled, not "integer out of range"', async () => {
    const run = await sessionAnswering((id) =>
      responseMessage([
        rs('VendorQuery', id, 0, vendorRet('Apex'), undefined, ' iteratorRemainingCount="99999999999999" iteratorID="{A1B2C3D4-0000-0000-0000-000000000000}"'),
      ]),
    );
    await expectTreatedAsGarbled(run, /iteratorRemainingCount/);
  });

  it('a record with 10,000 nested elements: garbled, not a stack overflow', async () => {
    const deep = `<VendorRet><ListID>80000001-1</ListID>${'<Name>'.repeat(10_000)}x${'</Name>'.repeat(10_000)}</VendorRet>`;
    const run = await sessionAnswering((id) => responseMessage([rs('VendorQuery', id, 0, deep)]));
    await expectTreatedAsGarbled(run, /nested more than/);
  });

  it('a 1 MB username: refused as a Client fault or "nvu", with a short log line, not "index row too large"', async () => {
    // Over the SOAP layer's 64 KB limit for authenticate: a Client fault before anything is parsed.
    const huge = await callQbwc(server.app, 'authenticate', { strUserName: 'u'.repeat(1024 * 1024), strPassword: 'x' });
    expect(huge.fault?.code).toMatch(/Client/);
    // Under it but past any username we hand out: "nvu" without a database write, the log keeps 80 characters.
    const long = await callQbwc(server.app, 'authenticate', { strUserName: 'u'.repeat(60_000), strPassword: 'x' });
    expect(long.fault).toBeUndefined();
    expect((long.result as string[])[1]).toBe('nvu');
    expect(server.logs.filter((l) => l.msg === 'QBWC authenticate refused').at(-1)).toMatchObject({ reason: 'too_long', username: 'u'.repeat(80) });
    // The service itself, whatever reaches it.
    const direct = await authenticateWebConnector(db(), server.config.qbwc, { username: 'u'.repeat(1024 * 1024), password: 'x', source: '203.0.113.1' });
    expect(direct).toMatchObject({ outcome: 'nvu', reason: 'too_long' });
    expect(await db().prisma.qbwcSignInThrottle.count({ where: { username: { startsWith: 'uuuu' } } })).toBe(0);
    // The right username still signs in.
    expect((await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result).toEqual([
      expect.any(String),
      'none',
    ]);
    expect(serverFaults()).toEqual([]);
  });

  it("a NUL byte in Activity's subjectType / actor / subjectId filters: 400 TEXT_HAS_NUL with a log line", async () => {
    const headers = await signInAs(server, { companyId: setup.company.id, roles: [], login: `reader-${procoreId}@example.com` });
    for (const filter of ['subjectType', 'actor', 'subjectId']) {
      for (const route of ['activity', 'activity.csv']) {
        const response = await server.app.inject({ method: 'GET', url: `/api/companies/${setup.company.id}/${route}?${filter}=a%00b`, headers });
        expect(response.statusCode, `${route} ${filter}`).toBe(400);
        expect(response.json()).toMatchObject({
          code: 'TEXT_HAS_NUL',
          message: expect.stringContaining('NUL character'),
          error: { details: { field: `query.${filter}` } },
        });
      }
    }
    expect(server.logs.filter((l) => l.msg === 'request refused: NUL character in text' && l.field === 'subjectId')).toHaveLength(2);
    // And in a JSON body, anywhere in it.
    const admin = await signInAs(server, { companyId: setup.company.id, roles: ['admin'], login: `admin-${procoreId}@example.com` });
    const settings = await server.app.inject({
      method: 'PATCH',
      url: `/api/companies/${setup.company.id}/settings`,
      headers: admin,
      payload: { defaultCustomerName: 'x\u0000y' },
    });
    expect(settings.statusCode).toBe(400);
    expect(settings.json()).toMatchObject({ code: 'TEXT_HAS_NUL', error: { details: { field: 'body.defaultCustomerName' } } });
    // Without the NUL the same filters work.
    expect(
      (await server.app.inject({ method: 'GET', url: `/api/companies/${setup.company.id}/activity?subjectType=ab&actor=ab&subjectId=ab`, headers })).statusCode,
    ).toBe(200);
    expect(serverFaults()).toEqual([]);
  });
});
