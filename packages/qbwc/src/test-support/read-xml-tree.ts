import { XMLParser } from 'fast-xml-parser';

/**
 * Test-only: an independent, namespace-aware reading of an XML document, used to check what we
 * serialize. It relies on fast-xml-parser's own entity decoding (not decode-xml-text.ts), so a
 * bug there cannot hide itself.
 */
export interface XmlNode {
  readonly qname: string;
  readonly local: string;
  readonly ns: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** Concatenated text and CDATA directly inside this element. */
  readonly text: string;
  /** Namespace declarations in scope (prefix → URI; '' for the default namespace). */
  readonly scope: ReadonlyMap<string, string>;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;

export function readXmlTree(xml: string): XmlNode {
  const doc = parser.parse(xml) as Raw[];
  const root = doc.find((n) => nameOf(n) !== undefined);
  if (!root) throw new Error('no root element');
  return build(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function nameOf(node: Raw): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
}

function build(node: Raw, parentScope: Map<string, string>): XmlNode {
  const qname = nameOf(node) as string;
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(parentScope);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns') scope.set('', v);
    else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
  }
  const [prefix, local] = qname.includes(':') ? (qname.split(':') as [string, string]) : ['', qname];
  const ns = scope.get(prefix);
  if (prefix !== '' && ns === undefined) throw new Error(`undeclared prefix ${prefix}`);
  const kids = (node[qname] ?? []) as Raw[];
  let text = '';
  const children: XmlNode[] = [];
  for (const kid of kids) {
    if (typeof kid['#text'] === 'string') text += kid['#text'];
    else if (Array.isArray(kid['#cdata'])) text += (kid['#cdata'] as Raw[]).map((c) => String(c['#text'] ?? '')).join('');
    else if (nameOf(kid) !== undefined) children.push(build(kid, scope));
  }
  return { qname, local, ns: ns === undefined || ns === '' ? null : ns, attributes: attrs, children, text, scope };
}

/** Resolve a QName-valued attribute ("tns:ArrayOfString") against the element's in-scope declarations. */
export function resolveQName(node: XmlNode, value: string): string {
  const [prefix, local] = value.includes(':') ? (value.split(':') as [string, string]) : ['', value];
  return `{${node.scope.get(prefix) ?? ''}}${local}`;
}

export function child(node: XmlNode, local: string): XmlNode {
  const found = node.children.find((c) => c.local === local);
  if (!found) throw new Error(`<${node.qname}> has no <${local}>`);
  return found;
}
