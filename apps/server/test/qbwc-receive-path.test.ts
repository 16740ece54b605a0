import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest } from '@connector/sync';
import { callQbwc, envelope, postSoap } from './support/raw-soap.ts';
import { hcpResponse, requestsIn, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { listenTestServer } from './support/listen-test-server.ts';
import { createCompanyWithCredentials, type TestServer } from './support/start-test-server.ts';

// Hostile input, items 1, 5 and 7: the receive path of /qbwc. A large body is answered from its head when its
// ticket has no live session (nothing else of it is read), a live session's large answer is accepted up to
// the one configured limit, and mustUnderstand headers get a MustUnderstand fault.

const FAKE_TICKET = '0123456789abcdef0123456789abcdef';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const MB = 1024 * 1024;

/** qbXML-looking text that is about `bytes` long once envelope() has escaped it (as a big answer is). */
const bulk = (bytes: number) => {
  const unit = '<VendorRet><Name>A &amp; B</Name></VendorRet>';
  const escaped = unit.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').length;
  return unit.repeat(Math.floor(bytes / escaped));
};

/** Reads one HTTP response off a raw socket: status and body (Content-Length framed). */
function readResponse(socket: net.Socket): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const text = buffer.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve({ status: Number(text.slice(9, 12)), body: buffer.subarray(end + 4, end + 4 + length).toString('utf8') });
    };
    const onClose = () => reject(new Error('the server closed the connection without an answer'));
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

async function connect(url: string) {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

const postHead = (host: string, length: number) =>
  `POST /qbwc HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: "http://developer.intuit.com/receiveResponseXML"\r\nContent-Length: ${length}\r\n\r\n`;

describe.each(await databaseKinds())('QBWC receive path (%s)', (kind) => {
  let server: TestServer & { url: string };
  beforeAll(async () => {
    server = await listenTestServer(kind, { QBWC_BODY_LIMIT_MB: '1', QBWC_LARGE_BODIES_PER_SOURCE: '1', QBWC_LARGE_BODIES_TOTAL: '1' });
  });
  afterAll(async () => server?.close());

  /** A live session with one VendorQuery sent: its ticket and the request to answer. */
  async function liveSession(name: string, procoreId: string) {
    const setup = await createCompanyWithCredentials(server, name, procoreId);
    await enqueueRequest(server.testDb.database, { companyId: setup.company.id, request: { type: 'VendorQuery' }, dedupeKey: 'all-vendors', requestedBy: 't' });
    const ticket = ((await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[])[0]!;
    const xml = String(
      (
        await callQbwc(server.app, 'sendRequestXML', {
          ticket,
          strHCPResponse: hcpResponse({ fileId: setup.connection.fileId }),
          strCompanyFileName: 'C:\\A.QBW',
          qbXMLCountry: 'US',
          qbXMLMajorVers: 13,
          qbXMLMinorVers: 0,
        })
      ).result,
    );
    const [request] = requestsIn(xml);
    return { setup, ticket, requestId: request!.requestId };
  }

  /** A valid VendorQuery answer whose receiveResponseXML envelope is `bytes` long (± one vendor). */
  function answerOfSize(ticket: string, requestId: string, bytes: number) {
    const vendor = vendorRet('Subcontractor & Sons');
    const make = (n: number) =>
      envelope('receiveResponseXML', { ticket, response: responseMessage([rs('VendorQuery', requestId, 0, vendor.repeat(n))]), hresult: '', message: '' });
    const one = make(1).length;
    const per = make(2).length - one;
    return make(1 + Math.floor((bytes - one) / per));
  }

  it('answers a large body with a made-up ticket from its head, before the rest is sent, then discards the rest and serves the next call', async () => {
    const body = Buffer.from(envelope('receiveResponseXML', { ticket: FAKE_TICKET, response: bulk(0.9 * MB), hresult: '', message: '' }));
    const socket = await connect(server.url);
    try {
      const before = server.logs.length;
      socket.write(postHead('localhost', body.length));
      const cut = 200 * 1024;
      socket.write(body.subarray(0, cut));
      // Nothing after the first 200 KB has been sent: the old receive path waited for the whole body here.
      const answer = await readResponse(socket);
      expect(answer.body).not.toContain('Fault');
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('<receiveResponseXMLResult>-1</receiveResponseXMLResult>');
      const line = server.logs.slice(before).find((l) => l.msg === 'QBWC request with no live session: answered before its body was read');
      expect(line).toMatchObject({ qbwcMethod: 'receiveResponseXML' });
      expect(line!.bytesRead as number).toBeLessThan(cut + 1);
      // The rest is read and dropped; the same connection then answers another call.
      socket.write(body.subarray(cut));
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const health = await readResponse(socket);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    } finally {
      socket.destroy();
    }
  });

  it('gives a large body with an unknown ticket the same answer as a small one, for every ticketed method', async () => {
    const padding = `<!-- ${'x'.repeat(80 * 1024)} -->`;
    for (const [method, params] of [
      ['receiveResponseXML', { ticket: FAKE_TICKET, response: bulk(100 * 1024), hresult: '', message: '' }],
      [
        'sendRequestXML',
        { ticket: FAKE_TICKET, strHCPResponse: bulk(100 * 1024), strCompanyFileName: 'C:\\A.QBW', qbXMLCountry: 'US', qbXMLMajorVers: 13, qbXMLMinorVers: 0 },
      ],
      ['connectionError', { ticket: FAKE_TICKET, hresult: '0x80040408', message: bulk(100 * 1024) }],
      ['getLastError', { ticket: FAKE_TICKET }],
      ['closeConnection', { ticket: 'not-a-ticket' }],
    ] as const) {
      const smallParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && v.length > 1000 ? 'x' : v]));
      const small = await callQbwc(server.app, method, smallParams);
      // Large: padded after the call so it is over 64 KB whatever the method.
      const large = await postSoap(server.app, envelope(method, params).replace('</soap:Envelope>', `${padding}</soap:Envelope>`), {}, method);
      expect(large.status).toBe(200);
      expect(large.result).toEqual(small.result);
    }
  });

  it('refuses a large body without a ticket first: methods that carry none, and <ticket> after <response>', async () => {
    const authenticate = await postSoap(server.app, envelope('authenticate', { strUserName: 'u'.repeat(100 * 1024), strPassword: 'p' }));
    expect(authenticate.status).toBe(500);
    expect(authenticate.fault).toMatchObject({ code: 'soap:Client' });
    expect(authenticate.fault!.reason).toMatch(/authenticate over 64 KB is refused/);
    const reordered = await postSoap(server.app, envelope('receiveResponseXML', { response: bulk(100 * 1024), ticket: FAKE_TICKET }));
    expect(reordered.fault!.reason).toMatch(/must carry <ticket> first/);
  });

  it("accepts a live session's valid answer just under the configured body limit, parsed off the event loop, and refuses one just over it with the limit named", async () => {
    const { setup, ticket, requestId } = await liveSession('Limit Builders', '9001');
    const over = answerOfSize(ticket, requestId, MB + 4 * 1024);
    expect(Buffer.byteLength(over)).toBeGreaterThan(MB);
    const refused = await postSoap(server.app, over, {}, 'receiveResponseXML');
    expect(refused.fault?.reason).toMatch(/larger than the 1 MB limit/);

    const under = answerOfSize(ticket, requestId, MB - 4 * 1024);
    expect(Buffer.byteLength(under)).toBeLessThanOrEqual(MB);
    const before = server.logs.length;
    const accepted = await postSoap(server.app, under, {}, 'receiveResponseXML');
    expect(accepted.result).toBe(100);
    expect(server.logs.slice(before).some((l) => l.msg === 'QBWC large request from a live session: reading it')).toBe(true);
    const row = await server.testDb.database.prisma.queuedRequest.findFirstOrThrow({ where: { companyId: setup.company.id } });
    expect(row.status).toBe('done');
    expect(row.recordsReceived).toBeGreaterThan(1000);
  });

  it("keeps a large answer's text on the worker that parsed it: the audit entries give its full length, and a mismatching one the same excerpt as the text", async () => {
    // Issue 19: the event loop gets the parsed answer, the first 16,000 characters of its text and its length; what
    // is stored and audited must be what the whole text gives. The vendor names carry entities escaped twice (SOAP
    // around qbXML): the excerpt must be the unescaped qbXML itself.
    const { setup, ticket, requestId } = await liveSession('Excerpt Builders', '9104');
    const vendors = Array.from({ length: 400 }, (_, i) => vendorRet(`Smith & "Sons" <${i}>`)).join('');
    const qbxml = responseMessage([rs('VendorQuery', requestId, 0, vendors)]);
    const body = envelope('receiveResponseXML', { ticket, response: qbxml, hresult: '', message: '' });
    expect(body.length).toBeGreaterThan(64 * 1024);
    const before = server.logs.length;
    expect((await postSoap(server.app, body, {}, 'receiveResponseXML')).result).toBe(100);
    expect(server.logs.slice(before).some((l) => l.msg === 'QBWC large request from a live session: reading it')).toBe(true);
    const prisma = server.testDb.database.prisma;
    const received = await prisma.auditEntry.findFirstOrThrow({ where: { companyId: setup.company.id, action: 'qbwc.response_received' } });
    expect(received.detail).toMatchObject({ responses: 1, done: 1, failed: 0, bytes: qbxml.length });
    expect(await prisma.queuedRequest.findFirstOrThrow({ where: { companyId: setup.company.id } })).toMatchObject({ status: 'done', recordsReceived: 400 });

    // The same answer to a VendorQuery, but as a CustomerQueryRs: nothing applied, the read queued again, the raw answer audited.
    const next = await liveSession('Excerpt Builders 2', '9105');
    const wrong = responseMessage([rs('CustomerQuery', next.requestId, 0, vendors)]);
    const wrongBody = envelope('receiveResponseXML', { ticket: next.ticket, response: wrong, hresult: '', message: '' });
    expect((await postSoap(server.app, wrongBody, {}, 'receiveResponseXML')).result).toBe(-1);
    const mismatch = await prisma.auditEntry.findFirstOrThrow({ where: { companyId: next.setup.company.id, action: 'qbwc.response_mismatch' } });
    expect(mismatch.detail).toMatchObject({ bytes: wrong.length, truncated: true, response: wrong.slice(0, 16_000) });
    expect(await prisma.queuedRequest.findFirstOrThrow({ where: { companyId: next.setup.company.id } })).toMatchObject({ status: 'queued' });
    expect(await prisma.auditEntry.count({ where: { companyId: next.setup.company.id, action: 'qbwc.response_received' } })).toBe(0);
  });

  it('reads at most QBWC_LARGE_BODIES_PER_SOURCE large bodies from one address at once; the one refused gets a Server fault', async () => {
    const { ticket, requestId } = await liveSession('Gate Builders', '9002');
    const first = Buffer.from(answerOfSize(ticket, requestId, 300 * 1024));
    const socket = await connect(server.url);
    try {
      const before = server.logs.length;
      socket.write(postHead('localhost', first.length));
      socket.write(first.subarray(0, 100 * 1024));
      // The first body holds the one slot once its ticket is found live.
      await vi.waitFor(() => expect(server.logs.slice(before).some((l) => l.msg === 'QBWC large request from a live session: reading it')).toBe(true), {
        timeout: 30_000,
        interval: 20,
      });
      const second = await postSoap(server.app, answerOfSize(ticket, requestId, 200 * 1024), {}, 'receiveResponseXML');
      expect(second.status).toBe(500);
      expect(second.fault).toMatchObject({ code: 'soap:Server' });
      expect(second.fault!.reason).toMatch(/Too many large requests/);
      socket.write(first.subarray(100 * 1024));
      const answer = await readResponse(socket);
      expect(answer.body).toContain('<receiveResponseXMLResult>100</receiveResponseXMLResult>');
    } finally {
      socket.destroy();
    }
    // The slot is free again once the first is answered.
    const again = await postSoap(server.app, answerOfSize(ticket, requestId, 200 * 1024), {}, 'receiveResponseXML');
    expect(again.fault).toBeUndefined();
  });

  it('frees the large-body slot of a client that disconnects in the middle of its body', async () => {
    const { ticket, requestId } = await liveSession('Dropped Builders', '9004');
    const body = Buffer.from(answerOfSize(ticket, requestId, 300 * 1024));
    const socket = await connect(server.url);
    const before = server.logs.length;
    socket.write(postHead('localhost', body.length));
    socket.write(body.subarray(0, 100 * 1024));
    await vi.waitFor(() => expect(server.logs.slice(before).some((l) => l.msg === 'QBWC large request from a live session: reading it')).toBe(true), {
      timeout: 30_000,
      interval: 20,
    });
    socket.destroy();
    // The one slot comes back once the server has seen the connection close.
    await vi.waitFor(async () => expect((await postSoap(server.app, body.toString('utf8'), {}, 'receiveResponseXML')).result).toBe(100), {
      timeout: 30_000,
      interval: 50,
    });
  });

  describe('mustUnderstand headers (SOAP 1.1 §4.2.3, SOAP 1.2 Part 1 §5.4.8)', () => {
    it('answers a SOAP 1.1 header entry marked mustUnderstand="1" with soap:MustUnderstand and does not act on the call', async () => {
      const { setup, ticket } = await liveSession('Header Builders', '9003');
      const body = envelope('closeConnection', { ticket }).replace(
        '<soap:Body>',
        `<soap:Header><t:Transaction xmlns:t="urn:example:tx" soap:mustUnderstand="1">5</t:Transaction></soap:Header><soap:Body>`,
      );
      const reply = await postSoap(server.app, body, {}, 'closeConnection');
      expect(reply.status).toBe(500);
      expect(reply.fault).toMatchObject({ code: 'soap:MustUnderstand' });
      expect(reply.fault!.reason).toMatch(/urn:example:tx.*Transaction/);
      const session = await server.testDb.database.prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id } });
      expect(session.closedAt).toBeNull();
      // mustUnderstand="0" is optional: ignored, and the call goes through.
      const optional = await postSoap(server.app, body.replace('soap:mustUnderstand="1"', 'soap:mustUnderstand="0"'), {}, 'closeConnection');
      expect(optional.fault).toBeUndefined();
    });

    it('answers a SOAP 1.2 header block with mustUnderstand="true" with env:MustUnderstand and a NotUnderstood header', async () => {
      const body =
        `<?xml version="1.0" encoding="utf-8"?><e:Envelope xmlns:e="${SOAP12}"><e:Header><t:Transaction xmlns:t="urn:example:tx" e:mustUnderstand="true"/></e:Header>` +
        `<e:Body><serverVersion xmlns="http://developer.intuit.com/"/></e:Body></e:Envelope>`;
      const response = await server.app.inject({
        method: 'POST',
        url: '/qbwc',
        headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
        payload: body,
      });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/soap\+xml/);
      expect(response.body).toMatch(/<soap12:Value>soap12:MustUnderstand<\/soap12:Value>/);
      expect(response.body).toMatch(/<soap12:NotUnderstood qname="nu:Transaction" xmlns:nu="urn:example:tx"\/>/);
    });

    it('answers mustUnderstand in a large body from its head too', async () => {
      const body = envelope('receiveResponseXML', { ticket: FAKE_TICKET, response: bulk(200 * 1024), hresult: '', message: '' }).replace(
        '<soap:Body>',
        `<soap:Header><t:Transaction xmlns:t="urn:example:tx" soap:mustUnderstand="1"/></soap:Header><soap:Body>`,
      );
      const reply = await postSoap(server.app, body);
      expect(reply.fault).toMatchObject({ code: 'soap:MustUnderstand' });
    });
  });
});

// Item 5 end to end with the default limit: a valid answer over the former 64M-character parser cap but
// under the 100 MB body limit is accepted. One database: it moves ~65 MB, and the path is the same on both.
describe.each((await databaseKinds()).slice(0, 1))('a valid answer over 64M characters (%s)', (kind) => {
  let server: TestServer & { url: string };
  beforeAll(async () => {
    server = await listenTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('is accepted under the default 100 MB body limit: one limit from the socket to the parser', async () => {
    const setup = await createCompanyWithCredentials(server, 'Huge Answer Builders', '9010');
    await enqueueRequest(server.testDb.database, { companyId: setup.company.id, request: { type: 'VendorQuery' }, dedupeKey: 'all-vendors', requestedBy: 't' });
    const ticket = ((await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password })).result as string[])[0]!;
    const xml = String(
      (
        await callQbwc(server.app, 'sendRequestXML', {
          ticket,
          strHCPResponse: hcpResponse({ fileId: setup.connection.fileId }),
          strCompanyFileName: 'C:\\H.QBW',
          qbXMLCountry: 'US',
          qbXMLMajorVers: 13,
          qbXMLMinorVers: 0,
        })
      ).result,
    );
    const [request] = requestsIn(xml);
    // Whitespace between elements is what makes it big cheaply; it counts against the limits like any text.
    const qbxml = responseMessage([rs('VendorQuery', request!.requestId, 0, vendorRet('Padded Vendor') + ' '.repeat(65 * MB) + vendorRet('Last Vendor'))]);
    const body = envelope('receiveResponseXML', { ticket, response: qbxml, hresult: '', message: '' });
    expect(body.length).toBeGreaterThan(64 * MB);
    expect(body.length).toBeLessThan(100 * MB);
    const reply = await postSoap(server.app, body, {}, 'receiveResponseXML');
    expect(reply.fault).toBeUndefined();
    expect(reply.result).toBe(100);
    const row = await server.testDb.database.prisma.queuedRequest.findFirstOrThrow({ where: { companyId: setup.company.id } });
    expect(row).toMatchObject({ status: 'done', recordsReceived: 2 });
  });
});
