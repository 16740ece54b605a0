/**
 * Decode the five predefined entities and character references in text or attribute values,
 * in ONE pass: "&amp;lt;" becomes "&lt;", never "<". That is what makes the qbXML inside
 * strHCPResponse/response come out unescaped exactly once.
 *
 * Documents carrying a DTD are refused before parsing, so no other entity can be defined:
 * any other "&name;" (or a bare "&") makes the document not well-formed.
 */

// Bounds the search for ';' so a stray '&' in a large text cannot make decoding quadratic;
// leaves room for zero-padded character references ("&#x0000000041;").
const MAX_REFERENCE_LENGTH = 40;

// A Map, not an object literal: "&constructor;" must not find Object.prototype.constructor.
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

export class XmlTextError extends Error {
  override readonly name = 'XmlTextError';
}

function isXmlChar(cp: number): boolean {
  // XML 1.0 Char production.
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export function decodeXmlText(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  if (raw.length >= LONG_TEXT) {
    const fast = decodePredefinedOnly(raw, amp);
    if (fast !== null) return fast;
  }
  // A hand-written loop: a 1 MB+ qbXML response holds hundreds of thousands of references, and
  // this is several times faster than String.replace with a callback.
  // Appending builds a rope that V8 flattens once; faster than collecting millions of pieces to join.
  let out = '';
  let from = 0;
  while (amp >= 0) {
    // The five predefined entities are nearly every reference in escaped qbXML: recognised in place, without
    // slicing out the name (a 65 MB answer holds millions; this loop runs on the parse worker for those).
    const predefined = predefinedAt(raw, amp);
    if (predefined !== null) {
      out += raw.slice(from, amp);
      out += predefined.text;
      from = amp + predefined.length;
      amp = raw.indexOf('&', from);
      continue;
    }
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > MAX_REFERENCE_LENGTH) {
      throw new XmlTextError("'&' must start an entity or character reference");
    }
    out += raw.slice(from, amp);
    out += decodeReference(raw.slice(amp + 1, semi));
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  out += raw.slice(from);
  return out;
}

// Texts this long are the escaped qbXML of strHCPResponse/response (megabytes, millions of references).
const LONG_TEXT = 4096;
const UTF16 = new TextDecoder('utf-16le', { fatal: true });

/**
 * The escaped qbXML holds the five predefined entities only. Writing its code units into one array and making one
 * string of it is about twice as fast as the loop below, which appends millions of small pieces (issue 19: decoding
 * was 27 % of the receive path's busy time), and holds less memory than their rope. Anything else — a character
 * reference, a bad '&', a lone surrogate (which the fatal decoder refuses) — returns null, and the loop below decodes
 * the text or says what is wrong with it, so the result and the errors are exactly the loop's.
 */
function decodePredefinedOnly(raw: string, firstAmp: number): string | null {
  const n = raw.length;
  const out = new Uint16Array(n);
  let o = 0;
  for (let i = 0; i < firstAmp; i++) out[o++] = raw.charCodeAt(i);
  for (let i = firstAmp; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 0x26 /* & */) {
      out[o++] = c;
      continue;
    }
    const predefined = predefinedAt(raw, i);
    if (predefined === null) return null;
    out[o++] = predefined.code;
    i += predefined.length - 1;
  }
  try {
    return UTF16.decode(out.subarray(0, o));
  } catch {
    return null;
  }
}

/** '&lt;' '&gt;' '&amp;' '&quot;' '&apos;' at `at`: the character and the reference's length, else null. */
function predefinedAt(raw: string, at: number): { text: string; code: number; length: number } | null {
  const c1 = raw.charCodeAt(at + 1);
  if (c1 === 0x6c /* l */ && raw.charCodeAt(at + 2) === 0x74 && raw.charCodeAt(at + 3) === 0x3b) return LT;
  if (c1 === 0x67 /* g */ && raw.charCodeAt(at + 2) === 0x74 && raw.charCodeAt(at + 3) === 0x3b) return GT;
  if (c1 === 0x61 /* a */) {
    if (raw.startsWith('amp;', at + 1)) return AMP;
    if (raw.startsWith('apos;', at + 1)) return APOS;
  }
  if (c1 === 0x71 /* q */ && raw.startsWith('quot;', at + 1)) return QUOT;
  return null;
}

const LT = { text: '<', code: 0x3c, length: 4 };
const GT = { text: '>', code: 0x3e, length: 4 };
const AMP = { text: '&', code: 0x26, length: 5 };
const APOS = { text: "'", code: 0x27, length: 6 };
const QUOT = { text: '"', code: 0x22, length: 6 };

function decodeReference(body: string): string {
  const predefined = PREDEFINED.get(body);
  if (predefined !== undefined) return predefined;
  let cp: number;
  if (/^#x[0-9A-Fa-f]{1,32}$/.test(body)) cp = Number.parseInt(body.slice(2), 16);
  else if (/^#[0-9]{1,32}$/.test(body)) cp = Number.parseInt(body.slice(1), 10);
  else if (/^[A-Za-z_:][\w.:-]*$/.test(body)) throw new XmlTextError(`undefined entity &${body};`);
  else throw new XmlTextError(`'&${body};' is not an entity or character reference`);
  if (!isXmlChar(cp)) throw new XmlTextError(`character reference &${body}; is not an XML character`);
  return String.fromCodePoint(cp);
}
