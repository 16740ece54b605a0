import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildWsdl } from './build-wsdl.ts';
import { QBWC_METHODS, QBWC_METHOD_NAMES } from './qbwc-methods.ts';
import { readXmlTree, resolveQName } from './test-support/read-xml-tree.ts';
import type { XmlNode } from './test-support/read-xml-tree.ts';
import { REFERENCE_WSDL } from './test-support/reference-files.ts';

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';
const WSDL_SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const XS = 'http://www.w3.org/2001/XMLSchema';
const TNS = 'http://developer.intuit.com/';

interface ElementDecl {
  name: string;
  type: string;
  minOccurs: string;
  maxOccurs: string;
  nillable: string;
}

/** What a WSDL says, with every QName resolved, independent of prefixes and names we may choose. */
interface WsdlModel {
  targetNamespace: string;
  schemaTargetNamespace: string;
  elementFormDefault: string;
  operations: Record<
    string,
    {
      input: { element: string; message: string; part: string; sequence: ElementDecl[] };
      output: { element: string; message: string; part: string; sequence: ElementDecl[] };
      soapAction: Record<'1.1' | '1.2', string>;
      style: Record<'1.1' | '1.2', string>;
      use: Record<'1.1' | '1.2', string[]>;
    }
  >;
  complexTypes: Record<string, ElementDecl[]>;
  addresses: Record<'1.1' | '1.2', string[]>;
  transports: string[];
}

const kids = (node: XmlNode, ns: string, local: string) => node.children.filter((c) => c.ns === ns && c.local === local);
const one = (node: XmlNode, ns: string, local: string) => {
  const found = kids(node, ns, local);
  if (found.length !== 1) throw new Error(`expected one ${local} in ${node.qname}, found ${found.length}`);
  return found[0] as XmlNode;
};

function sequenceOf(complexType: XmlNode): ElementDecl[] {
  const sequence = kids(complexType, XS, 'sequence')[0];
  if (!sequence) return [];
  return kids(sequence, XS, 'element').map((e) => ({
    name: e.attributes['name'] ?? '',
    type: resolveQName(e, e.attributes['type'] ?? ''),
    // XSD defaults, so an omitted attribute compares equal to its default.
    minOccurs: e.attributes['minOccurs'] ?? '1',
    maxOccurs: e.attributes['maxOccurs'] ?? '1',
    nillable: e.attributes['nillable'] ?? 'false',
  }));
}

function readWsdlModel(xml: string): WsdlModel {
  expect(XMLValidator.validate(xml)).toBe(true);
  const root = readXmlTree(xml);
  expect(root.ns).toBe(WSDL);
  expect(root.local).toBe('definitions');
  const tns = root.attributes['targetNamespace'] ?? '';
  const schema = one(one(root, WSDL, 'types'), XS, 'schema');
  const schemaTns = schema.attributes['targetNamespace'] ?? '';

  const elements = new Map(kids(schema, XS, 'element').map((e) => [`{${schemaTns}}${e.attributes['name']}`, e]));
  const complexTypes: Record<string, ElementDecl[]> = {};
  for (const ct of kids(schema, XS, 'complexType')) complexTypes[`{${schemaTns}}${ct.attributes['name']}`] = sequenceOf(ct);

  const messages = new Map(
    kids(root, WSDL, 'message').map((m) => {
      const part = one(m, WSDL, 'part');
      return [`{${tns}}${m.attributes['name']}`, { part: part.attributes['name'] ?? '', element: resolveQName(part, part.attributes['element'] ?? '') }];
    }),
  );
  const describe = (io: XmlNode) => {
    const message = resolveQName(io, io.attributes['message'] ?? '');
    const m = messages.get(message);
    if (!m) throw new Error(`no message ${message}`);
    const element = elements.get(m.element);
    if (!element) throw new Error(`no element ${m.element}`);
    return { element: m.element, message, part: m.part, sequence: sequenceOf(one(element, XS, 'complexType')) };
  };

  const portTypes = kids(root, WSDL, 'portType');
  expect(portTypes).toHaveLength(1);
  const portTypeName = `{${tns}}${portTypes[0]?.attributes['name']}`;
  const operations: WsdlModel['operations'] = {};
  for (const op of kids(portTypes[0] as XmlNode, WSDL, 'operation')) {
    operations[op.attributes['name'] ?? ''] = {
      input: describe(one(op, WSDL, 'input')),
      output: describe(one(op, WSDL, 'output')),
      soapAction: { '1.1': '', '1.2': '' },
      style: { '1.1': '', '1.2': '' },
      use: { '1.1': [], '1.2': [] },
    };
  }

  const bindingVersions = new Map<string, '1.1' | '1.2'>();
  const transports: string[] = [];
  for (const binding of kids(root, WSDL, 'binding')) {
    expect(resolveQName(binding, binding.attributes['type'] ?? '')).toBe(portTypeName);
    const version = kids(binding, WSDL_SOAP, 'binding').length === 1 ? '1.1' : '1.2';
    const soapNs = version === '1.1' ? WSDL_SOAP : WSDL_SOAP12;
    const soapBinding = one(binding, soapNs, 'binding');
    transports.push(`${version} ${soapBinding.attributes['transport']} ${soapBinding.attributes['style'] ?? 'document'}`);
    bindingVersions.set(`{${tns}}${binding.attributes['name']}`, version);
    for (const op of kids(binding, WSDL, 'operation')) {
      const model = operations[op.attributes['name'] ?? ''];
      if (!model) throw new Error(`binding operation ${op.attributes['name']} not in portType`);
      const soapOp = one(op, soapNs, 'operation');
      model.soapAction[version] = soapOp.attributes['soapAction'] ?? '';
      model.style[version] = soapOp.attributes['style'] ?? 'document';
      model.use[version] = [one(one(op, WSDL, 'input'), soapNs, 'body'), one(one(op, WSDL, 'output'), soapNs, 'body')].map((b) => b.attributes['use'] ?? '');
    }
  }

  const addresses: WsdlModel['addresses'] = { '1.1': [], '1.2': [] };
  for (const service of kids(root, WSDL, 'service')) {
    for (const port of kids(service, WSDL, 'port')) {
      const version = bindingVersions.get(resolveQName(port, port.attributes['binding'] ?? ''));
      if (!version) throw new Error(`port ${port.attributes['name']} names an unknown binding`);
      const address = one(port, version === '1.1' ? WSDL_SOAP : WSDL_SOAP12, 'address');
      addresses[version].push(address.attributes['location'] ?? '');
    }
  }

  return {
    targetNamespace: tns,
    schemaTargetNamespace: schemaTns,
    elementFormDefault: schema.attributes['elementFormDefault'] ?? '',
    operations,
    complexTypes,
    addresses,
    transports: transports.sort(),
  };
}

describe('buildWsdl matches Intuit’s QBWebConnectorSvc.wsdl', () => {
  const reference = readWsdlModel(readFileSync(REFERENCE_WSDL, 'utf8'));
  const url = 'https://qbwc.example.com/qbwc';
  const ours = readWsdlModel(buildWsdl(url));

  it('reads the reference as expected (sanity)', () => {
    expect(Object.keys(reference.operations).sort()).toEqual([
      'authenticate',
      'clientVersion',
      'closeConnection',
      'connectionError',
      'getLastError',
      'receiveResponseXML',
      'sendRequestXML',
      'serverVersion',
    ]);
    expect(reference.operations['authenticate']?.output.sequence[0]?.type).toBe(`{${TNS}}ArrayOfString`);
    expect(reference.operations['sendRequestXML']?.input.sequence.map((p) => p.name)).toEqual([
      'ticket',
      'strHCPResponse',
      'strCompanyFileName',
      'qbXMLCountry',
      'qbXMLMajorVers',
      'qbXMLMinorVers',
    ]);
  });

  it('has the same target namespace and schema form', () => {
    expect(ours.targetNamespace).toBe(reference.targetNamespace);
    expect(ours.schemaTargetNamespace).toBe(reference.schemaTargetNamespace);
    expect(ours.elementFormDefault).toBe(reference.elementFormDefault);
  });

  it('has the same operations', () => {
    expect(Object.keys(ours.operations).sort()).toEqual(Object.keys(reference.operations).sort());
  });

  it.each(QBWC_METHOD_NAMES.filter((m) => QBWC_METHODS[m].inWsdl))(
    '%s: same messages, elements, parameter names/types/occurrences, soapActions, style and use',
    (method) => {
      expect(ours.operations[method]).toEqual(reference.operations[method]);
      expect(ours.operations[method]?.soapAction).toEqual({ '1.1': `${TNS}${method}`, '1.2': `${TNS}${method}` });
    },
  );

  it('declares the same complex types (ArrayOfString of nillable tns:string items)', () => {
    expect(ours.complexTypes).toEqual(reference.complexTypes);
    expect(ours.complexTypes[`{${TNS}}ArrayOfString`]).toEqual([
      { name: 'string', type: `{${XS}}string`, minOccurs: '0', maxOccurs: 'unbounded', nillable: 'true' },
    ]);
  });

  it('has a SOAP 1.1 and a SOAP 1.2 binding over HTTP, document style', () => {
    expect(ours.transports).toEqual(reference.transports);
  });

  it('puts the service URL in both ports', () => {
    expect(ours.addresses).toEqual({ '1.1': [url], '1.2': [url] });
  });

  it.each([
    ['a parameter name', 'name="strPassword"', 'name="strPasswd"'],
    ['a parameter type', 'name="qbXMLMajorVers" type="xs:int"', 'name="qbXMLMajorVers" type="xs:string"'],
    ['an occurrence', 'minOccurs="1" maxOccurs="1" name="receiveResponseXMLResult"', 'minOccurs="0" maxOccurs="1" name="receiveResponseXMLResult"'],
    ['the array item type', 'name="string" nillable="true"', 'name="item" nillable="true"'],
    ['a soapAction', `soapAction="${TNS}getLastError"`, 'soapAction="urn:getLastError"'],
    ['a body use', '<wsdl:input><soap12:body use="literal" />', '<wsdl:input><soap12:body use="encoded" />'],
  ])('the comparison notices a changed %s', (_what, from, to) => {
    const mutated = buildWsdl(url).replace(from, to);
    expect(mutated).not.toBe(buildWsdl(url));
    const model = readWsdlModel(mutated);
    expect({ operations: model.operations, complexTypes: model.complexTypes }).not.toEqual({
      operations: reference.operations,
      complexTypes: reference.complexTypes,
    });
  });

  it('is our own text, not a copy', () => {
    const ourText = buildWsdl(url);
    expect(ourText).not.toContain('TroubleshootWebServiceFS');
    expect(ourText).not.toContain('test.developer.intuit.com');
  });
});

describe('buildWsdl options and input', () => {
  it('adds the three interactive operations on request, with the guide’s parameter names', () => {
    const model = readWsdlModel(buildWsdl('https://a.example.com/qbwc', { includeInteractive: true }));
    expect(Object.keys(model.operations).sort()).toEqual([...QBWC_METHOD_NAMES].sort());
    expect(model.operations['getInteractiveURL']?.input.sequence.map((p) => p.name)).toEqual(['wcTicket', 'sessionID']);
    expect(model.operations['interactiveRejected']?.input.sequence.map((p) => p.name)).toEqual(['wcTicket', 'reason']);
    expect(model.operations['interactiveDone']?.soapAction['1.1']).toBe(`${TNS}interactiveDone`);
  });

  it('escapes the service URL', () => {
    const url = 'https://a.example.com/qbwc?company=1&x="y"';
    expect(readWsdlModel(buildWsdl(url)).addresses['1.1']).toEqual([url]);
  });

  it('names the service as asked', () => {
    const xml = buildWsdl('http://localhost:3000/qbwc', { serviceName: 'ProcoreQbwc' });
    expect(readXmlTree(xml).children.find((c) => c.local === 'service')?.attributes['name']).toBe('ProcoreQbwc');
    expect(() => buildWsdl('http://localhost/qbwc', { serviceName: 'bad name"' })).toThrow(TypeError);
  });

  it.each(['', 'not a url', '/qbwc', 'ftp://a.example.com/qbwc', 'javascript:alert(1)'])('refuses service URL %j', (url) => {
    expect(() => buildWsdl(url)).toThrow(TypeError);
  });
});
