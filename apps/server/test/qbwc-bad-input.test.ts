import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { callQbwc, envelope, postSoap } from './support/raw-soap.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Whatever arrives at /qbwc gets a valid SOAP envelope back and a log line (docs/web-connector-protocol.md#every-call-gets-an-envelope).
describe.each(await databaseKinds())('QBWC endpoint under bad input (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { QBWC_BODY_LIMIT_MB: '1' });
  });
  afterAll(async () => server?.close());

  const expectFault = (reply: Awaited<ReturnType<typeof postSoap>>, reasonPart: RegExp) => {
    expect(reply.status).toBe(500);
    expect(reply.contentType).toMatch(/^text\/xml/);
    expect(reply.fault?.code).toMatch(/Client/);
    expect(reply.fault?.reason).toMatch(reasonPart);
  };

  it('serves the WSDL at GET /qbwc?wsdl with the service address', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/qbwc?wsdl' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/xml/);
    for (const op of [
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'connectionError',
      'getLastError',
      'closeConnection',
    ]) {
      expect(response.body).toContain(`soapAction="http://developer.intuit.com/${op}"`);
    }
    expect(response.body).toContain('location="http://localhost:3000/qbwc"');
  });

  it('answers serverVersion and the clientVersion policy', async () => {
    expect((await callQbwc(server.app, 'serverVersion')).result).toMatch(/Procore QuickBooks Connector \d+\.\d+\.\d+/);
    expect((await callQbwc(server.app, 'clientVersion', { strVersion: '2.3.0.20' })).result).toBe('');
    expect((await callQbwc(server.app, 'clientVersion', { strVersion: '2.2.0.42' })).result).toBe('');
    expect((await callQbwc(server.app, 'clientVersion', { strVersion: '2.1.0.30' })).result).toMatch(/^W:.*2\.3\.0\.20/);
    expect((await callQbwc(server.app, 'clientVersion', { strVersion: '1.5.0.0' })).result).toMatch(/^E:/);
  });

  it('accepts SOAP 1.2 and answers in SOAP 1.2', async () => {
    const body = envelope('serverVersion', {}).replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope');
    const response = await server.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/soap\+xml/);
    expect(response.body).toContain('http://www.w3.org/2003/05/soap-envelope');
  });

  it('faults on malformed XML, with a log line', async () => {
    const before = server.logs.length;
    expectFault(await postSoap(server.app, '<soap:Envelope><soap:Body><authenticate>'), /./);
    expect(server.logs.slice(before).some((l) => l.msg === 'malformed QBWC request')).toBe(true);
  });

  it('faults on an unknown method, naming it', async () => {
    expectFault(await postSoap(server.app, envelope('dropAllTables', {})), /dropAllTables/);
  });

  it('refuses DOCTYPE, entity expansion and external entities without expanding them', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      envelope('authenticate', { strUserName: '&lol3;', strPassword: 'x' }).replace('<?xml version="1.0" encoding="utf-8"?>', '');
    // Refused for having a DOCTYPE at all, before any entity is read (so nothing is expanded, however busy the machine).
    expectFault(await postSoap(server.app, laughs), /DOCTYPE|DTD|entit/i);
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      envelope('getLastError', { ticket: '&xxe;' }).replace('<?xml version="1.0" encoding="utf-8"?>', '');
    const reply = await postSoap(server.app, xxe);
    expectFault(reply, /DOCTYPE|DTD|entit/i);
    expect(reply.body).not.toContain('root:');
  });

  it('faults on a body over the configured limit instead of reading it all', async () => {
    const big = envelope('receiveResponseXML', { ticket: 'x', response: 'A'.repeat(1.5 * 1024 * 1024), hresult: '', message: '' });
    expectFault(await postSoap(server.app, big), /larger than the 1 MB limit/);
  });

  it('faults on an empty body, a non-XML content type and a non-SOAP document', async () => {
    expectFault(await postSoap(server.app, ''), /empty/i);
    const json = await server.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: { 'content-type': 'application/json' },
      payload: '{"method":"authenticate"}',
    });
    expect(json.statusCode).toBe(500);
    expect(json.body).toContain('Fault');
    expectFault(await postSoap(server.app, '<?xml version="1.0"?><html><body>hi</body></html>'), /Envelope/i);
  });

  it('still answers normally after all of that', async () => {
    expect((await callQbwc(server.app, 'serverVersion')).status).toBe(200);
  });
});
