import type { Database, ProcorePushModel, QbListEntryModel, RecordLinkModel } from '@connector/db';
import type { QbListEntry } from '@connector/mapping';
import type { StandardCostCode, StandardCostCodeSyncItem } from '@connector/procore';
import { LINK_TYPES } from '../links/link-types.ts';
import { getCompanySettings, type CompanySettingsValues } from '../settings/company-settings.ts';
import { isStoredValueInvalid, readStoredQbListEntry } from '../stored/read-stored.ts';

// The plan step of Refresh Jobs / Vendors / Items (apply-list-refresh.ts): what to create, link, update or
// deactivate in Procore. The reads from our database are here; the decisions on what they hold are pure functions.

// Item types that stand for work or cost (cost codes); payment, discount, subtotal and tax items do not.
const COST_ITEM_ELEMENTS = new Set(['ItemServiceRet', 'ItemOtherChargeRet', 'ItemNonInventoryRet']);

/** A QuickBooks cost item and the Procore standard cost code it is (to be) linked to. */
export interface CostCodeMatch {
  item: QbListEntryModel;
  codeId: number;
  code: string;
  name: string;
}

/** A QuickBooks cost item with no Procore standard cost code yet: the code and name to create it with. */
export interface CostCodeToCreate {
  item: QbListEntryModel;
  code: string;
  name: string;
}

/**
 * The active cost items not yet linked to a Procore cost code (the retainage item excepted), less those already
 * flagged at their current EditSequence.
 */
export async function loadCostItemsToLink(db: Database, companyId: string): Promise<{ settings: CompanySettingsValues; items: QbListEntryModel[] }> {
  const settings = await getCompanySettings(db, companyId);
  const linked = new Set(
    (await db.prisma.recordLink.findMany({ where: { companyId, procoreType: LINK_TYPES.cost_code }, select: { qbId: true } })).map((l) => l.qbId),
  );
  const candidates = (await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Item', deletedAt: null, isActive: true } })).filter(
    (i) => COST_ITEM_ELEMENTS.has(i.retElement ?? '') && !linked.has(i.listId) && i.listId !== settings.invoiceRetainageItem?.listId,
  );
  // An item already flagged (conflict, or refused by Procore) at its current EditSequence waits for a person to
  // change it in QuickBooks: trying again would repeat the same audit entry, or the same refused write, every refresh.
  const flags = await db.prisma.auditEntry.findMany({
    where: {
      companyId,
      action: { in: ['import.cost_code_conflict', 'import.cost_code_failed'] },
      subjectType: 'qb_item',
      subjectId: { in: candidates.map((i) => i.listId) },
    },
    select: { subjectId: true, detail: true },
  });
  const flagged = new Set(flags.map((f) => `${f.subjectId}:${flaggedEditSequence(f.detail)}`));
  return { settings, items: candidates.filter((i) => !flagged.has(`${i.listId}:${i.editSequence}`)) };
}

/** Procore's standard cost codes by lower-case code, "code name", and origin:<ListID> when it has one. */
export function keyStandardCostCodes(existing: readonly StandardCostCode[]): Map<string, StandardCostCode> {
  const byKey = new Map<string, StandardCostCode>();
  for (const code of existing) {
    byKey.set((code.full_code ?? code.code).toLowerCase(), code);
    byKey.set(`${code.full_code ?? code.code} ${code.name}`.toLowerCase(), code);
    if (code.origin_id) byKey.set(`origin:${code.origin_id}`, code);
  }
  return byKey;
}

/** Each item matched to an existing code (by origin, full name, then code), or to be created. */
export function planCostCodes(
  items: readonly QbListEntryModel[],
  byKey: ReadonlyMap<string, StandardCostCode>,
): { matches: CostCodeMatch[]; toCreate: CostCodeToCreate[] } {
  const toCreate: CostCodeToCreate[] = [];
  const matches: CostCodeMatch[] = [];
  for (const item of items) {
    const { code, name } = splitItemName(item.name);
    const found = byKey.get(`origin:${item.listId}`) ?? byKey.get(item.name.toLowerCase()) ?? byKey.get(code.toLowerCase());
    if (found) matches.push({ item, codeId: found.id, code: found.full_code ?? found.code, name: found.name });
    else toCreate.push({ item, code, name });
  }
  return { matches, toCreate };
}

/** The standard cost code sync body for the codes to create. */
export function standardCostCodeCreates(toCreate: readonly CostCodeToCreate[], byKey: ReadonlyMap<string, StandardCostCode>): StandardCostCodeSyncItem[] {
  // Procore keeps a sub-code without its parent's prefix ("050" under "04"), with parent_id.
  return toCreate.map((c) => {
    const cut = c.code.lastIndexOf('-');
    const parent = cut > 0 ? byKey.get(c.code.slice(0, cut).toLowerCase()) : undefined;
    return parent
      ? { code: c.code.slice(cut + 1), name: c.name, parent_id: parent.id, origin_id: c.item.listId, origin_data: c.item.editSequence }
      : { code: c.code, name: c.name, origin_id: c.item.listId, origin_data: c.item.editSequence };
  });
}

/** Projects linked to a QuickBooks job that still exists: where new cost codes get a budget line. */
export async function loadIntegratedProjects(db: Database, companyId: string): Promise<Array<{ procoreId: string; qbId: string }>> {
  // Integrated = linked to a QuickBooks job that still exists (a deleted job's project was deactivated, or is no longer fed).
  const deletedJobs = new Set(
    (await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Customer', deletedAt: { not: null } }, select: { listId: true } })).map(
      (e) => e.listId,
    ),
  );
  return (await db.prisma.recordLink.findMany({ where: { companyId, procoreType: LINK_TYPES.project }, select: { procoreId: true, qbId: true } })).filter(
    (p) => !deletedJobs.has(p.qbId),
  );
}

export type VendorLink = Pick<RecordLinkModel, 'procoreId' | 'qbId' | 'editSequence'>;

/** A linked Procore vendor whose QuickBooks vendor changed, with our copy of that vendor read through its check. */
export interface VendorChange {
  link: VendorLink;
  entry: QbListEntryModel;
  data: QbListEntry;
}

/** The vendor links, and the QuickBooks vendors (not deleted) they name by ListID. */
export async function loadVendorLinks(db: Database, companyId: string): Promise<{ links: VendorLink[]; entries: Map<string, QbListEntryModel> }> {
  const links = await db.prisma.recordLink.findMany({
    where: { companyId, procoreType: LINK_TYPES.vendor },
    select: { procoreId: true, qbId: true, editSequence: true },
  });
  const entries = new Map(
    (await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Vendor', deletedAt: null, listId: { in: links.map((l) => l.qbId) } } })).map((e) => [
      e.listId,
      e,
    ]),
  );
  return { links, entries };
}

/** The linked vendors whose EditSequence changed in QuickBooks, and those whose copy is damaged. */
export function planVendorUpdates(
  links: readonly VendorLink[],
  entries: ReadonlyMap<string, QbListEntryModel>,
): { changed: VendorChange[]; damaged: Array<{ procoreId: string; message: string }> } {
  // Our copy of a QuickBooks vendor is read through its check (read-stored.ts): a damaged copy fails that vendor's
  // update only, audited with the row named, and the others still reach Procore.
  const damaged: Array<{ procoreId: string; message: string }> = [];
  const changed = links.flatMap((l) => {
    const e = entries.get(l.qbId);
    if (!e || e.editSequence === l.editSequence) return [];
    try {
      return [{ link: l, entry: e, data: readStoredQbListEntry(e) }];
    } catch (error) {
      // Only a damaged copy is this vendor's own failure (audited as STORED_VALUE_INVALID); anything else is not.
      if (!isStoredValueInvalid(error)) throw error;
      damaged.push({ procoreId: l.procoreId, message: error.message });
      return [];
    }
  });
  return { changed, damaged };
}

/** What to do about QuickBooks entries of one list that QuickBooks deleted. */
export interface DeletedEntriesPlan {
  /** Procore records we created from a deleted entry, still active: to deactivate. */
  pushes: ProcorePushModel[];
  /** Links to a deleted entry whose Procore record a person only linked: to remove. */
  linkedOnly: RecordLinkModel[];
  /** The deleted entries' full names by ListID. */
  nameOf: Map<string, string | null>;
}

/** Null when QuickBooks deleted nothing in the list. */
export async function loadDeletedEntries(
  db: Database,
  companyId: string,
  listType: 'Customer' | 'Vendor',
  procoreType: 'project' | 'vendor',
): Promise<DeletedEntriesPlan | null> {
  const deleted = await db.prisma.qbListEntry.findMany({
    where: { companyId, listType, deletedAt: { not: null } },
    select: { listId: true, fullName: true },
  });
  if (deleted.length === 0) return null;
  const pushes = await db.prisma.procorePush.findMany({
    where: { companyId, procoreType, status: 'active', sourceId: { in: deleted.map((d) => d.listId) } },
  });
  const created = new Set(
    (
      await db.prisma.procorePush.findMany({ where: { companyId, procoreType, sourceId: { in: deleted.map((d) => d.listId) } }, select: { sourceId: true } })
    ).map((p) => p.sourceId),
  );
  const nameOf = new Map(deleted.map((d) => [d.listId, d.fullName]));
  const linkedOnly = await db.prisma.recordLink.findMany({
    where: { companyId, procoreType, qbType: listType, qbId: { in: deleted.map((d) => d.listId).filter((id) => !created.has(id)) } },
  });
  return { pushes, linkedOnly, nameOf };
}

/**
 * "03-300 Cast-in-place Concrete" → code 03-300, name Cast-in-place Concrete. A name without a leading code
 * ("Permits & Fees") gets a code made of its letters and digits (PERMITSFEES): Procore codes take only
 * letters, digits, "." and "_" per segment.
 */
export function splitItemName(itemName: string): { code: string; name: string } {
  const trimmed = itemName.trim();
  const match = /^([0-9][0-9A-Za-z._-]*)\s+(.+)$/.exec(trimmed);
  if (match) return { code: match[1]!, name: match[2]! };
  return {
    code:
      trimmed
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 20)
        .toUpperCase() || 'ITEM',
    name: trimmed,
  };
}

export function vendorUpdate(procoreId: number, entry: QbListEntry) {
  const address = entry.contact?.address ?? null;
  return {
    id: procoreId,
    name: entry.companyName ?? entry.name,
    origin_id: entry.listId,
    origin_data: entry.editSequence,
    is_active: entry.isActive,
    ...(address?.line1 ? { address: address.line1 } : {}),
    ...(address?.city ? { city: address.city } : {}),
    ...(address?.postalCode ? { zip: address.postalCode } : {}),
    ...(entry.contact?.email ? { email_address: entry.contact.email } : {}),
    ...(entry.contact?.phone ? { business_phone: entry.contact.phone } : {}),
  };
}

/** The EditSequence an audit entry flagged (its detail is JSON we wrote; anything else flags nothing). */
export function flaggedEditSequence(detail: unknown): string {
  const value = detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>).editSequence : undefined;
  return typeof value === 'string' ? value : '';
}
