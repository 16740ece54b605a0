import fs from 'node:fs';
import path from 'node:path';
import { resolveXsdDir } from './resolve-xsd-dir.ts';

export type ChunkKind = 'element' | 'complexType' | 'group' | 'simpleType';

/** One top-level definition of the qbXML schema, as source text. */
export interface XsdChunk {
  kind: ChunkKind;
  name: string;
  text: string;
}

export interface XsdChunks {
  dir: string;
  elements: Map<string, XsdChunk>;
  groups: Map<string, XsdChunk>;
  /** complexType and simpleType share one symbol space in XSD. */
  types: Map<string, XsdChunk>;
  /** Raw files, for validating against the full schema. */
  files: { fileName: string; contents: string }[];
}

/** qbxmlops130.xsd is the entry point; it includes the other three (qbxmlops130.xsd lines 17-19). */
export const XSD_FILES = ['qbxmlops130.xsd', 'qbxmltypes130.xsd', 'qbxml130.xsd', 'qbxmlso130.xsd'] as const;

const cache = new Map<string, XsdChunks>();

const OPEN = /^<xsd:(element|complexType|group|simpleType)\s+name="([^"]+)"/;

/**
 * Splits Intuit's XSD files into top-level definitions. The files put every top-level definition
 * at column 0 and everything nested indented, which is what this relies on (checked: the counts
 * of column-0 opening and closing tags match).
 */
export function loadXsdChunks(dir: string = resolveXsdDir()): XsdChunks {
  const cached = cache.get(dir);
  if (cached) return cached;
  const result: XsdChunks = { dir, elements: new Map(), groups: new Map(), types: new Map(), files: [] };
  for (const fileName of XSD_FILES) {
    const full = path.join(dir, fileName);
    if (!fs.existsSync(full)) throw new Error(`qbXML schema not found: ${full} (set QBXML_XSD_DIR)`);
    const contents = fs.readFileSync(full, 'utf8').replace(/\r\n?/g, '\n');
    result.files.push({ fileName, contents });
    const lines = contents.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const m = OPEN.exec(line);
      if (!m) continue;
      const kind = m[1] as ChunkKind;
      const name = m[2] ?? '';
      let end = i;
      if (!line.trimEnd().endsWith('/>')) {
        const close = `</xsd:${kind}>`;
        while (end < lines.length && !(lines[end] ?? '').startsWith(close)) end++;
      }
      const chunk: XsdChunk = { kind, name, text: lines.slice(i, end + 1).join('\n') };
      if (kind === 'element') result.elements.set(name, chunk);
      else if (kind === 'group') result.groups.set(name, chunk);
      else result.types.set(name, chunk);
      i = end;
    }
  }
  cache.set(dir, result);
  return result;
}
