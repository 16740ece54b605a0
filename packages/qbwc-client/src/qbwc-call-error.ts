// The error a failed QBWC web-method call raises, named the way QBWC reports it
// (QBWC guide appendix A: e.g. "QBWC1041: SendRequestXML failed due to error message: …").

import { QBWC_FAILURE_CODE, type QbwcMethod } from './qbwc-methods.ts';

export type QbwcCallFailure =
  | 'soap-fault' // the service answered a SOAP Fault
  | 'protocol' // the answer violates SOAP 1.1 / the WSDL
  | 'http' // an HTTP status or content type QBWC's .NET client rejects
  | 'network' // no answer at all (refused, reset, timeout, simulated loss)
  | 'client'; // this client could not build the request (e.g. an invalid XML character)

export class QbwcCallError extends Error {
  override name = 'QbwcCallError';
  readonly qbwcCode: string;

  readonly method: QbwcMethod;
  readonly failure: QbwcCallFailure;
  readonly detail: string;
  readonly fault?: { faultcode: string; faultstring: string };
  constructor(method: QbwcMethod, failure: QbwcCallFailure, detail: string, fault?: { faultcode: string; faultstring: string }) {
    super(`${QBWC_FAILURE_CODE[method]}: ${method} failed due to error message: ${detail}`);
    this.method = method;
    this.failure = failure;
    this.detail = detail;
    this.fault = fault;
    this.qbwcCode = QBWC_FAILURE_CODE[method];
  }
}
