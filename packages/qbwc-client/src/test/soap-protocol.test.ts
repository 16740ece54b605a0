import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildSoapRequest } from '../build-soap-request.ts';
import { parseSoapResponse } from '../parse-soap-response.ts';
import { QbwcCallError } from '../qbwc-call-error.ts';
import { QBWC_METHOD_PARAMETERS } from '../qbwc-methods.ts';
import { soapResponse } from './fake-qbwc-server.ts';
import { qbxmlRequest } from './fake-quickbooks-processor.ts';
import { startFixture } from './session-helpers.ts';

const WSDL_PATH = fileURLToPath(new URL('../../../../../shared/reference/QBWebConnectorSvc.wsdl', import.meta.url));

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Each request element's parameter names in its xs:sequence order, read from Intuit's WSDL. */
function readWsdlSequences(): Map<string, string[]> {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
  const document = parser.parse(readFileSync(WSDL_PATH, 'utf8')) as OrderedNode[];
  const children = (node: OrderedNode | undefined, name: string): OrderedNode[] =>
    ((node?.[name] ?? []) as OrderedNode[]).filter((child) => Object.keys(child).some((key) => key !== ':@' && key !== '#text'));
  const find = (nodes: OrderedNode[], name: string): OrderedNode[] => nodes.filter((node) => name in node);
  const definitions = find(document, 'wsdl:definitions')[0];
  const types = find(children(definitions, 'wsdl:definitions'), 'wsdl:types')[0];
  const schema = find(children(types, 'wsdl:types'), 's:schema')[0];
  const sequences = new Map<string, string[]>();
  for (const element of find(children(schema, 's:schema'), 's:element')) {
    const complexType = find(children(element, 's:element'), 's:complexType')[0];
    const sequence = find(children(complexType, 's:complexType'), 's:sequence')[0];
    const names = find(children(sequence, 's:sequence'), 's:element').map((node) => node[':@']?.name ?? '');
    sequences.set(element[':@']?.name ?? '', names);
  }
  return sequences;
}

describe('requests on the wire', () => {
  it.skipIf(!existsSync(WSDL_PATH))('match the WSDL: method element, namespace, parameter order', async () => {
    const sequences = readWsdlSequences();
    expect(sequences.get('sendRequestXML')).toEqual(['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers']);

    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    processor.openError = { hresult: '0x80040401', message: 'Could not access QuickBooks.' };
    processor.openFailures = 1;
    server.handlers.connectionError = () => '';
    const send = server.handlers.sendRequestXML;
    let sends = 0;
    server.handlers.sendRequestXML = (p) => (sends++ === 0 ? '' : send(p));
    server.handlers.getLastError = () => 'NoOp';
    const report = await run();
    expect(report.outcome).toBe('completed');
    // Every method this client can call took part in this session.
    expect(new Set(server.methods())).toEqual(new Set(Object.keys(QBWC_METHOD_PARAMETERS)));

    for (const call of server.calls) {
      expect(call.httpMethod).toBe('POST');
      expect(call.contentType).toBe('text/xml; charset=utf-8');
      expect(call.userAgent).toContain('MS Web Services Client Protocol');
      expect(call.soapAction).toBe(`"http://developer.intuit.com/${call.method}"`);
      expect(call.body.startsWith('<?xml version="1.0" encoding="utf-8"?><soap:Envelope ')).toBe(true);
      expect(call.envelopeName).toBe('soap:Envelope');
      expect(call.envelopeAttributes).toEqual({
        'xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      });
      expect(call.methodNamespace).toBe('http://developer.intuit.com/');
      expect(sequences.has(call.method)).toBe(true);
      expect(call.parameterOrder).toEqual(sequences.get(call.method));
    }
    // And the client's own table agrees with the WSDL for every method.
    for (const [method, parameters] of Object.entries(QBWC_METHOD_PARAMETERS)) {
      expect([...parameters]).toEqual(sequences.get(method));
    }
  });

  it('writes empty strings as <name /> like .NET and escapes qbXML as text', () => {
    const xml = buildSoapRequest('receiveResponseXML', {
      ticket: 't',
      response: '<QBXML a="1">x & y\r\n</QBXML>',
      hresult: '',
      message: '',
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
        '<soap:Body><receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket>' +
        '<response>&lt;QBXML a="1"&gt;x &amp; y&#xD;\n&lt;/QBXML&gt;</response><hresult /><message /></receiveResponseXML>' +
        '</soap:Body></soap:Envelope>',
    );
    expect(buildSoapRequest('serverVersion', {})).toContain('<soap:Body><serverVersion xmlns="http://developer.intuit.com/" /></soap:Body>');
  });

  it('refuses to send characters XML cannot carry', () => {
    expect(() => buildSoapRequest('getLastError', { ticket: 'a\u0001b' })).toThrow(/invalid character/);
  });
});

describe('SOAP faults and broken responses from the service', () => {
  it('a fault on sendRequestXML ends the session with QBWC1041 naming the method and faultstring', async () => {
    const { server, processor, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => ({ fault: 'Object reference not set to an instance of an object.' });
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.errors).toEqual([
      'QBWC1041: sendRequestXML failed due to error message: SOAP fault soap:Server: Object reference not set to an instance of an object.',
    ]);
    expect(report.statusLine).toBe(report.errors[0]);
    expect(server.methods()).not.toContain('closeConnection');
    expect(processor.events.at(-1)).toBe('closeSession');
  });

  it('a fault on authenticate is QBWC1012, on clientVersion QBWC1036', async () => {
    const first = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    first.server.handlers.authenticate = () => ({ fault: 'database is down', faultcode: 'soap:Client' });
    expect((await first.run()).errors[0]).toBe('QBWC1012: authenticate failed due to error message: SOAP fault soap:Client: database is down');
    const second = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    second.server.handlers.clientVersion = () => ({ fault: 'boom' });
    expect((await second.run()).errors[0]).toMatch(/^QBWC1036: clientVersion failed/);
  });

  it('a fault on closeConnection is QBWC1044', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.closeConnection = () => ({ fault: 'session already closed' });
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.errors[0]).toMatch(/^QBWC1044: closeConnection failed .*session already closed/);
  });

  it('a dropped socket is a network failure', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.receiveResponseXML = () => ({ destroySocket: true });
    const report = await run();
    expect(report.outcome).toBe('error');
    expect(report.errors[0]).toMatch(/^QBWC1042: receiveResponseXML failed due to error message: /);
  });

  it('rejects an HTML answer the way .NET does', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.sendRequestXML = () => ({ raw: '<html>oops</html>', contentType: 'text/html', status: 200 });
    const report = await run();
    expect(report.errors[0]).toContain("Client found response content type of 'text/html', but expected 'text/xml'");
  });

  it('rejects a 404', async () => {
    const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    server.handlers.getLastError = () => ({ raw: 'not here', contentType: 'text/plain', status: 404 });
    server.handlers.sendRequestXML = () => '';
    const report = await run();
    expect(report.errors[0]).toMatch(/^QBWC1043: getLastError failed .*HTTP status 404/);
  });

  const breakages: Array<[string, string, RegExp]> = [
    [
      'a result element outside the tns namespace',
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><sendRequestXMLResponse xmlns="http://developer.intuit.com/"><sendRequestXMLResult xmlns="">x</sendRequestXMLResult></sendRequestXMLResponse></soap:Body></soap:Envelope>',
      /namespace '', expected http:\/\/developer.intuit.com\/ \(elementFormDefault="qualified"\)/,
    ],
    [
      'qbXML that is not escaped',
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><sendRequestXMLResponse xmlns="http://developer.intuit.com/"><sendRequestXMLResult><QBXML/></sendRequestXMLResult></sendRequestXMLResponse></soap:Body></soap:Envelope>',
      /contains the element <QBXML>: XML payloads must travel as escaped text/,
    ],
    [
      'a bare ampersand',
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><sendRequestXMLResponse xmlns="http://developer.intuit.com/"><sendRequestXMLResult>A & B</sendRequestXMLResult></sendRequestXMLResponse></soap:Body></soap:Envelope>',
      /not well-formed XML: '&' not starting an entity/,
    ],
    [
      'the wrong response element',
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><receiveResponseXMLResponse xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>',
      /expected <sendRequestXMLResponse>/,
    ],
    [
      'a SOAP 1.2 envelope',
      '<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>',
      /SOAP 1.2 envelope/,
    ],
  ];
  for (const [what, raw, expected] of breakages) {
    it(`reports ${what}`, async () => {
      const { server, run } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
      server.handlers.sendRequestXML = () => ({ raw });
      const report = await run();
      expect(report.outcome).toBe('error');
      expect(report.errors[0]).toMatch(/^QBWC1041: sendRequestXML failed due to error message: /);
      expect(report.errors[0]).toMatch(expected);
    });
  }
});

describe('parseSoapResponse', () => {
  it('reads authenticate string arrays, nil items and unqualified items', () => {
    expect(parseSoapResponse('authenticate', soapResponse('authenticate', ['t', '', '30', '60']))).toEqual(['t', '', '30', '60']);
    const nil = soapResponse('authenticate', ['t']).replace('</authenticateResult>', '<string xsi:nil="true" /></authenticateResult>');
    expect(parseSoapResponse('authenticate', nil)).toEqual(['t', '']);
    const unqualified = soapResponse('authenticate', ['t', 'none']).replace(/<string>/g, '<string xmlns="">');
    expect(() => parseSoapResponse('authenticate', unqualified)).toThrow(/expected <string> in http:\/\/developer.intuit.com\//);
  });

  it('reads prefixed namespaces, CDATA, character references and a SOAP header', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<!-- c --><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:q="http://developer.intuit.com/">' +
      '<S:Header/><S:Body>\r\n<q:sendRequestXMLResponse>\r\n<q:sendRequestXMLResult><![CDATA[<QBXML>&amp;</QBXML>]]>&#xD;&#10;&#x1F600;</q:sendRequestXMLResult></q:sendRequestXMLResponse></S:Body></S:Envelope>';
    expect(parseSoapResponse('sendRequestXML', xml)).toBe('<QBXML>&amp;</QBXML>\r\n😀');
  });

  it('requires an int from receiveResponseXML', () => {
    expect(parseSoapResponse('receiveResponseXML', soapResponse('receiveResponseXML', -101))).toBe(-101);
    expect(parseSoapResponse('receiveResponseXML', soapResponse('receiveResponseXML', ' 42 '))).toBe(42);
    expect(() => parseSoapResponse('receiveResponseXML', soapResponse('receiveResponseXML', '50%'))).toThrow(/not an xs:int/);
    expect(() => parseSoapResponse('receiveResponseXML', soapResponse('receiveResponseXML', null))).toThrow(/required\) is missing/);
  });

  it('turns a fault into a QbwcCallError carrying faultcode and faultstring', () => {
    const fault =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Bad &lt;ticket&gt;</faultstring></soap:Fault></soap:Body></soap:Envelope>';
    try {
      parseSoapResponse('getLastError', fault);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QbwcCallError);
      expect((error as QbwcCallError).fault).toEqual({ faultcode: 'soap:Server', faultstring: 'Bad <ticket>' });
      expect((error as QbwcCallError).message).toBe('QBWC1043: getLastError failed due to error message: SOAP fault soap:Server: Bad <ticket>');
    }
  });

  it('rejects malformed XML', () => {
    const cases = ['<a><b></a>', '<a>&nbsp;</a>', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', '<a x="1" x="2"/>', '<p:a/>', '<a/><b/>', '<a>&#0;</a>'];
    for (const xml of cases) expect(() => parseSoapResponse('getLastError', xml), xml).toThrow(QbwcCallError);
  });
});
