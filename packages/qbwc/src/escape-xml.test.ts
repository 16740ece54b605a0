import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { decodeXmlText } from './decode-xml-text.ts';
import { escapeXmlAttribute, escapeXmlText, hasInvalidXmlChars, replaceInvalidXmlChars } from './escape-xml.ts';

describe('escapeXmlText / escapeXmlAttribute', () => {
  it('escapes markup, keeps CR as a reference', () => {
    expect(escapeXmlText(`<a b="c">&]]>\r\n'`)).toBe(`&lt;a b="c"&gt;&amp;]]&gt;&#xD;\n'`);
    expect(escapeXmlAttribute(`<"'&>\r\n\t`)).toBe('&lt;&quot;&apos;&amp;&gt;&#xD;&#xA;&#x9;');
  });

  it('round-trips through one decode', () => {
    const values = ['', 'plain', '&amp;lt;', '<QBXML>\r\n<Name>A &amp; B</Name></QBXML>', '東京 😀', '\t\n\r'];
    for (const value of values) {
      expect(decodeXmlText(escapeXmlText(value))).toBe(value);
      expect(decodeXmlText(escapeXmlAttribute(value))).toBe(value);
    }
  });

  it('replaces characters XML 1.0 cannot carry, so the output stays well-formed', () => {
    const nasty = 'a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\uDC00g😀h';
    expect(hasInvalidXmlChars(nasty)).toBe(true);
    expect(hasInvalidXmlChars('ok\t\n\r😀')).toBe(false);
    expect(replaceInvalidXmlChars(nasty)).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg😀h');
    expect(XMLValidator.validate(`<x a="${escapeXmlAttribute(nasty)}">${escapeXmlText(nasty)}</x>`)).toBe(true);
  });

  it('hasInvalidXmlChars is not stateful between calls', () => {
    expect(hasInvalidXmlChars('\u0001')).toBe(true);
    expect(hasInvalidXmlChars('\u0001')).toBe(true);
  });
});
