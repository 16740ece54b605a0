/**
 * Takes long runs of character data out of a document before fast-xml-parser sees it, and gives them back
 * afterwards. fast-xml-parser builds text one character at a time: a 65 MB escaped qbXML answer took ~15 s
 * of CPU in it, against well under a second for everything else parse-soap-request does (hostile input). A SOAP
 * call has a handful of elements and one big text (the escaped qbXML), so the parser only needs the
 * elements; the text goes around it.
 *
 * Each run inside the root element of at least `minLength` code units becomes a placeholder of private-use
 * characters (U+E000, valid XML 1.0 text) followed by the run's own line breaks, so validation error line
 * numbers stay right. Runs hold no '<' by construction; their '&' references are checked when decoded
 * (decodeXmlText). A document that already contains U+E000 is left as it is (no placeholder can collide).
 */
export interface SetAsideText {
  readonly xml: string;
  /** The original run for a placeholder text, or the text itself. */
  restore(text: string): string;
}

const MARK = '\uE000';

export function setAsideLongText(xml: string, minLength = 4096): SetAsideText {
  const identity: SetAsideText = { xml, restore: (text) => text };
  if (xml.length < minLength || xml.includes(MARK)) return identity;
  const runs = new Map<string, string>();
  const out: string[] = [];
  let from = 0; // start of what is not yet copied to out
  let depth = 0;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (depth > 0 && end - i >= minLength) {
      const run = xml.slice(i, end);
      let breaks = 0;
      for (let at = run.indexOf('\n'); at >= 0; at = run.indexOf('\n', at + 1)) breaks += 1;
      const placeholder = `${MARK}${runs.size}${MARK}${'\n'.repeat(breaks)}`;
      runs.set(placeholder, run);
      out.push(xml.slice(from, i), placeholder);
      from = end;
    }
    if (lt < 0) break;
    // Skip markup exactly as scanXmlLimits does; anything unterminated is left to the validator.
    let next: number;
    if (xml.startsWith('<!--', lt)) next = xml.indexOf('-->', lt + 4) + 3;
    else if (xml.startsWith('<![CDATA[', lt)) next = xml.indexOf(']]>', lt + 9) + 3;
    else if (xml.startsWith('<?', lt)) next = xml.indexOf('?>', lt + 2) + 2;
    else if (xml.startsWith('<!', lt)) break;
    else {
      let quote = 0;
      let j = lt + 1;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      if (j >= n) break;
      if (xml.charCodeAt(lt + 1) === 0x2f) depth -= 1;
      else if (xml.charCodeAt(j - 1) !== 0x2f) depth += 1;
      next = j + 1;
    }
    if (next < lt + 2) break; // unterminated comment, CDATA or PI
    i = next;
  }
  if (runs.size === 0) return identity;
  out.push(xml.slice(from));
  return { xml: out.join(''), restore: (text) => runs.get(text) ?? text };
}
