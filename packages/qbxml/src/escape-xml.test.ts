import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, stripDisallowedChars } from './escape-xml.ts';

describe('escapeXmlText', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXmlText(`Smith & Sons <"Concrete"> 'Forms'`)).toBe('Smith &amp; Sons &lt;&quot;Concrete&quot;&gt; &apos;Forms&apos;');
  });

  it('escapes an ampersand that already looks like an entity (no double-unescape later)', () => {
    expect(escapeXmlText('&amp; &#38;')).toBe('&amp;amp; &amp;#38;');
  });

  it('keeps tab and LF, and protects CR as a character reference', () => {
    expect(escapeXmlText('a\tb\nc\r\nd')).toBe('a\tb\nc&#13;\nd');
  });

  it('strips other control characters, DEL/C1 controls, U+FFFE/U+FFFF and lone surrogates', () => {
    const input = `A\u0000B\u0001C\u0008D\u000BE\u000CF\u001FG\u007FH\u0085I\u009FJ\uFFFEK\uFFFFL\uD800M\uDC00N`;
    expect(escapeXmlText(input)).toBe('ABCDEFGHIJKLMN');
  });

  it('keeps valid astral characters (surrogate pairs) and non-ASCII text', () => {
    expect(escapeXmlText('Café 🏗 Ω')).toBe('Café 🏗 Ω');
  });

  it('leaves plain text alone', () => {
    expect(escapeXmlText('03-300 Cast-in-Place Concrete')).toBe('03-300 Cast-in-Place Concrete');
  });
});

describe('escapeXmlAttribute', () => {
  it('also protects tab and LF from attribute-value normalisation', () => {
    expect(escapeXmlAttribute('a\tb\nc"')).toBe('a&#9;b&#10;c&quot;');
  });
});

describe('stripDisallowedChars', () => {
  it('only removes what XML cannot carry', () => {
    expect(stripDisallowedChars('x\u0002y\uD83C\uDFD7z')).toBe('xy\uD83C\uDFD7z');
  });
});
