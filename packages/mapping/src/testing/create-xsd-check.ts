// Test support: every request a mapper test generates is turned into qbXML with buildRequestMessage and
// validated against Intuit's qbXML 13.0 XSD with validateQbxml (@connector/qbxml/testing).
import { buildRequestMessage, type QbxmlRequest } from '@connector/qbxml';
import { validateQbxml } from '@connector/qbxml/testing';
import { expect } from 'vitest';

/**
 * Collects every request a test file generates: each is built into a qbXML message at once (builder
 * errors surface in the test that made it), and all are validated against the XSD in one xmllint run
 * by `verifyAll()` (schema compile ≈ 0.2 s a run).
 */
export function createXsdCheck() {
  const built: Array<{ name: string; xml: string }> = [];
  return {
    add(name: string, request: QbxmlRequest): string {
      const xml = buildRequestMessage({ requests: [{ requestId: String(built.length + 1), request }], newMessageSetId: 'mapping-test' });
      built.push({ name, xml });
      return xml;
    },
    count(): number {
      return built.length;
    },
    async verifyAll(): Promise<void> {
      expect(built.length).toBeGreaterThan(0);
      // validateQbxml batches the calls made in one tick into one xmllint run.
      const results = await Promise.all(built.map((b) => validateQbxml(b.xml)));
      const failures = results.flatMap((r, i) => (r.valid ? [] : [`${built[i]!.name}: ${r.errors.join(' | ')}\n${built[i]!.xml}`]));
      expect(failures).toEqual([]);
    },
  };
}
