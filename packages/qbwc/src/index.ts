// @connector/qbwc — pure QBWC protocol pieces: SOAP in and out, WSDL, .qwc, session rules.

export { QBWC_METHODS, QBWC_METHOD_NAMES, isQbwcMethod } from './qbwc-methods.ts';
export type { MethodSpec, ParamSpec, QbwcMethod, QbwcParams, QbwcResult, XsdType } from './qbwc-methods.ts';

export { QBWC_NAMESPACE, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, envelopeNamespace, soapContentType } from './soap-version.ts';
export type { SoapVersion } from './soap-version.ts';

export { parseSoapRequest } from './parse-soap-request.ts';
export type { ParseSoapRequestOptions, QbwcCall, QbwcCallOf } from './parse-soap-request.ts';
export { SoapRequestError } from './soap-request-error.ts';
export { readSoapHead } from './read-soap-head.ts';
export type { SoapHead } from './read-soap-head.ts';
export type { QualifiedName } from './find-not-understood-headers.ts';
export { DEFAULT_XML_LIMITS } from './scan-xml-limits.ts';
export type { XmlLimits } from './scan-xml-limits.ts';

export { serializeSoapResponse } from './serialize-soap-response.ts';
export { serializeSoapFault, soapFaultHttpStatus } from './serialize-soap-fault.ts';
export type { SoapFaultCode, SoapFaultInput } from './serialize-soap-fault.ts';

export { buildWsdl } from './build-wsdl.ts';
export type { BuildWsdlOptions } from './build-wsdl.ts';

export {
  QBWC_MIN_ACCEPTED_VERSION,
  QBWC_MIN_SUPPORTED_VERSION,
  QBWC_RECOMMENDED_VERSION,
  checkClientVersion,
  compareQbwcVersions,
  parseQbwcVersion,
} from './check-client-version.ts';
export type { ClientVersionCheck, ClientVersionLevel, QbwcVersion } from './check-client-version.ts';

export { buildQwcFile } from './build-qwc-file.ts';
export { QwcBuildError, isBracedGuid, validateQwcInput } from './validate-qwc-input.ts';
export type { QwcInput, QwcIssue } from './validate-qwc-input.ts';

export { AUTH_BUSY, AUTH_INVALID_USER, AUTH_NOTHING_TO_DO, buildAuthenticateResult } from './build-authenticate-result.ts';
export type { AuthenticateOutcome, AuthenticateResultInput } from './build-authenticate-result.ts';
export { readAuthenticateResult } from './read-authenticate-result.ts';
export type { AuthenticateResultReading } from './read-authenticate-result.ts';

export { MAX_CONNECTION_RETRIES, SESSION_EVENTS, isSessionOver, startSession, transition } from './session-state.ts';
export type { SessionEvent, SessionState, SessionStatus, Transition } from './session-state.ts';
export { progressPercent } from './progress-percent.ts';
export { MAX_SUMMARY_LENGTH, pluralize, summarizeSession } from './summarize-session.ts';
export type { SessionSummaryInput } from './summarize-session.ts';
