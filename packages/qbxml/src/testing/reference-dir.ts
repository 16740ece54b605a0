import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Intuit's reference files live outside the repository (they are not ours to
 * commit): `<repoRoot>/../shared/reference`. QBXML_REFERENCE_DIR overrides it.
 */
export function referenceDir(): string {
  if (process.env.QBXML_REFERENCE_DIR) return process.env.QBXML_REFERENCE_DIR;
  // This file is <repoRoot>/packages/qbxml/src/testing/reference-dir.ts.
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  return path.resolve(repoRoot, '../shared/reference');
}

export const QBXML_SCHEMA_FILES = ['qbxmlops130.xsd', 'qbxmltypes130.xsd', 'qbxml130.xsd', 'qbxmlso130.xsd'] as const;

export function schemaDir(): string {
  return path.join(referenceDir(), 'qbxml-13.0');
}
