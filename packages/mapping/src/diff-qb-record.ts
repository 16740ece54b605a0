// The field-level difference for the 3200 exception (EditSequence moved: QuickBooks' record changed since
// we last saw it). Nothing is silently overwritten (docs/data-safety.md#nothing-silently-overwritten): a person picks, per field, "take
// QuickBooks' value" or "re-send ours".
import type { PreviewField } from './mapping-types.ts';

export interface FieldDifference {
  field: string;
  /** What we would send; null when we send nothing for it. */
  ours: string | null;
  /** What QuickBooks holds now; null when it holds nothing. */
  theirs: string | null;
  /** Where our value comes from in Procore. */
  source?: string;
}

/**
 * The fields of `ours` whose value QuickBooks does not hold as is, in our order. Values are compared
 * after trimming and collapsing whitespace (QuickBooks trims what it stores), case-sensitively (a change
 * of case is a change a person made). Fields only QuickBooks has are left out: a Mod leaves fields it
 * does not send as they are, so re-sending ours cannot change them. A label repeated within one side
 * counts once (the first).
 */
export function diffQbRecord(ours: readonly PreviewField[], theirs: readonly PreviewField[]): FieldDifference[] {
  const theirsByField = new Map<string, string>();
  for (const f of theirs) if (!theirsByField.has(f.field)) theirsByField.set(f.field, f.value);
  const seen = new Set<string>();
  const differences: FieldDifference[] = [];
  for (const f of ours) {
    if (seen.has(f.field)) continue;
    seen.add(f.field);
    const oursValue = normalize(f.value);
    const theirsValue = normalize(theirsByField.get(f.field));
    if (oursValue === theirsValue) continue;
    differences.push({ field: f.field, ours: oursValue, theirs: theirsValue, ...(f.source === undefined ? {} : { source: f.source }) });
  }
  return differences;
}

function normalize(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.replace(/\s+/gu, ' ').trim();
  return v === '' ? null : v;
}
