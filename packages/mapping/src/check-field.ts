// Optional text fields with a QuickBooks maxLength (FIELD_LIMITS, from qbxml130.xsd). Identifying data
// (phone, e-mail, numbers) over the limit is refused with the limit named rather than cut: QuickBooks would
// reject the whole request, and a cut phone number is a wrong phone number.
import { cleanText, countChars } from './clean-text.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';

export type FieldResult = { ok: true; value: string | undefined } | MappingFailure;

/**
 * Cleaned value (undefined when blank) or FIELD_TOO_LONG. `label` is the QuickBooks field as people
 * know it ("phone number"), `owner` the record ("the vendor "ABC" (Procore company 12)").
 */
export function checkField(raw: string | null | undefined, limit: number, field: string, label: string, owner: string): FieldResult {
  const value = cleanText(raw);
  if (value === '') return { ok: true, value: undefined };
  const length = countChars(value);
  if (length > limit) {
    return refuse(
      'FIELD_TOO_LONG',
      `The ${label} "${value}" of ${owner} is ${length} characters; QuickBooks allows at most ${limit} characters for a ${label}. Correct it in Procore and export again.`,
      { field },
    );
  }
  return { ok: true, value };
}
