import { QbxmlParseError } from './qbxml-parse-error.ts';

/**
 * A small, strict, non-validating XML parser for QuickBooks responses.
 *
 * Why not a general-purpose library: qbXML responses can be tens of MB (docs/qbxml.md#iterators
 * §5 iterators), we need exact control over entity handling (only the five
 * predefined entities and character references, decoded exactly once), and any
 * DOCTYPE/ENTITY declaration is refused outright so entity expansion ("billion
 * laughs") and external entities (XXE) cannot happen.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside the element (CDATA included). */
  text: string;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-.\w:\u00B7\u00C0-\uFFFF]*/y;
const ATTRIBUTE = /[\t\n\r ]+([A-Za-z_:\u00C0-\uFFFF][-.\w:\u00B7\u00C0-\uFFFF]*)[\t\n\r ]*=[\t\n\r ]*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /[\t\n\r ]*(\/?)>/y;
const WHITESPACE_ONLY = /^[\t\n\r ]*$/;
const DECLARATION = /<!(DOCTYPE|ENTITY)/i;
const REFERENCE = /&([^&;]*)(;?)/g;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Deepest element nesting accepted. qbXML responses nest about 10 deep (QBXML > QBXMLMsgsRs > BillQueryRs >
 * BillRet > ItemLineRet > ItemRef > FullName); 10,000 nested elements overflowed the stack of every recursive
 * reader after this parser (hostile input, item 4), so a deeper document is refused here as malformed.
 */
export const MAX_XML_DEPTH = 100;

export function parseXml(xml: string): XmlElement {
  if (typeof xml !== 'string') throw new QbxmlParseError('Expected the XML document as a string.');
  const declaration = DECLARATION.exec(xml);
  if (declaration) {
    throw new QbxmlParseError(
      `Refusing XML with a <!${declaration[1]!.toUpperCase()}> declaration: QuickBooks responses never contain one, and entity declarations enable entity-expansion and external-entity attacks.`,
    );
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = xml.length;

  const fail = (message: string, at: number): never => {
    const before = xml.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new QbxmlParseError(`Malformed XML at line ${line}, column ${column}: ${message}.`);
  };

  while (pos < length) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > pos) {
      const current = stack[stack.length - 1];
      if (current === undefined) {
        if (!WHITESPACE_ONLY.test(xml.slice(pos, textEnd))) fail('text outside the root element', pos);
      } else if (current.children.length === 0 || !WHITESPACE_ONLY.test(xml.slice(pos, textEnd))) {
        current.text += decodeText(xml.slice(pos, textEnd), pos, fail);
      }
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === 0x3f /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close === -1) fail('unterminated processing instruction', lt);
      NAME.lastIndex = lt + 2;
      const target = NAME.exec(xml)?.[0];
      if (target === undefined) fail('processing instruction without a target', lt);
      if (target!.toLowerCase() === 'xml' && lt !== (xml.charCodeAt(0) === 0xfeff ? 1 : 0)) {
        fail('the XML declaration must come first', lt);
      }
      pos = close + 2;
      continue;
    }

    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close === -1) fail('unterminated comment', lt);
        pos = close + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const current = stack[stack.length - 1];
        if (current === undefined) fail('CDATA outside the root element', lt);
        const close = xml.indexOf(']]>', lt + 9);
        if (close === -1) fail('unterminated CDATA section', lt);
        current!.text += normalizeLineEnds(xml.slice(lt + 9, close));
        pos = close + 3;
        continue;
      }
      fail('unexpected markup declaration', lt);
    }

    if (next === 0x2f /* / */) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(xml)?.[0];
      if (name === undefined) fail('closing tag without a name', lt);
      TAG_END.lastIndex = lt + 2 + name!.length;
      const end = TAG_END.exec(xml);
      if (end === null || end[1] !== '') fail(`malformed closing tag </${name}>`, lt);
      const open = stack.pop();
      if (open === undefined || open.name !== name) {
        fail(open === undefined ? `closing tag </${name}> without an opening tag` : `</${name}> closes <${open.name}>`, lt);
      }
      pos = TAG_END.lastIndex;
      continue;
    }

    NAME.lastIndex = lt + 1;
    const name = NAME.exec(xml)?.[0];
    if (name === undefined) fail('"<" that does not start a tag (escape it as &lt;)', lt);
    const element: XmlElement = { name: name!, attributes: {}, children: [], text: '' };
    let cursor = lt + 1 + name!.length;
    let selfClosing: boolean;
    for (;;) {
      TAG_END.lastIndex = cursor;
      const end = TAG_END.exec(xml);
      if (end !== null) {
        selfClosing = end[1] === '/';
        cursor = TAG_END.lastIndex;
        break;
      }
      ATTRIBUTE.lastIndex = cursor;
      const attribute = ATTRIBUTE.exec(xml);
      if (attribute === null) fail(`malformed start tag <${name}>`, cursor);
      const attributeName = attribute![1]!;
      if (Object.hasOwn(element.attributes, attributeName)) fail(`duplicate attribute ${attributeName} on <${name}>`, cursor);
      const raw = attribute![2] ?? attribute![3] ?? '';
      Object.defineProperty(element.attributes, attributeName, {
        value: decodeText(raw.replace(/\r\n?|[\t\n]/g, ' '), cursor, fail),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      cursor = ATTRIBUTE.lastIndex;
    }
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (root !== undefined) fail('more than one root element', lt);
      root = element;
    } else {
      parent.children.push(element);
    }
    if (!selfClosing) {
      if (stack.length >= MAX_XML_DEPTH) fail(`elements nested more than ${MAX_XML_DEPTH} deep (qbXML nests about 10)`, lt);
      stack.push(element);
    }
    pos = cursor;
  }

  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is never closed`, length);
  if (root === undefined) throw new QbxmlParseError('Malformed XML: the document has no root element.');
  return root;
}

function normalizeLineEnds(s: string): string {
  // XML 1.0 §2.11: CRLF and lone CR become LF before parsing.
  return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
}

/** Decodes the five predefined entities and character references, exactly once. */
function decodeText(raw: string, at: number, fail: (message: string, at: number) => never): string {
  const text = normalizeLineEnds(raw);
  if (text.indexOf('&') === -1) return text;
  return text.replace(REFERENCE, (_match, body: string, semicolon: string) => {
    if (semicolon === '') return fail('"&" that is not part of an entity reference (escape it as &amp;)', at);
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      if (!isXmlChar(codePoint)) return fail(`character reference &${body}; is not an XML character`, at);
      return String.fromCodePoint(codePoint);
    }
    return fail(`undeclared entity &${body};`, at);
  });
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}
