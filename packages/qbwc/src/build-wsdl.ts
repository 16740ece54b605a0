import { escapeXmlAttribute, escapeXmlText } from './escape-xml.ts';
import { QBWC_METHODS, QBWC_METHOD_NAMES } from './qbwc-methods.ts';
import type { MethodSpec, QbwcMethod, XsdType } from './qbwc-methods.ts';
import { QBWC_NAMESPACE } from './soap-version.ts';

export interface BuildWsdlOptions {
  /**
   * Also describe getInteractiveURL, interactiveDone and interactiveRejected (QBWC guide
   * chapter 10). Intuit's WSDL leaves them out; default false so ours describes the same service.
   */
  readonly includeInteractive?: boolean;
  /** wsdl:service name; ports and bindings are named after it. */
  readonly serviceName?: string;
}

const NS = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  xs: 'http://www.w3.org/2001/XMLSchema',
  tns: QBWC_NAMESPACE,
} as const;

const SOAP_HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http';

/**
 * Our WSDL for the QBWC callback service, generated from the method table (served at
 * GET /qbwc?wsdl, docs/web-connector-protocol.md#soap-binding). It describes the same service as Intuit's QBWebConnectorSvc.wsdl:
 * target namespace http://developer.intuit.com/, the same operations, messages
 * ({method}SoapIn/SoapOut, part "parameters"), element and type names (ArrayOfString included),
 * soapAction http://developer.intuit.com/{method}, document/literal, a SOAP 1.1 and a SOAP 1.2
 * binding, and `serviceUrl` as the address of both ports.
 */
export function buildWsdl(serviceUrl: string, options: BuildWsdlOptions = {}): string {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    throw new TypeError(`serviceUrl must be an absolute URL, got '${serviceUrl}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`serviceUrl must be http(s), got '${serviceUrl}'`);
  }
  const serviceName = options.serviceName ?? 'QBWebConnectorSvc';
  if (!/^[A-Za-z_][\w.-]*$/.test(serviceName)) throw new TypeError(`invalid serviceName '${serviceName}'`);

  const methods = QBWC_METHOD_NAMES.filter((m) => options.includeInteractive === true || QBWC_METHODS[m].inWsdl);
  const spec = (m: QbwcMethod): MethodSpec => QBWC_METHODS[m];
  const portType = `${serviceName}Soap`;
  const location = escapeXmlAttribute(serviceUrl);
  const lines: string[] = [];
  const out = (indent: number, line: string) => lines.push('  '.repeat(indent) + line);

  out(0, '<?xml version="1.0" encoding="utf-8"?>');
  out(
    0,
    `<wsdl:definitions targetNamespace="${NS.tns}" xmlns:wsdl="${NS.wsdl}" xmlns:soap="${NS.soap}" ` +
      `xmlns:soap12="${NS.soap12}" xmlns:xs="${NS.xs}" xmlns:tns="${NS.tns}">`,
  );
  out(1, '<wsdl:documentation>QuickBooks Web Connector callback service (Procore x QuickBooks Desktop connector).</wsdl:documentation>');

  // Types: one request and one response element per operation, plus ArrayOfString.
  out(1, '<wsdl:types>');
  out(2, `<xs:schema elementFormDefault="qualified" targetNamespace="${NS.tns}">`);
  for (const m of methods) {
    const { params, result } = spec(m);
    out(3, `<xs:element name="${m}">`);
    if (params.length === 0) out(4, '<xs:complexType />');
    else {
      out(4, '<xs:complexType>');
      out(5, '<xs:sequence>');
      for (const p of params) out(6, elementDecl(p.name, p.type, p.minOccurs));
      out(5, '</xs:sequence>');
      out(4, '</xs:complexType>');
    }
    out(3, '</xs:element>');
    out(3, `<xs:element name="${m}Response">`);
    out(4, '<xs:complexType>');
    out(5, '<xs:sequence>');
    out(6, elementDecl(`${m}Result`, result.type, result.minOccurs));
    out(5, '</xs:sequence>');
    out(4, '</xs:complexType>');
    out(3, '</xs:element>');
  }
  out(3, '<xs:complexType name="ArrayOfString">');
  out(4, '<xs:sequence>');
  out(5, '<xs:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="xs:string" />');
  out(4, '</xs:sequence>');
  out(3, '</xs:complexType>');
  out(2, '</xs:schema>');
  out(1, '</wsdl:types>');

  for (const m of methods) {
    out(1, `<wsdl:message name="${m}SoapIn">`);
    out(2, `<wsdl:part name="parameters" element="tns:${m}" />`);
    out(1, '</wsdl:message>');
    out(1, `<wsdl:message name="${m}SoapOut">`);
    out(2, `<wsdl:part name="parameters" element="tns:${m}Response" />`);
    out(1, '</wsdl:message>');
  }

  out(1, `<wsdl:portType name="${portType}">`);
  for (const m of methods) {
    out(2, `<wsdl:operation name="${m}">`);
    out(3, `<wsdl:documentation>${escapeXmlText(spec(m).documentation)}</wsdl:documentation>`);
    out(3, `<wsdl:input message="tns:${m}SoapIn" />`);
    out(3, `<wsdl:output message="tns:${m}SoapOut" />`);
    out(2, '</wsdl:operation>');
  }
  out(1, '</wsdl:portType>');

  const bindings = [
    { name: `${serviceName}Soap`, prefix: 'soap' },
    { name: `${serviceName}Soap12`, prefix: 'soap12' },
  ] as const;
  for (const { name, prefix } of bindings) {
    out(1, `<wsdl:binding name="${name}" type="tns:${portType}">`);
    out(2, `<${prefix}:binding transport="${SOAP_HTTP_TRANSPORT}" style="document" />`);
    for (const m of methods) {
      out(2, `<wsdl:operation name="${m}">`);
      out(3, `<${prefix}:operation soapAction="${NS.tns}${m}" style="document" />`);
      out(3, `<wsdl:input><${prefix}:body use="literal" /></wsdl:input>`);
      out(3, `<wsdl:output><${prefix}:body use="literal" /></wsdl:output>`);
      out(2, '</wsdl:operation>');
    }
    out(1, '</wsdl:binding>');
  }

  out(1, `<wsdl:service name="${serviceName}">`);
  for (const { name, prefix } of bindings) {
    out(2, `<wsdl:port name="${name}" binding="tns:${name}">`);
    out(3, `<${prefix}:address location="${location}" />`);
    out(2, '</wsdl:port>');
  }
  out(1, '</wsdl:service>');
  out(0, '</wsdl:definitions>');
  return `${lines.join('\n')}\n`;
}

function elementDecl(name: string, type: XsdType, minOccurs: 0 | 1): string {
  const qtype = type === 'ArrayOfString' ? 'tns:ArrayOfString' : `xs:${type}`;
  return `<xs:element minOccurs="${minOccurs}" maxOccurs="1" name="${name}" type="${qtype}" />`;
}
