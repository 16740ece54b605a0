/**
 * Escaping for the XML we write (SOAP responses, WSDL, .qwc files).
 *
 * Why more than &, < and >:
 * - '>' is escaped so a "]]>" in the data can never end up literal.
 * - CR is written as &#xD; because XML parsers turn a literal CR (or CRLF) into LF
 *   (XML 1.0 §2.11); the qbXML we hand QBWC must arrive byte-for-byte.
 * - Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
 *   become U+FFFD: every QBWC method must answer with a well-formed envelope whatever the data
 *   holds, or QBWC shows the user a QBWC104x error instead of our message.
 */

// Not allowed anywhere in an XML 1.0 document (Char production), even as a character reference.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<>"'\r\n\t]/g;

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};

export function replaceInvalidXmlChars(value: string): string {
  return value.replace(INVALID_XML_CHARS, '\uFFFD');
}

export function hasInvalidXmlChars(value: string): boolean {
  INVALID_XML_CHARS.lastIndex = 0;
  const found = INVALID_XML_CHARS.test(value);
  INVALID_XML_CHARS.lastIndex = 0;
  return found;
}

/** Escape character data (element content). */
export function escapeXmlText(value: string): string {
  return replaceInvalidXmlChars(value).replace(TEXT_SPECIALS, (c) => REPLACEMENTS[c] ?? c);
}

/** Escape an attribute value for either quote style; tabs/newlines kept as references
 *  because attribute-value normalization would otherwise turn them into spaces. */
export function escapeXmlAttribute(value: string): string {
  return replaceInvalidXmlChars(value).replace(ATTR_SPECIALS, (c) => REPLACEMENTS[c] ?? c);
}
