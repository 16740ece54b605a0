// Procore's free-text address → QuickBooks' AddressData (qbxml130.xsd): Addr1..Addr5 ≤ 41 characters,
// City ≤ 31, State ≤ 21, PostalCode ≤ 13, Country ≤ 31 (FIELD_LIMITS), and no commas (issue: QuickBooks
// address lines are kept without commas; a comma in Procore's street text starts a new line instead).
import type { Address } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { cleanText, countChars, takeChars } from './clean-text.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';

export interface AddressParts {
  street?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  postalCode?: string | null | undefined;
  country?: string | null | undefined;
}

export type AddressResult = { ok: true; address: Address | null } | MappingFailure;

const MAX_LINES = 5;
// "IL 62701", "IL 62701-1234", "ON M5V 2T6": a two-letter state/province then a US ZIP or Canadian postal code.
const STATE_AND_POSTAL = /^([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?|[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d)$/;

/**
 * Splits an address into QuickBooks' fields.
 *  - The street text is cut at commas and line breaks; each piece becomes its own line
 *    ("123 Main St, Suite 400" → Addr1 "123 Main St", Addr2 "Suite 400").
 *  - When Procore has no separate city, state and ZIP but the street text ends in
 *    ", City, ST 12345", those are moved to City, State and PostalCode.
 *  - A piece longer than 41 characters wraps at spaces onto the next line.
 *  - City, State, PostalCode, Country: commas become spaces.
 * More than 5 lines, or a City/State/PostalCode/Country over its limit, is refused (FIELD_TOO_LONG)
 * rather than cut: a wrong address on a check is worse than a question. `what` names the address in
 * messages ('The job address of project "Main St Office" (Procore project 7)').
 */
export function splitAddress(parts: AddressParts, what: string): AddressResult {
  let pieces = (parts.street ?? '')
    .split(/[,\r\n]+/)
    .map((p) => cleanText(p))
    .filter((p) => p !== '');
  let city = cleanField(parts.city);
  let state = cleanField(parts.state);
  let postalCode = cleanField(parts.postalCode);
  const country = cleanField(parts.country);

  if (city === '' && state === '' && postalCode === '' && pieces.length >= 2) {
    const match = STATE_AND_POSTAL.exec(pieces[pieces.length - 1]!);
    if (match) {
      state = match[1]!.toUpperCase();
      postalCode = match[2]!.toUpperCase();
      city = pieces[pieces.length - 2]!;
      pieces = pieces.slice(0, -2);
    }
  }

  const lines = pieces.flatMap((piece) => wrapLine(piece, FIELD_LIMITS.addressLine));
  if (lines.length > MAX_LINES) {
    return refuse(
      'FIELD_TOO_LONG',
      `${what} needs ${lines.length} lines of at most ${FIELD_LIMITS.addressLine} characters; QuickBooks has ${MAX_LINES} address lines. Shorten the street address in Procore and export again.`,
      { field: 'Addr1' },
    );
  }
  const checks: Array<[string, string, number, string]> = [
    ['City', city, FIELD_LIMITS.city, 'city'],
    ['State', state, FIELD_LIMITS.state, 'state'],
    ['PostalCode', postalCode, FIELD_LIMITS.postalCode, 'postal code'],
    ['Country', country, FIELD_LIMITS.country, 'country'],
  ];
  for (const [field, value, limit, label] of checks) {
    const length = countChars(value);
    if (length > limit) {
      return refuse(
        'FIELD_TOO_LONG',
        `${what} has the ${label} "${value}" (${length} characters); QuickBooks allows at most ${limit} characters for a ${label}. Correct it in Procore and export again.`,
        { field },
      );
    }
  }

  const address: Address = {};
  const keys = ['addr1', 'addr2', 'addr3', 'addr4', 'addr5'] as const;
  lines.forEach((line, i) => {
    address[keys[i]!] = line;
  });
  if (city !== '') address.city = city;
  if (state !== '') address.state = state;
  if (postalCode !== '') address.postalCode = postalCode;
  if (country !== '') address.country = country;
  return { ok: true, address: Object.keys(address).length === 0 ? null : address };
}

function cleanField(value: string | null | undefined): string {
  return cleanText((value ?? '').replace(/,/g, ' '));
}

/** Wraps at spaces into lines of at most `limit` characters; a single longer word is cut. */
function wrapLine(text: string, limit: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (countChars(rest) > limit) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(takeChars(rest, limit));
      rest = [...rest].slice(limit).join('');
    }
    if (rest === '') continue;
    const candidate = current === '' ? rest : `${current} ${rest}`;
    if (countChars(candidate) <= limit) current = candidate;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
