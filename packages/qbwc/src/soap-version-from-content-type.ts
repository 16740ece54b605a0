import { SoapRequestError } from './soap-request-error.ts';
import type { SoapVersion } from './soap-version.ts';

/** Content-Type → SOAP version hint; throws for media types no SOAP client sends. */
export function soapVersionFromContentType(contentType: string | undefined): SoapVersion | undefined {
  if (contentType === undefined || contentType.trim() === '') return undefined;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType === 'text/xml') return '1.1';
  if (mediaType === 'application/soap+xml') return '1.2';
  if (mediaType === 'application/xml') return undefined;
  throw new SoapRequestError({
    faultCode: 'Client',
    reason: `unsupported Content-Type '${clip(contentType)}': use text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)`,
  });
}

function clip(value: string, max = 40): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
