import type { SoapVersion } from './soap-version.ts';

/**
 * Why a request body could not be turned into a QBWC call. The route answers it with a SOAP
 * fault (serializeSoapFault) in `soapVersion`: QBWC shows faults to the user as QBWC104x errors,
 * so the reason must say what was wrong.
 *
 * faultCode follows SOAP 1.1 §4.4.1: VersionMismatch when the Envelope is in an unknown namespace,
 * Client for everything else the sender got wrong.
 */
export class SoapRequestError extends Error {
  override readonly name = 'SoapRequestError';
  readonly faultCode: 'Client' | 'VersionMismatch';
  readonly reason: string;
  /** The method element's local name, when parsing got that far. */
  readonly method?: string;
  /** Best guess of the caller's SOAP version (Envelope namespace, else Content-Type, else 1.1). */
  readonly soapVersion: SoapVersion;

  constructor(init: {
    faultCode: 'Client' | 'VersionMismatch';
    reason: string;
    method?: string;
    soapVersion?: SoapVersion;
  }) {
    super(init.reason);
    this.faultCode = init.faultCode;
    this.reason = init.reason;
    if (init.method !== undefined) this.method = init.method;
    this.soapVersion = init.soapVersion ?? '1.1';
  }
}
