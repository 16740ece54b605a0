import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecoveryStatusMessage, buildRequestMessage, type OnErrorMode } from './build-request-message.ts';
import { MINIMAL_REQUESTS } from './fixtures/sample-requests.ts';
import {
  answersRequestType,
  describeMismatch,
  matchResponses,
  readSentMessage,
  RESPONSE_ELEMENT_FOR,
  responseElementFor,
  type AnswerToMatch,
} from './match-responses.ts';
import { parseResponseMessage } from './parse-response-message.ts';
import type { QbxmlRequestType } from './qbxml-request.ts';
import { schemaDir } from './testing/reference-dir.ts';

// Every request type the builders support (MINIMAL_REQUESTS is keyed by every QbxmlRequestType, so a
// new type without a sample does not compile).
const ALL = Object.values(MINIMAL_REQUESTS);
const TYPES = ALL.map((r) => r.type);

/** Element names of one message-set element's xsd:choice in qbxmlops130.xsd. */
function choiceOf(setElement: 'QBXMLMsgsRq' | 'QBXMLMsgsRs'): Set<string> {
  const xsd = readFileSync(path.join(schemaDir(), 'qbxmlops130.xsd'), 'utf8');
  const start = xsd.indexOf(`<xsd:element name="${setElement}">`);
  const end = xsd.indexOf('</xsd:choice>', start);
  return new Set([...xsd.slice(start, end).matchAll(/<xsd:element name="(\w+)"/g)].map((m) => m[1]!));
}

const answer = (rsType: string, requestId: string | undefined, statusCode = 0): AnswerToMatch & { statusCode: number } => ({
  rsType,
  ...(requestId !== undefined && { requestId }),
  statusCode,
  status: { outcome: statusCode >= 1000 ? 'error' : 'ok' },
});
const sent = (onError: OnErrorMode, ...types: string[]) => ({ onError, requests: types.map((type, i) => ({ requestId: `r${i + 1}`, type })) });

describe('response element for each request type', () => {
  const rqChoice = choiceOf('QBXMLMsgsRq');
  const rsChoice = choiceOf('QBXMLMsgsRs');

  it('covers every request type the builders support, and nothing else', () => {
    expect(Object.keys(RESPONSE_ELEMENT_FOR).sort()).toEqual([...TYPES].sort());
  });

  it.each(ALL)('$type: the built Rq element reads back, and its Rs element is a QBXMLMsgsRs choice in the XSD', (request) => {
    const xml = buildRequestMessage({ requests: [{ requestId: 'id-1', request }] });
    const message = readSentMessage(xml);
    expect(message.requests).toEqual([{ requestId: 'id-1', type: request.type }]);
    expect(rqChoice.has(`${request.type}Rq`)).toBe(true);
    const rs = responseElementFor(request.type)!;
    expect(rs).toBe(`${request.type}Rs`);
    expect(rsChoice.has(rs)).toBe(true);
  });

  it.each(TYPES)('%s is answered by its own Rs element and by no other request type’s', (type) => {
    for (const other of TYPES) {
      expect(answersRequestType(type, RESPONSE_ELEMENT_FOR[other as QbxmlRequestType])).toBe(other === type);
    }
    // Neither the request element itself, nor a sibling type of the same record (Add ↔ Mod ↔ Query).
    expect(answersRequestType(type, `${type}Rq`)).toBe(false);
    expect(answersRequestType(type, type)).toBe(false);
  });

  it.each([
    ['CustomerAdd', 'InvoiceAddRs'],
    ['ItemServiceAdd', 'ItemInventoryAddRs'],
    ['ItemServiceAdd', 'ItemServiceModRs'],
    ['VendorAdd', 'VendorQueryRs'],
    ['VendorMod', 'VendorAddRs'],
    ['BillAdd', 'BillModRs'],
    ['PurchaseOrderAdd', 'PurchaseOrderAddrs'],
    ['ItemQuery', 'ItemServiceQueryRs'],
  ])('%s is not answered by %s', (type, rs) => {
    expect(answersRequestType(type, rs)).toBe(false);
  });

  it('knows no answer for a request type we never send', () => {
    expect(responseElementFor('SalesReceiptAdd')).toBeUndefined();
    expect(responseElementFor('__proto__')).toBeUndefined();
    expect(responseElementFor('toString')).toBeUndefined();
    expect(answersRequestType('SalesReceiptAdd', 'SalesReceiptAddRs')).toBe(false);
  });
});

describe('readSentMessage', () => {
  it('reads onError, the message set id and every request in order', () => {
    const xml = buildRequestMessage({
      requests: ALL.map((request, i) => ({ requestId: `req-${i}`, request })),
      onError: 'continueOnError',
      newMessageSetId: 'MS-1',
    });
    const message = readSentMessage(xml);
    expect(message.onError).toBe('continueOnError');
    expect(message.newMessageSetId).toBe('MS-1');
    expect(message.oldMessageSetId).toBeUndefined();
    expect(message.requests).toEqual(ALL.map((request, i) => ({ requestId: `req-${i}`, type: request.type })));
    expect(readSentMessage(buildRequestMessage({ requests: [{ requestId: '1', request: ALL[0]! }], onError: 'stopOnError' })).onError).toBe('stopOnError');
  });

  it('reads a recovery status check: no requests, old = new message set id', () => {
    expect(readSentMessage(buildRecoveryStatusMessage('MS-9'))).toEqual({
      onError: 'continueOnError',
      newMessageSetId: 'MS-9',
      oldMessageSetId: 'MS-9',
      requests: [],
    });
  });

  it('treats a message without onError as stopOnError (the qbXML default) and refuses what is not a request message', () => {
    expect(readSentMessage('<?xml version="1.0"?><QBXML><QBXMLMsgsRq><VendorQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>').onError).toBe('stopOnError');
    expect(() => readSentMessage('<QBXML><QBXMLMsgsRs/></QBXML>')).toThrow(/QBXMLMsgsRq/);
  });
});

describe('matchResponses', () => {
  it('pairs every answer of every request type, in any order', () => {
    const message = { onError: 'continueOnError' as const, requests: TYPES.map((type, i) => ({ requestId: `r${i}`, type })) };
    const responses = [...message.requests].reverse().map((r) => answer(`${r.type}Rs`, r.requestId));
    const match = matchResponses(message, responses);
    expect(match.mismatches).toEqual([]);
    expect(match.notRun).toEqual([]);
    expect(match.answered.map((a) => [a.request.requestId, a.response.rsType])).toEqual(message.requests.map((r) => [r.requestId, `${r.type}Rs`]));
  });

  it('reads real parsed responses', () => {
    const parsed = parseResponseMessage(
      '<QBXML><QBXMLMsgsRs><VendorAddRs requestID="r1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"/>' +
        '<CustomerAddRs requestID="r2" statusCode="3100" statusSeverity="Error" statusMessage="in use"/></QBXMLMsgsRs></QBXML>',
    );
    expect(matchResponses(sent('continueOnError', 'VendorAdd', 'CustomerAdd'), parsed.responses).mismatches).toEqual([]);
  });

  it('an answer to a requestID that was not sent', () => {
    const match = matchResponses(sent('continueOnError', 'CustomerAdd'), [answer('CustomerAddRs', 'r-other')]);
    expect(match.mismatches).toEqual([
      { problem: 'unknown-request-id', responseElement: 'CustomerAddRs', requestId: 'r-other' },
      { problem: 'missing-answer', requestId: 'r1', sent: 'CustomerAddRq', onError: 'continueOnError' },
    ]);
  });

  it('an answer without a requestID (absent or empty)', () => {
    expect(matchResponses(sent('continueOnError', 'VendorAdd', 'VendorAdd'), [answer('VendorAddRs', undefined), answer('VendorAddRs', '')]).mismatches).toEqual(
      [
        { problem: 'missing-request-id', responseElement: 'VendorAddRs', position: 0 },
        { problem: 'missing-request-id', responseElement: 'VendorAddRs', position: 1 },
        { problem: 'missing-answer', requestId: 'r1', sent: 'VendorAddRq', onError: 'continueOnError' },
        { problem: 'missing-answer', requestId: 'r2', sent: 'VendorAddRq', onError: 'continueOnError' },
      ],
    );
  });

  it('an answer of the wrong type', () => {
    const match = matchResponses(sent('continueOnError', 'CustomerAdd', 'ItemServiceAdd'), [answer('InvoiceAddRs', 'r1'), answer('ItemInventoryAddRs', 'r2')]);
    expect(match.mismatches).toEqual([
      { problem: 'wrong-type', requestId: 'r1', sent: 'CustomerAddRq', expected: 'CustomerAddRs', received: 'InvoiceAddRs' },
      { problem: 'wrong-type', requestId: 'r2', sent: 'ItemServiceAddRq', expected: 'ItemServiceAddRs', received: 'ItemInventoryAddRs' },
    ]);
  });

  it('a requestID answered twice, even with identical answers', () => {
    const match = matchResponses(sent('continueOnError', 'VendorAdd', 'VendorAdd'), [
      answer('VendorAddRs', 'r1'),
      answer('VendorAddRs', 'r1'),
      answer('VendorAddRs', 'r1'),
      answer('VendorAddRs', 'r2'),
    ]);
    expect(match.mismatches).toEqual([{ problem: 'duplicate-request-id', responseElement: 'VendorAddRs', requestId: 'r1' }]);
  });

  it('continueOnError: a missing answer is a protocol error, even after an error answer', () => {
    const match = matchResponses(sent('continueOnError', 'VendorAdd', 'VendorAdd', 'VendorAdd'), [
      answer('VendorAddRs', 'r1', 3100),
      answer('VendorAddRs', 'r3'),
    ]);
    expect(match.mismatches).toEqual([{ problem: 'missing-answer', requestId: 'r2', sent: 'VendorAddRq', onError: 'continueOnError' }]);
    expect(match.notRun).toEqual([]);
  });

  it('continueOnError: an empty answer to a message that had requests is a protocol error', () => {
    expect(matchResponses(sent('continueOnError', 'BillAdd'), []).mismatches).toEqual([
      { problem: 'missing-answer', requestId: 'r1', sent: 'BillAddRq', onError: 'continueOnError' },
    ]);
  });

  it('stopOnError: the requests after an error answer are "not run"', () => {
    const match = matchResponses(sent('stopOnError', 'VendorAdd', 'VendorAdd', 'VendorAdd', 'VendorQuery'), [
      answer('VendorAddRs', 'r1'),
      answer('VendorAddRs', 'r2', 3140),
    ]);
    expect(match.mismatches).toEqual([]);
    expect(match.answered.map((a) => a.request.requestId)).toEqual(['r1', 'r2']);
    expect(match.notRun.map((r) => r.requestId)).toEqual(['r3', 'r4']);
  });

  it('stopOnError: a missing answer with no error before it is a protocol error', () => {
    expect(matchResponses(sent('stopOnError', 'VendorAdd', 'VendorAdd'), [answer('VendorAddRs', 'r1')]).mismatches).toEqual([
      { problem: 'missing-answer', requestId: 'r2', sent: 'VendorAddRq', onError: 'stopOnError' },
    ]);
    expect(matchResponses(sent('stopOnError', 'VendorAdd'), []).mismatches).toEqual([
      { problem: 'missing-answer', requestId: 'r1', sent: 'VendorAddRq', onError: 'stopOnError' },
    ]);
    // A warning is not an error: QuickBooks does not stop on it.
    expect(matchResponses(sent('stopOnError', 'VendorAdd', 'VendorAdd'), [answer('VendorAddRs', 'r1', 530)]).mismatches).toHaveLength(1);
  });

  it('stopOnError: an answer after an unanswered request means QuickBooks did not stop there', () => {
    const match = matchResponses(sent('stopOnError', 'VendorAdd', 'VendorAdd', 'VendorAdd'), [answer('VendorAddRs', 'r1', 3140), answer('VendorAddRs', 'r3')]);
    expect(match.mismatches).toEqual([{ problem: 'missing-answer', requestId: 'r2', sent: 'VendorAddRq', onError: 'stopOnError' }]);
    expect(match.notRun).toEqual([]);
  });

  it('describes every mismatch in a sentence', () => {
    const match = matchResponses(sent('continueOnError', 'CustomerAdd', 'VendorAdd', 'VendorAdd'), [
      answer('InvoiceAddRs', 'r1'),
      answer('VendorAddRs', undefined),
      answer('VendorAddRs', 'r2'),
      answer('VendorAddRs', 'r2'),
      answer('VendorAddRs', 'nope'),
    ]);
    expect(match.mismatches.map(describeMismatch)).toEqual([
      'the CustomerAddRq "r1" was answered by a InvoiceAddRs instead of a CustomerAddRs',
      'answer #2 (VendorAddRs) has no requestID',
      'requestID "r2" is answered more than once',
      'a VendorAddRs answers requestID "nope", which was not sent',
      'the VendorAddRq "r3" has no answer (under continueOnError QuickBooks answers every request)',
    ]);
    expect(describeMismatch({ problem: 'missing-answer', requestId: 'x', sent: 'BillAddRq', onError: 'stopOnError' })).toContain('no error came before it');
  });
});
