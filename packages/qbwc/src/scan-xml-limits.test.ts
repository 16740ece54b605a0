import { describe, expect, it } from 'vitest';
import { DEFAULT_XML_LIMITS, scanXmlLimits } from './scan-xml-limits.ts';

const limits = { ...DEFAULT_XML_LIMITS, maxDepth: 3, maxAttributesPerElement: 2, maxElements: 5, maxChars: 200 };

describe('scanXmlLimits', () => {
  it.each([
    ['<a><b><c/></b></a>'],
    ['<a x="1" y=\'2\'/>'],
    ['<a x="=>=<"/>'],
    ['<a><!-- <b><c><d> --><![CDATA[<b><c><d><e>]]><?pi <b><c>?></a>'],
    ['<a>text &amp; more</a><b/>'],
  ])('accepts %j', (xml) => {
    expect(scanXmlLimits(xml, limits)).toBeNull();
  });

  it.each([
    ['<a><b><c><d/></c></b></a>', 'limit', /deeper than 3/],
    ['<a x="1" y="2" z="3"/>', 'limit', /more than 2 attributes/],
    ['<a><b/><b/><b/><b/><b/></a>', 'limit', /more than 5 elements/],
    [`<a>${'x'.repeat(300)}</a>`, 'limit', /longer than 200/],
    ['<!DOCTYPE a><a/>', 'dtd', /DOCTYPE/],
    ['<a><![CDATA[<!ENTITY x "y">]]></a>', 'dtd', /ENTITY/],
    ['<a><!-- x</a>', 'malformed', /comment/],
    ['<a><![CDATA[x</a>', 'malformed', /CDATA/],
    ['<a><?pi x</a>', 'malformed', /processing instruction/],
    ['<a></a', 'malformed', /end tag/],
    ['<a x="1"', 'malformed', /start tag/],
    ['<a <b>', 'malformed', /'<' inside a tag/],
    ['<a><!foo></a>', 'malformed', /'<!'/],
  ])('refuses %j', (xml, kind, reason) => {
    const problem = scanXmlLimits(xml, limits);
    expect(problem?.kind).toBe(kind);
    expect(problem?.reason).toMatch(reason);
  });

  it('uses generous defaults', () => {
    expect(DEFAULT_XML_LIMITS.maxChars).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(scanXmlLimits('<a>'.repeat(32) + '</a>'.repeat(32))).toBeNull();
    expect(scanXmlLimits('<a>'.repeat(33) + '</a>'.repeat(33))?.kind).toBe('limit');
  });
});
