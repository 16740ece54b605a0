// Escapes a string as XML element text the way .NET's XmlSerializer (QBWC's SOAP stack) writes it:
// & < > as entities, CR as &#xD; so it survives XML line-end normalisation (XML 1.0 §2.11).

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function escapeXmlText(value: string): string {
  const invalid = INVALID_XML_CHAR.exec(value);
  if (invalid) {
    const code = invalid[0].codePointAt(0) ?? 0;
    throw new Error(`'0x${code.toString(16).toUpperCase().padStart(2, '0')}', is an invalid character at offset ${invalid.index}: cannot be written as XML`);
  }
  return value.replace(/[&<>\r]/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      default:
        return '&#xD;';
    }
  });
}
