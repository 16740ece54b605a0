// The item-name abbreviation rule (setting itemNameRule = 'abbreviate'): QuickBooks item names hold at
// most 31 characters (qbxml130.xsd ItemServiceAdd/ItemOtherChargeAdd Name maxLength 31), cost code
// descriptions are often longer. Deterministic: the same code and description always give the same name.
import { countChars, takeChars } from './clean-text.ts';

// Words that carry little meaning in a cost code description; dropped first.
const FILLER_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'by', 'or', '&', '-', '–', '—', '/', '+']);

/**
 * The item name for a cost code: `<code> <description>` (one space), cleaned text in, at most `limit`
 * characters out. When the whole name does not fit, the code is kept intact (it is what people search
 * by) and the description is shortened, step by step, stopping as soon as it fits:
 *
 *   1. drop filler words (a, an, and, &, the, of, for, to, in, on, at, with, by, or, lone dashes/slashes),
 *      unless that would leave nothing;
 *   2. drop the lower-case vowels a e i o u after the first letter of a word, one word at a time from the
 *      last word to the first ("Excavation" → "Excvtn"; capitals, digits and accented letters stay, so
 *      "HVAC" is untouched);
 *   3. keep whole words from the left while they fit; when not even the first word fits, cut it.
 *
 * Returns the code alone when no description character fits, and null when the code itself is longer
 * than the limit (nothing sensible can be cut from a code).
 */
export function shortenName(code: string, description: string, limit: number): string | null {
  const full = description === '' ? code : `${code} ${description}`;
  if (countChars(full) <= limit) return full;
  const codeLength = countChars(code);
  if (codeLength > limit) return null;
  const budget = limit - codeLength - 1;
  if (budget < 1) return code;

  let words = description.split(' ').filter((w) => w !== '');
  const meaningful = words.filter((w) => !FILLER_WORDS.has(w.toLowerCase()));
  if (meaningful.length > 0) words = meaningful;
  if (fits(words, budget)) return `${code} ${words.join(' ')}`;

  for (let i = words.length - 1; i >= 0; i--) {
    words[i] = dropVowels(words[i]!);
    if (fits(words, budget)) return `${code} ${words.join(' ')}`;
  }

  const kept: string[] = [];
  for (const word of words) {
    if (!fits([...kept, word], budget)) break;
    kept.push(word);
  }
  const shortened = kept.length > 0 ? kept.join(' ') : takeChars(words[0] ?? '', budget);
  return `${code} ${shortened}`;
}

function fits(words: readonly string[], budget: number): boolean {
  return countChars(words.join(' ')) <= budget;
}

/** "Excavation" → "Excvtn": lower-case ASCII vowels after the first character removed. */
export function dropVowels(word: string): string {
  const [first = '', ...rest] = [...word];
  return first + rest.filter((c) => !'aeiou'.includes(c)).join('');
}
