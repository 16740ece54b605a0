// Reads a QBWC method's SOAP 1.1 response strictly against QBWebConnectorSvc.wsdl: Envelope/Body in the
// SOAP 1.1 namespace, one <methodResponse> with an optional <methodResult> in http://developer.intuit.com/
// (elementFormDefault="qualified"), or a soap:Fault. Any deviation is a server bug and raises.

import { QbwcCallError } from './qbwc-call-error.ts';
import { QBWC_NAMESPACE, QBWC_RESULT_KIND, SOAP12_ENVELOPE_NAMESPACE, SOAP_ENVELOPE_NAMESPACE, type QbwcMethod } from './qbwc-methods.ts';
import { isNil, parseXmlDocument, XmlParseError, type XmlElement } from './parse-xml-document.ts';

/** A string result is null when the element is absent or xsi:nil (both allowed by minOccurs="0"). */
export type QbwcResult<M extends QbwcMethod> = M extends 'authenticate' ? string[] : M extends 'receiveResponseXML' ? number : string | null;

export function parseSoapResponse<M extends QbwcMethod>(method: M, xml: string): QbwcResult<M> {
  const fail = (detail: string): QbwcCallError => new QbwcCallError(method, 'protocol', detail);
  let envelope: XmlElement;
  try {
    envelope = parseXmlDocument(xml);
  } catch (error) {
    if (error instanceof XmlParseError) throw fail(`response is not well-formed XML: ${error.message}`);
    throw error;
  }
  if (envelope.localName !== 'Envelope') throw fail(`root element is <${envelope.name}>, expected soap:Envelope`);
  if (envelope.namespace === SOAP12_ENVELOPE_NAMESPACE) throw fail('SOAP 1.2 envelope received; QBWC speaks SOAP 1.1');
  if (envelope.namespace !== SOAP_ENVELOPE_NAMESPACE) throw fail(`Envelope is in namespace '${envelope.namespace}', expected ${SOAP_ENVELOPE_NAMESPACE}`);

  const parts = envelope.children;
  const bodyIndex = parts.findIndex((part) => part.namespace === SOAP_ENVELOPE_NAMESPACE && part.localName === 'Body');
  if (bodyIndex < 0) throw fail('soap:Envelope has no soap:Body');
  const body = parts[bodyIndex] as XmlElement;
  const expectedParts = bodyIndex === 0 ? 1 : 2;
  const header = parts[0];
  if (parts.length !== expectedParts || (bodyIndex === 1 && !(header?.namespace === SOAP_ENVELOPE_NAMESPACE && header.localName === 'Header'))) {
    throw fail(`soap:Envelope must hold an optional soap:Header then soap:Body, found ${parts.map((part) => `<${part.name}>`).join(', ')}`);
  }
  if (body.children.length !== 1) {
    throw fail(`soap:Body must hold exactly one element, found ${body.children.length}`);
  }
  const payload = body.children[0] as XmlElement;

  if (payload.namespace === SOAP_ENVELOPE_NAMESPACE && payload.localName === 'Fault') {
    // SOAP 1.1 §4.4: faultcode and faultstring are unqualified children of Fault.
    const faultcode = payload.children.find((child) => child.localName === 'faultcode')?.text.trim() ?? '';
    const faultstring = payload.children.find((child) => child.localName === 'faultstring')?.text ?? '';
    throw new QbwcCallError(method, 'soap-fault', `SOAP fault ${faultcode || '(no faultcode)'}: ${faultstring || '(no faultstring)'}`, {
      faultcode,
      faultstring,
    });
  }

  const responseName = `${method}Response`;
  if (payload.localName !== responseName || payload.namespace !== QBWC_NAMESPACE) {
    throw fail(`expected <${responseName}> in namespace ${QBWC_NAMESPACE}, found <${payload.name}> in namespace '${payload.namespace}'`);
  }
  if (payload.text.trim() !== '') throw fail(`<${responseName}> contains text outside <${method}Result>`);

  const resultName = `${method}Result`;
  const unexpected = payload.children.find((child) => child.localName !== resultName || child.namespace !== QBWC_NAMESPACE);
  if (unexpected) {
    throw fail(
      unexpected.localName === resultName
        ? `<${resultName}> is in namespace '${unexpected.namespace}', expected ${QBWC_NAMESPACE} (elementFormDefault="qualified")`
        : `unexpected element <${unexpected.name}> in <${responseName}>`,
    );
  }
  if (payload.children.length > 1) throw fail(`<${responseName}> holds ${payload.children.length} <${resultName}> elements`);
  const result = payload.children[0];

  switch (QBWC_RESULT_KIND[method]) {
    case 'int': {
      // receiveResponseXMLResult is minOccurs="1" xs:int.
      if (!result || isNil(result)) throw fail(`<${resultName}> (xs:int, required) is missing`);
      assertNoChildElements(result, fail);
      const text = result.text.trim();
      const value = Number(text);
      if (!/^[+-]?[0-9]+$/.test(text) || value < -2147483648 || value > 2147483647) {
        throw fail(`<${resultName}> is not an xs:int: '${result.text.slice(0, 40)}'`);
      }
      return value as QbwcResult<M>;
    }
    case 'string-array': {
      if (!result || isNil(result)) throw fail(`<${resultName}> is missing: expected an ArrayOfString`);
      if (result.text.trim() !== '') throw fail(`<${resultName}> holds text; its items must be <string> elements`);
      return result.children.map((item, index) => {
        if (item.localName !== 'string' || item.namespace !== QBWC_NAMESPACE) {
          throw fail(`item ${index} of <${resultName}> is <${item.name}> in namespace '${item.namespace}', expected <string> in ${QBWC_NAMESPACE}`);
        }
        assertNoChildElements(item, fail);
        return isNil(item) ? '' : item.text;
      }) as QbwcResult<M>;
    }
    case 'string': {
      if (!result || isNil(result)) return null as QbwcResult<M>;
      assertNoChildElements(result, fail);
      return result.text as QbwcResult<M>;
    }
  }
}

function assertNoChildElements(element: XmlElement, fail: (detail: string) => QbwcCallError): void {
  const child = element.children[0];
  if (child) {
    throw fail(`<${element.name}> contains the element <${child.name}>: XML payloads must travel as escaped text`);
  }
}
