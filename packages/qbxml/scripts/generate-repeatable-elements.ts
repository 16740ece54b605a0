/**
 * Regenerates src/repeatable-elements.ts from the qbXML 13.0 XSDs.
 * Run from the repository root: node packages/qbxml/scripts/generate-repeatable-elements.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveRepeatableChildren } from '../src/testing/derive-repeatable-elements.ts';
import { renderRepeatableElements } from '../src/testing/render-repeatable-elements.ts';
import { QBXML_SCHEMA_FILES, schemaDir } from '../src/testing/reference-dir.ts';

const texts = QBXML_SCHEMA_FILES.map((file) => readFileSync(path.join(schemaDir(), file), 'utf8'));
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/repeatable-elements.ts');
writeFileSync(target, renderRepeatableElements(deriveRepeatableChildren(texts)));
console.log(`wrote ${target}`);
