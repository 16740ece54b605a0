// Builds the SOAP 1.1 request envelope for a QBWC method exactly as QBWC (.NET SoapHttpClientProtocol)
// sends it: XML declaration, soap/xsi/xsd prefixes, the method element in the default namespace
// http://developer.intuit.com/, parameters in WSDL sequence order, empty strings as `<name />`.

import { escapeXmlText } from './escape-xml-text.ts';
import {
  QBWC_METHOD_PARAMETERS,
  QBWC_NAMESPACE,
  SOAP_ENVELOPE_NAMESPACE,
  XSD_NAMESPACE,
  XSI_NAMESPACE,
  type QbwcMethod,
  type QbwcParameters,
} from './qbwc-methods.ts';

export function buildSoapRequest<M extends QbwcMethod>(method: M, parameters: QbwcParameters<M>): string {
  const names: readonly string[] = QBWC_METHOD_PARAMETERS[method];
  const values = parameters as Record<string, string | number>;
  const body = names
    .map((name) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${method}: parameter ${name} is missing`);
      const text = escapeXmlText(String(value));
      return text === '' ? `<${name} />` : `<${name}>${text}</${name}>`;
    })
    .join('');
  const methodElement = body === '' ? `<${method} xmlns="${QBWC_NAMESPACE}" />` : `<${method} xmlns="${QBWC_NAMESPACE}">${body}</${method}>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" xmlns:xsd="${XSD_NAMESPACE}">` +
    `<soap:Body>${methodElement}</soap:Body>` +
    '</soap:Envelope>'
  );
}
