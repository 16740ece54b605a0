import { describe, expect, it } from 'vitest';
import { runXmllint } from './run-xmllint.ts';

const schema = {
  fileName: 'note.xsd',
  contents: `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:element name="Note">
    <xsd:complexType><xsd:sequence>
      <xsd:element name="To" type="xsd:string"/>
      <xsd:element name="Amount" type="xsd:decimal"/>
    </xsd:sequence></xsd:complexType>
  </xsd:element>
</xsd:schema>`,
};

const check = (contents: string) => runXmllint({ xml: [{ fileName: 'note.xml', contents }], schemas: [schema], maxMemoryPages: 1024 });

describe('runXmllint (one long-lived xmllint thread)', () => {
  it('accepts a valid document', async () => {
    expect(await check('<Note><To>Ann</To><Amount>1.50</Amount></Note>')).toEqual({ valid: true, errors: [] });
  });

  it("refuses an invalid document with xmllint's reason, and the next document is judged on its own", async () => {
    const bad = await check('<Note><Amount>abc</Amount><To>Ann</To></Note>');
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/Amount/);
    // A fresh program instance per document: the previous document's errors do not leak into this one.
    expect(await check('<Note><To>Bo</To><Amount>2</Amount></Note>')).toEqual({ valid: true, errors: [] });
  });

  it('judges many documents asked at once, each with its own answer', async () => {
    const docs = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? `<Note><To>x</To></Note>` : `<Note><To>x${i}</To><Amount>${i}</Amount></Note>`));
    const results = await Promise.all(docs.map(check));
    expect(results.map((r) => r.valid)).toEqual(docs.map((_, i) => i % 3 !== 0));
  });

  it('refuses a document that is not well-formed', async () => {
    const r = await check('<Note><To>Ann</Note>');
    expect(r.valid).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
