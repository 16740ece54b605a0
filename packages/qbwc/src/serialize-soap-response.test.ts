import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildWsdl } from './build-wsdl.ts';
import { parseSoapRequest } from './parse-soap-request.ts';
import { QBWC_METHODS, QBWC_METHOD_NAMES } from './qbwc-methods.ts';
import type { QbwcMethod, QbwcResult } from './qbwc-methods.ts';
import { serializeSoapResponse } from './serialize-soap-response.ts';
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, soapContentType } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';
import { extractBodyPayload, extractWsdlSchema } from './test-support/extract-wsdl-schema.ts';
import { TICKET, TNS, VENDOR_ADD_REQUEST, qbwcCall } from './test-support/qbwc-envelopes.ts';
import { child, readXmlTree } from './test-support/read-xml-tree.ts';
import type { XmlNode } from './test-support/read-xml-tree.ts';
import { REFERENCE_WSDL } from './test-support/reference-files.ts';

/** A typical result per method. */
const SAMPLES: { [M in QbwcMethod]: QbwcResult<M> } = {
  serverVersion: 'Procore x QuickBooks connector 0.1.0',
  clientVersion: 'W:QuickBooks Web Connector 2.1.0.30 is older than we support well.',
  authenticate: [TICKET, '', '', '300'],
  connectionError: 'done',
  sendRequestXML: VENDOR_ADD_REQUEST,
  receiveResponseXML: 42,
  getLastError: "QuickBooks said: \"The name 'O'Brien & Daughters' is already in use.\" <3140>",
  closeConnection: '12 vendors, 3 bills synced; 1 needs attention',
  getInteractiveURL: 'https://app.example.com/interactive?session=abc&step=1',
  interactiveDone: 'Done',
  interactiveRejected: 'Interactive mode was rejected; nothing was changed.',
};

function bodyChild(envelope: string, soapVersion: SoapVersion): XmlNode {
  const root = readXmlTree(envelope);
  expect(root.local).toBe('Envelope');
  expect(root.ns).toBe(soapVersion === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS);
  expect(root.children.map((c) => c.local)).toEqual(['Body']);
  const body = child(root, 'Body');
  expect(body.ns).toBe(root.ns);
  expect(body.children).toHaveLength(1);
  return body.children[0] as XmlNode;
}

describe('serializeSoapResponse: the WSDL response shapes', () => {
  for (const soapVersion of ['1.1', '1.2'] as const) {
    it.each(QBWC_METHOD_NAMES)(`SOAP ${soapVersion}: %s`, (method) => {
      const xml = serializeSoapResponse(method, SAMPLES[method] as never, soapVersion);
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);

      const response = bodyChild(xml, soapVersion);
      expect(response.local).toBe(`${method}Response`);
      expect(response.ns).toBe(TNS);
      expect(response.children.map((c) => `${c.ns}|${c.local}`)).toEqual([`${TNS}|${method}Result`]);
      const result = child(response, `${method}Result`);

      const type = QBWC_METHODS[method].result.type;
      if (type === 'ArrayOfString') {
        expect(result.children.every((c) => c.local === 'string' && c.ns === TNS)).toBe(true);
        expect(result.children.map((c) => c.text)).toEqual(SAMPLES[method]);
      } else if (type === 'int') {
        expect(Number(result.text)).toBe(SAMPLES[method]);
      } else {
        expect(result.children).toHaveLength(0);
        expect(result.text).toBe(SAMPLES[method]);
      }
    });
  }

  it('writes the authenticate result as <string> items in the tns namespace', () => {
    const xml = serializeSoapResponse('authenticate', [TICKET, 'none'], '1.1');
    expect(xml).toContain(
      `<authenticateResponse xmlns="${TNS}"><authenticateResult><string>${TICKET}</string><string>none</string></authenticateResult></authenticateResponse>`,
    );
  });

  it('writes empty strings as empty elements', () => {
    const xml = serializeSoapResponse('sendRequestXML', '', '1.1');
    expect(xml).toContain('<sendRequestXMLResult />');
    expect(child(bodyChild(xml, '1.1'), 'sendRequestXMLResult').text).toBe('');
    expect(serializeSoapResponse('authenticate', ['', ''], '1.1')).toContain('<authenticateResult><string /><string /></authenticateResult>');
    expect(serializeSoapResponse('authenticate', [], '1.1')).toContain('<authenticateResult></authenticateResult>');
  });

  it('escapes the qbXML request once, keeping CRLF and entities intact for QBWC', () => {
    const xml = serializeSoapResponse('sendRequestXML', VENDOR_ADD_REQUEST, '1.1');
    expect(xml).toContain('&lt;?qbxml version="13.0"?&gt;&#xD;\n&lt;QBXML&gt;');
    expect(xml).toContain('O&amp;apos;Brien &amp;amp; Daughters &amp;lt;Electric&amp;gt;');
    expect(child(bodyChild(xml, '1.1'), 'sendRequestXMLResult').text).toBe(VENDOR_ADD_REQUEST);
  });

  it('writes receiveResponseXML results as integers, negative ones included', () => {
    for (const value of [0, 1, 99, 100, -101, 2147483647, -2147483648]) {
      expect(serializeSoapResponse('receiveResponseXML', value, '1.1')).toContain(`<receiveResponseXMLResult>${value}</receiveResponseXMLResult>`);
    }
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2147483648, -2147483649])('refuses receiveResponseXML result %d', (value) => {
    expect(() => serializeSoapResponse('receiveResponseXML', value, '1.1')).toThrow(RangeError);
  });

  it('refuses results of the wrong type at run time (and at compile time)', () => {
    // @ts-expect-error a string is not an int result
    expect(() => serializeSoapResponse('receiveResponseXML', '100', '1.1')).toThrow(RangeError);
    // @ts-expect-error authenticate needs string[]
    expect(() => serializeSoapResponse('authenticate', 'ticket', '1.1')).toThrow(TypeError);
    // @ts-expect-error items must be strings
    expect(() => serializeSoapResponse('authenticate', ['a', 1], '1.1')).toThrow(TypeError);
    // @ts-expect-error closeConnection returns a string
    expect(() => serializeSoapResponse('closeConnection', 3, '1.1')).toThrow(TypeError);
    // @ts-expect-error not a method
    expect(() => serializeSoapResponse('getServerVersion', '1', '1.1')).toThrow(TypeError);
    // @ts-expect-error inherited names are not methods
    expect(() => serializeSoapResponse('toString', '1', '1.1')).toThrow(TypeError);
  });

  it('keeps the envelope well-formed whatever the text holds', () => {
    const xml = serializeSoapResponse('getLastError', 'bad \u0000 byte \uD800 and ]]> and <![CDATA[', '1.1');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(child(bodyChild(xml, '1.1'), 'getLastErrorResult').text).toBe('bad \uFFFD byte \uFFFD and ]]> and <![CDATA[');
  });

  it('defaults to SOAP 1.1', () => {
    expect(serializeSoapResponse('serverVersion', 'x')).toContain(`xmlns:soap="${SOAP11_ENVELOPE_NS}"`);
  });

  it('names the content type per version', () => {
    expect(soapContentType('1.1')).toBe('text/xml; charset=utf-8');
    expect(soapContentType('1.2')).toBe('application/soap+xml; charset=utf-8');
  });
});

describe('serialized responses validate against the WSDL schemas (xmllint)', () => {
  const reference = extractWsdlSchema(readFileSync(REFERENCE_WSDL, 'utf8'));
  const ours = extractWsdlSchema(buildWsdl('https://app.example.com/qbwc', { includeInteractive: true }));

  async function validate(schema: string, documents: readonly { fileName: string; contents: string }[]) {
    const result = await validateXML({ xml: documents, schema: { fileName: 'qbwc.xsd', contents: schema } });
    return result.errors.map((e) => e.rawMessage);
  }

  const payloads = (methods: readonly QbwcMethod[]) =>
    methods.flatMap((method) =>
      (['1.1', '1.2'] as const).map((v) => ({
        fileName: `${method}-${v.replace('.', '')}.xml`,
        contents: extractBodyPayload(serializeSoapResponse(method, SAMPLES[method] as never, v)),
      })),
    );

  it("every WSDL method's response is valid against Intuit's schema", async () => {
    const methods = QBWC_METHOD_NAMES.filter((m) => QBWC_METHODS[m].inWsdl);
    expect(await validate(reference, payloads(methods))).toEqual([]);
  });

  it("every method's response (interactive included) is valid against our schema", async () => {
    expect(await validate(ours, payloads(QBWC_METHOD_NAMES))).toEqual([]);
  });

  it("the request fixtures are valid against Intuit's schema (they are realistic)", async () => {
    const requests = [
      qbwcCall('serverVersion', []),
      qbwcCall('clientVersion', [['strVersion', '2.3.0.20']]),
      qbwcCall('authenticate', [
        ['strUserName', 'u'],
        ['strPassword', 'p'],
      ]),
      qbwcCall('sendRequestXML', [
        ['ticket', TICKET],
        ['strHCPResponse', '<QBXML/>'],
        ['strCompanyFileName', ''],
        ['qbXMLCountry', 'US'],
        ['qbXMLMajorVers', 13],
        ['qbXMLMinorVers', 0],
      ]),
      qbwcCall('receiveResponseXML', [
        ['ticket', TICKET],
        ['response', '<QBXML/>'],
        ['hresult', ''],
        ['message', ''],
      ]),
      qbwcCall('connectionError', [
        ['ticket', TICKET],
        ['hresult', '0x80040401'],
        ['message', 'm'],
      ]),
      qbwcCall('getLastError', [['ticket', TICKET]]),
      qbwcCall('closeConnection', [['ticket', TICKET]]),
    ];
    for (const request of requests) expect(parseSoapRequest(request).method).toBeTruthy();
    const documents = requests.map((contents, i) => ({ fileName: `request-${i}.xml`, contents: extractBodyPayload(contents) }));
    expect(await validate(reference, documents)).toEqual([]);
  });

  it('xmllint does reject a wrong shape (the check has teeth)', async () => {
    const wrong = `<receiveResponseXMLResponse xmlns="${TNS}"><receiveResponseXMLResult>fifty</receiveResponseXMLResult></receiveResponseXMLResponse>`;
    const unqualified = `<authenticateResponse xmlns="${TNS}"><authenticateResult><string xmlns="">a</string></authenticateResult></authenticateResponse>`;
    const errors = await validate(reference, [
      { fileName: 'wrong.xml', contents: wrong },
      { fileName: 'unqualified.xml', contents: unqualified },
    ]);
    expect(errors.some((e) => e.includes('wrong.xml'))).toBe(true);
    expect(errors.some((e) => e.includes('unqualified.xml'))).toBe(true);
  });
});
