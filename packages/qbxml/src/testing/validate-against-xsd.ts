/**
 * Test support: validates qbXML documents against Intuit's qbXML 13.0 XSDs with
 * xmllint (WASM). Other packages' tests import it as `@connector/qbxml/testing`.
 *
 * qbxmlops130.xsd is the schema root: it declares the QBXML element and
 * xsd:includes qbxmltypes130.xsd, qbxml130.xsd and qbxmlso130.xsd, which are
 * preloaded into xmllint's in-memory file system.
 *
 * Each xmllint run re-compiles ~0.9 MB of schema (~0.2 s), so calls made in the
 * same tick are batched into one run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { QBXML_SCHEMA_FILES, schemaDir } from './reference-dir.ts';

export { referenceDir, schemaDir } from './reference-dir.ts';

export interface QbxmlValidationResult {
  valid: boolean;
  errors: string[];
}

let schemaFiles: Promise<XMLFileInfo[]> | undefined;

function loadSchemaFiles(): Promise<XMLFileInfo[]> {
  schemaFiles ??= Promise.all(
    QBXML_SCHEMA_FILES.map(async (fileName) => ({
      fileName,
      contents: await readFile(path.join(schemaDir(), fileName), 'utf8'),
    })),
  ).catch((error: unknown) => {
    schemaFiles = undefined;
    throw error;
  });
  return schemaFiles;
}

/** Validates several documents in one xmllint run; results are in input order. */
export async function validateQbxmlBatch(xmls: readonly string[]): Promise<QbxmlValidationResult[]> {
  if (xmls.length === 0) return [];
  const [root, ...includes] = await loadSchemaFiles();
  const names = xmls.map((_, index) => `qbxml-doc-${index}.xml`);
  let output: string;
  try {
    const result = await validateXML({
      xml: xmls.map((contents, index) => ({ fileName: names[index]!, contents })),
      schema: root!,
      preload: includes,
      // Large generated responses need more than the 32 MiB default.
      maxMemoryPages: 16384,
    });
    output = result.rawOutput;
  } catch (error) {
    // xmllint exits with an "unknown" code when a document is not even well-formed;
    // its stderr still says which documents validated.
    output = error instanceof Error ? error.message : String(error);
  }
  return splitOutput(output, names);
}

/** Assigns xmllint's stderr lines to documents; a document is valid only if xmllint said "<name> validates". */
function splitOutput(output: string, names: readonly string[]): QbxmlValidationResult[] {
  const errors = new Map<string, string[]>(names.map((name) => [name, []]));
  const validated = new Set<string>();
  let current: string | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const owner = names.find((name) => line.startsWith(`${name}:`) || line.startsWith(`${name} `));
    if (owner !== undefined) {
      current = owner;
      if (line === `${owner} validates`) {
        validated.add(owner);
        continue;
      }
      if (line === `${owner} fails to validate`) continue;
    }
    if (current !== undefined) errors.get(current)!.push(line);
  }
  return names.map((name) => {
    const list = errors.get(name)!;
    const valid = validated.has(name) && list.length === 0;
    return { valid, errors: valid ? [] : list.length > 0 ? list : [`${name}: xmllint did not report a result`] };
  });
}

interface Pending {
  xml: string;
  resolve: (result: QbxmlValidationResult) => void;
  reject: (error: unknown) => void;
}

let queue: Pending[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  validateQbxmlBatch(batch.map((pending) => pending.xml)).then(
    (results) => batch.forEach((pending, index) => pending.resolve(results[index]!)),
    (error: unknown) => batch.forEach((pending) => pending.reject(error)),
  );
}

/** Validates one qbXML document against the qbXML 13.0 schema. */
export function validateQbxml(xml: string): Promise<QbxmlValidationResult> {
  return new Promise((resolve, reject) => {
    queue.push({ xml, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}
