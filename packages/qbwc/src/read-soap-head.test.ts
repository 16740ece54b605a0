import { describe, expect, it } from 'vitest';
import { readSoapHead } from './read-soap-head.ts';
import { qbwcCall, qbwcEnvelope, TNS } from './test-support/qbwc-envelopes.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const TICKET = '0123456789abcdef0123456789abcdef';
const BIG = 'x&lt;'.repeat(1000);

const receive = (ticket = TICKET) =>
  qbwcCall('receiveResponseXML', [
    ['ticket', ticket],
    ['response', BIG],
    ['hresult', ''],
    ['message', ''],
  ]);

describe('readSoapHead', () => {
  it('reads the method and ticket of receiveResponseXML before <response> arrives (WSDL: ticket first)', () => {
    const body = receive();
    const cut = body.indexOf('<response>') + 20;
    expect(readSoapHead(body.slice(0, cut))).toEqual({ kind: 'call', soapVersion: '1.1', method: 'receiveResponseXML', known: true, ticket: TICKET });
  });

  it('says incomplete at every cut before the ticket has ended, and the same answer at every cut after', () => {
    const body = receive();
    const ticketEnd = body.indexOf('</ticket>') + '</ticket>'.length;
    for (let cut = 0; cut < ticketEnd; cut += 1) expect(readSoapHead(body.slice(0, cut)).kind).toBe('incomplete');
    for (const cut of [ticketEnd, ticketEnd + 1, body.length]) expect(readSoapHead(body.slice(0, cut))).toMatchObject({ kind: 'call', ticket: TICKET });
  });

  it('decodes the ticket text and CDATA the way the full parse does', () => {
    expect(readSoapHead(qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>a&amp;b&#x41;</ticket></getLastError>`))).toMatchObject({ ticket: 'a&bA' });
    expect(readSoapHead(qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket><![CDATA[a&amp;]]></ticket></getLastError>`))).toMatchObject({ ticket: 'a&amp;' });
    expect(readSoapHead(qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket /></getLastError>`))).toMatchObject({ ticket: '' });
  });

  it('gives no ticket when the first parameter is not <ticket>, or for methods without one', () => {
    const responseFirst = qbwcEnvelope(`<receiveResponseXML xmlns="${TNS}"><response>${BIG}</response><ticket>${TICKET}</ticket></receiveResponseXML>`);
    expect(readSoapHead(responseFirst.slice(0, responseFirst.indexOf('<response>') + 20))).toMatchObject({
      kind: 'call',
      method: 'receiveResponseXML',
      ticket: null,
    });
    expect(
      readSoapHead(
        qbwcCall('authenticate', [
          ['strUserName', 'u'],
          ['strPassword', 'p'],
        ]),
      ),
    ).toMatchObject({ method: 'authenticate', known: true, ticket: null });
    expect(readSoapHead(qbwcEnvelope(`<dropTables xmlns="${TNS}"><ticket>${TICKET}</ticket></dropTables>`))).toMatchObject({
      method: 'dropTables',
      known: false,
      ticket: null,
    });
    expect(readSoapHead(qbwcEnvelope(`<receiveResponseXML xmlns="urn:other"><ticket>${TICKET}</ticket></receiveResponseXML>`))).toMatchObject({
      known: false,
      ticket: null,
    });
    expect(readSoapHead(qbwcEnvelope(`<serverVersion xmlns="${TNS}"/>`))).toMatchObject({ method: 'serverVersion', ticket: null });
  });

  it('reads SOAP 1.2, prefixes, comments and processing instructions', () => {
    const body =
      `\uFEFF<?xml version="1.0"?><!-- c --><e:Envelope xmlns:e="${SOAP12}"><e:Body><?pi x?><q:closeConnection xmlns:q="${TNS}">` +
      `<!-- t --><q:ticket>${TICKET}</q:ticket></q:closeConnection></e:Body></e:Envelope>`;
    expect(readSoapHead(body)).toEqual({ kind: 'call', soapVersion: '1.2', method: 'closeConnection', known: true, ticket: TICKET });
  });

  it('faults on a DTD, a foreign envelope, a non-envelope and markup inside <ticket>', () => {
    expect(readSoapHead('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')).toMatchObject({ kind: 'fault', error: { faultCode: 'Client' } });
    expect(readSoapHead(`<Envelope xmlns="urn:nope"><Body/></Envelope>`)).toMatchObject({ kind: 'fault', error: { faultCode: 'VersionMismatch' } });
    expect(readSoapHead(`<html><body>`)).toMatchObject({ kind: 'fault', error: { faultCode: 'Client' } });
    expect(readSoapHead(qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket><b>x</b></ticket></getLastError>`))).toMatchObject({ kind: 'fault' });
    expect(readSoapHead(`<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><x:y>`)).toMatchObject({ kind: 'fault' });
  });

  it('answers a mustUnderstand header entry with a MustUnderstand fault before the Body (SOAP 1.1 §4.2.3)', () => {
    const body =
      `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header><t:Tx xmlns:t="urn:tx" soap:mustUnderstand="1">5</t:Tx></soap:Header>` +
      `<soap:Body><receiveResponseXML xmlns="${TNS}"><ticket>${TICKET}</ticket><response>${BIG}`;
    const head = readSoapHead(body);
    expect(head).toMatchObject({ kind: 'fault', error: { faultCode: 'MustUnderstand', notUnderstood: [{ ns: 'urn:tx', local: 'Tx' }] } });
    const optional = body.replace('soap:mustUnderstand="1"', 'soap:mustUnderstand="0"');
    expect(readSoapHead(optional)).toMatchObject({ kind: 'call', ticket: TICKET });
  });

  it('stops reading a long ticket (it cannot be one of ours)', () => {
    const head = readSoapHead(receive('a'.repeat(100_000)));
    expect(head.kind).toBe('call');
    expect((head as { ticket: string }).ticket.length).toBeLessThanOrEqual(256);
  });
});

describe('readSoapHead: Content-Type', () => {
  it('refuses a media type no SOAP client sends, as the full parse does, and takes 1.2 from application/soap+xml', () => {
    const body = receive();
    expect(readSoapHead(body, 'application/json')).toMatchObject({
      kind: 'fault',
      error: { faultCode: 'Client', reason: expect.stringMatching(/unsupported Content-Type/) },
    });
    expect(readSoapHead('<x', 'application/soap+xml; charset=utf-8')).toEqual({ kind: 'incomplete' });
    expect(readSoapHead('<html>', 'application/soap+xml')).toMatchObject({ kind: 'fault', error: { soapVersion: '1.2' } });
  });
});
