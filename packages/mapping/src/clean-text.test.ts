import { describe, expect, it } from 'vitest';
import { cleanText, countChars, takeChars, truncateText } from './clean-text.ts';

describe('cleanText', () => {
  it('trims and collapses every kind of whitespace into one space', () => {
    expect(cleanText('  ABC \t Concrete\n\r\nInc  ')).toBe('ABC Concrete Inc');
    expect(cleanText('ABC\u00A0\u00A0Concrete')).toBe('ABC Concrete'); // no-break spaces
    expect(cleanText('ABC\u2003Concrete')).toBe('ABC Concrete'); // em space
  });

  it('drops characters XML cannot carry (pasted control characters)', () => {
    expect(cleanText('Con\u0000cre\u0007te\u007F')).toBe('Concrete');
    expect(cleanText('A\uFFFEB')).toBe('AB');
  });

  it('normalises to NFC so a decomposed accent is one character', () => {
    const decomposed = 'Be\u0301ton';
    expect(cleanText(decomposed)).toBe('Béton');
    expect(countChars(cleanText(decomposed))).toBe(5);
  });

  it('treats null, undefined and blank as empty', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText(' \t\n ')).toBe('');
  });

  it('keeps punctuation and symbols', () => {
    expect(cleanText('Smith & Sons, Inc. <East>')).toBe('Smith & Sons, Inc. <East>');
  });
});

describe('countChars / takeChars', () => {
  it('counts code points, as QuickBooks limits are checked (check-text.ts)', () => {
    expect(countChars('')).toBe(0);
    expect(countChars('abc')).toBe(3);
    expect(countChars('🏗️')).toBe(2); // building construction + variation selector
    expect(countChars('𝐀𝐁')).toBe(2); // astral characters are one each, not two UTF-16 units
  });

  it('never splits a surrogate pair', () => {
    expect(takeChars('𝐀𝐁𝐂', 2)).toBe('𝐀𝐁');
    expect(takeChars('abc', 0)).toBe('');
    expect(takeChars('abc', -1)).toBe('');
    expect(takeChars('abc', 10)).toBe('abc');
  });
});

describe('truncateText', () => {
  it('leaves text at or under the limit alone', () => {
    expect(truncateText('x'.repeat(99), 99)).toBe('x'.repeat(99));
    expect(truncateText('', 5)).toBe('');
  });

  it('cuts one over the limit to exactly the limit, ending in …', () => {
    const cut = truncateText('x'.repeat(100), 99);
    expect(countChars(cut)).toBe(99);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('does not leave a space before the ellipsis', () => {
    expect(truncateText('abcd efgh', 6)).toBe('abcd…');
  });
});
