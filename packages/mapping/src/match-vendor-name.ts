// Vendor name comparison for "Refresh Vendors" and first export: the caller matches an existing
// QuickBooks vendor by exact name, case-insensitively (QuickBooks list names are unique regardless of
// case), and warns about near-duplicates before creating a second vendor for the same company.

/** Trimmed, every run of whitespace (tabs, no-break spaces, line breaks) as one space, NFC. */
export function normalizeVendorName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Same vendor name for QuickBooks: equal after normalizeVendorName, ignoring case. */
export function vendorNamesMatch(a: string, b: string): boolean {
  return normalizeVendorName(a).toLowerCase() === normalizeVendorName(b).toLowerCase();
}

// Legal-form suffixes that do not tell two companies apart ("ABC Concrete" vs "ABC Concrete, Inc.").
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'lc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'lp',
  'llp',
  'pllc',
  'pc',
  'plc',
]);

/**
 * The comparison key for near-duplicates: lower case; periods and apostrophes removed ("L.L.C." → "llc",
 * "O'Brien" → "obrien"); every other punctuation mark or symbol (\p{P}, \p{S}: commas, dashes, "&")
 * treated as a space; trailing legal-form suffixes dropped, repeatedly ("Co., Inc."), but never the
 * whole name; finally the spaces removed ("A B C" = "ABC").
 */
export function vendorDuplicateKey(name: string): string {
  const words = normalizeVendorName(name)
    .toLowerCase()
    .replace(/[.'’]/gu, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .split(/\s+/u)
    .filter((w) => w !== '');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join('');
}

/**
 * True when two names differ only by case, spacing, punctuation or a legal-form suffix
 * ("ABC Concrete" / "A.B.C. Concrete, LLC") — including names that match exactly. Accents and
 * words count: "Café Concrete" and "Cafe Concrete", "ABC Concrete" and "ABC Concrete West" are not
 * flagged.
 */
export function looksLikeDuplicate(a: string, b: string): boolean {
  const keyA = vendorDuplicateKey(a);
  return keyA !== '' && keyA === vendorDuplicateKey(b);
}
