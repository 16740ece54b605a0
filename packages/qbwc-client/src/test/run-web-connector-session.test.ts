import { describe, expect, it } from 'vitest';
import { qbxmlRequest } from './fake-quickbooks-processor.ts';
import { startFixture } from './session-helpers.ts';

const THREE_REQUESTS = [qbxmlRequest('VendorQuery'), qbxmlRequest('VendorAdd', 'CustomerAdd'), qbxmlRequest('BillAdd')];

describe('runWebConnectorSession: a normal session', () => {
  it('runs serverVersion → clientVersion → authenticate → send/receive rounds → closeConnection', async () => {
    const { server, processor, run } = await startFixture({ requests: THREE_REQUESTS });
    const progress: Array<[number, string]> = [];
    const log: string[] = [];
    const report = await run({ onProgress: (percent, message) => progress.push([percent, message]), log: (line) => log.push(line) });
    const events = [...processor.events];

    expect(report.outcome).toBe('completed');
    expect(report.statusLine).toBe('OK: 3 response(s) received');
    expect(server.methods()).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
    expect(report.methods).toEqual(server.methods());
    expect(report.progress).toEqual([33, 67, 100]);
    expect(progress.map(([percent]) => percent)).toEqual([33, 67, 100]);
    expect(report.requestsSent).toBe(3);
    expect(report.roundTrips).toBe(10);
    expect(report.bytesSent).toBe(server.calls.reduce((sum, call) => sum + Buffer.byteLength(call.body), 0));
    expect(report.bytesReceived).toBeGreaterThan(0);
    expect(report.ticket).toBe('{7E1F3C2A-0B8D-4E57-9C41-FAKE00000001}');
    expect(report.serverVersion).toBe('1.0.0-fake');
    expect(report.companyFile).toBe(processor.companyFilePath);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(log.some((line) => line.startsWith('-> authenticate(') && line.includes('"********"'))).toBe(true);
    expect(log.join('\n')).not.toContain('secret');

    // What QBWC sends: strVersion, the credentials, HCP only on the first sendRequestXML.
    const byMethod = (method: string) => server.calls.filter((call) => call.method === method);
    expect(byMethod('clientVersion')[0]?.parameters).toEqual({ strVersion: '2.3.0.20' });
    expect(byMethod('authenticate')[0]?.parameters).toEqual({ strUserName: 'qbuser', strPassword: 'secret' });
    const sends = byMethod('sendRequestXML');
    expect(sends[0]?.parameters.strHCPResponse).toContain('<HostQueryRs');
    expect(sends[0]?.parameters.strHCPResponse).toBe(processor.hostCompanyPreferencesResponse());
    expect(sends.slice(1).map((call) => call.parameters.strHCPResponse)).toEqual(['', '']);
    for (const send of sends) {
      expect(send.parameters).toMatchObject({
        ticket: report.ticket,
        strCompanyFileName: processor.companyFilePath,
        qbXMLCountry: 'US',
        qbXMLMajorVers: '13',
        qbXMLMinorVers: '0',
      });
    }
    // QuickBooks got exactly the qbXML the service sent, and the service got QuickBooks' answers
    // byte for byte (CRLF line ends and all).
    expect(processor.requests).toEqual(THREE_REQUESTS);
    expect(server.responses.map((r) => r.hresult)).toEqual(['', '', '']);
    expect(server.responses[1]?.response).toContain('<VendorAddRs requestID="1" statusCode="0"');
    expect(server.responses[1]?.response).toContain('<CustomerAddRs requestID="2" statusCode="0"');
    expect(server.responses[0]?.response).toContain('\r\n<QBXML>\r\n');
    expect(events).toEqual(['openSession', 'hostCompanyPreferencesResponse', 'processRequest', 'processRequest', 'processRequest', 'closeSession']);
  });

  it('sends a configurable client version and qbXML version', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('ItemQuery')] });
    await run({ clientVersion: '2.2.0.71', qbXMLCountry: 'CA', qbXMLMajorVers: 12, qbXMLMinorVers: 1 });
    expect(server.calls[1]?.parameters.strVersion).toBe('2.2.0.71');
    expect(server.calls.find((call) => call.method === 'sendRequestXML')?.parameters).toMatchObject({
      qbXMLCountry: 'CA',
      qbXMLMajorVers: '12',
      qbXMLMinorVers: '1',
    });
  });

  it('passes an escaped payload through unchanged in both directions', async () => {
    const tricky = `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq requestID="a&amp;b"><VendorAdd><Name>Smith &amp; Sons &lt;HVAC&gt; — Zürich ✓</Name><Notes>line1\r\nline2\ttab ]]&gt; "q" 'a'</Notes></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`;
    const { server, processor, run } = await startFixture({ requests: [tricky] });
    const echo = `${tricky}\r\n<!-- answer with & < > and CR\r -->`;
    processor.processRequest = async (xml: string) => {
      processor.requests.push(xml);
      return echo;
    };
    const report = await run();
    expect(report.outcome).toBe('completed');
    expect(processor.requests).toEqual([tricky]);
    expect(server.responses[0]?.response).toBe(echo);
  });
});

describe('runWebConnectorSession: empty sendRequestXML and getLastError', () => {
  it("waits noOpDelayMs after 'NoOp' and calls sendRequestXML again without the HCP response", async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const send = server.handlers.sendRequestXML;
    let calls = 0;
    server.handlers.sendRequestXML = (p) => (++calls <= 2 ? '' : send(p));
    server.handlers.getLastError = () => 'NoOp';
    const started = Date.now();
    const report = await run({ noOpDelayMs: 40 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(report.outcome).toBe('completed');
    expect(server.methods().slice(3)).toEqual([
      'sendRequestXML',
      'getLastError',
      'sendRequestXML',
      'getLastError',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
    const hcp = server.calls.filter((call) => call.method === 'sendRequestXML').map((call) => call.parameters.strHCPResponse !== '');
    expect(hcp).toEqual([true, false, false]);
  });

  it('reports the getLastError text as the error and closes the connection', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => '';
    server.handlers.getLastError = () => 'Company file not recognised: FileID mismatch';
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.lastError).toBe('Company file not recognised: FileID mismatch');
    expect(report.errors).toEqual(['getLastError: Company file not recognised: FileID mismatch']);
    expect(report.statusLine).toBe('OK: 0 response(s) received');
    expect(server.methods().slice(-3)).toEqual(['sendRequestXML', 'getLastError', 'closeConnection']);
  });

  it("records 'Interactive mode' and stops", async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => '';
    server.handlers.getLastError = () => 'Interactive mode';
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.errors[0]).toContain('Interactive mode');
    expect(server.methods().slice(-2)).toEqual(['getLastError', 'closeConnection']);
  });

  it('treats an absent sendRequestXMLResult as empty, with a warning', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => null;
    server.handlers.getLastError = () => 'nothing to send';
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.warnings[0]).toContain('absent or nil');
  });

  it('gives up after maxNoOps NoOps in a row', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => '';
    server.handlers.getLastError = () => 'NoOp';
    const report = await run({ noOpDelayMs: 1, maxNoOps: 3 });
    expect(report.outcome).toBe('error');
    expect(server.methods().filter((method) => method === 'getLastError')).toHaveLength(4);
    expect(server.methods().at(-1)).toBe('closeConnection');
  });
});

describe('runWebConnectorSession: receiveResponseXML results', () => {
  it('calls getLastError after a negative value, reports its text, then closeConnection', async () => {
    const { server, run } = await startFixture({ requests: THREE_REQUESTS });
    server.handlers.receiveResponseXML = () => -7;
    server.handlers.getLastError = () => 'Vendor "Acme" rejected: 3100 name in use';
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.lastError).toBe('Vendor "Acme" rejected: 3100 name in use');
    expect(report.errors).toEqual(['receiveResponseXML returned -7: Vendor "Acme" rejected: 3100 name in use']);
    expect(report.progress).toEqual([]);
    expect(server.methods().slice(3)).toEqual(['sendRequestXML', 'receiveResponseXML', 'getLastError', 'closeConnection']);
  });

  it('sends hresult and message with an empty response when QuickBooks throws', async () => {
    const { server, run } = await startFixture({ requests: ['not qbXML at all'] });
    const report = await run();
    expect(server.responses).toEqual([
      { response: '', hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' },
    ]);
    expect(report.outcome).toBe('error');
    expect(report.lastError).toContain('0x80040400');
  });

  it('warns about a value above 100 and treats it as done', async () => {
    const { server, run } = await startFixture({ requests: THREE_REQUESTS });
    server.handlers.receiveResponseXML = () => 250;
    const report = await run();
    expect(report.outcome).toBe('completed');
    expect(report.warnings[0]).toContain('250');
    expect(report.requestsSent).toBe(1);
  });

  it('loops on 0 percent', async () => {
    const { server, run } = await startFixture({ requests: THREE_REQUESTS });
    let round = 0;
    server.handlers.receiveResponseXML = () => [0, 0, 100][round++] ?? 100;
    const report = await run();
    expect(report.progress).toEqual([0, 0, 100]);
  });
});

describe('runWebConnectorSession: authenticate answers', () => {
  it("'nvu': invalid user, closeConnection, QuickBooks untouched", async () => {
    const { server, processor, run } = await startFixture({ requests: THREE_REQUESTS });
    const report = await run({ password: 'wrong' });
    expect(report.outcome).toBe('invalid-user');
    expect(server.methods()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
    expect(processor.events).toEqual([]);
  });

  it("'none': no work", async () => {
    const { server, processor, run } = await startFixture({ requests: [] });
    const report = await run();
    expect(report.outcome).toBe('no-work');
    expect(report.statusLine).toBe('OK: 0 response(s) received');
    expect(server.methods().at(-1)).toBe('closeConnection');
    expect(processor.events).toEqual([]);
  });

  it("'busy' with postpone and minimum run-every seconds", async () => {
    const { server, run } = await startFixture({ requests: THREE_REQUESTS });
    server.handlers.authenticate = () => ['t-1', 'BUSY', '60', '300'];
    const report = await run();
    expect(report.outcome).toBe('busy');
    expect(report.postponeSeconds).toBe(60);
    expect(report.minRunEverySeconds).toBe(300);
    expect(server.methods().at(-1)).toBe('closeConnection');
  });

  it("'' with postpone seconds: the update is postponed (guide p.63 example 1)", async () => {
    const { server, processor, run } = await startFixture({ requests: THREE_REQUESTS });
    server.handlers.authenticate = () => ['t-1', '', '120'];
    const report = await run();
    expect(report.outcome).toBe('postponed');
    expect(report.postponeSeconds).toBe(120);
    expect(processor.events).toEqual([]);
  });

  it('fails on an array without [1]', async () => {
    const { server, run } = await startFixture({ requests: THREE_REQUESTS });
    server.handlers.authenticate = () => ['t-1'];
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.errors[0]).toMatch(/^QBWC1012: authenticate failed/);
  });
});

describe('runWebConnectorSession: clientVersion answers', () => {
  it("'W:' warns and goes on", async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.clientVersion = () => 'W:We recommend that you upgrade your QBWebConnector';
    const report = await run();
    expect(report.outcome).toBe('completed');
    expect(report.warnings).toEqual(['clientVersion warning: We recommend that you upgrade your QBWebConnector']);
  });

  it("'E:' stops before authenticate", async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.clientVersion = () => 'E:You need to upgrade your QBWebConnector';
    const report = await run();
    expect(report.outcome).toBe('version-refused');
    expect(report.errors).toEqual(['clientVersion error: You need to upgrade your QBWebConnector']);
    expect(server.methods()).toEqual(['serverVersion', 'clientVersion']);
  });

  it("'O:' stops: upgrade needed", async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.clientVersion = () => 'O:2.3.0.215';
    const report = await run();
    expect(report.outcome).toBe('version-refused');
    expect(report.statusLine).toContain('2.3.0.215');
    expect(server.methods()).toEqual(['serverVersion', 'clientVersion']);
  });

  it('goes on after a null answer and after serverVersion faults', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.clientVersion = () => null;
    server.handlers.serverVersion = () => ({ fault: 'Method not implemented' });
    const report = await run();
    expect(report.outcome).toBe('completed');
    expect(report.warnings[0]).toContain('serverVersion unavailable');
  });
});

describe('runWebConnectorSession: connecting to QuickBooks', () => {
  it('retries on the path connectionError returns, then goes on', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    processor.openError = { hresult: '0x80040401', message: 'Could not access QuickBooks.' };
    processor.openFailures = 1;
    server.handlers.connectionError = () => '';
    const report = await run();
    expect(report.outcome).toBe('completed');
    expect(server.methods().slice(2, 5)).toEqual(['authenticate', 'connectionError', 'sendRequestXML']);
    expect(server.calls[3]?.parameters).toEqual({
      ticket: report.ticket,
      hresult: '0x80040401',
      message: 'Could not access QuickBooks.',
    });
  });

  it('stops when connectionError says done', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    processor.openError = { hresult: '0x80040401', message: 'Could not access QuickBooks.' };
    server.handlers.connectionError = () => 'DONE';
    const report = await run();
    expect(report.outcome).toBe('connection-error');
    expect(report.statusLine).toContain('0x80040401');
    expect(server.methods()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'connectionError']);
    expect(processor.events).toEqual(['openSession']);
  });

  it('retries at most twice, telling the service about each failure', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    processor.openError = { hresult: '0x80040401', message: 'Could not access QuickBooks.' };
    server.handlers.connectionError = () => '';
    const report = await run();
    expect(report.outcome).toBe('connection-error');
    expect(report.errors[0]).toContain('gave up after 2 retries');
    expect(server.methods().filter((method) => method === 'connectionError')).toHaveLength(3);
    expect(processor.events).toEqual(['openSession', 'openSession', 'openSession']);
  });

  it('fails BeginSession with 0x8004040A when authenticate names a file that is not open, then retries the open one', async () => {
    const { server, processor, run } = await startFixture({
      requests: [qbxmlRequest('VendorQuery')],
      companyFile: 'C:\\Company Files\\Someone Else.qbw',
    });
    server.handlers.connectionError = () => '';
    const report = await run();
    expect(server.calls[3]?.parameters).toMatchObject({
      hresult: '0x8004040A',
      message: 'A QuickBooks company data file is already open and it is different from the one requested.',
    });
    expect(report.outcome).toBe('completed');
    expect(processor.events.slice(0, 3)).toEqual(['openSession', 'closeSession', 'openSession']);
  });

  it('accepts the open file named with other case and slashes', async () => {
    const { processor, run } = await startFixture({
      requests: [qbxmlRequest('VendorQuery')],
      companyFile: 'c:/users/public/documents/intuit/quickbooks/company files/ACME CONSTRUCTION.QBW',
    });
    const report = await run();
    expect(report.outcome).toBe('completed');
    expect(processor.events[0]).toBe('openSession');
  });
});
