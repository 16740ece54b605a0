import { describe, expect, it } from 'vitest';
import { corruptRequestId, corruptResponseType, WRONG_RESPONSE_TYPE, wrongResponseTypeFor } from '../corrupt-response.ts';
import { parseCliArgs, USAGE } from '../parse-cli-args.ts';
import { qbxmlRequest } from './fake-quickbooks-processor.ts';
import { startFixture } from './session-helpers.ts';

const ANSWER =
  '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs newMessageSetID="ms1" messageSetStatusCode="0">' +
  '<VendorQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><VendorRet><ListID>1</ListID></VendorRet></VendorQueryRs>' +
  '<CustomerAddRs requestID="2" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CustomerRet><ListID>80000001-1</ListID></CustomerRet></CustomerAddRs>' +
  '<ItemServiceAddRs requestID="3" statusCode="0" statusSeverity="Info" statusMessage="Status OK"/>' +
  '</QBXMLMsgsRs></QBXML>';

describe('answer corruption (pure)', () => {
  it('mismatchRequestId: the first write response answers a requestID that was not sent; nothing else changes', () => {
    const { xml, change } = corruptRequestId(ANSWER, 'unknown');
    expect(xml).toBe(ANSWER.replace('<CustomerAddRs requestID="2"', '<CustomerAddRs requestID="2-not-sent"'));
    expect(change).toBe('CustomerAddRs requestID "2" → "2-not-sent"');
  });

  it('dropRequestId: the first write response has no requestID', () => {
    const { xml } = corruptRequestId(ANSWER, 'missing');
    expect(xml).toBe(ANSWER.replace('<CustomerAddRs requestID="2" ', '<CustomerAddRs '));
  });

  it('wrongResponseType: the first write response element is renamed, open and close tags, content kept', () => {
    const { xml, change } = corruptResponseType(ANSWER);
    expect(xml).toBe(ANSWER.replace('<CustomerAddRs ', '<InvoiceAddRs ').replace('</CustomerAddRs>', '</InvoiceAddRs>'));
    expect(change).toBe('CustomerAddRs → InvoiceAddRs');
    const selfClosing = '<QBXML><QBXMLMsgsRs><ItemServiceAddRs requestID="9" statusCode="0"/></QBXMLMsgsRs></QBXML>';
    expect(corruptResponseType(selfClosing).xml).toBe('<QBXML><QBXMLMsgsRs><ItemInventoryAddRs requestID="9" statusCode="0"/></QBXMLMsgsRs></QBXML>');
  });

  it('every wrong type is another element; writes outside the table swap Add and Mod', () => {
    expect(WRONG_RESPONSE_TYPE.CustomerAddRs).toBe('InvoiceAddRs');
    expect(WRONG_RESPONSE_TYPE.ItemServiceAddRs).toBe('ItemInventoryAddRs');
    for (const [from, to] of Object.entries(WRONG_RESPONSE_TYPE)) expect(to).not.toBe(from);
    expect(wrongResponseTypeFor('ClassAddRs')).toBe('ClassModRs');
    expect(wrongResponseTypeFor('ClassModRs')).toBe('ClassAddRs');
  });

  it('leaves an answer without response elements alone and says so', () => {
    const empty = '<QBXML><QBXMLMsgsRs/></QBXML>';
    expect(corruptRequestId(empty, 'unknown')).toEqual({ xml: empty });
    expect(corruptResponseType(empty)).toEqual({ xml: empty });
  });
});

describe('answer faults in a session', () => {
  const messages = [qbxmlRequest('VendorQuery'), qbxmlRequest('VendorAdd', 'BillAdd'), qbxmlRequest('CustomerAdd')];

  it('mismatchRequestId: QuickBooks processed the write, the service gets an answer to a requestID it did not send', async () => {
    const { server, processor, run } = await startFixture({ requests: messages });
    const trace: string[] = [];
    const report = await run({ mismatchRequestId: true, log: (line) => trace.push(line) });
    expect(report.outcome).toBe('completed');
    expect(processor.requests).toEqual(messages);
    expect(server.responses[0]!.response).toContain('<VendorQueryRs requestID="1"');
    expect(server.responses[1]!.response).toContain('<VendorAddRs requestID="1-not-sent"');
    expect(server.responses[1]!.response).toContain('<BillAddRs requestID="2"');
    expect(server.responses[2]!.response).toContain('<CustomerAddRs requestID="1"');
    expect(trace).toContain('fault mismatchRequestId: write message #1: VendorAddRs requestID "1" → "1-not-sent"');
  });

  it('dropRequestId with n: the n-th write message', async () => {
    const { server, run } = await startFixture({ requests: messages });
    await run({ dropRequestId: 2 });
    expect(server.responses[1]!.response).toContain('<VendorAddRs requestID="1"');
    expect(server.responses[2]!.response).toContain('<CustomerAddRs statusCode="0"');
  });

  it('wrongResponseType with a predicate: every write message it picks', async () => {
    const { server, run } = await startFixture({ requests: messages });
    const asked: number[] = [];
    await run({ wrongResponseType: (n) => (asked.push(n), true) });
    expect(asked).toEqual([1, 2]);
    expect(server.responses[0]!.response).toContain('<VendorQueryRs ');
    expect(server.responses[1]!.response).toContain('<EmployeeAddRs requestID="1"');
    expect(server.responses[1]!.response).toContain('<BillAddRs requestID="2"');
    expect(server.responses[2]!.response).toContain('<InvoiceAddRs requestID="1"');
  });

  it('a lost response on the same write message wins', async () => {
    const { server, run } = await startFixture({ requests: messages });
    const report = await run({ loseWriteResponse: true, wrongResponseType: true });
    expect(report.outcome).toBe('error');
    expect(server.responses).toHaveLength(1);
  });
});

describe('CLI flags', () => {
  const BASE = ['--url', 'http://localhost:3000/qbwc', '--username', 'u', '--password', 'p', '--company-file', 'c.json'];

  it('--mismatch-request-id, --drop-request-id, --wrong-response-type, on the first or the n-th write message', () => {
    expect(parseCliArgs([...BASE, '--mismatch-request-id']).faults).toEqual({ mismatchRequestId: true });
    expect(parseCliArgs([...BASE, '--drop-request-id']).faults).toEqual({ dropRequestId: true });
    expect(parseCliArgs([...BASE, '--wrong-response-type', '--answer-fault-occurrence', '3']).faults).toEqual({ wrongResponseType: 3 });
    expect(USAGE).toContain('--mismatch-request-id');
    expect(USAGE).toContain('--wrong-response-type');
  });

  it('refuses --answer-fault-occurrence alone or below 1', () => {
    expect(() => parseCliArgs([...BASE, '--answer-fault-occurrence', '2'])).toThrow(/only applies with --mismatch-request-id/);
    expect(() => parseCliArgs([...BASE, '--wrong-response-type', '--answer-fault-occurrence', '0'])).toThrow(/must be at least 1/);
  });
});
