import { describe, expect, it } from 'vitest';
import { setAsideLongText } from './set-aside-long-text.ts';

describe('setAsideLongText', () => {
  it('replaces long text runs inside the root with placeholders and restores them exactly', () => {
    const run = 'a&lt;b\nc'.repeat(1000);
    const xml = `<?xml version="1.0"?><!-- x --><e a="1>2"><b>${run}</b><c/><![CDATA[${'z'.repeat(5000)}]]><d>short</d></e>`;
    const aside = setAsideLongText(xml, 4096);
    expect(aside.xml.length).toBeLessThan(xml.length);
    expect(aside.xml).toContain('<d>short</d>');
    expect(aside.xml).toContain('z'.repeat(5000)); // CDATA is not text to set aside
    const placeholder = /\uE000\d+\uE000\n*/.exec(aside.xml)![0];
    expect(placeholder.split('\n').length).toBe(run.split('\n').length); // same line count for error lines
    expect(aside.restore(placeholder)).toBe(run);
    expect(aside.restore('other')).toBe('other');
  });

  it('leaves documents alone when they are short, hold U+E000 already, or have no long run inside the root', () => {
    for (const xml of ['<a>b</a>', `<a>${'x'.repeat(5000)}\uE000</a>`, `${' '.repeat(5000)}<a/>`]) {
      expect(setAsideLongText(xml, 4096).xml).toBe(xml);
    }
  });
});
