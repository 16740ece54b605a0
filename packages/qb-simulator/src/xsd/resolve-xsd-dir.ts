import path from 'node:path';
import { fileURLToPath } from 'node:url';

// packages/qb-simulator/src/xsd/ -> repository root is four levels up.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Intuit's qbXML 13.0 XSDs are read at run time, never copied into the repository (shared/README.md). */
export function resolveXsdDir(): string {
  return process.env.QBXML_XSD_DIR ?? path.resolve(repoRoot, '../shared/reference/qbxml-13.0');
}
