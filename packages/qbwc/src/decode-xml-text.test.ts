import { describe, expect, it } from 'vitest';
import { XmlTextError, decodeXmlText } from './decode-xml-text.ts';

describe('decodeXmlText', () => {
  it.each([
    ['plain', 'plain'],
    ['&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['&amp;lt;', '&lt;'],
    ['&amp;amp;amp;', '&amp;amp;'],
    ['&#60;&#x3C;&#x3c;', '<<<'],
    ['&#xD;&#xA;&#9;', '\r\n\t'],
    ['&#x1F600;', '😀'],
    ['&#x0000000041;', 'A'],
    ['a&amp;b&lt;c', 'a&b<c'],
    ['', ''],
  ])('%j → %j', (raw, decoded) => {
    expect(decodeXmlText(raw)).toBe(decoded);
  });

  it.each([
    ['bare ampersand', 'a & b', /must start/],
    ['no semicolon', 'a &amp b', /must start/],
    ['undefined entity', '&nbsp;', /undefined entity &nbsp;/],
    ['prototype name', '&constructor;', /undefined entity &constructor;/],
    ['NUL', '&#0;', /not an XML character/],
    ['surrogate', '&#xD800;', /not an XML character/],
    ['FFFE', '&#xFFFE;', /not an XML character/],
    ['beyond Unicode', '&#x110000;', /not an XML character/],
    ['upper-case X', '&#X41;', /not an entity or character reference/],
    ['empty', '&;', /not an entity or character reference/],
    ['huge number', `&#${'9'.repeat(30)};`, /not an XML character/],
  ])('%s → XmlTextError', (_name, raw, message) => {
    expect(() => decodeXmlText(raw)).toThrow(XmlTextError);
    expect(() => decodeXmlText(raw)).toThrow(message);
  });

  // A reference is at most 40 characters: a stray & far from any ; is refused after one scan, not decoded.
  // (How fast is a figure of pnpm bench, not a test: a busy machine is slow.)
  it('refuses a stray & far from any ;', () => {
    const raw = `&${'x'.repeat(5_000_000)};`;
    expect(() => decodeXmlText(raw)).toThrow(XmlTextError);
  });
});
