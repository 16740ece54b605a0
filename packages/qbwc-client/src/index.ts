// @connector/qbwc-client: a QuickBooks Web Connector 2.3 client that drives any QBWC SOAP endpoint.

export { runWebConnectorSession, QBWC_CLIENT_VERSION, QBWC_NOOP_DELAY_MS } from './run-web-connector-session.ts';
export { runOnSchedule, type ScheduleOptions } from './run-on-schedule.ts';
export type {
  QuickBooksError,
  QuickBooksFaults,
  QuickBooksProcessor,
  SessionFaultOptions,
  SessionOptions,
  SessionOutcome,
  SessionReport,
  WriteMessageSelector,
} from './types.ts';
export { corruptRequestId, corruptResponseType, wrongResponseTypeFor, WRONG_RESPONSE_TYPE, type CorruptedResponse } from './corrupt-response.ts';
export { QbwcCallError, type QbwcCallFailure } from './qbwc-call-error.ts';
export { callQbwcMethod, QBWC_USER_AGENT, type CallStatistics, type QbwcTransport } from './call-qbwc-method.ts';
export { buildSoapRequest } from './build-soap-request.ts';
export { parseSoapResponse, type QbwcResult } from './parse-soap-response.ts';
export { parseXmlDocument, XmlParseError, type XmlElement, type XmlAttribute } from './parse-xml-document.ts';
export { QBWC_METHOD_PARAMETERS, QBWC_NAMESPACE, SOAP_ENVELOPE_NAMESPACE, soapActionFor, type QbwcMethod, type QbwcParameters } from './qbwc-methods.ts';
export { interpretAuthenticateResult, type AuthenticateAnswer, type AuthenticateVerdict } from './interpret-authenticate-result.ts';
export { interpretClientVersion, type ClientVersionVerdict } from './interpret-client-version.ts';
export { wrapProcessorWithFaults, COULD_NOT_START_QUICKBOOKS, type ProcessorFaults } from './wrap-processor-with-faults.ts';
export { DIFFERENT_COMPANY_FILE_OPEN } from './open-quickbooks-connection.ts';
export { replaceFileId } from './replace-file-id.ts';
export { isWriteRequest } from './is-write-request.ts';
export { readQwcFile, parseQwcFile, type QwcFile } from './read-qwc-file.ts';
export { renderProgressBar } from './render-progress-bar.ts';
