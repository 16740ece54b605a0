// A Procore record linked to an entry that already exists in QuickBooks (a job, vendor or item a person
// linked on the Jobs / Vendors / Items screens, or one an earlier export created) is already in QuickBooks:
// exporting it never adds another entry, never re-parents it, and changes QuickBooks' master data only in
// the fields a person chose after seeing QuickBooks' value beside Procore's (data safety, defect 1; docs/data-safety.md#nothing-silently-overwritten
// §7 "Nothing is silently overwritten"). This module holds the field choice: what may be chosen per kind,
// the Mod carrying only the chosen fields, and the before → after comparison the preview shows.
import type { Address } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import type { QbAddress, QbListEntry } from './import/read-qb-list-entry.ts';
import { refuse, succeed } from './make-result.ts';
import type { LinkedChoices, LinkedField, MappingFailure, MappingResult, PreviewField, QbRef } from './mapping-types.ts';
import type { QbxmlRequest } from '@connector/qbxml';

export type LinkedKind = 'vendor' | 'job' | 'item';

/**
 * The fields a person may choose, per kind, in the order the preview lists them. A job's Customer
 * (ParentRef) is not among them: a job linked to an existing customer is never moved under another one.
 * An item's Parent is not either (re-parenting an item moves every transaction line's item full name).
 */
export const LINKED_FIELDS: Readonly<Record<LinkedKind, readonly string[]>> = {
  vendor: ['Name', 'Company name', 'Address', 'Phone', 'Mobile', 'Fax', 'Email', 'Active'],
  job: ['Name', 'Ship to', 'Account number', 'Start date', 'Projected end date', 'Job description', 'Active'],
  item: ['Name'],
};

/** A field Procore could set, with what would go into the Mod when chosen (`set`), or why it cannot. */
export interface LinkedCandidate<M> extends LinkedField {
  set?: (mod: M) => void;
  /**
   * The request preview rows when chosen, labelled as previewQbRecord labels QuickBooks' record (an address
   * is "Address line 1" …), so a 3200 on this Mod diffs field by field (diffQbRecord). Default: one row.
   */
  preview?: PreviewField[];
}

/** "12 Main St, Springfield, IL, 62701": an address as one value, for comparing and showing. */
export function joinAddress(address: Address | null | undefined): string | null {
  if (!address) return null;
  const parts = [address.addr1, address.addr2, address.addr3, address.addr4, address.addr5, address.city, address.state, address.postalCode, address.country];
  const text = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(', ');
  return text === '' ? null : text;
}

function joinQbAddress(address: QbAddress | null): string | null {
  if (!address) return null;
  return joinAddress({
    addr1: address.line1 ?? undefined,
    addr2: address.line2 ?? undefined,
    addr3: address.line3 ?? undefined,
    addr4: address.line4 ?? undefined,
    addr5: address.line5 ?? undefined,
    city: address.city ?? undefined,
    state: address.state ?? undefined,
    postalCode: address.postalCode ?? undefined,
    country: address.country ?? undefined,
  } as Address);
}

/**
 * Builds the Mod for a linked record: its ListID and EditSequence plus only the chosen fields. Nothing
 * chosen is `NO_CHANGES` (the record is in QuickBooks; there is nothing to send). A chosen field that is
 * not choosable, blank in Procore, or cannot go to QuickBooks as it is, is refused naming it.
 */
export function buildLinkedMod<M extends QbxmlRequest>(input: {
  kind: LinkedKind;
  owner: string;
  link: QbRef;
  base: M;
  candidates: ReadonlyArray<LinkedCandidate<M>>;
  chosen: readonly string[] | undefined;
}): MappingResult<M> {
  const { kind, owner, link, candidates } = input;
  const linked: LinkedChoices = {
    link: { listId: link.listId, fullName: link.fullName },
    fields: candidates.map(({ set: _set, preview: _preview, ...field }) => field),
  };
  const what = kind === 'job' ? 'job' : kind === 'vendor' ? 'vendor' : 'item';
  const chosen = [...new Set(input.chosen ?? [])];
  if (chosen.length === 0) {
    return withLinked(
      refuse(
        'NO_CHANGES',
        `${capitalizeFirst(owner)} is linked to the QuickBooks ${what} "${link.fullName}": it is already in QuickBooks, and nothing was chosen to change there. To update QuickBooks, choose the fields to send after comparing both values in the preview.`,
      ),
      linked,
    );
  }
  const allowed = LINKED_FIELDS[kind];
  const unknown = chosen.filter((f) => !allowed.includes(f));
  if (unknown.length > 0) {
    return withLinked(
      refuse('UNKNOWN_FIELD', `${unknown.map((f) => `"${f}"`).join(', ')} cannot be chosen for a QuickBooks ${what}; choose from ${allowed.join(', ')}.`, {
        field: unknown[0]!,
      }),
      linked,
    );
  }
  const mod = { ...input.base };
  for (const field of allowed.filter((f) => chosen.includes(f))) {
    const candidate = candidates.find((c) => c.field === field);
    if (candidate?.problem) return withLinked({ ok: false, refusal: candidate.problem }, linked);
    if (!candidate?.set || candidate.after === null) {
      return withLinked(
        refuse(
          'INCOMPLETE_RECORD',
          `${capitalizeFirst(owner)} has no ${field.toLowerCase()} in Procore, so there is nothing to send for it (a blank value is never sent over QuickBooks' ${field.toLowerCase()}). Leave it out, or fill it in Procore first.`,
          { field },
        ),
        linked,
      );
    }
    candidate.set(mod);
  }
  const preview = allowed
    .filter((f) => chosen.includes(f))
    .map((f) => candidates.find((c) => c.field === f)!)
    .flatMap((c) => c.preview ?? [c.source === undefined ? { field: c.field, value: c.after! } : { field: c.field, value: c.after!, source: c.source }]);
  return { ...succeed<M>(mod, preview), linked };
}

function withLinked(failure: MappingFailure, linked: LinkedChoices): MappingFailure {
  return { ...failure, linked };
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What QuickBooks held when it was last read (Refresh Jobs / Vendors / Items), by choosable field; absent = not read. */
export function linkedValuesFromQuickBooks(kind: LinkedKind, entry: QbListEntry): Record<string, string | null> {
  const active = entry.isActive ? 'Yes' : 'No';
  switch (kind) {
    case 'vendor':
      return {
        Name: entry.name,
        'Company name': entry.companyName,
        Address: joinQbAddress(entry.contact.address),
        Phone: entry.contact.phone,
        Email: entry.contact.email,
        Active: active,
      };
    case 'job':
      // readQbListEntry keeps a job's ShipAddress (else its BillAddress) as its contact address.
      return { Name: entry.name, 'Ship to': joinQbAddress(entry.contact.address), Active: active };
    case 'item':
      return { Name: entry.name };
  }
}

export interface LinkedFieldChange {
  field: string;
  /** QuickBooks' value when last read; null when blank there or not read (see beforeKnown). */
  before: string | null;
  /** False when the connector has not read this field from QuickBooks (Refresh does not read it). */
  beforeKnown: boolean;
  /** Procore's value as QuickBooks would hold it; null when Procore has none. */
  after: string | null;
  differs: boolean;
  /** Chosen (a person's choice waiting to be sent), or pre-selected by the company's policy. */
  selected: boolean;
  source?: string;
  /** Why this field cannot be sent as Procore holds it. */
  problem?: string;
}

/**
 * The preview of a linked record: each choosable field, QuickBooks' value (before) beside Procore's (after).
 * `selected` marks the fields chosen, or, when none were, those `preselect` proposes (a default for the
 * person to confirm: it sends nothing by itself).
 */
export function compareLinkedFields(
  linked: LinkedChoices,
  before: Record<string, string | null> | null,
  options: { chosen?: readonly string[]; preselect?: (change: { field: string; differs: boolean }) => boolean } = {},
): LinkedFieldChange[] {
  const chosen = options.chosen ?? [];
  return linked.fields.map((f) => {
    const beforeKnown = before !== null && f.field in before;
    const beforeValue = beforeKnown ? normalize(before![f.field]) : null;
    const after = normalize(f.after);
    const differs = beforeKnown ? beforeValue !== after : after !== null;
    const selected = chosen.length > 0 ? chosen.includes(f.field) : (options.preselect?.({ field: f.field, differs }) ?? false);
    return {
      field: f.field,
      before: beforeValue,
      beforeKnown,
      after,
      differs,
      selected,
      ...(f.source === undefined ? {} : { source: f.source }),
      ...(f.problem ? { problem: f.problem.message } : {}),
    };
  });
}

function normalize(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.replace(/\s+/gu, ' ').trim();
  return v === '' ? null : v;
}

/**
 * A candidate from a field check (checkField, checkListName, splitAddress): its value shown as QuickBooks
 * would hold it, or the check's refusal as the reason it cannot be chosen.
 */
export function candidate<M, V>(
  field: string,
  source: string | undefined,
  result: { ok: true; value: V | null | undefined } | MappingFailure,
  show: (value: V) => string | null,
  set: (mod: M, value: V) => void,
  preview?: (value: V) => PreviewField[],
): LinkedCandidate<M> {
  const base = source === undefined ? { field } : { field, source };
  if (!result.ok) return { ...base, after: null, problem: result.refusal };
  const value = result.value;
  if (value === null || value === undefined) return { ...base, after: null };
  return { ...base, after: show(value), set: (mod) => set(mod, value), ...(preview ? { preview: preview(value) } : {}) };
}

/** An address chosen for a Mod, previewed line by line with the mappers' labels ("Ship to line 1" …). */
export function addressPreview(prefix: string, source: string): (address: Address) => PreviewField[] {
  return (address) => new PreviewBuilder().address(prefix, address, source).build();
}
