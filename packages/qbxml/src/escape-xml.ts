/**
 * Text escaping for everything we put into qbXML.
 *
 * XML 1.0 §2.2 only allows TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and
 * U+10000–U+10FFFF. QuickBooks rejects the whole message when one stray control
 * character (often pasted from a PDF into a Procore description) slips through,
 * so we drop the others — including DEL/C1 controls (Unicode category Cc) and
 * lone surrogates — instead of failing the request (docs/qbxml.md#escaping).
 */

// C0 controls except TAB/LF/CR, DEL + C1 controls, U+FFFE/U+FFFF, and lone surrogates.
const DISALLOWED_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that XML 1.0 cannot carry (and C1/DEL controls). */
export function stripDisallowedChars(s: string): string {
  return s.replace(DISALLOWED_CHARS, '');
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be turned into LF by every conforming parser (XML 1.0 §2.11);
  // the character reference keeps it intact.
  '\r': '&#13;',
};

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  // Attribute values are whitespace-normalised by parsers (XML 1.0 §3.3.3).
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Escapes `& < > " '` (and CR) and strips characters XML cannot carry. */
export function escapeXmlText(s: string): string {
  return stripDisallowedChars(s).replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Like {@link escapeXmlText}, also protecting TAB/LF from attribute normalisation. */
export function escapeXmlAttribute(s: string): string {
  return stripDisallowedChars(s).replace(/[&<>"'\r\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}
