import type { QualifiedName } from './find-not-understood-headers.ts';
import type { SoapVersion } from './soap-version.ts';

/**
 * Why a request body could not be turned into a QBWC call. The route answers it with a SOAP
 * fault (serializeSoapFault) in `soapVersion`: QBWC shows faults to the user as QBWC104x errors,
 * so the reason must say what was wrong.
 *
 * faultCode follows SOAP 1.1 §4.4.1: VersionMismatch when the Envelope is in an unknown namespace,
 * MustUnderstand when a header entry addressed to us carries mustUnderstand (§4.2.3), Client for
 * everything else the sender got wrong.
 */
export class SoapRequestError extends Error {
  override readonly name = 'SoapRequestError';
  readonly faultCode: 'Client' | 'VersionMismatch' | 'MustUnderstand';
  readonly reason: string;
  /** MustUnderstand: the header entries not understood (SOAP 1.2 lists them in NotUnderstood headers). */
  readonly notUnderstood?: readonly QualifiedName[];
  /** The method element's local name, when parsing got that far. */
  readonly method?: string;
  /** Best guess of the caller's SOAP version (Envelope namespace, else Content-Type, else 1.1). */
  readonly soapVersion: SoapVersion;

  constructor(init: {
    faultCode: 'Client' | 'VersionMismatch' | 'MustUnderstand';
    reason: string;
    method?: string;
    soapVersion?: SoapVersion;
    notUnderstood?: readonly QualifiedName[];
  }) {
    super(init.reason);
    this.faultCode = init.faultCode;
    this.reason = init.reason;
    if (init.method !== undefined) this.method = init.method;
    if (init.notUnderstood !== undefined) this.notUnderstood = init.notUnderstood;
    this.soapVersion = init.soapVersion ?? '1.1';
  }
}
