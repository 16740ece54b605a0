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

  // Long texts (the escaped qbXML) take a faster path when they hold only the five predefined entities (issue 19).
  // Whatever a long text holds, the result and the errors are those of decoding it piece by piece.
  describe('long texts', () => {
    const pieces: Array<[string, string]> = [
      ['&lt;', '<'],
      ['&gt;', '>'],
      ['&amp;', '&'],
      ['&quot;', '"'],
      ['&apos;', "'"],
      ['&amp;lt;', '&lt;'],
      ['BillRet', 'BillRet'],
      ['é ü', 'é ü'],
      ['€', '€'],
      ['😀', '😀'],
      ['\n\t', '\n\t'],
    ];
    const rare: Array<[string, string]> = [
      ['&#233;', 'é'],
      ['&#x1F600;', '😀'],
      ['&#xD;', '\r'],
      ['\uD800', '\uD800'], // a lone surrogate is kept as it is, as the loop does
    ];
    // A small PRNG of its own, so every run checks the same texts.
    let seed = 19;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const build = (withRare: boolean) => {
      let raw = '';
      let decoded = '';
      while (raw.length < 20_000) {
        const [r, d] = withRare && random(50) === 0 ? rare[random(rare.length)]! : pieces[random(pieces.length)]!;
        raw += r;
        decoded += d;
      }
      return { raw, decoded };
    };

    it.each([
      ['predefined entities only', false],
      ['with character references and a lone surrogate', true],
    ])('%s: decoded exactly once', (_name, withRare) => {
      for (let i = 0; i < 20; i++) {
        const { raw, decoded } = build(withRare);
        expect(decodeXmlText(raw)).toBe(decoded);
      }
    });

    it.each([
      ['bare ampersand', ` & ${'x'.repeat(50)}`, /must start/],
      ['undefined entity', '&nbsp;', /undefined entity &nbsp;/],
      ['NUL', '&#0;', /not an XML character/],
    ])('%s after many predefined entities → the same XmlTextError', (_name, bad, message) => {
      const raw = `${build(false).raw}${bad}${build(false).raw}`;
      expect(() => decodeXmlText(raw)).toThrow(XmlTextError);
      expect(() => decodeXmlText(raw)).toThrow(message);
    });
  });
});
