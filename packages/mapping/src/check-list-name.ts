// The rules QuickBooks applies to a list-entry name (vendor, customer, job), checked before sending so the
// accountant sees the limit in our message instead of a QuickBooks error (docs/integration-map.md#known-limits "Known limits").
import { cleanText, countChars } from './clean-text.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';
import { capitalize } from './capitalize.ts';

export type NameResult = { ok: true; name: string } | MappingFailure;

export interface ListNameRule {
  /** "vendor name", "job name" */
  what: string;
  /** Which Procore record, for the message: 'Procore company 12 "ABC Concrete"'. */
  record: string;
  /** FIELD_LIMITS: qbxml130.xsd Name maxLength (41 for Vendor/Customer, 31 for items). */
  limit: number;
  /** What the person should do when the name is too long. */
  fix: string;
}

/**
 * Cleans a name (clean-text.ts) and refuses it when QuickBooks would: blank (INCOMPLETE_RECORD),
 * containing ":" — QuickBooks joins parent and child names with ":" (Customer:Job), check-text.ts
 * checkName — (INVALID_NAME), or longer than the limit (NAME_TOO_LONG, the limit named).
 */
export function checkListName(raw: string | null | undefined, rule: ListNameRule): NameResult {
  const name = cleanText(raw);
  if (name === '') {
    return refuse(
      'INCOMPLETE_RECORD',
      `${capitalize(rule.record)} has no name in Procore, so it has no ${rule.what} in QuickBooks; enter a name in Procore and export again.`,
      { field: 'Name' },
    );
  }
  if (name.includes(':')) {
    return refuse(
      'INVALID_NAME',
      `The ${rule.what} "${name}" (${rule.record}) contains ":", which QuickBooks reserves to separate parent and child names (Customer:Job); remove the colon in Procore and export again.`,
      { field: 'Name' },
    );
  }
  const length = countChars(name);
  if (length > rule.limit) {
    return refuse(
      'NAME_TOO_LONG',
      `The ${rule.what} "${name}" (${rule.record}) is ${length} characters; QuickBooks allows at most ${rule.limit} characters for a ${rule.what}. ${rule.fix}`,
      { field: 'Name' },
    );
  }
  return { ok: true, name };
}

/** A parent:child full name must also fit its reference limit (FIELD_LIMITS.customerRefFullName 209, listRefFullName 159). */
export function checkFullName(fullName: string, limit: number, what: string, record: string): MappingFailure | null {
  const length = countChars(fullName);
  if (length <= limit) return null;
  return refuse(
    'NAME_TOO_LONG',
    `The full QuickBooks name "${fullName}" of the ${what} (${record}) is ${length} characters; QuickBooks allows at most ${limit} characters for a full name including its parents. Shorten the name or its parent's name.`,
    { field: 'Name' },
  );
}
