import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseSoapRequest } from './parse-soap-request.ts';
import type { QbwcCall } from './parse-soap-request.ts';
import { QBWC_METHOD_NAMES } from './qbwc-methods.ts';
import { SoapRequestError } from './soap-request-error.ts';
import { COMPANY_FILE, HCP_RESPONSE, TICKET, TNS, VENDOR_ADD_RESPONSE, escapeLikeDotNet, qbwcCall, qbwcEnvelope } from './test-support/qbwc-envelopes.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const TEXT_XML = 'text/xml; charset=utf-8';
const SOAP12_TYPE = 'application/soap+xml; charset=utf-8; action="http://developer.intuit.com/authenticate"';

function parseError(body: string, contentType?: string, options?: Parameters<typeof parseSoapRequest>[2]): SoapRequestError {
  try {
    parseSoapRequest(body, contentType, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SoapRequestError);
    return error as SoapRequestError;
  }
  throw new Error('expected a SoapRequestError');
}

// Pathological inputs are refused by counting (depth, attributes, elements, declarations), so the tests check
// the refusal, not the elapsed time: a busy machine is slow, and timing belongs in pnpm bench.

// Every method, with parameters as QBWC 2.3 sends them, and what parseSoapRequest must return.
const CALLS: ReadonlyArray<{
  name: string;
  method: QbwcCall['method'];
  wire: ReadonlyArray<readonly [string, string | number]>;
  params: Record<string, string | number>;
}> = [
  { name: 'serverVersion', method: 'serverVersion', wire: [], params: {} },
  { name: 'clientVersion', method: 'clientVersion', wire: [['strVersion', '2.3.0.20']], params: { strVersion: '2.3.0.20' } },
  {
    name: 'authenticate',
    method: 'authenticate',
    wire: [
      ['strUserName', 'procore-acme'],
      ['strPassword', 'p<a>ss&"word\''],
    ],
    params: { strUserName: 'procore-acme', strPassword: 'p<a>ss&"word\'' },
  },
  {
    name: 'sendRequestXML (first, with HCP response)',
    method: 'sendRequestXML',
    wire: [
      ['ticket', TICKET],
      ['strHCPResponse', HCP_RESPONSE],
      ['strCompanyFileName', COMPANY_FILE],
      ['qbXMLCountry', 'US'],
      ['qbXMLMajorVers', 16],
      ['qbXMLMinorVers', 0],
    ],
    params: {
      ticket: TICKET,
      strHCPResponse: HCP_RESPONSE,
      strCompanyFileName: COMPANY_FILE,
      qbXMLCountry: 'US',
      qbXMLMajorVers: 16,
      qbXMLMinorVers: 0,
    },
  },
  {
    name: 'sendRequestXML (later, empty HCP)',
    method: 'sendRequestXML',
    wire: [
      ['ticket', TICKET],
      ['strHCPResponse', ''],
      ['strCompanyFileName', COMPANY_FILE],
      ['qbXMLCountry', 'CA'],
      ['qbXMLMajorVers', 13],
      ['qbXMLMinorVers', 0],
    ],
    params: {
      ticket: TICKET,
      strHCPResponse: '',
      strCompanyFileName: COMPANY_FILE,
      qbXMLCountry: 'CA',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    },
  },
  {
    name: 'receiveResponseXML (response)',
    method: 'receiveResponseXML',
    wire: [
      ['ticket', TICKET],
      ['response', VENDOR_ADD_RESPONSE],
      ['hresult', ''],
      ['message', ''],
    ],
    params: { ticket: TICKET, response: VENDOR_ADD_RESPONSE, hresult: '', message: '' },
  },
  {
    name: 'receiveResponseXML (request processor error)',
    method: 'receiveResponseXML',
    wire: [
      ['ticket', TICKET],
      ['response', ''],
      ['hresult', '0x80040400'],
      ['message', 'QuickBooks found an error when parsing the provided XML text stream.'],
    ],
    params: {
      ticket: TICKET,
      response: '',
      hresult: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    },
  },
  {
    name: 'connectionError',
    method: 'connectionError',
    wire: [
      ['ticket', TICKET],
      ['hresult', '0x80040401'],
      ['message', 'Could not access QuickBooks.'],
    ],
    params: { ticket: TICKET, hresult: '0x80040401', message: 'Could not access QuickBooks.' },
  },
  { name: 'getLastError', method: 'getLastError', wire: [['ticket', TICKET]], params: { ticket: TICKET } },
  { name: 'closeConnection', method: 'closeConnection', wire: [['ticket', TICKET]], params: { ticket: TICKET } },
  {
    name: 'getInteractiveURL',
    method: 'getInteractiveURL',
    wire: [
      ['wcTicket', TICKET],
      ['sessionID', 'session-7'],
    ],
    params: { wcTicket: TICKET, sessionID: 'session-7' },
  },
  { name: 'interactiveDone', method: 'interactiveDone', wire: [['wcTicket', TICKET]], params: { wcTicket: TICKET } },
  {
    name: 'interactiveRejected',
    method: 'interactiveRejected',
    wire: [
      ['wcTicket', TICKET],
      ['reason', 'User rejected the interactive session'],
    ],
    params: { wcTicket: TICKET, reason: 'User rejected the interactive session' },
  },
];

describe('parseSoapRequest: every method as QBWC sends it', () => {
  it('covers every method in the table', () => {
    expect(new Set(CALLS.map((c) => c.method))).toEqual(new Set(QBWC_METHOD_NAMES));
  });

  it.each(CALLS)('SOAP 1.1: $name', ({ method, wire, params }) => {
    const call = parseSoapRequest(qbwcCall(method, wire), TEXT_XML);
    expect(call).toEqual({ method, soapVersion: '1.1', params });
  });

  it.each(CALLS)('SOAP 1.2: $name', ({ method, wire, params }) => {
    const call = parseSoapRequest(qbwcCall(method, wire, '1.2'), SOAP12_TYPE);
    expect(call).toEqual({ method, soapVersion: '1.2', params });
  });

  it('takes the SOAP version from the Envelope, not the Content-Type', () => {
    expect(parseSoapRequest(qbwcCall('getLastError', [['ticket', 't']], '1.2'), TEXT_XML).soapVersion).toBe('1.2');
    expect(parseSoapRequest(qbwcCall('getLastError', [['ticket', 't']]), SOAP12_TYPE).soapVersion).toBe('1.1');
    expect(parseSoapRequest(qbwcCall('getLastError', [['ticket', 't']]), undefined).soapVersion).toBe('1.1');
    expect(parseSoapRequest(qbwcCall('getLastError', [['ticket', 't']]), 'application/xml').soapVersion).toBe('1.1');
    expect(parseSoapRequest(qbwcCall('getLastError', [['ticket', 't']]), 'TEXT/XML').method).toBe('getLastError');
  });

  it('narrows params by method (type level)', () => {
    const call = parseSoapRequest(qbwcCall('sendRequestXML', CALLS[3]!.wire), TEXT_XML);
    if (call.method === 'sendRequestXML') {
      expectTypeOf(call.params.qbXMLMajorVers).toEqualTypeOf<number>();
      expectTypeOf(call.params.strHCPResponse).toEqualTypeOf<string>();
    }
    if (call.method === 'authenticate') {
      expectTypeOf(call.params).toEqualTypeOf<{ strUserName: string; strPassword: string }>();
    }
    if (call.method === 'interactiveRejected') {
      expectTypeOf(call.params).toEqualTypeOf<{ wcTicket: string; reason: string }>();
    }
  });
});

describe('parseSoapRequest: the qbXML text is unescaped exactly once', () => {
  it('keeps entities that were escaped twice as entities', () => {
    const call = parseSoapRequest(qbwcCall('receiveResponseXML', CALLS[5]!.wire), TEXT_XML);
    if (call.method !== 'receiveResponseXML') throw new Error('wrong method');
    expect(call.params.response).toContain('<Name>O&apos;Brien &amp; Daughters &lt;Electric&gt;</Name>');
    expect(call.params.response).toContain('<Notes>&amp;lt; stays escaped once</Notes>');
    expect(call.params.response).toContain('Crème Brûlée Drywall — 東京');
    expect(call.params.response).toBe(VENDOR_ADD_RESPONSE);
  });

  it('keeps CR sent as &#xD; and normalises literal CRLF to LF (XML 1.0 §2.11)', () => {
    const literal = qbwcEnvelope(
      `<receiveResponseXML xmlns="${TNS}"><ticket>t</ticket><response>&lt;A&gt;\r\n&lt;/A&gt;&#xD;&#xA;x\ry</response></receiveResponseXML>`,
    );
    const call = parseSoapRequest(literal, TEXT_XML);
    expect(call.params).toMatchObject({ response: '<A>\n</A>\r\nx\ny' });
  });

  it('decodes decimal and hex character references and the five predefined entities', () => {
    const body = qbwcEnvelope(
      `<clientVersion xmlns="${TNS}"><strVersion>&#50;&#x2E;3&#46;0.20 &lt;&gt;&amp;&quot;&apos; &#x1F600;</strVersion></clientVersion>`,
    );
    expect(parseSoapRequest(body).params).toEqual({ strVersion: '2.3.0.20 <>&"\' 😀' });
  });

  it('takes CDATA literally, alone or mixed with text', () => {
    const cdata = qbwcEnvelope(
      `<receiveResponseXML xmlns="${TNS}"><ticket>t</ticket><response><![CDATA[<QBXML><Name>A &amp; B</Name></QBXML>]]></response></receiveResponseXML>`,
    );
    expect(parseSoapRequest(cdata).params).toMatchObject({ response: '<QBXML><Name>A &amp; B</Name></QBXML>' });

    const mixed = qbwcEnvelope(
      `<receiveResponseXML xmlns="${TNS}"><ticket>t</ticket><response>&lt;a&gt;<![CDATA[<b>&lt;</b>]]>&lt;/a&gt;</response></receiveResponseXML>`,
    );
    expect(parseSoapRequest(mixed).params).toMatchObject({ response: '<a><b>&lt;</b></a>' });
  });

  it('keeps leading and trailing whitespace in strings', () => {
    const body = qbwcCall('authenticate', [
      ['strUserName', '  spaced user  '],
      ['strPassword', '\tpw\n'],
    ]);
    expect(parseSoapRequest(body).params).toEqual({ strUserName: '  spaced user  ', strPassword: '\tpw\n' });
  });

  it('parses a 1 MB+ escaped response exactly and quickly', () => {
    const line = '<ItemServiceRet><ListID>8000-1</ListID><Name>Concrete &amp; Rebar "A" &lt;1&gt;</Name></ItemServiceRet>\r\n';
    const response = `<?xml version="1.0" ?>\r\n<QBXML><QBXMLMsgsRs><ItemServiceQueryRs>${line.repeat(40_000)}</ItemServiceQueryRs></QBXMLMsgsRs></QBXML>`;
    expect(response.length).toBeGreaterThan(4_000_000);
    const body = qbwcCall('receiveResponseXML', [
      ['ticket', TICKET],
      ['response', response],
      ['hresult', ''],
      ['message', ''],
    ]);
    const value = parseSoapRequest(body, TEXT_XML);
    expect(value.params).toMatchObject({ response });
  });
});

describe('parseSoapRequest: envelope and namespace spellings', () => {
  const AUTH = { strUserName: 'u', strPassword: 'p' };

  it.each([
    ['soap:', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body>%</soap:Body></soap:Envelope>`],
    ['SOAP-ENV:', `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP11}"><SOAP-ENV:Header/><SOAP-ENV:Body>%</SOAP-ENV:Body></SOAP-ENV:Envelope>`],
    ['s:', `<s:Envelope xmlns:s="${SOAP11}"><s:Body>%</s:Body></s:Envelope>`],
    ['env: (1.2)', `<env:Envelope xmlns:env="${SOAP12}"><env:Body>%</env:Body></env:Envelope>`],
    ['default namespace', `<Envelope xmlns="${SOAP11}"><Body>%</Body></Envelope>`],
    ['prefix declared on Body', `<e:Envelope xmlns:e="${SOAP11}"><e:Body xmlns:q="${TNS}">%</e:Body></e:Envelope>`],
  ])('envelope prefix %s', (_name, template) => {
    const body = template.replace('%', `<authenticate xmlns="${TNS}"><strUserName>u</strUserName><strPassword>p</strPassword></authenticate>`);
    expect(parseSoapRequest(body).params).toEqual(AUTH);
  });

  it.each([
    [
      'prefixed method and parameters',
      `<tns:authenticate xmlns:tns="${TNS}"><tns:strUserName>u</tns:strUserName><tns:strPassword>p</tns:strPassword></tns:authenticate>`,
    ],
    [
      'prefixed method, unqualified parameters',
      `<tns:authenticate xmlns:tns="${TNS}"><strUserName>u</strUserName><strPassword>p</strPassword></tns:authenticate>`,
    ],
    ['prefix declared on the Envelope', `<ns1:authenticate><ns1:strUserName>u</ns1:strUserName><ns1:strPassword>p</ns1:strPassword></ns1:authenticate>`],
    ['parameters in reverse order', `<authenticate xmlns="${TNS}"><strPassword>p</strPassword><strUserName>u</strUserName></authenticate>`],
  ])('%s', (_name, method) => {
    const body = `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:ns1="${TNS}"><soap:Body>${method}</soap:Body></soap:Envelope>`;
    expect(parseSoapRequest(body)).toEqual({ method: 'authenticate', soapVersion: '1.1', params: AUTH });
  });

  it('tolerates a BOM, whitespace, comments, processing instructions and a SOAP Header', () => {
    const body =
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- from QBWC -->\n' +
      `<soap:Envelope xmlns:soap="${SOAP11}">\n  <soap:Header><x:Trace xmlns:x="urn:trace">abc</x:Trace></soap:Header>\n` +
      `  <soap:Body>\n    <?pi ignored?>\n    <!-- the call -->\n    <closeConnection xmlns="${TNS}">\n      <ticket>${TICKET}</ticket>\n    </closeConnection>\n  </soap:Body>\n</soap:Envelope>\n`;
    expect(parseSoapRequest(body, TEXT_XML)).toEqual({ method: 'closeConnection', soapVersion: '1.1', params: { ticket: TICKET } });
  });

  it('reads missing, empty and xsi:nil string parameters as empty strings', () => {
    const body = qbwcEnvelope(`<receiveResponseXML xmlns="${TNS}"><ticket>t</ticket><response xsi:nil="true" /><hresult></hresult></receiveResponseXML>`);
    expect(parseSoapRequest(body).params).toEqual({ ticket: 't', response: '', hresult: '', message: '' });
    expect(parseSoapRequest(qbwcEnvelope(`<authenticate xmlns="${TNS}" />`)).params).toEqual({ strUserName: '', strPassword: '' });
    expect(parseSoapRequest(qbwcEnvelope(`<clientVersion xmlns="${TNS}"></clientVersion>`)).params).toEqual({ strVersion: '' });
  });

  it('accepts an empty ticket element (the caller decides whether the ticket is valid)', () => {
    expect(parseSoapRequest(qbwcCall('getLastError', [['ticket', '']])).params).toEqual({ ticket: '' });
  });

  it('ignores unknown parameters and parameters in other namespaces', () => {
    const body = qbwcEnvelope(
      `<getLastError xmlns="${TNS}"><extra>1</extra><x:ticket xmlns:x="urn:other">wrong</x:ticket><ticket>right</ticket></getLastError>`,
    );
    expect(parseSoapRequest(body).params).toEqual({ ticket: 'right' });
  });

  it('ignores attributes it does not know', () => {
    const body = qbwcEnvelope(`<getLastError xmlns="${TNS}" id="1"><ticket a="b" xsi:type="xsd:string">t</ticket></getLastError>`);
    expect(parseSoapRequest(body).params).toEqual({ ticket: 't' });
  });

  it('ignores a serverVersion ticket (guide p.74 getServerVersion(ticket); the WSDL has none)', () => {
    expect(parseSoapRequest(qbwcCall('serverVersion', [['ticket', TICKET]]))).toEqual({
      method: 'serverVersion',
      soapVersion: '1.1',
      params: {},
    });
  });

  it.each([
    [' 13 ', 13],
    ['+13', 13],
    ['-1', -1],
    ['0', 0],
    ['007', 7],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
  ])('reads xs:int %j as %d', (wire, expected) => {
    const body = qbwcEnvelope(
      `<sendRequestXML xmlns="${TNS}"><ticket>t</ticket><qbXMLMajorVers>${wire}</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers></sendRequestXML>`,
    );
    expect(parseSoapRequest(body).params).toMatchObject({ qbXMLMajorVers: expected, qbXMLMinorVers: 0 });
  });
});

describe('parseSoapRequest: refusals', () => {
  const okMethod = `<getLastError xmlns="${TNS}"><ticket>t</ticket></getLastError>`;

  it.each([
    ['empty body', '', /empty/],
    ['whitespace body', '  \n ', /empty/],
    ['not XML', 'hello world', /malformed XML/],
    ['JSON', '{"method":"authenticate"}', /malformed XML/],
    ['mismatched tags', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body></soap:Envelope>`, /malformed XML/],
    ['truncated', qbwcEnvelope(okMethod).slice(0, 150), /malformed XML/],
    ['unterminated start tag', `<soap:Envelope xmlns:soap="${SOAP11}"`, /malformed XML/],
    ['unterminated comment', `<a><!-- x</a>`, /malformed XML: unterminated comment/],
    ['unterminated CDATA', `<a><![CDATA[ x</a>`, /malformed XML: unterminated CDATA/],
    ['two root elements', `${qbwcEnvelope(okMethod).replace('<?xml version="1.0" encoding="utf-8"?>', '')}<extra/>`, /exactly one root/],
    ['bare ampersand', qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>a & b</ticket></getLastError>`), /malformed XML/],
    ['undefined entity', qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>a&nbsp;b</ticket></getLastError>`), /undefined entity &nbsp;/],
    ['character reference to NUL', qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>&#0;</ticket></getLastError>`), /not an XML character/],
    ['raw control character', qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>a\u0001b</ticket></getLastError>`), /characters XML 1.0 does not allow/],
    ['undeclared prefix', qbwcEnvelope(`<q:getLastError><q:ticket>t</q:ticket></q:getLastError>`), /prefix 'q' is not declared/],
    ['duplicate attribute', qbwcEnvelope(`<getLastError xmlns="${TNS}" a="1" a="2"><ticket>t</ticket></getLastError>`), /malformed XML/],
  ])('%s → Client', (_name, body, reason) => {
    const error = parseError(body, TEXT_XML);
    expect(error.faultCode).toBe('Client');
    expect(error.reason).toMatch(reason);
  });

  it.each([
    [
      'XXE (external entity)',
      `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>&xxe;</ticket></getLastError>`).replace('<?xml version="1.0" encoding="utf-8"?>', '')}`,
    ],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
    ],
    ['lower-case doctype', `<!doctype html><html/>`],
    ['ENTITY without DOCTYPE', `<a><!ENTITY x "y"></a>`],
    [
      'DOCTYPE hidden in CDATA',
      qbwcEnvelope(`<receiveResponseXML xmlns="${TNS}"><ticket>t</ticket><response><![CDATA[<!DOCTYPE x>]]></response></receiveResponseXML>`),
    ],
    ['ATTLIST', `<!ATTLIST a b CDATA "c"><a/>`],
  ])('%s → refused before parsing', (_name, body) => {
    const error = parseError(body, TEXT_XML);
    expect(error.faultCode).toBe('Client');
    expect(error.reason).toMatch(/declarations are refused/);
  });

  it('not an Envelope → Client', () => {
    const error = parseError(`<authenticate xmlns="${TNS}"><strUserName>u</strUserName></authenticate>`);
    expect(error).toMatchObject({ faultCode: 'Client', reason: expect.stringMatching(/not a SOAP Envelope \(root element is <authenticate>\)/) });
  });

  it.each([
    ['no namespace', `<Envelope><Body>${okMethod}</Body></Envelope>`],
    ['unknown namespace', `<soap:Envelope xmlns:soap="http://example.com/soap"><soap:Body>${okMethod}</soap:Body></soap:Envelope>`],
  ])('Envelope with %s → VersionMismatch', (_name, body) => {
    const error = parseError(body);
    expect(error.faultCode).toBe('VersionMismatch');
    expect(error.reason).toMatch(/neither SOAP 1.1/);
  });

  it('no Body → Client', () => {
    const error = parseError(`<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header/></soap:Envelope>`);
    expect(error).toMatchObject({ faultCode: 'Client', reason: 'the SOAP Envelope has no Body' });
  });

  it('a Body in another namespace is not the Body', () => {
    const error = parseError(`<soap:Envelope xmlns:soap="${SOAP11}"><Body>${okMethod}</Body></soap:Envelope>`);
    expect(error.reason).toBe('the SOAP Envelope has no Body');
  });

  it('empty Body → Client', () => {
    expect(parseError(qbwcEnvelope('')).reason).toMatch(/Body is empty/);
    expect(parseError(qbwcEnvelope('  <!-- nothing -->  ')).reason).toMatch(/Body is empty/);
  });

  it('text in Body → Client', () => {
    expect(parseError(qbwcEnvelope(`hello${okMethod}`)).reason).toMatch(/holds text/);
  });

  it('unknown method → Client naming it', () => {
    const error = parseError(qbwcEnvelope(`<getServerVersion xmlns="${TNS}"><ticket>t</ticket></getServerVersion>`));
    expect(error).toMatchObject({ faultCode: 'Client', method: 'getServerVersion', reason: "unknown method 'getServerVersion'" });
  });

  it('clips a very long method name in the fault text', () => {
    const error = parseError(qbwcEnvelope(`<${'m'.repeat(10_000)} xmlns="${TNS}"/>`));
    expect(error.reason.length).toBeLessThan(200);
    expect(error.method?.length).toBeLessThan(100);
  });

  it('names inherited from Object.prototype are not methods (and cannot pollute prototypes)', () => {
    for (const name of ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty']) {
      const error = parseError(qbwcEnvelope(`<${name} xmlns="${TNS}"><ticket>t</ticket></${name}>`));
      expect(error.faultCode).toBe('Client');
      expect(error.reason).toContain(name);
    }
    expect(({} as Record<string, unknown>)['ticket']).toBeUndefined();
  });

  it.each([
    ['another namespace', `<authenticate xmlns="http://example.com/"><strUserName>u</strUserName></authenticate>`, /namespace 'http:\/\/example.com\/'/],
    ['no namespace', `<authenticate><strUserName>u</strUserName></authenticate>`, /namespace ''/],
    ['https variant', `<authenticate xmlns="https://developer.intuit.com/"/>`, /expected http:\/\/developer.intuit.com\//],
    ['missing trailing slash', `<authenticate xmlns="http://developer.intuit.com"/>`, /expected http:\/\/developer.intuit.com\//],
  ])('method in %s → Client', (_name, method, reason) => {
    const error = parseError(qbwcEnvelope(method));
    expect(error).toMatchObject({ faultCode: 'Client', method: 'authenticate' });
    expect(error.reason).toMatch(reason);
  });

  it.each([
    ['connectionError', 'ticket', `<hresult>0x80040401</hresult>`],
    ['sendRequestXML', 'ticket', `<qbXMLMajorVers>13</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers>`],
    ['receiveResponseXML', 'ticket', `<response>x</response>`],
    ['getLastError', 'ticket', ''],
    ['closeConnection', 'ticket', ''],
    ['getInteractiveURL', 'wcTicket', `<sessionID>s</sessionID>`],
    ['interactiveDone', 'wcTicket', ''],
    ['interactiveRejected', 'wcTicket', `<reason>r</reason>`],
  ])('%s without <%s> → Client', (method, ticketName, rest) => {
    const error = parseError(qbwcEnvelope(`<${method} xmlns="${TNS}">${rest}</${method}>`));
    expect(error).toMatchObject({ faultCode: 'Client', method, reason: `${method} requires a <${ticketName}> element` });
  });

  it('interactive methods need wcTicket, not ticket (guide p.71 signature)', () => {
    expect(parseError(qbwcCall('interactiveDone', [['ticket', TICKET]])).reason).toBe('interactiveDone requires a <wcTicket> element');
  });

  it('a parameter holding elements (unescaped qbXML) → Client', () => {
    const body = qbwcEnvelope(`<receiveResponseXML xmlns="${TNS}"><ticket>t</ticket><response><QBXML/></response></receiveResponseXML>`);
    expect(parseError(body)).toMatchObject({ method: 'receiveResponseXML', reason: '<response> must hold text (escaped XML), not child elements' });
  });

  it('a repeated parameter → Client', () => {
    expect(parseError(qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>a</ticket><ticket>b</ticket></getLastError>`)).reason).toBe(
      '<ticket> appears more than once in getLastError',
    );
  });

  it.each([
    ['missing', `<ticket>t</ticket><qbXMLMinorVers>0</qbXMLMinorVers>`, /requires <qbXMLMajorVers>/],
    ['nil', `<ticket>t</ticket><qbXMLMajorVers xsi:nil="true"/><qbXMLMinorVers>0</qbXMLMinorVers>`, /requires <qbXMLMajorVers>/],
    ['decimal', `<ticket>t</ticket><qbXMLMajorVers>13.0</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers>`, /must be an xs:int, got '13.0'/],
    ['text', `<ticket>t</ticket><qbXMLMajorVers>thirteen</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers>`, /xs:int/],
    ['empty', `<ticket>t</ticket><qbXMLMajorVers/><qbXMLMinorVers>0</qbXMLMinorVers>`, /xs:int, got ''/],
    ['too large', `<ticket>t</ticket><qbXMLMajorVers>2147483648</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers>`, /xs:int/],
  ])('sendRequestXML with %s qbXMLMajorVers → Client', (_name, inner, reason) => {
    const error = parseError(qbwcEnvelope(`<sendRequestXML xmlns="${TNS}">${inner}</sendRequestXML>`));
    expect(error).toMatchObject({ faultCode: 'Client', method: 'sendRequestXML' });
    expect(error.reason).toMatch(reason);
  });

  it('unsupported Content-Type → Client', () => {
    expect(parseError(qbwcEnvelope(okMethod), 'application/json').reason).toMatch(/unsupported Content-Type 'application\/json'/);
  });

  it('reports the best-known SOAP version on errors', () => {
    expect(parseError('garbage', SOAP12_TYPE).soapVersion).toBe('1.2');
    expect(parseError('garbage', TEXT_XML).soapVersion).toBe('1.1');
    expect(parseError('garbage').soapVersion).toBe('1.1');
    expect(parseError(qbwcEnvelope(`<nope xmlns="${TNS}"/>`, '1.2'), TEXT_XML).soapVersion).toBe('1.2');
  });
});

describe('parseSoapRequest: pathological input is refused quickly', () => {
  it('deep nesting', () => {
    const depth = 200_000;
    const body = `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    const error = parseError(body);
    expect(error.reason).toMatch(/nested deeper than 32 levels/);
  });

  it('deep nesting inside a parameter', () => {
    const body = qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>${'<b>'.repeat(50)}${'</b>'.repeat(50)}</ticket></getLastError>`);
    expect(parseError(body).reason).toMatch(/nested deeper/);
  });

  it('huge attribute count', () => {
    const attributes = Array.from({ length: 100_000 }, (_, i) => ` a${i}="${i}"`).join('');
    const body = qbwcEnvelope(`<getLastError xmlns="${TNS}"${attributes}><ticket>t</ticket></getLastError>`);
    const error = parseError(body);
    expect(error.reason).toMatch(/more than 64 attributes/);
  });

  it('huge element count', () => {
    const body = qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>t</ticket>${'<x/>'.repeat(500_000)}</getLastError>`);
    const error = parseError(body);
    expect(error.reason).toMatch(/more than 2000 elements/);
  });

  it('a body over the size limit', () => {
    const body = qbwcCall('getLastError', [['ticket', 'x'.repeat(2000)]]);
    expect(parseError(body, TEXT_XML, { limits: { maxChars: 1000 } }).reason).toMatch(/longer than 1000 characters/);
  });

  it('limits can be tightened per call', () => {
    const body = qbwcCall('getLastError', [['ticket', 't']]);
    expect(parseError(body, TEXT_XML, { limits: { maxDepth: 3 } }).reason).toMatch(/nested deeper than 3 levels/);
    expect(parseSoapRequest(body, TEXT_XML, { limits: { maxDepth: 4 } }).method).toBe('getLastError');
  });

  it('many character references are decoded in linear time', () => {
    const ticket = '&amp;'.repeat(500_000);
    const value = parseSoapRequest(qbwcEnvelope(`<getLastError xmlns="${TNS}"><ticket>${ticket}</ticket></getLastError>`));
    expect(value.params).toEqual({ ticket: '&'.repeat(500_000) });
  });

  it('a very long attribute value does not hang the scan', () => {
    const body = qbwcEnvelope(`<getLastError xmlns="${TNS}" a="${'x'.repeat(2_000_000)}"><ticket>t</ticket></getLastError>`);
    const value = parseSoapRequest(body);
    expect(value.params).toEqual({ ticket: 't' });
  });

  it('an unclosed quote does not hang the scan', () => {
    const error = parseError(`<a b="${'x'.repeat(1_000_000)}`);
    expect(error.reason).toMatch(/malformed XML/);
  });
});

describe('parseSoapRequest: escapeLikeDotNet fixture sanity', () => {
  it('escapes the way the parser expects', () => {
    expect(escapeLikeDotNet('<a>&\r\n')).toBe('&lt;a&gt;&amp;&#xD;\n');
  });
});

describe('parseSoapRequest: mustUnderstand headers (SOAP 1.1 §4.2.3, SOAP 1.2 Part 1 §5.4.8)', () => {
  const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
  const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
  const call = `<closeConnection xmlns="${TNS}"><ticket>${TICKET}</ticket></closeConnection>`;

  it('faults MustUnderstand on a SOAP 1.1 header entry with mustUnderstand="1" instead of ignoring it', () => {
    const body = `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header><s:Security xmlns:s="urn:sec" soap:mustUnderstand="1"/></soap:Header><soap:Body>${call}</soap:Body></soap:Envelope>`;
    const error = parseError(body, TEXT_XML);
    expect(error.faultCode).toBe('MustUnderstand');
    expect(error.soapVersion).toBe('1.1');
    expect(error.notUnderstood).toEqual([{ ns: 'urn:sec', local: 'Security' }]);
    expect(error.reason).toMatch(/\{urn:sec\}Security.*mustUnderstand/);
  });

  it('faults MustUnderstand on a SOAP 1.2 header block with mustUnderstand="true"', () => {
    const body = `<e:Envelope xmlns:e="${SOAP12_NS}"><e:Header><s:Security xmlns:s="urn:sec" e:mustUnderstand="true"/></e:Header><e:Body>${call}</e:Body></e:Envelope>`;
    const error = parseError(body, SOAP12_TYPE);
    expect(error.faultCode).toBe('MustUnderstand');
    expect(error.soapVersion).toBe('1.2');
  });

  it('still ignores optional headers and those for another actor', () => {
    const optional = `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header><s:T xmlns:s="urn:t" soap:mustUnderstand="0"/><s:U xmlns:s="urn:t" soap:mustUnderstand="1" soap:actor="urn:proxy"/></soap:Header><soap:Body>${call}</soap:Body></soap:Envelope>`;
    expect(parseSoapRequest(optional, TEXT_XML).method).toBe('closeConnection');
  });
});
