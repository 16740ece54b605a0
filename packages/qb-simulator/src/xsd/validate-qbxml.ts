import type { XmlNode } from '../xml/xml-node.ts';
import { buildFullSchemaFiles, buildReducedSchema } from './build-reduced-schema.ts';
import { loadXsdChunks } from './load-xsd-chunks.ts';
import { resolveXsdDir } from './resolve-xsd-dir.ts';
import { runXmllint } from './run-xmllint.ts';

export interface QbxmlValidation {
  valid: boolean;
  errors: string[];
  /** 'reduced' when the cached per-shape schema was used, 'full' for the whole qbxmlops130.xsd. */
  schema: 'reduced' | 'full';
}

export type ValidationSide = 'request' | 'response';

const reducedCache = new Map<string, string>();
const MAX_CACHED = 500;

/**
 * Outcome per exact document: QBWC clients re-send identical messages (every iterator="Continue"
 * page of one iterator is the same text), and validation is the dominant per-message cost.
 */
const resultCache = new Map<string, QbxmlValidation>();
const MAX_RESULTS = 1000;
const MAX_CACHED_DOC = 64 * 1024;

function schemaFor(root: XmlNode, side: ValidationSide, dir: string): string | undefined {
  if (root.name !== 'QBXML' || root.children.length !== 1) return undefined;
  const set = root.children[0] as XmlNode;
  const expected = side === 'request' ? 'QBXMLMsgsRq' : 'QBXMLMsgsRs';
  if (set.name !== expected) return undefined;
  const members = [...new Set(set.children.map((c) => c.name))].sort();
  const key = `${dir}|${side}|${members.join(',')}`;
  const hit = reducedCache.get(key);
  if (hit) return hit;
  const text = buildReducedSchema(loadXsdChunks(dir), expected, members, side === 'request');
  if (text === undefined) return undefined;
  if (reducedCache.size >= MAX_CACHED) reducedCache.delete(reducedCache.keys().next().value as string);
  reducedCache.set(key, text);
  return text;
}

/**
 * Validates a qbXML document against Intuit's qbXML 13.0 XSD with xmllint (libxml2 in WebAssembly).
 * Requests are validated without maxLength facets: QuickBooks answers an over-long field with a
 * per-request 3070 status instead of failing the whole message. Responses keep every facet.
 */
export async function validateQbxml(xml: string, root: XmlNode, side: ValidationSide, dir: string = resolveXsdDir()): Promise<QbxmlValidation> {
  const key = xml.length <= MAX_CACHED_DOC ? `${dir}|${side}|${xml}` : undefined;
  const hit = key === undefined ? undefined : resultCache.get(key);
  if (hit) return hit;
  const result = await validateUncached(xml, root, side, dir);
  if (key !== undefined) {
    if (resultCache.size >= MAX_RESULTS) resultCache.delete(resultCache.keys().next().value as string);
    resultCache.set(key, result);
  }
  return result;
}

async function validateUncached(xml: string, root: XmlNode, side: ValidationSide, dir: string): Promise<QbxmlValidation> {
  const reduced = schemaFor(root, side, dir);
  const doc = { fileName: 'message.xml', contents: xml };
  if (reduced !== undefined) {
    const r = await runXmllint({ xml: [doc], schemas: [{ fileName: 'qbxml-reduced.xsd', contents: reduced }], maxMemoryPages: 16384 });
    return { valid: r.valid, errors: r.errors, schema: 'reduced' };
  }
  const files = buildFullSchemaFiles(loadXsdChunks(dir), side === 'request');
  const [entry, ...rest] = files;
  const r = await runXmllint({ xml: [doc], schemas: entry ? [entry] : [], preload: rest, maxMemoryPages: 16384 });
  return { valid: r.valid, errors: r.errors, schema: 'full' };
}
