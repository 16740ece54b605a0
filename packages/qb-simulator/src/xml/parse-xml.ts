import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlNode } from './xml-node.ts';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  ignorePiTags: false,
  ignoreDeclaration: false,
});

export type ParseResult = { ok: true; root: XmlNode; processingInstructions: Record<string, Record<string, string>> } | { ok: false; error: string };

type OrderedEntry = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(entry: OrderedEntry): XmlNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?') || name === '#comment') return undefined;
  const attrs = entry[':@'] ?? {};
  const body = entry[name] as OrderedEntry[];
  const node: XmlNode = { name, attrs: { ...attrs }, children: [] };
  let text = '';
  let hasText = false;
  for (const part of body) {
    if ('#text' in part) {
      text += String(part['#text']);
      hasText = true;
      continue;
    }
    const child = toNode(part);
    if (child) node.children.push(child);
  }
  if (node.children.length === 0) node.text = hasText ? text : '';
  return node;
}

/** Well-formedness check plus parse into XmlNode (QuickBooks parses the stream before anything else). */
export function parseXml(xml: string): ParseResult {
  const check = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (check !== true) return { ok: false, error: `${check.err.code}: ${check.err.msg} (line ${check.err.line})` };
  const entries = parser.parse(xml) as OrderedEntry[];
  const pis: Record<string, Record<string, string>> = {};
  let root: XmlNode | undefined;
  for (const entry of entries) {
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (!name) continue;
    if (name.startsWith('?')) {
      pis[name.slice(1)] = { ...(entry[':@'] ?? {}) };
      continue;
    }
    const node = toNode(entry);
    if (node) {
      if (root) return { ok: false, error: 'more than one root element' };
      root = node;
    }
  }
  if (!root) return { ok: false, error: 'no root element' };
  return { ok: true, root, processingInstructions: pis };
}
