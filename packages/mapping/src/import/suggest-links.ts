// "Refresh Jobs" / "Refresh Vendors" (QuickBooks to Procore): each QuickBooks job or vendor shown as linked, suggested
// (exact name match, case-insensitive, with the reason), unlinked or archived; and vendors that look like
// the same company flagged, never merged silently.
import { normalizeVendorName, vendorDuplicateKey } from '../match-vendor-name.ts';

/** A Procore project (jobs) or company (vendors). */
export interface LinkCandidate {
  id: number;
  name: string;
  /** origin_id: the QuickBooks ListID it is linked to, or null. */
  originId: string | null;
  active: boolean;
}

export interface QbLinkable {
  listId: string;
  /** A job's own Name (not "Customer:Job"); a vendor's Name. */
  name: string;
  fullName: string;
  isActive: boolean;
  /** Archived from the list by a person. */
  archived: boolean;
}

export type LinkStatus = 'linked' | 'suggested' | 'unlinked' | 'archived';

export interface LinkClassification {
  listId: string;
  status: LinkStatus;
  /** The linked Procore record (status linked), else null. */
  procoreId: number | null;
  suggestion: { id: number; name: string; reason: string } | null;
  /** Why an entry whose name matches is not suggested (an ambiguous match), else null. */
  note?: string | null;
}

/**
 * Rules, in order:
 * 1. linked — the ListID is in `linkedProcoreIdByListId`, or a Procore record's origin_id is that ListID
 *    (the map wins when both say something). Linked wins over archived.
 * 2. archived — archived by a person; archived entries take no suggestion and block none.
 * 3. suggested — exactly one candidate has the same name: equal after normalizeVendorName (spacing, NFC),
 *    ignoring case; jobs compare the job's own Name and also accept the FullName ("Customer:Job").
 *    Candidates: active Procore records with no origin_id that no ListID is linked to.
 * 4. unlinked — otherwise. A name matching two Procore records, or a Procore record matched by two
 *    QuickBooks entries, suggests nothing: the entries stay unlinked with a `note` saying so, and a person
 *    links them by hand (a wrong automatic link would put costs on the wrong project).
 */
export function classifyLinks(
  qb: QbLinkable[],
  procore: LinkCandidate[],
  linkedProcoreIdByListId: ReadonlyMap<string, number>,
  options: { kind: 'job' | 'vendor' },
): LinkClassification[] {
  const noun = options.kind === 'job' ? 'Procore project' : 'Procore company';
  const byOrigin = new Map<string, LinkCandidate>();
  for (const p of procore) if (p.originId !== null && !byOrigin.has(p.originId)) byOrigin.set(p.originId, p);

  const linkedTo = new Map<string, number>();
  for (const entry of qb) {
    const id = linkedProcoreIdByListId.get(entry.listId) ?? byOrigin.get(entry.listId)?.id;
    if (id !== undefined) linkedTo.set(entry.listId, id);
  }
  const taken = new Set<number>([...linkedProcoreIdByListId.values(), ...linkedTo.values()]);

  const candidatesByName = new Map<string, LinkCandidate[]>();
  for (const p of procore) {
    if (!p.active || p.originId !== null || taken.has(p.id)) continue;
    const key = matchKey(p.name);
    if (key === '') continue;
    candidatesByName.set(key, [...(candidatesByName.get(key) ?? []), p]);
  }

  // First pass: what each open entry would be suggested.
  const proposals = new Map<string, { candidate: LinkCandidate; reason: string } | { ambiguous: LinkCandidate[] }>();
  for (const entry of qb) {
    if (linkedTo.has(entry.listId) || entry.archived) continue;
    const matches = new Map<number, { candidate: LinkCandidate; reason: string }>();
    for (const candidate of candidatesByName.get(matchKey(entry.name)) ?? []) {
      const ignoring = ignored(entry.name, candidate.name);
      matches.set(candidate.id, { candidate, reason: `Same name as ${noun} "${candidate.name}"${ignoring === null ? '' : ` (${ignoring})`}` });
    }
    if (options.kind === 'job' && entry.fullName !== entry.name) {
      for (const candidate of candidatesByName.get(matchKey(entry.fullName)) ?? []) {
        if (matches.has(candidate.id)) continue;
        const ignoring = ignored(entry.fullName, candidate.name);
        matches.set(candidate.id, {
          candidate,
          reason: `Same name as ${noun} "${candidate.name}" (QuickBooks full name "${entry.fullName}"${ignoring === null ? '' : `, ${ignoring}`})`,
        });
      }
    }
    if (matches.size === 1) proposals.set(entry.listId, [...matches.values()][0]!);
    else if (matches.size > 1) proposals.set(entry.listId, { ambiguous: [...matches.values()].map((m) => m.candidate) });
  }

  // A Procore record proposed to two QuickBooks entries goes to neither.
  const proposedTo = new Map<number, string[]>();
  for (const [listId, proposal] of proposals) {
    if ('candidate' in proposal) proposedTo.set(proposal.candidate.id, [...(proposedTo.get(proposal.candidate.id) ?? []), listId]);
  }
  const nameOf = new Map(qb.map((e) => [e.listId, e.fullName]));

  return qb.map((entry): LinkClassification => {
    const linked = linkedTo.get(entry.listId);
    if (linked !== undefined) return { listId: entry.listId, status: 'linked', procoreId: linked, suggestion: null, note: null };
    if (entry.archived) return { listId: entry.listId, status: 'archived', procoreId: null, suggestion: null, note: null };
    const proposal = proposals.get(entry.listId);
    if (proposal === undefined) return { listId: entry.listId, status: 'unlinked', procoreId: null, suggestion: null, note: null };
    if ('ambiguous' in proposal) {
      const names = proposal.ambiguous.map((c) => `"${c.name}" (${c.id})`).join(' and ');
      return {
        listId: entry.listId,
        status: 'unlinked',
        procoreId: null,
        suggestion: null,
        note: `More than one ${noun} has this name: ${names}; link the right one by hand.`,
      };
    }
    const rivals = (proposedTo.get(proposal.candidate.id) ?? []).filter((id) => id !== entry.listId);
    if (rivals.length > 0) {
      const others = rivals.map((id) => `"${nameOf.get(id) ?? id}"`).join(' and ');
      return {
        listId: entry.listId,
        status: 'unlinked',
        procoreId: null,
        suggestion: null,
        note: `${noun} "${proposal.candidate.name}" also matches QuickBooks ${options.kind === 'job' ? 'job' : 'vendor'} ${others}; link the right one by hand.`,
      };
    }
    return {
      listId: entry.listId,
      status: 'suggested',
      procoreId: null,
      suggestion: { id: proposal.candidate.id, name: proposal.candidate.name, reason: proposal.reason },
      note: null,
    };
  });
}

/**
 * ListID → the other QuickBooks vendors that look like the same company (vendorDuplicateKey: case,
 * spacing, punctuation and legal suffixes ignored — "ABC Concrete" / "A.B.C. Concrete, LLC"). Only
 * flagged vendors are in the map; every vendor is compared, archived and inactive ones included, since a
 * duplicate is worth knowing about either way. Nothing is merged.
 */
export function flagDuplicateVendors(qb: QbLinkable[]): Map<string, Array<{ listId: string; name: string }>> {
  const groups = new Map<string, QbLinkable[]>();
  for (const vendor of qb) {
    const key = vendorDuplicateKey(vendor.name);
    if (key === '') continue;
    groups.set(key, [...(groups.get(key) ?? []), vendor]);
  }
  const flagged = new Map<string, Array<{ listId: string; name: string }>>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const vendor of group) {
      flagged.set(
        vendor.listId,
        group.filter((other) => other.listId !== vendor.listId).map((other) => ({ listId: other.listId, name: other.name })),
      );
    }
  }
  return flagged;
}

function matchKey(name: string): string {
  return normalizeVendorName(name).toLowerCase();
}

/** Null when the names are the same text (NFC), else what was ignored to match them. */
function ignored(qbName: string, procoreName: string): string | null {
  if (qbName === procoreName) return null;
  const caseDiffers = normalizeVendorName(qbName) !== normalizeVendorName(procoreName);
  const spacingDiffers = qbName.normalize('NFC').toLowerCase() !== procoreName.normalize('NFC').toLowerCase();
  if (caseDiffers && spacingDiffers) return 'ignoring case and spacing';
  if (caseDiffers) return 'ignoring case';
  return spacingDiffers ? 'ignoring spacing' : null;
}
