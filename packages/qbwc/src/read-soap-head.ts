import { decodeXmlText, XmlTextError } from './decode-xml-text.ts';
import { describeNotUnderstood, findNotUnderstoodHeaders, type HeaderEntry } from './find-not-understood-headers.ts';
import { QBWC_METHODS, isQbwcMethod } from './qbwc-methods.ts';
import { SoapRequestError } from './soap-request-error.ts';
import { soapVersionFromContentType } from './soap-version-from-content-type.ts';
import { QBWC_NAMESPACE, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';

/**
 * What the start of a SOAP request says before its bulk arrives: the SOAP version, the method, and the
 * ticket when the method's first parameter is <ticket>. Every QBWC method that carries a ticket has it
 * first in its xs:sequence (QBWC WSDL: sendRequestXML, receiveResponseXML, connectionError, getLastError,
 * closeConnection), so for receiveResponseXML it precedes the tens of megabytes of <response>.
 */
export type SoapHead =
  | { readonly kind: 'incomplete' }
  | {
      readonly kind: 'call';
      readonly soapVersion: SoapVersion;
      /** The method element's local name (clipped), whether or not it is a QBWC method. */
      readonly method: string;
      /** True when the method element is a QBWC method in the QBWC namespace. */
      readonly known: boolean;
      /** The decoded text of the first parameter when it is <ticket>; null when the first parameter is not. */
      readonly ticket: string | null;
    }
  | { readonly kind: 'fault'; readonly error: SoapRequestError };

// A ticket is 32 hex digits; anything longer is kept only this far (it cannot be a ticket of ours anyway).
const MAX_TICKET_CHARS = 256;
const MAX_DEPTH = 32;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

interface Open {
  readonly qname: string;
  readonly local: string;
  readonly ns: string | null;
  readonly scope: ReadonlyMap<string, string>;
}

/**
 * Reads the head of a (possibly partial) request body: a small streaming tokenizer for the few elements
 * before the first parameter, so the ticket can be checked before the rest is read (hostile input). It does not
 * validate the document — the full parse (parseSoapRequest) still does once the caller is known — but it
 * refuses DTDs and answers mustUnderstand headers exactly as the full parse does.
 *
 * Returns 'incomplete' when `prefix` ends before the answer is known.
 */
export function readSoapHead(prefix: string, contentType?: string): SoapHead {
  let soapVersion: SoapVersion;
  try {
    // The same media-type rule as the full parse: a type no SOAP client sends is refused before anything else.
    soapVersion = soapVersionFromContentType(contentType) ?? '1.1';
  } catch (error) {
    if (error instanceof SoapRequestError) return { kind: 'fault', error };
    throw error;
  }
  const fault = (faultCode: 'Client' | 'VersionMismatch', reason: string, method?: string): SoapHead => ({
    kind: 'fault',
    error: new SoapRequestError({ faultCode, reason, soapVersion, ...(method !== undefined ? { method } : {}) }),
  });

  const stack: Open[] = [];
  const headerEntries: HeaderEntry[] = [];
  let envelopeNs: string | null = null;
  let inHeader = false;
  let method: { local: string; known: boolean } | null = null;
  let ticket: string | null = null; // collecting the <ticket> text when not null
  let i = prefix.charCodeAt(0) === 0xfeff ? 1 : 0;

  const done = (value: string | null): SoapHead => ({ kind: 'call', soapVersion, method: method!.local, known: method!.known, ticket: value });

  for (;;) {
    const lt = prefix.indexOf('<', i);
    if (ticket !== null) {
      const end = lt < 0 ? prefix.length : lt;
      if (ticket.length < MAX_TICKET_CHARS) ticket += prefix.slice(i, Math.min(end, i + MAX_TICKET_CHARS));
    }
    if (lt < 0) return { kind: 'incomplete' };

    if (prefix.startsWith('<?', lt)) {
      const end = prefix.indexOf('?>', lt + 2);
      if (end < 0) return { kind: 'incomplete' };
      i = end + 2;
      continue;
    }
    if (prefix.startsWith('<!--', lt)) {
      const end = prefix.indexOf('-->', lt + 4);
      if (end < 0) return { kind: 'incomplete' };
      i = end + 3;
      continue;
    }
    if (prefix.startsWith('<![CDATA[', lt)) {
      const end = prefix.indexOf(']]>', lt + 9);
      if (end < 0) return { kind: 'incomplete' };
      // CDATA is literal text; '&' in it must not be decoded below, so it is escaped here.
      if (ticket !== null && ticket.length < MAX_TICKET_CHARS)
        ticket += prefix
          .slice(lt + 9, end)
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;');
      i = end + 3;
      continue;
    }
    if (prefix.startsWith('<!', lt)) {
      if (prefix.length - lt < 10) return { kind: 'incomplete' };
      return fault('Client', 'declarations are refused (no DTDs or entities in SOAP, SOAP 1.1 §3)');
    }

    const gt = findTagEnd(prefix, lt + 1);
    if (gt < 0) return { kind: 'incomplete' };
    const tag = prefix.slice(lt + 1, gt);
    i = gt + 1;

    if (tag.startsWith('/')) {
      const closed = stack.pop();
      if (!closed || closed.qname !== tag.slice(1).trim()) return fault('Client', 'malformed XML: mismatched end tag');
      if (ticket !== null) {
        try {
          return done(decodeXmlText(ticket.slice(0, MAX_TICKET_CHARS)));
        } catch (error) {
          if (error instanceof XmlTextError) return fault('Client', `malformed XML in <ticket>: ${error.message}`);
          throw error;
        }
      }
      if (inHeader && stack.length === 1) {
        inHeader = false;
        const notUnderstood = findNotUnderstoodHeaders(headerEntries, soapVersion);
        if (notUnderstood.length > 0) {
          return {
            kind: 'fault',
            error: new SoapRequestError({ faultCode: 'MustUnderstand', reason: describeNotUnderstood(notUnderstood), soapVersion, notUnderstood }),
          };
        }
      }
      // The method element closed before any parameter: no ticket.
      if (method && stack.length === 2) return done(null);
      continue;
    }

    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameEnd = body.search(/[\s]/);
    const qname = nameEnd < 0 ? body : body.slice(0, nameEnd);
    if (qname === '') return fault('Client', 'malformed XML: a tag without a name');

    let element: Open & { attributes: Map<string, string> };
    try {
      element = resolve(qname, body.slice(qname.length), stack.at(-1)?.scope ?? new Map([['xml', XML_NS]]));
    } catch (error) {
      if (error instanceof XmlTextError) return fault('Client', `malformed XML: ${error.message}`);
      throw error;
    }
    const depth = stack.length; // of this element: 0 = the root
    if (depth + 1 > MAX_DEPTH) return fault('Client', `XML nested deeper than ${MAX_DEPTH} levels is refused`);

    if (depth === 0) {
      if (element.local !== 'Envelope') return fault('Client', `not a SOAP Envelope (root element is <${clip(qname)}>)`);
      if (element.ns === SOAP11_ENVELOPE_NS) soapVersion = '1.1';
      else if (element.ns === SOAP12_ENVELOPE_NS) soapVersion = '1.2';
      // SOAP 1.1 §4.4.1 / SOAP 1.2 §5.4.7.
      else
        return fault(
          'VersionMismatch',
          `Envelope namespace '${clip(element.ns ?? '')}' is neither SOAP 1.1 (${SOAP11_ENVELOPE_NS}) nor SOAP 1.2 (${SOAP12_ENVELOPE_NS})`,
        );
      envelopeNs = element.ns;
    } else if (depth === 1) {
      if (element.ns === envelopeNs && element.local === 'Header') inHeader = !selfClosing;
    } else if (depth === 2 && inHeader) {
      headerEntries.push(element);
    } else if (depth === 2 && stack[1]!.local === 'Body' && stack[1]!.ns === envelopeNs && method === null) {
      const local = clip(element.local);
      method = { local, known: element.ns === QBWC_NAMESPACE && isQbwcMethod(element.local) };
      if (selfClosing) return done(null);
    } else if (depth === 3 && method !== null && stack[2] !== undefined) {
      // The method's first child: the ticket, when it is <ticket> in the service namespace or none.
      const isTicket = element.local === 'ticket' && (element.ns === QBWC_NAMESPACE || element.ns === null);
      if (!isTicket || !method.known || QBWC_METHODS[method.local as keyof typeof QBWC_METHODS].ticketParam !== 'ticket') return done(null);
      if (selfClosing) return done('');
      ticket = '';
    } else if (ticket !== null) {
      return fault('Client', '<ticket> must hold text (escaped XML), not child elements', method?.local);
    }
    if (!selfClosing) stack.push(element);
  }
}

/** The '>' that ends a tag starting at `from`, skipping quoted attribute values; -1 if not there yet. */
function findTagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j;
  }
  return -1;
}

function resolve(qname: string, attributeText: string, parentScope: ReadonlyMap<string, string>): Open & { attributes: Map<string, string> } {
  const raw: [string, string][] = [];
  for (const match of attributeText.matchAll(ATTRIBUTE)) raw.push([match[1]!, decodeXmlText(match[2] ?? match[3] ?? '')]);
  let scope = parentScope;
  const plain: [string, string][] = [];
  for (const [name, value] of raw) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value);
    } else plain.push([name, value]);
  }
  const lookup = (prefix: string): string | null => {
    const uri = scope.get(prefix);
    if (uri === undefined) {
      if (prefix === '') return null;
      throw new XmlTextError(`namespace prefix '${clip(prefix)}' is not declared`);
    }
    return uri === '' ? null : uri;
  };
  const split = (name: string) => {
    const colon = name.indexOf(':');
    return colon < 0 ? { prefix: '', local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
  };
  const attributes = new Map<string, string>();
  for (const [name, value] of plain) {
    const s = split(name);
    // Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
    attributes.set(s.prefix === '' ? s.local : `{${lookup(s.prefix) ?? ''}}${s.local}`, value);
  }
  const { prefix, local } = split(qname);
  return { qname, local, ns: lookup(prefix), scope, attributes };
}

function clip(value: string, max = 80): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
