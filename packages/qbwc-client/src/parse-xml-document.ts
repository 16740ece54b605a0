// A small strict XML 1.0 + Namespaces reader for SOAP responses. Strict on purpose: QBWC's .NET
// XmlReader rejects malformed XML (bare '&', undefined entities, mismatched tags, DTDs), and this
// client exists to catch server bugs before a real Web Connector does.

export interface XmlAttribute {
  /** Qualified name as written, e.g. 'xsi:nil'. */
  name: string;
  localName: string;
  /** Namespace URI, '' when none. */
  namespace: string;
  value: string;
}

export interface XmlElement {
  /** Qualified name as written, e.g. 'soap:Envelope'. */
  name: string;
  localName: string;
  /** Namespace URI, '' when none. */
  namespace: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Character data (text and CDATA) directly inside the element, entities decoded. */
  text: string;
}

export class XmlParseError extends Error {
  override name = 'XmlParseError';
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const MAX_DEPTH = 256;
// XML 1.0 §2.2 Char (surrogate pairs are valid as a unit; the u flag checks code points).
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9._:\u00B7\u00C0-\uFFFF]*/y;
const WHITESPACE = /[ \t\n]*/y;
const ENTITY = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][-A-Za-z0-9._]*));/y;
const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

type Scope = ReadonlyMap<string, string>;

export function parseXmlDocument(input: string): XmlElement {
  // XML 1.0 §2.11: CRLF and lone CR become LF before parsing (a &#xD; reference survives).
  const source = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const invalid = INVALID_CHAR.exec(source);
  if (invalid) {
    throw new XmlParseError(`invalid XML character U+${(invalid[0].codePointAt(0) ?? 0).toString(16)} at offset ${invalid.index}`);
  }
  const reader = new Reader(source);
  if (source.startsWith('<?xml')) reader.skipXmlDeclaration();
  reader.skipMisc();
  if (!reader.at('<')) throw reader.error('expected the root element');
  const root = reader.readElement(new Map([['xml', XML_NAMESPACE]]), 0);
  reader.skipMisc();
  if (!reader.atEnd()) throw reader.error('content after the root element');
  return root;
}

class Reader {
  private pos = 0;
  private readonly source: string;
  constructor(source: string) {
    this.source = source;
  }

  error(message: string): XmlParseError {
    const before = this.source.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    return new XmlParseError(`${message} (line ${line}, column ${column})`);
  }

  at(text: string): boolean {
    return this.source.startsWith(text, this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.source.length;
  }

  private expect(text: string): void {
    if (!this.at(text)) throw this.error(`expected '${text}'`);
    this.pos += text.length;
  }

  private skipWhitespace(): boolean {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.source);
    const moved = WHITESPACE.lastIndex > this.pos;
    this.pos = WHITESPACE.lastIndex;
    return moved;
  }

  private readName(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.source);
    if (!match) throw this.error('expected a name');
    this.pos = NAME.lastIndex;
    return match[0];
  }

  private skipPast(terminator: string, what: string): string {
    const end = this.source.indexOf(terminator, this.pos);
    if (end < 0) throw this.error(`unterminated ${what}`);
    const content = this.source.slice(this.pos, end);
    this.pos = end + terminator.length;
    return content;
  }

  skipXmlDeclaration(): void {
    this.pos += 5;
    const declaration = this.skipPast('?>', 'XML declaration');
    if (!/^\s+version\s*=\s*["']1\.[0-9]+["']/.test(declaration)) throw this.error('bad XML declaration');
  }

  /** Whitespace, comments and processing instructions between top-level constructs. */
  skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.at('<!--')) this.skipComment();
      else if (this.at('<?')) this.skipProcessingInstruction();
      else if (this.at('<!DOCTYPE')) throw this.error('a DTD is not allowed in a SOAP message');
      else return;
    }
  }

  private skipComment(): void {
    this.pos += 4;
    const comment = this.skipPast('-->', 'comment');
    if (comment.includes('--')) throw this.error("'--' inside a comment");
  }

  private skipProcessingInstruction(): void {
    this.pos += 2;
    const target = this.readName();
    if (target.toLowerCase() === 'xml') throw this.error('XML declaration not at the start');
    this.skipPast('?>', 'processing instruction');
  }

  readElement(parentScope: Scope, depth: number): XmlElement {
    if (depth > MAX_DEPTH) throw this.error('elements nested too deeply');
    this.expect('<');
    const name = this.readName();
    const rawAttributes: Array<{ name: string; value: string }> = [];
    let selfClosing = false;
    for (;;) {
      const spaced = this.skipWhitespace();
      if (this.at('/>')) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.at('>')) {
        this.pos += 1;
        break;
      }
      if (!spaced) throw this.error(`expected whitespace, '>' or '/>' in <${name}>`);
      const attributeName = this.readName();
      if (rawAttributes.some((attribute) => attribute.name === attributeName)) {
        throw this.error(`duplicate attribute ${attributeName} on <${name}>`);
      }
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.source[this.pos];
      if (quote !== '"' && quote !== "'") throw this.error(`attribute ${attributeName} value must be quoted`);
      this.pos += 1;
      const raw = this.skipPast(quote, 'attribute value');
      if (raw.includes('<')) throw this.error(`'<' in the value of attribute ${attributeName}`);
      rawAttributes.push({ name: attributeName, value: this.decode(raw.replace(/[\t\n]/g, ' ')) });
    }

    const scope = declareNamespaces(parentScope, rawAttributes, (message) => this.error(message));
    const [prefix, localName] = splitName(name);
    const namespace = prefix === undefined ? (scope.get('') ?? '') : scope.get(prefix);
    if (namespace === undefined) throw this.error(`undeclared namespace prefix '${prefix}' on <${name}>`);
    const attributes: XmlAttribute[] = rawAttributes
      .filter((attribute) => attribute.name !== 'xmlns' && !attribute.name.startsWith('xmlns:'))
      .map((attribute) => {
        const [attributePrefix, attributeLocal] = splitName(attribute.name);
        const attributeNamespace = attributePrefix === undefined ? '' : scope.get(attributePrefix);
        if (attributeNamespace === undefined) throw this.error(`undeclared namespace prefix '${attributePrefix}' on attribute ${attribute.name}`);
        return { name: attribute.name, localName: attributeLocal, namespace: attributeNamespace, value: attribute.value };
      });
    const element: XmlElement = { name, localName, namespace, attributes, children: [], text: '' };
    if (selfClosing) return element;

    const textParts: string[] = [];
    for (;;) {
      const next = this.source.indexOf('<', this.pos);
      if (next < 0) throw this.error(`<${name}> is not closed`);
      if (next > this.pos) {
        const raw = this.source.slice(this.pos, next);
        this.pos = next;
        if (raw.includes(']]>')) throw this.error("']]>' in text");
        textParts.push(this.decode(raw));
      }
      if (this.at('</')) {
        this.pos += 2;
        const closing = this.readName();
        if (closing !== name) throw this.error(`expected </${name}> but found </${closing}>`);
        this.skipWhitespace();
        this.expect('>');
        element.text = textParts.join('');
        return element;
      }
      if (this.at('<![CDATA[')) {
        this.pos += 9;
        textParts.push(this.skipPast(']]>', 'CDATA section'));
      } else if (this.at('<!--')) {
        this.skipComment();
      } else if (this.at('<?')) {
        this.skipProcessingInstruction();
      } else if (this.at('<!')) {
        throw this.error('markup declaration inside an element');
      } else {
        element.children.push(this.readElement(scope, depth + 1));
      }
    }
  }

  /** Decodes the five predefined entities and character references; anything else is an error. */
  private decode(raw: string): string {
    let ampersand = raw.indexOf('&');
    if (ampersand < 0) return raw;
    const parts: string[] = [];
    let from = 0;
    while (ampersand >= 0) {
      parts.push(raw.slice(from, ampersand));
      ENTITY.lastIndex = ampersand;
      const match = ENTITY.exec(raw);
      if (!match) throw this.error(`'&' not starting an entity or character reference: '${raw.slice(ampersand, ampersand + 12)}'`);
      const [, hex, decimal, named] = match;
      if (named !== undefined) {
        const replacement = PREDEFINED_ENTITIES[named];
        if (replacement === undefined) throw this.error(`undefined entity &${named};`);
        parts.push(replacement);
      } else {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal ?? '', 10);
        const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
        if (char === '' || INVALID_CHAR.test(char)) throw this.error(`character reference ${match[0]} is not a legal XML character`);
        parts.push(char);
      }
      from = ENTITY.lastIndex;
      ampersand = raw.indexOf('&', from);
    }
    parts.push(raw.slice(from));
    return parts.join('');
  }
}

function splitName(name: string): [prefix: string | undefined, localName: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? [undefined, name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function declareNamespaces(parent: Scope, attributes: ReadonlyArray<{ name: string; value: string }>, fail: (message: string) => Error): Scope {
  const declarations = attributes.filter((attribute) => attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:'));
  if (declarations.length === 0) return parent;
  const scope = new Map(parent);
  for (const declaration of declarations) {
    const prefix = declaration.name === 'xmlns' ? '' : declaration.name.slice(6);
    if (prefix !== '' && declaration.value === '') throw fail(`prefix '${prefix}' bound to an empty namespace`);
    if (declaration.value === XMLNS_NAMESPACE || prefix === 'xmlns') throw fail('reserved xmlns namespace redeclared');
    scope.set(prefix, declaration.value);
  }
  return scope;
}

/** The child elements with this namespace and local name. */
export function childElements(element: XmlElement, namespace: string, localName: string): XmlElement[] {
  return element.children.filter((child) => child.namespace === namespace && child.localName === localName);
}

/** Whether the element carries xsi:nil="true". */
export function isNil(element: XmlElement): boolean {
  return element.attributes.some(
    (attribute) =>
      attribute.localName === 'nil' &&
      attribute.namespace === 'http://www.w3.org/2001/XMLSchema-instance' &&
      (attribute.value === 'true' || attribute.value === '1'),
  );
}
