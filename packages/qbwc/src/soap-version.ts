/**
 * Namespaces and media types of the two SOAP versions the QBWC WSDL binds
 * (WSDL bindings TroubleshootWebServiceFSSoap and ...Soap12), and the service namespace.
 */

export type SoapVersion = '1.1' | '1.2';

/** QBWC guide p.41: "You must keep the namespace as http://developer.intuit.com/". */
export const QBWC_NAMESPACE = 'http://developer.intuit.com/';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

export function envelopeNamespace(soapVersion: SoapVersion): string {
  return soapVersion === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS;
}

/**
 * Content-Type of a response. SOAP 1.1 HTTP binding uses text/xml; SOAP 1.2 (RFC 3902) uses
 * application/soap+xml. We always write UTF-8.
 */
export function soapContentType(soapVersion: SoapVersion): string {
  return soapVersion === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
}
