import type { Database } from '@connector/db';
import { classifyLinks, flagDuplicateVendors, type LinkCandidate, type QbLinkable } from '@connector/mapping';
import { LINK_TYPES } from '../links/link-types.ts';
import { displayFields, displayText } from '../stored/read-stored.ts';

export type ImportListKind = 'jobs' | 'vendors';
export type ImportEntryStatus = 'linked' | 'suggested' | 'unlinked' | 'archived';

export interface ImportEntryItem {
  qbListId: string;
  fullName: string;
  name: string;
  customerName: string | null;
  isActive: boolean;
  status: ImportEntryStatus;
  procoreRecord: { id: number; name: string } | null;
  suggestion: { id: number; name: string; reason: string } | null;
  duplicates: Array<{ qbListId: string; name: string }>;
  /** Why it cannot be linked, in words (jobs: a sub-job); null when it can. */
  refusal: string | null;
  /**
   * Vendors, multi-currency on: the vendor is in another currency than the home one, and what the connector does
   * about it, in words (exports refused, FOREIGN_CURRENCY_VENDOR; its bills converted); null otherwise; absent on jobs.
   */
  currencyNote?: string | null;
  qbModifiedAt: string;
}

export interface ImportEntryList {
  total: number;
  counts: Record<ImportEntryStatus, number>;
  items: ImportEntryItem[];
}

const SPEC = {
  jobs: { listType: 'Customer', procoreType: LINK_TYPES.project, resource: 'project' },
  vendors: { listType: 'Vendor', procoreType: LINK_TYPES.vendor, resource: 'vendor' },
} as const;

/**
 * The Jobs (or Vendors) list of Refresh Jobs / Refresh Vendors: every QuickBooks job (a customer with a
 * parent) or vendor we hold, as linked, suggested (same name as one unlinked Procore record, with the
 * reason) or unlinked, or archived by a person. Vendors carry duplicate flags (same company up to case
 * and punctuation): flagged, never merged.
 */
export async function classifyImportEntries(db: Database, companyId: string, kind: ImportListKind) {
  const spec = SPEC[kind];
  const entries = await db.prisma.qbListEntry.findMany({ where: { companyId, listType: spec.listType, deletedAt: null } });
  const byListId = new Map(entries.map((e) => [e.listId, e]));
  const rows = kind === 'jobs' ? entries.filter((e) => e.parentListId !== null) : entries;
  const records = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: spec.resource, deletedAt: null },
    select: { procoreId: true, originId: true, data: true },
  });
  const candidates: LinkCandidate[] = records.map((r) => {
    // Display and suggestion only: a damaged copy is listed as its id (displayFields/displayText), never fails the list.
    const data = displayFields(r.data);
    const active = typeof data['active'] === 'boolean' ? data['active'] : typeof data['is_active'] === 'boolean' ? data['is_active'] : true;
    return { id: Number(r.procoreId), name: displayText(data, 'name') ?? `#${r.procoreId}`, originId: r.originId, active };
  });
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const links = await db.prisma.recordLink.findMany({ where: { companyId, procoreType: spec.procoreType }, select: { procoreId: true, qbId: true } });
  const linked = new Map(links.map((l) => [l.qbId, Number(l.procoreId)]));
  // A sub-job is never suggested for a project (it cannot be linked: subJobRefusal).
  const linkables: QbLinkable[] = rows
    .filter((e) => subJobRefusal(e, byListId) === null)
    .map((e) => ({ listId: e.listId, name: e.name, fullName: e.fullName, isActive: e.isActive, archived: e.archivedAt !== null }));
  const classified = new Map(classifyLinks(linkables, candidates, linked, { kind: kind === 'jobs' ? 'job' : 'vendor' }).map((c) => [c.listId, c]));
  const duplicates = kind === 'vendors' ? flagDuplicateVendors(linkables) : new Map<string, Array<{ listId: string; name: string }>>();
  const currencyNote = kind === 'vendors' ? await vendorCurrencyNotes(db, companyId) : null;
  return rows.map((e): ImportEntryItem => {
    const refusal = kind === 'jobs' ? subJobRefusal(e, byListId) : null;
    const c = classified.get(e.listId) ?? { status: e.archivedAt !== null ? ('archived' as const) : ('unlinked' as const), procoreId: null, suggestion: null };
    return {
      qbListId: e.listId,
      fullName: e.fullName,
      name: e.name,
      customerName: e.parentListId ? topCustomerName(e, byListId) : null,
      isActive: e.isActive,
      status: c.status,
      procoreRecord: c.procoreId !== null ? { id: c.procoreId, name: names.get(c.procoreId) ?? `#${c.procoreId}` } : null,
      suggestion: c.suggestion,
      duplicates: (duplicates.get(e.listId) ?? []).map((d) => ({ qbListId: d.listId, name: d.name })),
      refusal,
      ...(currencyNote && { currencyNote: currencyNote(e.data) }),
      qbModifiedAt: e.qbModifiedAt,
    };
  });
}

/**
 * Multi-currency (docs/integration-map.md#currencies): a vendor QuickBooks holds in another currency than the home one
 * gets no export (mapping/check-vendor-currency.ts refuses it), which the Vendors screen says before anyone links it
 * and sends a commitment, rather than only in the exception after. The home currency as advance-exports.ts reads it.
 */
async function vendorCurrencyNotes(db: Database, companyId: string): Promise<(data: unknown) => string | null> {
  const connection = await db.prisma.qbwcConnection.findUnique({
    where: { companyId },
    select: { qbMultiCurrencyOn: true, qbHomeCurrency: true, qbCountry: true },
  });
  if (!connection?.qbMultiCurrencyOn) return () => null;
  const home = connection.qbHomeCurrency ?? (connection.qbCountry === 'US' ? 'US Dollar' : null);
  return (data) => {
    const currency = displayText(data, 'currencyName');
    if (currency === null || currency.trim() === '' || currency.trim() === home) return null;
    const name = currency.trim();
    const homeName = home ?? 'the home currency';
    return `In QuickBooks this vendor is in ${name}, not ${home === null ? homeName : `the home currency ${homeName}`}: commitments, change orders and invoices for it are not exported (FOREIGN_CURRENCY_VENDOR), since QuickBooks would book Procore's amounts as ${name}. Its bills still come into job costs, converted at QuickBooks' exchange rate.`;
  };
}

type ParentChain = { listId: string; name: string; fullName: string; parentListId: string | null };

/** The customer at the top of a job's chain (a sub-job's customer is its job's customer). */
function topCustomerName(entry: ParentChain, byListId: ReadonlyMap<string, ParentChain>): string | null {
  let current: ParentChain | undefined = entry;
  for (let depth = 0; current?.parentListId && depth < 100; depth++) current = byListId.get(current.parentListId);
  return current && current !== entry ? current.name : null;
}

/**
 * A job whose parent is itself a job (Customer:Job:Phase) cannot be linked: a Procore project is one level of job
 * under a customer (docs/integration-map.md#known-limits, "No sub-jobs"). The sentence says so and what to do.
 */
export function subJobRefusal(entry: ParentChain, byListId: ReadonlyMap<string, ParentChain>): string | null {
  const parent = entry.parentListId ? byListId.get(entry.parentListId) : undefined;
  if (!parent || parent.parentListId === null) return null;
  return `"${entry.fullName}" is a sub-job in QuickBooks (a job under the job "${parent.fullName}"). The connector links only jobs directly under a customer to Procore projects, so it cannot be linked and its costs go to no Procore project: link "${parent.fullName}" instead, or make it a job of its customer in QuickBooks.`;
}

export async function listImportEntries(
  db: Database,
  input: {
    companyId: string;
    kind: ImportListKind;
    status?: ImportEntryStatus | undefined;
    search?: string | undefined;
    sort?: 'name' | '-name' | 'modified' | '-modified' | undefined;
    limit: number;
    offset: number;
  },
): Promise<ImportEntryList> {
  const all = await classifyImportEntries(db, input.companyId, input.kind);
  const counts: Record<ImportEntryStatus, number> = { linked: 0, suggested: 0, unlinked: 0, archived: 0 };
  for (const item of all) counts[item.status] += 1;
  const needle = input.search?.trim().toLowerCase();
  const filtered = all.filter(
    (i) =>
      (!input.status || i.status === input.status) &&
      (!needle || i.fullName.toLowerCase().includes(needle) || (i.procoreRecord?.name.toLowerCase().includes(needle) ?? false)),
  );
  const sort = input.sort ?? 'name';
  const direction = sort.startsWith('-') ? -1 : 1;
  filtered.sort(
    (a, b) =>
      direction *
      (sort.endsWith('modified') ? a.qbModifiedAt.localeCompare(b.qbModifiedAt) : a.fullName.localeCompare(b.fullName, 'en', { sensitivity: 'base' })),
  );
  return { total: filtered.length, counts, items: filtered.slice(input.offset, input.offset + input.limit) };
}
