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
const DECLARATION_AT = /<!(DOCTYPE|ENTITY)/iy;
const REFERENCE = /&([^&;]*)(;?)/g;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Deepest element nesting accepted. qbXML responses nest about 10 deep (QBXML > QBXMLMsgsRs > BillQueryRs >
 * BillRet > ItemLineRet > ItemRef > FullName); 10,000 nested elements overflowed the stack of every recursive
 * reader after this parser (hostile input, item 4), so a deeper document is refused here as malformed.
 */
export const MAX_XML_DEPTH = 100;

/**
 * What a one-pass reader is told while scanXml walks a document, in document order. A self-closing element is
 * an `open` followed at once by its `close`. `attributes` is null when the tag has none (most qbXML tags), so
 * a reader that keeps no attributes allocates nothing for them.
 */
export interface XmlSink {
  open(name: string, attributes: Record<string, string> | null): void;
  /** Decoded character data (CDATA included) inside the element opened last and not yet closed. */
  text(text: string): void;
  close(): void;
}

/** Parses `xml` into a tree of elements (see scanXml for what is accepted and refused). */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  scanXml(xml, {
    open(name, attributes) {
      const element: XmlElement = { name, attributes: attributes ?? {}, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = element;
      else parent.children.push(element);
      stack.push(element);
    },
    text(text) {
      stack[stack.length - 1]!.text += text;
    },
    close() {
      stack.pop();
    },
  });
  return root!;
}

/**
 * Checks `xml` is well-formed and tells `sink` its elements and text, in one pass and without building a tree,
 * so a reader keeps only what it needs (issue 19: the tree of a 20 MB BillQuery page, then its copy as records,
 * was most of the parse's time and garbage). Every refusal is a QbxmlParseError thrown as soon as it is met; the
 * sink may already have been told about the elements before it.
 */
export function scanXml(xml: string, sink: XmlSink): void {
  if (typeof xml !== 'string') throw new QbxmlParseError('Expected the XML document as a string.');
  const declaration = findDeclaration(xml);
  if (declaration) {
    throw new QbxmlParseError(
      `Refusing XML with a <!${declaration[1]!.toUpperCase()}> declaration: QuickBooks responses never contain one, and entity declarations enable entity-expansion and external-entity attacks.`,
    );
  }
  // The open elements: their names, and whether each has a child element yet (whitespace between children is
  // not character data worth decoding, as before: parseXml kept only the text before an element's first child
  // and any non-whitespace text).
  const names: string[] = [];
  const hasChild: boolean[] = [];
  let depth = 0;
  let rootSeen = false;
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
      if (depth === 0) {
        if (!WHITESPACE_ONLY.test(xml.slice(pos, textEnd))) fail('text outside the root element', pos);
      } else if (!hasChild[depth - 1] || !WHITESPACE_ONLY.test(xml.slice(pos, textEnd))) {
        sink.text(decodeText(xml.slice(pos, textEnd), pos, fail));
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
        if (depth === 0) fail('CDATA outside the root element', lt);
        const close = xml.indexOf(']]>', lt + 9);
        if (close === -1) fail('unterminated CDATA section', lt);
        sink.text(normalizeLineEnds(xml.slice(lt + 9, close)));
        pos = close + 3;
        continue;
      }
      fail('unexpected markup declaration', lt);
    }

    if (next === 0x2f /* / */) {
      // Nearly always the name of the element open here: matched in place, not copied out (one string less
      // per element of a 20 MB answer); anything else goes the long way and is refused below.
      const expected = depth > 0 ? names[depth - 1]! : '';
      const after = lt + 2 + expected.length;
      if (depth > 0 && xml.charCodeAt(after) === 0x3e /* > */ && xml.startsWith(expected, lt + 2)) {
        depth -= 1;
        sink.close();
        pos = after + 1;
        continue;
      }
      if (depth > 0 && xml.startsWith(expected, lt + 2) && !isNameChar(xml, after)) {
        TAG_END.lastIndex = after;
        if (TAG_END.test(xml) && xml.charCodeAt(TAG_END.lastIndex - 2) !== 0x2f /* / */) {
          depth -= 1;
          sink.close();
          pos = TAG_END.lastIndex;
          continue;
        }
      }
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(xml)?.[0];
      if (name === undefined) fail('closing tag without a name', lt);
      TAG_END.lastIndex = lt + 2 + name!.length;
      const end = TAG_END.exec(xml);
      if (end === null || end[1] !== '') fail(`malformed closing tag </${name}>`, lt);
      if (depth === 0) fail(`closing tag </${name}> without an opening tag`, lt);
      const open = names[depth - 1]!;
      if (open !== name) fail(`</${name}> closes <${open}>`, lt);
      depth -= 1;
      sink.close();
      pos = TAG_END.lastIndex;
      continue;
    }

    NAME.lastIndex = lt + 1;
    if (!NAME.test(xml)) fail('"<" that does not start a tag (escape it as &lt;)', lt);
    // The name sliced out, not a match array made per element (a 20 MB answer has about a million).
    const name = xml.slice(lt + 1, NAME.lastIndex);
    let attributes: Record<string, string> | null = null;
    let cursor = NAME.lastIndex;
    let selfClosing: boolean;
    for (;;) {
      // "<Name>", nearly every qbXML tag: no attribute, nothing more to match.
      if (xml.charCodeAt(cursor) === 0x3e /* > */) {
        selfClosing = false;
        cursor += 1;
        break;
      }
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
      attributes ??= {};
      if (Object.hasOwn(attributes, attributeName)) fail(`duplicate attribute ${attributeName} on <${name}>`, cursor);
      const raw = attribute![2] ?? attribute![3] ?? '';
      Object.defineProperty(attributes, attributeName, {
        value: decodeText(raw.replace(/\r\n?|[\t\n]/g, ' '), cursor, fail),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      cursor = ATTRIBUTE.lastIndex;
    }
    if (depth === 0) {
      if (rootSeen) fail('more than one root element', lt);
      rootSeen = true;
    } else {
      hasChild[depth - 1] = true;
    }
    if (!selfClosing && depth >= MAX_XML_DEPTH) fail(`elements nested more than ${MAX_XML_DEPTH} deep (qbXML nests about 10)`, lt);
    sink.open(name, attributes);
    if (selfClosing) {
      sink.close();
    } else {
      names[depth] = name;
      hasChild[depth] = false;
      depth += 1;
    }
    pos = cursor;
  }

  if (depth > 0) fail(`<${names[depth - 1]}> is never closed`, length);
  if (!rootSeen) throw new QbxmlParseError('Malformed XML: the document has no root element.');
}

/** A DOCTYPE or ENTITY declaration anywhere in `xml`, looked for only where "<!" is (a case-insensitive search of a 20 MB answer was a tenth of its parse). */
function findDeclaration(xml: string): RegExpExecArray | null {
  for (let at = xml.indexOf('<!'); at !== -1; at = xml.indexOf('<!', at + 2)) {
    DECLARATION_AT.lastIndex = at;
    const found = DECLARATION_AT.exec(xml);
    if (found) return found;
  }
  return null;
}

const NAME_CHAR = /[-.\w:\u00B7\u00C0-\uFFFF]/y;

function isNameChar(xml: string, at: number): boolean {
  NAME_CHAR.lastIndex = at;
  return NAME_CHAR.test(xml);
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
