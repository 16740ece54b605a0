import { afterAll, describe, expect, it } from 'vitest';
import { parseSoapRequest, SoapRequestError } from '@connector/qbwc';
import type { ReceivedResponse } from '@connector/sync/prepare-received-response';
import { createSoapParser } from './parse-soap-off-thread.ts';

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const receive = (response: string) =>
  envelope(
    `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>0123456789abcdef0123456789abcdef</ticket><response>${response}</response><hresult></hresult><message></message></receiveResponseXML>`,
  );

describe('the SOAP body worker (parse-soap-off-thread.ts)', () => {
  const parser = createSoapParser();
  afterAll(async () => parser.close());

  it("parses a body held in a view of a larger buffer (a small Buffer is a view of Node's shared pool), copying it once", async () => {
    const body = envelope('<serverVersion xmlns="http://developer.intuit.com/"/>');
    const pooled = Buffer.from(body);
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const { call } = await parser.parse(pooled, 'text/xml; charset=utf-8', { maxChars: 1024 * 1024 });
    expect(call).toEqual(parseSoapRequest(body, 'text/xml; charset=utf-8'));
    expect(pooled.toString('utf8')).toBe(body); // the pool was copied, not transferred
  });

  it("keeps a parsed answer's text on the worker: the excerpt and length come back, with the answer parsed from the entity-escaped qbXML", async () => {
    const qbxml = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><VendorQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${'<VendorRet><ListID>1</ListID><EditSequence>1</EditSequence><Name>A &amp; B &lt;C&gt;</Name><TimeModified>2026-11-20T09:00:00-05:00</TimeModified></VendorRet>'.repeat(200)}</VendorQueryRs></QBXMLMsgsRs></QBXML>`;
    const escaped = qbxml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const parsed = await parser.parse(Buffer.from(receive(escaped)), 'text/xml; charset=utf-8', { maxChars: 1024 * 1024 });
    expect(parsed.responseChars).toBe(qbxml.length);
    expect(parsed.call.params).toMatchObject({ response: qbxml.slice(0, 16_000), hresult: '' });
    expect(parsed.parsedResponse).toMatchObject({ ok: true });
    const [vendors] = (parsed.parsedResponse!.ok ? parsed.parsedResponse!.value.responses : []) as ReceivedResponse[];
    expect(vendors).toMatchObject({ rsType: 'VendorQueryRs', records: [], preparedListRows: { entries: 200, records: 200 } });
    expect(JSON.parse(vendors!.preparedListRows!.rowsJson)[0]).toMatchObject({ name: 'A & B <C>' });
  });

  it('answers a blank answer with its whole (empty) text and nothing parsed, as receiveResponseXML expects', async () => {
    const parsed = await parser.parse(Buffer.from(receive('')), 'text/xml; charset=utf-8', { maxChars: 1024 * 1024 });
    expect(parsed).toEqual({ call: expect.objectContaining({ method: 'receiveResponseXML' }) });
    expect(parsed.call.params).toMatchObject({ response: '' });
  });

  it('gives malformed input the same SOAP fault as the inline parser', async () => {
    const body = envelope('<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>&lt;QBXML</response>');
    let inline: unknown;
    try {
      parseSoapRequest(body, 'text/xml; charset=utf-8');
    } catch (error) {
      inline = error;
    }
    expect(inline).toBeInstanceOf(SoapRequestError);
    const offThread = await parser.parse(Buffer.from(body), 'text/xml; charset=utf-8', { maxChars: 1024 * 1024 }).catch((error: unknown) => error);
    expect(offThread).toBeInstanceOf(SoapRequestError);
    const { faultCode, reason } = offThread as SoapRequestError;
    expect({ faultCode, reason }).toEqual({ faultCode: (inline as SoapRequestError).faultCode, reason: (inline as SoapRequestError).reason });
  });
});
