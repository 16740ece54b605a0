import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest } from '@connector/sync';
import { buildApp } from '../src/app.ts';
import { callQbwc } from './support/raw-soap.ts';
import { hcpResponse, nameOf, requestsIn, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Sessions live in the database: a session started on one server instance continues on another,
// and two instances cannot both open a session for one company.
const kinds = (await databaseKinds()).filter((k) => k === 'postgres');

describe.skipIf(kinds.length === 0).each(kinds)('two server instances on one database (%s)', (kind) => {
  let first: TestServer;
  let second: FastifyInstance;
  beforeAll(async () => {
    first = await startTestServer(kind);
    const otherDb = await first.testDb.openAnother();
    second = await buildApp({ config: first.config, db: otherDb, logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('continues a session across instances and refuses a second concurrent session', async () => {
    const setup = await createCompanyWithCredentials(first, 'Twin Peaks Construction', '9001');
    for (const name of ['Alpha Rebar', 'Beta Formwork', 'Gamma Crane Rental']) {
      await enqueueRequest(first.testDb.database, { companyId: setup.company.id, request: { type: 'VendorAdd', name }, dedupeKey: name, requestedBy: 't' });
    }
    const creds = { strUserName: setup.username, strPassword: setup.password };
    const [a, b] = await Promise.all([callQbwc(first.app, 'authenticate', creds), callQbwc(second, 'authenticate', creds)]);
    const results = [a.result as string[], b.result as string[]];
    expect(results.map((r) => r[1]).sort()).toEqual(['', 'busy']);
    const ticket = results.find((r) => r[1] === '')![0]!;

    const apps = [first.app, second];
    let round = 0;
    for (;;) {
      const app = apps[round % 2]!;
      const send = await callQbwc(app, 'sendRequestXML', {
        ticket,
        strHCPResponse: round === 0 ? hcpResponse({ fileId: setup.connection.fileId }) : '',
        strCompanyFileName: 'C:\\Twin Peaks.QBW',
        qbXMLCountry: 'US',
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      });
      const xml = String(send.result);
      expect(xml).toContain('<QBXML>');
      const response = responseMessage(requestsIn(xml).map((r) => rs(r.type, r.requestId, 0, vendorRet(nameOf(r)))));
      const percent = (await callQbwc(apps[(round + 1) % 2]!, 'receiveResponseXML', { ticket, response, hresult: '', message: '' })).result as number;
      round += 1;
      if (percent === 100) break;
      expect(round).toBeLessThan(10);
    }
    const summary = (await callQbwc(second, 'closeConnection', { ticket })).result;
    expect(summary).toBe('3 vendors synced');
    const rows = await first.testDb.database.prisma.queuedRequest.findMany({ where: { companyId: setup.company.id } });
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });
});
