import { escapeXmlAttribute, escapeXmlText } from './escape-xml.ts';
import type { QualifiedName } from './find-not-understood-headers.ts';
import { SOAP11_ENVELOPE_NS } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';
import { envelopePrefix, writeEnvelope } from './write-envelope.ts';

/** SOAP 1.1 fault code names (SOAP 1.1 §4.4.1); mapped to the SOAP 1.2 names when writing 1.2. */
export type SoapFaultCode = 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand';

export interface SoapFaultInput {
  readonly faultCode: SoapFaultCode;
  readonly reason: string;
  readonly soapVersion: SoapVersion;
  /** MustUnderstand in SOAP 1.2: one NotUnderstood header block per entry (SOAP 1.2 Part 1 §5.4.8). */
  readonly notUnderstood?: readonly QualifiedName[];
}

// SOAP 1.2 Part 1 §5.4.6: Client became Sender, Server became Receiver.
const SOAP12_CODES: Record<SoapFaultCode, string> = {
  Client: 'Sender',
  Server: 'Receiver',
  VersionMismatch: 'VersionMismatch',
  MustUnderstand: 'MustUnderstand',
};

/**
 * A SOAP fault envelope. 1.1: <soap:Fault><faultcode>soap:Client</faultcode><faultstring>…;
 * 1.2: <soap12:Fault><soap12:Code><soap12:Value>soap12:Sender</…><soap12:Reason><soap12:Text xml:lang="en">….
 * A 1.2 VersionMismatch carries the Upgrade header listing the envelopes we accept (SOAP 1.2
 * Part 1 §5.4.7), so a client can tell which versions to speak.
 */
export function serializeSoapFault({ faultCode, reason, soapVersion, notUnderstood = [] }: SoapFaultInput): string {
  const p = envelopePrefix(soapVersion);
  const text = escapeXmlText(reason);
  if (soapVersion === '1.1') {
    return writeEnvelope(`<${p}:Fault><faultcode>${p}:${faultCode}</faultcode><faultstring>${text}</faultstring></${p}:Fault>`, soapVersion);
  }
  const header =
    faultCode === 'VersionMismatch'
      ? `<${p}:Upgrade>` +
        `<${p}:SupportedEnvelope qname="${p}:Envelope"/>` +
        `<${p}:SupportedEnvelope qname="s11:Envelope" xmlns:s11="${SOAP11_ENVELOPE_NS}"/>` +
        `</${p}:Upgrade>`
      : faultCode === 'MustUnderstand'
        ? notUnderstood
            .map((n) =>
              n.ns
                ? `<${p}:NotUnderstood qname="nu:${escapeXmlAttribute(n.local)}" xmlns:nu="${escapeXmlAttribute(n.ns)}"/>`
                : `<${p}:NotUnderstood qname="${escapeXmlAttribute(n.local)}"/>`,
            )
            .join('')
        : '';
  return writeEnvelope(
    `<${p}:Fault>` +
      `<${p}:Code><${p}:Value>${p}:${SOAP12_CODES[faultCode]}</${p}:Value></${p}:Code>` +
      `<${p}:Reason><${p}:Text xml:lang="en">${text}</${p}:Text></${p}:Reason>` +
      `</${p}:Fault>`,
    soapVersion,
    header,
  );
}

/**
 * HTTP status for a fault: SOAP 1.1 HTTP binding (§6.2) always 500; SOAP 1.2 Part 2 §7.5.1:
 * 400 for Sender faults, 500 otherwise.
 */
export function soapFaultHttpStatus(faultCode: SoapFaultCode, soapVersion: SoapVersion): 400 | 500 {
  return soapVersion === '1.2' && faultCode === 'Client' ? 400 : 500;
}
