import { checkRequiredText, invalidValue } from './check-text.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';

/**
 * Iterator attributes of a *QueryRq (qbxmlops130.xsd: iterator, iteratorID).
 * docs/qbxml.md#iterators: start with iterator="Start" + MaxReturned, then send "Continue"
 * with the iteratorID QuickBooks returned while iteratorRemainingCount > 0.
 */
export interface IteratorOptions {
  iterator?: 'Start' | 'Continue';
  iteratorId?: string;
}

/** Options shared by the query requests that accept them. */
export interface ReturnOptions {
  /** Trim the Ret to these element names (IncludeRetElement, each ≤ 50 characters). */
  includeRetElements?: string[];
}

export interface OwnerOptions {
  /** Also return the private data extensions of these owners (OwnerID GUIDs; "0" = custom fields). */
  ownerIds?: string[];
}

export function iteratorAttributes(spec: IteratorOptions, path: string): Array<readonly [string, string | undefined]> {
  const { iterator, iteratorId } = spec;
  if (iterator === undefined) {
    if (iteratorId !== undefined) throw invalidValue('An iteratorID is only sent with iterator "Continue".', `${path}@iteratorID`, iteratorId);
    return [];
  }
  if (iterator === 'Start') {
    if (iteratorId !== undefined)
      throw invalidValue('An iterator "Start" request must not carry an iteratorID; QuickBooks assigns one.', `${path}@iteratorID`, iteratorId);
    return [['iterator', 'Start']];
  }
  if (iterator === 'Continue') {
    if (iteratorId === undefined || iteratorId.trim() === '') {
      throw new QbxmlBuildError('An iterator "Continue" request needs the iteratorID QuickBooks returned for the "Start" request.', {
        code: 'REQUIRED_FIELD_MISSING',
        field: `${path}@iteratorID`,
      });
    }
    return [
      ['iterator', 'Continue'],
      ['iteratorID', iteratorId],
    ];
  }
  throw invalidValue(`Iterator "${String(iterator)}" must be "Start" or "Continue".`, `${path}@iterator`, iterator);
}

/** A list given for a repeating element (ListID+, FullName+, TxnID+ …): at least one entry. */
export function writeList(f: FieldWriter, element: string, values: readonly string[], label: string, limit?: number): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw invalidValue(`${label} must list at least one value.`, f.field(element));
  }
  values.forEach((value, index) => {
    f.xml.leaf(element, checkRequiredText(value, `${f.field(element)}[${index}]`, label, limit));
  });
}

export function writeMaxReturned(f: FieldWriter, maxReturned: number | undefined): void {
  if (maxReturned === undefined) return;
  if (!Number.isInteger(maxReturned) || maxReturned < 1) {
    throw invalidValue(`MaxReturned must be a whole number of at least 1 (got ${String(maxReturned)}).`, f.field('MaxReturned'), maxReturned);
  }
  f.xml.leaf('MaxReturned', String(maxReturned));
}

export function writeIncludeRetElements(f: FieldWriter, names: readonly string[] | undefined): void {
  (names ?? []).forEach((name, index) => {
    f.xml.leaf('IncludeRetElement', checkRequiredText(name, `${f.field('IncludeRetElement')}[${index}]`, 'IncludeRetElement', FIELD_LIMITS.includeRetElement));
  });
}

export function writeOwnerIds(f: FieldWriter, ownerIds: readonly string[] | undefined): void {
  (ownerIds ?? []).forEach((ownerId) => f.guid('OwnerID', ownerId, 'OwnerID'));
}

/** Counts how many branches of an XSD choice a spec filled in; more than one is a caller error. */
export function assertOneChoice(branches: Record<string, boolean>, field: string): void {
  const used = Object.entries(branches)
    .filter(([, isUsed]) => isUsed)
    .map(([name]) => name);
  if (used.length > 1) {
    throw invalidValue(`Use only one of ${used.join(' / ')} in the same query (they are alternatives in qbXML).`, field);
  }
}
