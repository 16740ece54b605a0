import { describe, expect, it } from 'vitest';
import { qbxmlRequest } from './fake-quickbooks-processor.ts';
import { startFixture } from './session-helpers.ts';

const OWNER_ID = '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}';
const FILE_ID = '{A1B2C3D4-0000-4000-8000-000000000001}';

describe('fault injection', () => {
  it('quickBooksNotRunning: connectionError gets 0x80040408 "Could not start QuickBooks."', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const report = await run({ quickBooksNotRunning: true });
    expect(report.outcome).toBe('connection-error');
    expect(server.calls.find((call) => call.method === 'connectionError')?.parameters).toEqual({
      ticket: report.ticket,
      hresult: '0x80040408',
      message: 'Could not start QuickBooks.',
    });
    expect(report.statusLine).toContain('Could not start QuickBooks.');
    expect(processor.events).toEqual([]);
  });

  it('quickBooksNotRunning: every retry fails too', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.connectionError = () => 'C:\\Company Files\\Acme Construction.qbw';
    const report = await run({ quickBooksNotRunning: true });
    expect(report.outcome).toBe('connection-error');
    expect(server.methods().filter((method) => method === 'connectionError')).toHaveLength(3);
  });

  it('differentCompanyFile: another path is open, so the remembered path fails with 0x8004040A', async () => {
    const { server, processor, run } = await startFixture({
      requests: [qbxmlRequest('VendorQuery')],
      companyFile: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Construction.qbw',
    });
    const report = await run({ differentCompanyFile: true });
    expect(report.outcome).toBe('connection-error');
    expect(server.calls.find((call) => call.method === 'connectionError')?.parameters.hresult).toBe('0x8004040A');
    expect(processor.events).toEqual(['openSession', 'closeSession']);
  });

  it('differentCompanyFile: with the open file, the HCP response carries another FileID and path', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    processor.ensureFileId(OWNER_ID, FILE_ID);
    const report = await run({ differentCompanyFile: true });
    const send = server.calls.find((call) => call.method === 'sendRequestXML');
    expect(send?.parameters.strCompanyFileName).toBe('C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Other Company.qbw');
    const hcp = send?.parameters.strHCPResponse ?? '';
    expect(hcp).toContain(`<OwnerID>${OWNER_ID}</OwnerID><DataExtName>FileID</DataExtName>`);
    expect(hcp).not.toContain(FILE_ID);
    expect(hcp).toMatch(/<DataExtValue>\{[0-9A-F-]{36}\}<\/DataExtValue>/);
    expect(report.companyFile).toContain('Other Company.qbw');
  });

  it('loseWriteResponse: QuickBooks writes, the response never reaches the service, no closeConnection', async () => {
    const requests = [qbxmlRequest('VendorQuery'), qbxmlRequest('VendorAdd'), qbxmlRequest('BillAdd'), qbxmlRequest('BillQuery')];
    const { server, processor, run } = await startFixture({ requests });
    const report = await run({ loseWriteResponse: true });
    expect(report.outcome).toBe('error');
    expect(report.errors).toEqual([
      'QBWC1042: receiveResponseXML failed due to error message: the response to write message #1 was lost (simulated connection reset)',
    ]);
    expect(processor.requests).toEqual(requests.slice(0, 2));
    expect(server.responses).toHaveLength(1);
    expect(server.methods().slice(3)).toEqual(['sendRequestXML', 'receiveResponseXML', 'sendRequestXML']);
    expect(processor.events.at(-1)).toBe('closeSession');
  });

  it('loseWriteResponse: n picks the n-th write message', async () => {
    const requests = [qbxmlRequest('VendorAdd'), qbxmlRequest('VendorQuery'), qbxmlRequest('CustomerMod'), qbxmlRequest('BillAdd')];
    const { server, processor, run } = await startFixture({ requests });
    const report = await run({ loseWriteResponse: 2 });
    expect(report.outcome).toBe('error');
    expect(processor.requests).toHaveLength(3);
    expect(server.responses).toHaveLength(2);
    expect(server.methods()).not.toContain('closeConnection');
  });

  it('dropConnectionAfterRounds: stops after n rounds without closeConnection', async () => {
    const requests = [qbxmlRequest('VendorQuery'), qbxmlRequest('CustomerQuery'), qbxmlRequest('ItemQuery')];
    const { server, processor, run } = await startFixture({ requests });
    const report = await run({ dropConnectionAfterRounds: 2 });
    expect(report.outcome).toBe('dropped');
    expect(report.progress).toEqual([33, 67]);
    expect(server.methods().slice(3)).toEqual(['sendRequestXML', 'receiveResponseXML', 'sendRequestXML', 'receiveResponseXML']);
    expect(processor.events.at(-1)).toBe('closeSession');
  });

  it('restrictedUser and lockedRecords go to the processor through setFaults', async () => {
    const { processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    await run({ restrictedUser: true, lockedRecords: ['80000001-1234567890', '80000002-1234567890'] });
    expect(processor.faults).toEqual({ restrictedUser: true, lockedRecords: ['80000001-1234567890', '80000002-1234567890'] });
  });

  it('restrictedUser on a processor without setFaults is a warning', async () => {
    const { processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const plain = {
      companyFilePath: processor.companyFilePath,
      openSession: () => processor.openSession(),
      hostCompanyPreferencesResponse: () => processor.hostCompanyPreferencesResponse(),
      ensureFileId: () => {},
      processRequest: (xml: string) => processor.processRequest(xml),
      closeSession: () => processor.closeSession(),
    };
    const report = await run({ processor: plain, restrictedUser: true });
    expect(report.outcome).toBe('completed');
    expect(report.warnings[0]).toContain('restrictedUser');
  });

  it('quickBooksDelayMs: sleeps before each processRequest', async () => {
    const requests = [qbxmlRequest('VendorQuery'), qbxmlRequest('CustomerQuery')];
    const { run } = await startFixture({ requests });
    const report = await run({ quickBooksDelayMs: 40 });
    expect(report.outcome).toBe('completed');
    expect(report.durationMs).toBeGreaterThanOrEqual(80);
  });

  it('an abort signal ends the session as dropped and still closes QuickBooks', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => '';
    const controller = new AbortController();
    // Aborted by an event of the session, not after a delay: the same on a busy machine.
    server.handlers.getLastError = () => {
      controller.abort(new Error('stop'));
      return 'NoOp';
    };
    const report = await run({ noOpDelayMs: 1000, signal: controller.signal });
    expect(report.outcome).toBe('dropped');
    expect(processor.events.at(-1)).toBe('closeSession');
  });
});
