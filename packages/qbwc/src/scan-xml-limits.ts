/**
 * A single linear pass over a request body, before any XML parser sees it, that refuses what
 * could make parsing slow or dangerous: DTDs (XXE, billion laughs), deep nesting, elements with
 * huge attribute counts, and documents with far more elements than a SOAP call ever has.
 *
 * A QBWC call is an Envelope, a Body, one method element and at most six parameters
 * (WSDL sendRequestXML); the qbXML travels as escaped text, so it adds no elements.
 * The limits below leave wide room for SOAP headers from proxies and other clients.
 */

export interface XmlLimits {
  /**
   * Longest body accepted, in UTF-16 code units. The server passes its configured body limit in bytes
   * (QBWC_BODY_LIMIT_MB): a UTF-8 body of N bytes never decodes to more than N code units, so the body limit
   * is the only limit a request meets (hostile input: a 50 MB answer is ~65.5 MB escaped and must fit).
   */
  readonly maxChars: number;
  readonly maxDepth: number;
  readonly maxAttributesPerElement: number;
  readonly maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  // The server's default body limit (QBWC_BODY_LIMIT_MB=100); callers pass their own.
  maxChars: 100 * 1024 * 1024,
  maxDepth: 32,
  maxAttributesPerElement: 64,
  maxElements: 2000,
};

export type XmlLimitProblem = { kind: 'dtd'; reason: string } | { kind: 'limit'; reason: string } | { kind: 'malformed'; reason: string };

// Any markup declaration: a DTD or one of its parts, wherever it appears (even inside CDATA
// we refuse: no legitimate QBWC call carries one).
const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** Returns the first problem found, or null when the body is within limits. */
export function scanXmlLimits(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlLimitProblem | null {
  if (xml.length > limits.maxChars) {
    return { kind: 'limit', reason: `request body longer than ${limits.maxChars} characters is refused` };
  }
  const declaration = DECLARATION.exec(xml);
  if (declaration) {
    return {
      kind: 'dtd',
      reason: `<!${declaration[1]?.toUpperCase()} declarations are refused (no DTDs or entities in SOAP, SOAP 1.1 §3)`,
    };
  }

  let depth = 0;
  let elements = 0;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === BANG) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) return { kind: 'malformed', reason: 'unterminated comment' };
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) return { kind: 'malformed', reason: 'unterminated CDATA section' };
        i = end + 3;
        continue;
      }
      return { kind: 'malformed', reason: "unexpected '<!'" };
    }
    if (next === QUESTION) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return { kind: 'malformed', reason: 'unterminated processing instruction' };
      i = end + 2;
      continue;
    }
    if (next === SLASH) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) return { kind: 'malformed', reason: 'unterminated end tag' };
      depth -= 1;
      i = end + 1;
      continue;
    }

    // Start tag: walk to its '>' skipping quoted attribute values, counting '=' outside quotes.
    let attributes = 0;
    let quote = 0;
    let j = lt + 1;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
        continue;
      }
      if (c === DQUOTE || c === SQUOTE) quote = c;
      else if (c === EQUALS) {
        attributes += 1;
        if (attributes > limits.maxAttributesPerElement) {
          return {
            kind: 'limit',
            reason: `an element with more than ${limits.maxAttributesPerElement} attributes is refused`,
          };
        }
      } else if (c === GT) break;
      else if (c === LT) return { kind: 'malformed', reason: "'<' inside a tag" };
    }
    if (j >= n) return { kind: 'malformed', reason: 'unterminated start tag' };

    elements += 1;
    if (elements > limits.maxElements) {
      return { kind: 'limit', reason: `more than ${limits.maxElements} elements is refused` };
    }
    // An empty-element tag sits one level down too, it just closes at once.
    if (depth + 1 > limits.maxDepth) {
      return { kind: 'limit', reason: `XML nested deeper than ${limits.maxDepth} levels is refused` };
    }
    if (xml.charCodeAt(j - 1) !== SLASH) depth += 1;
    i = j + 1;
  }
  return null;
}
