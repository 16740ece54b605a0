import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';

/** A header entry, as the envelope readers see it: namespace, local name and its attributes ("{ns}local" keys). */
export interface HeaderEntry {
  readonly ns: string | null;
  readonly local: string;
  readonly attributes: ReadonlyMap<string, string>;
}

export interface QualifiedName {
  readonly ns: string | null;
  readonly local: string;
}

// SOAP 1.1 §4.2.2: no actor, or the "next" actor, means this node; SOAP 1.2 Part 1 §5.2.2: no role,
// "next" or "ultimateReceiver" means this node ("none" means nobody, any other role another node).
const SOAP11_NEXT = 'http://schemas.xmlsoap.org/soap/actor/next';
const SOAP12_ROLES_FOR_US = new Set(['http://www.w3.org/2003/05/soap-envelope/role/next', 'http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver']);

/**
 * The header entries addressed to us that carry mustUnderstand. The connector understands no SOAP header
 * (the QBWC WSDL declares none), so every one of them must be answered with a MustUnderstand fault instead
 * of being ignored: SOAP 1.1 §4.2.3 (mustUnderstand="1"), SOAP 1.2 Part 1 §5.2.3 and §5.4.8
 * (mustUnderstand="true" or "1", xs:boolean).
 */
export function findNotUnderstoodHeaders(entries: Iterable<HeaderEntry>, soapVersion: SoapVersion): QualifiedName[] {
  const out: QualifiedName[] = [];
  for (const entry of entries) {
    if (soapVersion === '1.1') {
      const mustUnderstand = entry.attributes.get(`{${SOAP11_ENVELOPE_NS}}mustUnderstand`)?.trim();
      const actor = entry.attributes.get(`{${SOAP11_ENVELOPE_NS}}actor`)?.trim();
      if (mustUnderstand === '1' && (actor === undefined || actor === '' || actor === SOAP11_NEXT)) out.push({ ns: entry.ns, local: entry.local });
    } else {
      const mustUnderstand = entry.attributes.get(`{${SOAP12_ENVELOPE_NS}}mustUnderstand`)?.trim();
      const role = entry.attributes.get(`{${SOAP12_ENVELOPE_NS}}role`)?.trim();
      if ((mustUnderstand === 'true' || mustUnderstand === '1') && (role === undefined || role === '' || SOAP12_ROLES_FOR_US.has(role))) {
        out.push({ ns: entry.ns, local: entry.local });
      }
    }
  }
  return out;
}

/** The fault reason for not-understood header entries. */
export function describeNotUnderstood(names: readonly QualifiedName[]): string {
  const shown = names
    .slice(0, 5)
    .map((n) => `{${(n.ns ?? '').slice(0, 80)}}${n.local.slice(0, 80)}`)
    .join(', ');
  return `header entr${names.length === 1 ? 'y' : 'ies'} ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ''} marked mustUnderstand ${names.length === 1 ? 'is' : 'are'} not understood by this service (SOAP 1.1 §4.2.3, SOAP 1.2 Part 1 §5.4.8)`;
}
