import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../fixtures/load-fixture.ts';
import { validateQbxml, validateQbxmlBatch } from './validate-against-xsd.ts';

const VALID =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

describe('validateQbxml', () => {
  it('batches concurrent calls into one xmllint run and keeps results apart', async () => {
    const [ok, notWellFormed, wrongRoot, unknownRequest] = await Promise.all([
      validateQbxml(VALID),
      validateQbxml('<QBXML><QBXMLMsgsRq>'),
      validateQbxml('<Foo/>'),
      validateQbxml('<QBXML><QBXMLMsgsRq onError="stopOnError"><InvoiceDeleteRq/></QBXMLMsgsRq></QBXML>'),
    ]);
    expect(ok).toEqual({ valid: true, errors: [] });
    expect(notWellFormed!.valid).toBe(false);
    expect(notWellFormed!.errors.join('\n')).toMatch(/parser error/);
    expect(wrongRoot!.valid).toBe(false);
    expect(wrongRoot!.errors.join('\n')).toMatch(/No matching global declaration|Foo/);
    expect(unknownRequest!.valid).toBe(false);
    expect(unknownRequest!.errors.join('\n')).toMatch(/InvoiceDeleteRq/);
  });

  it('validates sequential calls too', async () => {
    expect((await validateQbxml(VALID)).valid).toBe(true);
    expect((await validateQbxml(VALID.replace('onError="stopOnError"', ''))).valid).toBe(false);
  });

  it('returns an empty list for an empty batch', async () => {
    expect(await validateQbxmlBatch([])).toEqual([]);
  });

  it('accepts every response fixture (they are realistic QuickBooks output)', async () => {
    const names = readdirSync(new URL('../fixtures/', import.meta.url)).filter((file) => file.endsWith('.xml'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    const results = await validateQbxmlBatch(names.map(loadFixture));
    results.forEach((result, index) => expect(result, names[index]).toEqual({ valid: true, errors: [] }));
  });
});
