// Text as QuickBooks will store it: one normalisation used for every name, line and description.
import { stripDisallowedChars } from '@connector/qbxml';

/**
 * NFC-normalised (so "é" typed as e + U+0301 counts as one character and cannot be cut in two),
 * without the characters XML cannot carry (escape-xml.ts in @connector/qbxml), every run of
 * whitespace — tabs, newlines, no-break spaces — as one space, trimmed.
 */
export function cleanText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return stripDisallowedChars(value.normalize('NFC')).replace(/\s+/gu, ' ').trim();
}

/** Characters as QuickBooks counts them for maxLength: code points (check-text.ts countChars). */
export function countChars(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** The first `limit` code points, never splitting a surrogate pair. */
export function takeChars(value: string, limit: number): string {
  return [...value].slice(0, Math.max(0, limit)).join('');
}

/** Free text (descriptions, memos) cut to a field limit, ending in "…" when cut. */
export function truncateText(value: string, limit: number): string {
  if (countChars(value) <= limit) return value;
  return `${takeChars(value, limit - 1).trimEnd()}…`;
}
