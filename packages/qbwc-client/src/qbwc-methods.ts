// The QBWC web methods this client calls, with parameters in the order of each request element's
// xs:sequence in QBWebConnectorSvc.wsdl (document/literal, elementFormDefault="qualified").

export const QBWC_NAMESPACE = 'http://developer.intuit.com/';
export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

export const QBWC_METHOD_PARAMETERS = {
  serverVersion: [],
  clientVersion: ['strVersion'],
  authenticate: ['strUserName', 'strPassword'],
  connectionError: ['ticket', 'hresult', 'message'],
  sendRequestXML: ['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers'],
  receiveResponseXML: ['ticket', 'response', 'hresult', 'message'],
  getLastError: ['ticket'],
  closeConnection: ['ticket'],
} as const;

export type QbwcMethod = keyof typeof QBWC_METHOD_PARAMETERS;

export type QbwcParameters<M extends QbwcMethod> = {
  [P in (typeof QBWC_METHOD_PARAMETERS)[M][number]]: string | number;
};

/** What each method's <…Result> holds (WSDL response elements). */
export const QBWC_RESULT_KIND: Record<QbwcMethod, 'string' | 'string-array' | 'int'> = {
  serverVersion: 'string',
  clientVersion: 'string',
  authenticate: 'string-array',
  connectionError: 'string',
  sendRequestXML: 'string',
  receiveResponseXML: 'int',
  getLastError: 'string',
  closeConnection: 'string',
};

/**
 * The error code QBWC shows when a call to the method throws (QBWC guide appendix A, pp.88-98):
 * QBWC1012 authenticate, QBWC1036 clientVersion, QBWC1041..1045 the session methods.
 */
export const QBWC_FAILURE_CODE: Record<QbwcMethod, string> = {
  serverVersion: 'QBWC1036',
  clientVersion: 'QBWC1036',
  authenticate: 'QBWC1012',
  sendRequestXML: 'QBWC1041',
  receiveResponseXML: 'QBWC1042',
  getLastError: 'QBWC1043',
  closeConnection: 'QBWC1044',
  connectionError: 'QBWC1045',
};

export function soapActionFor(method: QbwcMethod): string {
  return `"${QBWC_NAMESPACE}${method}"`;
}
