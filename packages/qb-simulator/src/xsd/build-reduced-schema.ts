import type { XsdChunk, XsdChunks } from './load-xsd-chunks.ts';

const SCHEMA_OPEN = '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">';

interface ChunkDeps {
  elements: string[];
  groups: string[];
  types: string[];
}

const depsCache = new WeakMap<XsdChunk, ChunkDeps>();

function depsOf(chunk: XsdChunk): ChunkDeps {
  const cached = depsCache.get(chunk);
  if (cached) return cached;
  const deps: ChunkDeps = { elements: [], groups: [], types: [] };
  for (const m of chunk.text.matchAll(/<xsd:(element|group|attributeGroup)\s[^>]*?ref="([^"]+)"/g)) {
    if (m[1] === 'element') deps.elements.push(m[2] ?? '');
    else deps.groups.push(m[2] ?? '');
  }
  for (const m of chunk.text.matchAll(/\b(?:type|base)="([^"]+)"/g)) {
    const t = m[1] ?? '';
    if (!t.startsWith('xsd:')) deps.types.push(t);
  }
  depsCache.set(chunk, deps);
  return deps;
}

/** Every top-level definition reachable from the given types/elements. */
function closure(chunks: XsdChunks, seedTypes: string[], seedElements: string[]): XsdChunk[] {
  const out: XsdChunk[] = [];
  const seen = new Set<XsdChunk>();
  const stack: XsdChunk[] = [];
  const push = (c: XsdChunk | undefined): void => {
    if (c && !seen.has(c)) {
      seen.add(c);
      stack.push(c);
    }
  };
  for (const t of seedTypes) push(chunks.types.get(t));
  for (const e of seedElements) push(chunks.elements.get(e));
  while (stack.length > 0) {
    const c = stack.pop() as XsdChunk;
    out.push(c);
    const d = depsOf(c);
    for (const e of d.elements) push(chunks.elements.get(e));
    for (const g of d.groups) push(chunks.groups.get(g));
    for (const t of d.types) push(chunks.types.get(t));
  }
  return out;
}

/** Request/response element name -> its complexType, as declared in the message-set choice. */
export function messageSetMembers(chunks: XsdChunks, messageSet: string): Map<string, string> {
  const chunk = chunks.elements.get(messageSet);
  const members = new Map<string, string>();
  if (!chunk) return members;
  for (const m of chunk.text.matchAll(/<xsd:element name="([^"]+)" type="([^"]+)"\/>/g)) members.set(m[1] ?? '', m[2] ?? '');
  return members;
}

/**
 * A schema equivalent to qbxmlops130.xsd for one message whose QBXML holds exactly one message set
 * (QBXMLMsgsRq or QBXMLMsgsRs) containing only `memberNames`: the message-set choice is narrowed
 * to those members and only definitions reachable from them are kept. Compiling this is a small
 * fraction of compiling the 870 KB schema, and it accepts exactly the same documents of that shape.
 * `stripMaxLength` drops maxLength facets: QuickBooks reports over-long strings per field with
 * status 3070 instead of rejecting the whole stream (Intuit status code table).
 */
export function buildReducedSchema(chunks: XsdChunks, messageSet: string, memberNames: string[], stripMaxLength: boolean): string | undefined {
  const members = messageSetMembers(chunks, messageSet);
  const setChunk = chunks.elements.get(messageSet);
  if (!setChunk) return undefined;
  const lines: string[] = [];
  const types: string[] = [];
  // An empty choice would make the message set's content type empty (whitespace then fails);
  // keep the first member of the original choice so the content model stays element-only.
  const names = memberNames.length > 0 ? memberNames : [...members.keys()].slice(0, 1);
  for (const name of names) {
    const type = members.get(name);
    if (!type) return undefined;
    lines.push(`\t\t\t<xsd:element name="${name}" type="${type}"/>`);
    types.push(type);
  }
  const choice = `<xsd:choice minOccurs="0" maxOccurs="unbounded">\n${lines.join('\n')}\n\t\t</xsd:choice>`;
  const narrowed = setChunk.text.replace(/<xsd:choice[^>]*>[\s\S]*?<\/xsd:choice>/, choice);
  const root = `<xsd:element name="QBXML">\n\t<xsd:complexType>\n\t\t<xsd:sequence>\n\t\t\t<xsd:element ref="${messageSet}"/>\n\t\t</xsd:sequence>\n\t</xsd:complexType>\n</xsd:element>`;
  const narrowedChunk: XsdChunk = { kind: 'element', name: messageSet, text: narrowed };
  const seeds = depsOf(narrowedChunk);
  const body = closure(
    chunks,
    [...types, ...seeds.types],
    seeds.elements.filter((e) => e !== messageSet),
  ).map((c) => c.text);
  let text = [SCHEMA_OPEN, root, narrowed, ...body, '</xsd:schema>'].join('\n');
  if (stripMaxLength) text = text.replace(/<xsd:maxLength value="\d+"\s*\/>/g, '');
  return text;
}

/** The full schema as one string (the slow path, for documents of any other shape). */
export function buildFullSchemaFiles(chunks: XsdChunks, stripMaxLength: boolean): { fileName: string; contents: string }[] {
  return chunks.files.map((f) => ({
    fileName: f.fileName,
    contents: stripMaxLength ? f.contents.replace(/<xsd:maxLength value="\d+"\s*\/>/g, '') : f.contents,
  }));
}
