import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { hcpResponse, requestsIn, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// A legitimate query response of several MB is accepted, parsed off the event loop, and does not
// hold up calls for other companies meanwhile.
describe.each((await databaseKinds()).slice(0, 1))('large QuickBooks responses (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { QBWC_OFF_THREAD_PARSE_BYTES: '65536' });
  });
  afterAll(async () => server?.close());

  it('parses an 8 MB VendorQuery response on the worker while other calls are answered', async () => {
    const setup = await createCompanyWithCredentials(server, 'Bigfile Builders', '777');
    await enqueueRequest(server.testDb.database, { companyId: setup.company.id, request: { type: 'VendorQuery' }, dedupeKey: 'all-vendors', requestedBy: 't' });
    const ticket = ((await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[])[0]!;
    const xml = String(
      (
        await callQbwc(server.app, 'sendRequestXML', {
          ticket,
          strHCPResponse: hcpResponse({ fileId: setup.connection.fileId }),
          strCompanyFileName: 'C:\\Big.QBW',
          qbXMLCountry: 'US',
          qbXMLMajorVers: 13,
          qbXMLMinorVers: 0,
        })
      ).result,
    );
    const [request] = requestsIn(xml);
    const vendors: string[] = [];
    for (let i = 0; i < 32_000; i += 1) vendors.push(vendorRet(`Subcontractor number ${i} & Sons`));
    const response = responseMessage([rs('VendorQuery', request!.requestId, 0, vendors.join(''))]);
    expect(response.length).toBeGreaterThan(8 * 1024 * 1024);

    const order: string[] = [];
    const big = callQbwc(server.app, 'receiveResponseXML', { ticket, response, hresult: '', message: '' }).then((r) => {
      order.push('big');
      return r;
    });
    // Give the big call time to reach the worker, then ask for something small.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const small = await server.app.inject({ method: 'GET', url: '/healthz' });
    order.push('small');
    expect(small.statusCode).toBe(200);
    const percent = (await big).result;
    expect(percent).toBe(100);
    expect(order).toEqual(['small', 'big']);
    const row = await server.testDb.database.prisma.queuedRequest.findFirstOrThrow({ where: { companyId: setup.company.id } });
    expect(row).toMatchObject({ status: 'done', recordsReceived: 32_000 });
  });
});
