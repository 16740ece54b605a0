import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, XSD_NS, XSI_NS } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';

/** Envelope prefix per version, as ASP.NET (Intuit's reference service) writes them. */
export function envelopePrefix(soapVersion: SoapVersion): 'soap' | 'soap12' {
  return soapVersion === '1.2' ? 'soap12' : 'soap';
}

/** Wrap already-serialized Body content (and optional Header content) in a SOAP Envelope. */
export function writeEnvelope(bodyContent: string, soapVersion: SoapVersion, headerContent = ''): string {
  const p = envelopePrefix(soapVersion);
  const ns = soapVersion === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS;
  const header = headerContent === '' ? '' : `<${p}:Header>${headerContent}</${p}:Header>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<${p}:Envelope xmlns:${p}="${ns}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}">` +
    header +
    `<${p}:Body>${bodyContent}</${p}:Body>` +
    `</${p}:Envelope>`
  );
}
