import { formatQbId } from '../model/create-company-file.ts';
import type { CompanyFile, Customer, Item, ListEntry, Vendor } from '../model/company-file.ts';
import { createRng, type Rng } from './mulberry32.ts';

/**
 * What real company files hold and a tidy generator does not (docs/qbxml.md: names are free text up to the XSD
 * limit, except ':' which separates FullName levels): names with '&', quotes, non-ASCII letters and trailing spaces;
 * inactive vendors, customers, jobs and items; jobs several levels deep (Customer:Job:Phase:Area); memos near
 * qbXML's 4095-character limit; and names that were deleted and created again (ListDeletedQuery returns the
 * old ListID under the same FullName the new entry has).
 *
 * Applied after everything else with its own random numbers, so a file generated without mess is unchanged.
 */
export interface MessOptions {
  /** Share (0..1) of entries that get each kind of mess. */
  rate: number;
  seed: number;
}

export interface MessReport {
  renamed: Array<{ listId: string; name: string }>;
  inactive: string[];
  subJobs: string[];
  longMemos: string[];
  recreated: Array<{ oldListId: string; newListId: string; fullName: string }>;
}

const MAX_ENTITY_NAME = 41;
const MAX_ITEM_NAME = 31;
/** qbxml130.xsd: Memo on PurchaseOrderAdd / BillAdd is STRTYPE maxLength 4095. */
const MAX_MEMO = 4095;

/** Each turns a name into a messier one; the caller keeps it within the XSD limit and unique. */
const MESSES: Array<(name: string) => string> = [
  (n) => `${n} & Sons`,
  (n) => `O'Neil ${n}`,
  (n) => `${n} "North"`,
  (n) => `Peña ${n}`,
  (n) => `${n} Bâtiment`,
  (n) => `Müller & Søn ${n}`,
  (n) => `${n}  `,
  (n) => `<${n}>`,
];

function messyName(rng: Rng, name: string, max: number, taken: Set<string>): string | undefined {
  for (let attempt = 0; attempt < 4; attempt++) {
    const mess = MESSES[rng.int(0, MESSES.length - 1)]!;
    // Keep the mess, shorten the original part.
    const room = max - mess('').length;
    if (room < 3) continue;
    const candidate = mess(name.trim().slice(0, room));
    if (candidate.length > max || candidate.includes(':') || taken.has(candidate.toLowerCase())) continue;
    taken.add(candidate.toLowerCase());
    return candidate;
  }
  return undefined;
}

function longMemo(rng: Rng): string {
  const words = [
    'Per change directive',
    'rev. 3',
    'owner\u2019s rep',
    'R&D wing',
    '"as-built"',
    'façade',
    '½" drywall',
    '<TBD>',
    'RFI #42',
    'line 7\u00a0–\u00a0hold',
  ];
  let memo = '';
  while (memo.length < MAX_MEMO - 40) memo += `${words[rng.int(0, words.length - 1)]} `;
  return memo.slice(0, MAX_MEMO - rng.int(0, 20)).trimEnd();
}

export function addMess(company: CompanyFile, options: MessOptions): MessReport {
  const rng = createRng(options.seed ^ 0x6d657373);
  const rate = options.rate;
  const report: MessReport = { renamed: [], inactive: [], subJobs: [], longMemos: [], recreated: [] };
  if (rate <= 0) return report;

  // Vendors and customers share QuickBooks' name list; jobs are unique under their parent; items by FullName.
  const entityNames = new Set([...company.vendors, ...company.customers.filter((c) => !c.parentId)].map((e) => e.name.toLowerCase()));
  const rename = (entry: ListEntry, max: number, taken: Set<string>) => {
    const name = messyName(rng, entry.name, max, taken);
    if (name === undefined) return;
    entry.name = name;
    if ('companyName' in entry && (entry as Vendor).companyName !== undefined) (entry as Vendor).companyName = name;
    report.renamed.push({ listId: entry.listId, name });
  };
  for (const v of company.vendors) if (rng.chance(rate)) rename(v, MAX_ENTITY_NAME, entityNames);
  const jobNamesUnder = new Map<string, Set<string>>();
  for (const c of company.customers) {
    const key = c.parentId ?? '';
    if (!jobNamesUnder.has(key)) jobNamesUnder.set(key, new Set());
    jobNamesUnder.get(key)!.add(c.name.toLowerCase());
  }
  for (const c of company.customers) {
    if (!rng.chance(rate)) continue;
    rename(c, MAX_ENTITY_NAME, c.parentId ? jobNamesUnder.get(c.parentId)! : entityNames);
  }
  const costItems = company.items.filter((i) => ['Service', 'OtherCharge', 'NonInventory'].includes(i.itemType) && i.name !== 'Retainage');
  const itemNames = new Set(company.items.map((i) => i.name.toLowerCase()));
  for (const i of costItems) if (rng.chance(rate)) rename(i, MAX_ITEM_NAME, itemNames);

  // Inactive entries (QuickBooks: "Make Inactive"); an inactive customer's jobs are inactive too.
  const makeInactive = (entry: ListEntry) => {
    if (!entry.isActive) return;
    entry.isActive = false;
    report.inactive.push(entry.listId);
  };
  for (const v of company.vendors) if (rng.chance(rate)) makeInactive(v);
  for (const i of costItems) if (!company.items.some((x) => x.parentId === i.listId) && rng.chance(rate)) makeInactive(i);
  const jobs = company.customers.filter((c) => c.parentId);
  for (const j of jobs) if (rng.chance(rate)) makeInactive(j);

  // Sub-jobs: a phase under a job, and sometimes an area under the phase (Customer:Job:Phase:Area).
  const created = company.customers.reduce((m, c) => Math.max(m, c.timeCreated), 0);
  const newCustomer = (name: string, parent: Customer): Customer => {
    const sub: Customer = {
      listId: formatQbId(company.nextListSeq++, created),
      name,
      isActive: true,
      parentId: parent.listId,
      jobStatus: 'InProgress',
      timeCreated: created,
      timeModified: created,
      editSequence: String(Math.floor(created / 1000)),
    };
    company.customers.push(sub);
    report.subJobs.push(sub.listId);
    return sub;
  };
  for (const j of jobs) {
    if (!rng.chance(rate)) continue;
    const phase = newCustomer(`Phase ${rng.int(1, 4)} – Sitework`, j);
    const deepest = rng.chance(0.5) ? newCustomer('Area B & C', phase) : phase;
    // Costs are booked on sub-jobs too: one bill line of the job moves to its deepest sub-job.
    const line = company.bills.flatMap((b) => [...b.itemLines, ...b.expenseLines]).find((l) => l.customerId === j.listId);
    if (line) line.customerId = deepest.listId;
  }

  // Long memos on transactions.
  for (const t of [...company.purchaseOrders, ...company.bills]) {
    if (!rng.chance(rate)) continue;
    t.memo = longMemo(rng);
    report.longMemos.push(t.txnId);
  }

  // Deleted and created again: an older entry of the same name was deleted before the present one was created.
  const recreate = (entry: Vendor | Customer | Item, type: string, fullName: string) => {
    const deletedAt = entry.timeCreated - 86_400_000;
    const oldId = formatQbId(company.nextListSeq++, deletedAt - 30 * 86_400_000);
    company.deleted.push({ kind: 'list', type, id: oldId, timeCreated: deletedAt - 30 * 86_400_000, timeDeleted: deletedAt, name: fullName });
    report.recreated.push({ oldListId: oldId, newListId: entry.listId, fullName });
  };
  for (const v of company.vendors) if (rng.chance(rate)) recreate(v, 'Vendor', v.name);
  for (const j of jobs) {
    if (!rng.chance(rate)) continue;
    const parent = company.customers.find((c) => c.listId === j.parentId);
    if (parent) recreate(j, 'Customer', `${parent.name}:${j.name}`);
  }
  return report;
}
