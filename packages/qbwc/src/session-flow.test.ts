import { describe, expect, it } from 'vitest';
import {
  buildAuthenticateResult,
  checkClientVersion,
  parseSoapRequest,
  progressPercent,
  readAuthenticateResult,
  serializeSoapFault,
  serializeSoapResponse,
  SoapRequestError,
  startSession,
  summarizeSession,
  transition,
} from './index.ts';
import type { QbwcCall, SessionEvent, SessionState } from './index.ts';
import { HCP_RESPONSE, TICKET, VENDOR_ADD_REQUEST, VENDOR_ADD_RESPONSE, qbwcCall } from './test-support/qbwc-envelopes.ts';
import { child, readXmlTree } from './test-support/read-xml-tree.ts';

/**
 * A whole QBWC conversation through the public API, the way the /qbwc route will use it:
 * parse → decide (pure helpers + state machine) → serialize. Two queued requests.
 */
describe('a QBWC session end to end', () => {
  it('runs serverVersion → clientVersion → authenticate → 2× send/receive → closeConnection', () => {
    const queue = [VENDOR_ADD_REQUEST, VENDOR_ADD_REQUEST.replace(/vendor-42/g, 'vendor-43')];
    let sent = 0;
    let done = 0;
    let state: SessionState | undefined;
    const step = (event: SessionEvent) => {
      const t = transition(state as SessionState, event);
      if ('error' in t) throw new Error(t.error);
      state = t.next;
    };

    const handle = (call: QbwcCall): string => {
      switch (call.method) {
        case 'serverVersion':
          return serializeSoapResponse(call.method, 'connector 0.1.0', call.soapVersion);
        case 'clientVersion':
          return serializeSoapResponse(call.method, checkClientVersion(call.params.strVersion).result, call.soapVersion);
        case 'authenticate':
          state = startSession();
          return serializeSoapResponse(call.method, buildAuthenticateResult({ ticket: TICKET, outcome: 'companyFile' }), call.soapVersion);
        case 'sendRequestXML': {
          step('sendRequest');
          expect(call.params.ticket).toBe(TICKET);
          const request = queue[sent] ?? '';
          sent += 1;
          return serializeSoapResponse(call.method, request, call.soapVersion);
        }
        case 'receiveResponseXML':
          step(call.params.hresult === '' ? 'receiveResponse' : 'receiveError');
          expect(call.params.response).toBe(VENDOR_ADD_RESPONSE);
          done += 1;
          return serializeSoapResponse(call.method, progressPercent(done, queue.length, done < queue.length), call.soapVersion);
        case 'closeConnection':
          step('close');
          return serializeSoapResponse(call.method, summarizeSession({ requestsDone: done, requestsFailed: 0, byKind: { vendor: done } }), call.soapVersion);
        default:
          throw new Error(`unexpected ${call.method}`);
      }
    };
    const result = (xml: string) =>
      child(readXmlTree(xml).children[0]!.children[0]!, `${readXmlTree(xml).children[0]!.children[0]!.local.replace(/Response$/, '')}Result`);
    const send = (body: string) => result(handle(parseSoapRequest(body, 'text/xml; charset=utf-8')));

    expect(send(qbwcCall('serverVersion', [])).text).toBe('connector 0.1.0');
    expect(send(qbwcCall('clientVersion', [['strVersion', '2.3.0.20']])).text).toBe('');
    const auth = send(
      qbwcCall('authenticate', [
        ['strUserName', 'acme'],
        ['strPassword', 'secret'],
      ]),
    );
    expect(readAuthenticateResult(auth.children.map((c) => c.text))).toEqual({ ticket: TICKET, outcome: 'companyFile', companyFile: '' });

    const common = [
      ['strCompanyFileName', 'C:\\Acme.QBW'],
      ['qbXMLCountry', 'US'],
      ['qbXMLMajorVers', 16],
      ['qbXMLMinorVers', 0],
    ] as const;
    expect(send(qbwcCall('sendRequestXML', [['ticket', TICKET], ['strHCPResponse', HCP_RESPONSE], ...common])).text).toBe(queue[0]);
    const receive = () =>
      send(
        qbwcCall('receiveResponseXML', [
          ['ticket', TICKET],
          ['response', VENDOR_ADD_RESPONSE],
          ['hresult', ''],
          ['message', ''],
        ]),
      );
    expect(receive().text).toBe('50');
    expect(send(qbwcCall('sendRequestXML', [['ticket', TICKET], ['strHCPResponse', ''], ...common])).text).toBe(queue[1]);
    expect(receive().text).toBe('100');
    expect(send(qbwcCall('closeConnection', [['ticket', TICKET]])).text).toBe('2 vendors synced');
    expect(state?.status).toBe('closed');
  });

  it('answers garbage with a fault in the caller’s SOAP version', () => {
    const answer = (body: string, type: string) => {
      try {
        parseSoapRequest(body, type);
        return '';
      } catch (error) {
        if (!(error instanceof SoapRequestError)) throw error;
        return serializeSoapFault(error);
      }
    };
    expect(answer('<!DOCTYPE x><x/>', 'application/soap+xml')).toContain('<soap12:Value>soap12:Sender</soap12:Value>');
    expect(answer('nope', 'text/xml')).toContain('<faultcode>soap:Client</faultcode>');
  });
});
