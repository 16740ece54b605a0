import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlText, XmlTextError } from './decode-xml-text.ts';
import { describeNotUnderstood, findNotUnderstoodHeaders } from './find-not-understood-headers.ts';
import { hasInvalidXmlChars } from './escape-xml.ts';
import { QBWC_METHODS, isQbwcMethod } from './qbwc-methods.ts';
import type { MethodSpec, QbwcMethod, QbwcParams } from './qbwc-methods.ts';
import { DEFAULT_XML_LIMITS, scanXmlLimits } from './scan-xml-limits.ts';
import type { XmlLimits } from './scan-xml-limits.ts';
import { setAsideLongText } from './set-aside-long-text.ts';
import { soapVersionFromContentType } from './soap-version-from-content-type.ts';
import { SoapRequestError } from './soap-request-error.ts';
import { QBWC_NAMESPACE, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, XSI_NS } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';

/** One parsed QBWC call: the method, the caller's SOAP version, and the WSDL-named parameters. */
export type QbwcCall = {
  [M in QbwcMethod]: { method: M; soapVersion: SoapVersion; params: QbwcParams<M> };
}[QbwcMethod];

export type QbwcCallOf<M extends QbwcMethod> = Extract<QbwcCall, { method: M }>;

export interface ParseSoapRequestOptions {
  readonly limits?: Partial<XmlLimits>;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

// preserveOrder keeps text and CDATA pieces in document order (a parameter may mix them);
// entities stay raw so decodeXmlText can decode them exactly once; no value is trimmed or
// converted because the qbXML must come through byte-for-byte.
const newParser = (maxDepth: number) =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: false,
    htmlEntities: false,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: false,
    // scanXmlLimits already enforced maxDepth; this is the parser's own backstop.
    maxNestedTags: maxDepth + 1,
  });

type FxpNode = Record<string, unknown>;

interface Element {
  readonly qname: string;
  readonly local: string;
  readonly ns: string | null;
  readonly attributes: ReadonlyMap<string, string>; // "{ns}local" or "local" → decoded value
  readonly node: FxpNode;
  readonly scope: ReadonlyMap<string, string>;
}

/**
 * Parse a QBWC SOAP request (SOAP 1.1 text/xml or SOAP 1.2 application/soap+xml,
 * document/literal, namespace http://developer.intuit.com/). Dispatches on the first child
 * element of Body; the SOAPAction header is not needed.
 *
 * @throws SoapRequestError for anything that is not a well-formed QBWC call.
 */
export function parseSoapRequest(body: string, contentType?: string, options: ParseSoapRequestOptions = {}): QbwcCall {
  const hinted = soapVersionFromContentType(contentType);
  let soapVersion: SoapVersion = hinted ?? '1.1';
  const fail = (faultCode: 'Client' | 'VersionMismatch', reason: string, method?: string): never => {
    throw new SoapRequestError({
      faultCode,
      reason,
      soapVersion,
      ...(method !== undefined ? { method } : {}),
    });
  };

  if (typeof body !== 'string' || body.trim() === '') fail('Client', 'empty request body');
  const limits: XmlLimits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  // A byte-order mark is not part of the document (XML 1.0 §4.3.3).
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;

  const problem = scanXmlLimits(text, limits);
  if (problem) fail('Client', problem.kind === 'malformed' ? `malformed XML: ${problem.reason}` : problem.reason);
  if (hasInvalidXmlChars(text)) fail('Client', 'malformed XML: contains characters XML 1.0 does not allow');

  // XML 1.0 §2.11 end-of-line handling, which the parser below does not do. A CR the sender
  // meant to keep arrives as &#xD; and survives.
  const normalized = text.replace(/\r\n?/g, '\n');
  // The escaped qbXML goes around fast-xml-parser, which is slow on long text (set-aside-long-text.ts).
  const aside = setAsideLongText(normalized);
  const xml = aside.xml;

  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    fail('Client', `malformed XML: ${validation.err.msg} (line ${validation.err.line})`);
  }
  let document: FxpNode[];
  try {
    document = newParser(limits.maxDepth).parse(xml) as FxpNode[];
  } catch (error) {
    // fast-xml-parser refuses names such as __proto__ or constructor with a "[SECURITY]" message.
    return fail('Client', `malformed XML: ${(error as Error).message.replace(/^\[SECURITY\]\s*/, '')}`);
  }
  if (xml !== normalized) restoreText(document, aside.restore);

  const resolve = (node: FxpNode, scope: ReadonlyMap<string, string>): Element => {
    try {
      return resolveElement(node, scope);
    } catch (error) {
      if (error instanceof XmlTextError) return fail('Client', `malformed XML: ${error.message}`);
      throw error;
    }
  };

  const roots = document.filter(isElementNode);
  if (roots.length !== 1) fail('Client', 'malformed XML: a document has exactly one root element');
  const envelope = resolve(roots[0] as FxpNode, new Map([['xml', XML_NS]]));

  if (envelope.local !== 'Envelope') fail('Client', `not a SOAP Envelope (root element is <${clip(envelope.qname, 80)}>)`);
  if (envelope.ns === SOAP11_ENVELOPE_NS) soapVersion = '1.1';
  else if (envelope.ns === SOAP12_ENVELOPE_NS) soapVersion = '1.2';
  else {
    // SOAP 1.1 §4.4.1 / SOAP 1.2 §5.4.7: an Envelope in any other namespace is a VersionMismatch.
    fail(
      'VersionMismatch',
      `Envelope namespace '${clip(envelope.ns ?? '', 80)}' is neither SOAP 1.1 (${SOAP11_ENVELOPE_NS}) nor SOAP 1.2 (${SOAP12_ENVELOPE_NS})`,
    );
  }
  const envelopeNs = envelope.ns;

  const envelopeChildren = childElements(envelope, resolve);
  // Before anything in the Body is acted on: a header entry for us marked mustUnderstand that we do not
  // understand (we understand none) is a MustUnderstand fault (SOAP 1.1 §4.2.3, SOAP 1.2 Part 1 §5.2.3).
  const header = envelopeChildren.find((child) => child.local === 'Header' && child.ns === envelopeNs);
  if (header) {
    const notUnderstood = findNotUnderstoodHeaders(childElements(header, resolve), soapVersion);
    if (notUnderstood.length > 0) {
      throw new SoapRequestError({ faultCode: 'MustUnderstand', reason: describeNotUnderstood(notUnderstood), soapVersion, notUnderstood });
    }
  }
  const foundBody = envelopeChildren.find((child) => child.local === 'Body' && child.ns === envelopeNs);
  if (!foundBody) fail('Client', 'the SOAP Envelope has no Body');
  const bodyElement = foundBody as Element;
  if (hasSignificantText(bodyElement.node)) fail('Client', 'the SOAP Body holds text instead of a method element');

  const methodElement = childElements(bodyElement, resolve)[0];
  if (!methodElement) fail('Client', 'the SOAP Body is empty: no method element');
  const call = methodElement as Element;
  // Echoed back in fault text and logs: keep it short (names can be any length).
  const name = clip(call.local, 80);

  if (call.ns !== QBWC_NAMESPACE) {
    fail('Client', `<${name}> is in namespace '${clip(call.ns ?? '', 80)}', expected ${QBWC_NAMESPACE} (QBWC guide p.41)`, name);
  }
  if (!isQbwcMethod(call.local)) fail('Client', `unknown method '${name}'`, name);
  const method = call.local as QbwcMethod;
  const spec: MethodSpec = QBWC_METHODS[method];

  // Parameters: children in the service namespace (elementFormDefault="qualified"), or in no
  // namespace, which clients that prefix only the method element send. Unknown children and
  // children in other namespaces are ignored, as an ASP.NET service would.
  const values = new Map<string, Element>();
  for (const child of childElements(call, resolve)) {
    if (child.ns !== QBWC_NAMESPACE && child.ns !== null) continue;
    if (!spec.params.some((p) => p.name === child.local)) continue;
    if (values.has(child.local)) fail('Client', `<${child.local}> appears more than once in ${method}`, method);
    values.set(child.local, child);
  }

  if (spec.ticketParam !== null && !values.has(spec.ticketParam)) {
    fail('Client', `${method} requires a <${spec.ticketParam}> element`, method);
  }

  const params: Record<string, string | number> = {};
  for (const param of spec.params) {
    const element = values.get(param.name);
    const nil = element !== undefined && isNil(element);
    let value: string | undefined;
    if (element !== undefined && !nil) {
      if (childElements(element, resolve).length > 0) {
        fail('Client', `<${param.name}> must hold text (escaped XML), not child elements`, method);
      }
      try {
        value = textContent(element.node);
      } catch (error) {
        if (error instanceof XmlTextError) fail('Client', `malformed XML in <${param.name}>: ${error.message}`, method);
        throw error;
      }
    }
    if (param.type === 'int') {
      if (value === undefined) {
        fail('Client', `${method} requires <${param.name}> (WSDL minOccurs="1", xs:int)`, method);
      }
      const number = parseXsInt(value as string);
      if (number === null) fail('Client', `<${param.name}> must be an xs:int, got '${clip(value as string)}'`, method);
      params[param.name] = number as number;
    } else {
      // Strings have minOccurs="0": absent or nil reads as ''.
      params[param.name] = value ?? '';
    }
  }

  return { method, soapVersion, params } as QbwcCall;
}

/** Puts the runs set aside before parsing back into the tree's text nodes. */
function restoreText(nodes: FxpNode[], restore: (text: string) => string): void {
  for (const node of nodes) {
    const text = node['#text'];
    if (typeof text === 'string') node['#text'] = restore(text);
    const name = elementName(node);
    if (name !== undefined && Array.isArray(node[name])) restoreText(node[name] as FxpNode[], restore);
  }
}

function isElementNode(node: FxpNode): boolean {
  return elementName(node) !== undefined;
}

function elementName(node: FxpNode): string | undefined {
  for (const key of Object.keys(node)) {
    if (key !== ':@' && key !== '#text' && key !== '#cdata') return key;
  }
  return undefined;
}

function children(node: FxpNode): FxpNode[] {
  const name = elementName(node);
  const value = name === undefined ? undefined : node[name];
  return Array.isArray(value) ? (value as FxpNode[]) : [];
}

function splitQName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { prefix: '', local: qname };
  const prefix = qname.slice(0, colon);
  const local = qname.slice(colon + 1);
  if (prefix === '' || local === '' || local.includes(':')) {
    throw new XmlTextError(`'${clip(qname)}' is not a valid namespace-qualified name`);
  }
  return { prefix, local };
}

function resolveElement(node: FxpNode, parentScope: ReadonlyMap<string, string>): Element {
  const qname = elementName(node) as string;
  const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;
  let scope = parentScope;
  const plain: [string, string][] = [];
  for (const [attrName, rawValue] of Object.entries(rawAttributes)) {
    const value = decodeXmlText(String(rawValue));
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      const prefix = attrName === 'xmlns' ? '' : attrName.slice(6);
      if (prefix !== '' && value === '') throw new XmlTextError(`prefix '${prefix}' cannot be undeclared`);
      if (prefix === 'xmlns' || value === XMLNS_NS) throw new XmlTextError('the xmlns prefix is reserved');
      (scope as Map<string, string>).set(prefix, value);
    } else {
      plain.push([attrName, value]);
    }
  }

  const lookup = (prefix: string): string | null => {
    const uri = scope.get(prefix);
    if (uri === undefined) {
      if (prefix === '') return null;
      throw new XmlTextError(`namespace prefix '${prefix}' is not declared`);
    }
    return uri === '' ? null : uri;
  };

  const { prefix, local } = splitQName(qname);
  const attributes = new Map<string, string>();
  for (const [attrName, value] of plain) {
    const split = splitQName(attrName);
    // Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
    const key = split.prefix === '' ? split.local : `{${lookup(split.prefix) ?? ''}}${split.local}`;
    attributes.set(key, value);
  }
  return { qname, local, ns: lookup(prefix), attributes, node, scope };
}

function childElements(parent: Element, resolve: (node: FxpNode, scope: ReadonlyMap<string, string>) => Element): Element[] {
  return children(parent.node)
    .filter(isElementNode)
    .map((child) => resolve(child, parent.scope));
}

function hasSignificantText(node: FxpNode): boolean {
  return children(node).some((child) => (typeof child['#text'] === 'string' && child['#text'].trim() !== '') || child['#cdata'] !== undefined);
}

/** Text and CDATA pieces in order; text decoded once, CDATA taken literally. */
function textContent(node: FxpNode): string {
  let out = '';
  for (const child of children(node)) {
    const text = child['#text'];
    if (typeof text === 'string') {
      out += decodeXmlText(text);
      continue;
    }
    const cdata = child['#cdata'];
    if (Array.isArray(cdata)) {
      for (const piece of cdata as FxpNode[]) {
        const raw = piece['#text'];
        if (typeof raw === 'string') out += raw;
      }
    }
  }
  return out;
}

function isNil(element: Element): boolean {
  const nil = element.attributes.get(`{${XSI_NS}}nil`);
  return nil !== undefined && (nil.trim() === 'true' || nil.trim() === '1');
}

/** xs:int lexical space (XSD 1.0 §3.3.17) after whitespace collapse. */
function parseXsInt(value: string): number | null {
  const trimmed = value.trim();
  if (!/^[+-]?[0-9]{1,11}$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return number >= INT32_MIN && number <= INT32_MAX ? number : null;
}

function clip(value: string, max = 40): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
