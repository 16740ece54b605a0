import type { XmlNode } from './xml-node.ts';

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes the five XML special characters (docs/qbxml.md#escaping) and drops control characters XML 1.0 forbids. */
export function escapeXml(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c);
}

function writeInto(node: XmlNode, out: string[]): void {
  out.push('<', node.name);
  for (const [k, v] of Object.entries(node.attrs)) out.push(' ', k, '="', escapeXml(v), '"');
  if (node.children.length === 0) {
    if (node.text === undefined || node.text === '') {
      out.push(' />');
      return;
    }
    out.push('>', escapeXml(node.text), '</', node.name, '>');
    return;
  }
  out.push('>');
  for (const c of node.children) writeInto(c, out);
  out.push('</', node.name, '>');
}

/** Serializes one element (no declaration). */
export function writeXml(node: XmlNode): string {
  const out: string[] = [];
  writeInto(node, out);
  return out.join('');
}

/** A whole qbXML response document the way QuickBooks prints its header (no qbxml PI on responses). */
export function writeQbxmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" ?>\n${writeXml(root)}\n`;
}
