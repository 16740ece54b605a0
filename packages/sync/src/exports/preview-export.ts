import type { Database } from '@connector/db';
import {
  compareLinkedFields,
  linkedValuesFromQuickBooks,
  planDependencies,
  type Dependency,
  type LinkedFieldChange,
  type LinkedKind,
  type LinkLookup,
  type PreviewField,
} from '@connector/mapping';
import type { ProcoreClient } from '@connector/procore';
import { AppError } from '../errors/app-error.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { displayText, readExportOptions, readStoredExportSource, readStoredQbListEntry } from '../stored/read-stored.ts';
import { chosenFields, loadMappingContext, mapRecord } from './advance-exports.ts';
import type { ExportRecordType } from './export-workflow.ts';
import { notReadyFromSource } from './export-readiness.ts';
import { readExportSource, type CostCodeMapCache, type ExportSource } from './read-export-source.ts';
import { titleFor } from './export-record-types.ts';
import { standardCostCodeId } from './load-export-links.ts';
import { mapOwnerInvoiceExport } from './map-owner-invoice-export.ts';
import { mapPrimeExport } from './map-prime-contract-export.ts';

export interface ExportPreview {
  recordType: ExportRecordType;
  procoreId: string;
  /** 'create' (an Add) or 'change' (a Mod); null when the record cannot be exported as it stands. */
  action: 'create' | 'change' | null;
  /** The QuickBooks record field by field, as QuickBooks will hold it. */
  fields: PreviewField[];
  /** What goes to QuickBooks first, and whether it is already there. */
  dependencies: Array<{ kind: string; procoreId: number; label: string }>;
  /** Why it cannot be exported as it stands (our code and a sentence), or null. */
  problem: { code: string; message: string; field: string | null } | null;
  notice: string | null;
  /**
   * A vendor, project or cost code linked to an entry already in QuickBooks (data safety): the entry, and when
   * the connector last read it from QuickBooks (Refresh Jobs / Vendors / Items; null: not read). Null otherwise.
   */
  linked: { listId: string; fullName: string; readAt: string | null } | null;
  /** Linked only: each field a person may choose, QuickBooks' value beside Procore's (before → after). */
  changes: LinkedFieldChange[];
}

/** Export states in which a person's field choice is still waiting to go (or went wrong and waits for a retry). */
const CHOICE_PENDING = ['sent_to_accounting', 'approved', 'queued', 'failed'];

/**
 * What an export would write, before anyone approves it: the record is read as the export will read it
 * (Procore lines for transactions), mapped with the links held now, and records still missing in
 * QuickBooks are shown as "(new) …" so the accountant sees the whole record and what it depends on.
 */
export async function previewExport(
  db: Database,
  input: {
    companyId: string;
    recordType: ExportRecordType;
    procoreId: string;
    clientFor: (companyId: string) => Promise<ProcoreClient>;
    costCodes: CostCodeMapCache;
    /** Linked records: preview this choice of fields (before sending it) instead of the one stored on the export. */
    fields?: readonly string[] | undefined;
  },
): Promise<ExportPreview> {
  const row = await db.prisma.exportRecord.findUnique({
    where: { companyId_recordType_procoreId: { companyId: input.companyId, recordType: input.recordType, procoreId: input.procoreId } },
  });
  const stored = row ? readStoredExportSource(row) : null;
  const source = stored ?? (await readExportSource(db.prisma, { ...input, client: () => input.clientFor(input.companyId) }));
  if (!source)
    throw new AppError(
      'VALIDATION',
      `No Procore ${input.recordType.replace('_', ' ')} ${input.procoreId} is known to the connector. Refresh from Procore and try again.`,
    );
  const { context, links, qbCountry, owner } = await loadMappingContext(db.prisma as never, input.companyId);
  const real = links.lookup(source.costCodeMap);
  const options = row ? readExportOptions(row) : {};
  const dependencies =
    source.record.type === 'project'
      ? []
      : source.record.type === 'owner_invoice'
        ? ownerInvoiceDependencies(mapOwnerInvoiceExport(source.record, context(source, real), owner, options, links))
        : source.record.type === 'prime_contract' || source.record.type === 'prime_change_order'
          ? ownerInvoiceDependencies(mapPrimeExport(source.record, context(source, real), owner, links))
          : planDependencies(source.record, real);
  const names = await namesFor(db, input.companyId, dependencies.length > 0, source.costCodeMap);
  const missing = new Set(dependencies.map((d) => `${d.kind}:${d.procoreId}`));
  // An item's placeholder names its cost code as the dependency list does ("(new) item for cost code 41-000"), never its id.
  for (const d of dependencies)
    if (d.kind === 'item' && !names.items.has(d.procoreId) && !/Procore cost code \d+/.test(d.label))
      names.items.set(d.procoreId, d.label.replace(/^the /, ''));
  // The choice shown: the one asked about, else the one waiting on the export (a finished export's is spent).
  const chosen = input.fields ?? (row && CHOICE_PENDING.includes(row.status) ? chosenFields(row) : []);
  const mapped = mapRecord(source, context(source, withPlaceholders(real, names, missing)), { ...options, fields: [...chosen] }, { owner, links });
  const linked = mapped.linked ? await linkedComparison(db, input.companyId, input.recordType, mapped.linked, chosen) : null;
  // Linked with nothing chosen is not a problem: the record is in QuickBooks and nothing would be sent.
  const nothingChosen = linked !== null && !mapped.ok && mapped.refusal.code === 'NO_CHANGES';
  const notice =
    input.recordType === 'invoice' && qbCountry && qbCountry !== 'US'
      ? `This QuickBooks company file is ${qbCountry === 'CA' ? 'Canadian' : `from ${qbCountry}`}: subcontractor invoices and bill payments do not sync (a US-only feature of QuickBooks Desktop).`
      : null;
  return {
    recordType: input.recordType,
    procoreId: input.procoreId,
    action: mapped.ok ? mapped.action : null,
    fields: mapped.ok ? mapped.preview : [],
    dependencies: dependencies.map((d) => ({ kind: d.kind, procoreId: d.procoreId, label: nameDependency(d, names) })),
    // Not approved in Procore (data safety) comes first: nothing else matters until Procore approves it.
    problem:
      notReadyProblem(source) ??
      (mapped.ok || nothingChosen ? null : { code: mapped.refusal.code, message: mapped.refusal.message, field: mapped.refusal.field ?? null }),
    notice: nothingChosen ? mapped.refusal.message : notice,
    linked: linked?.link ?? null,
    changes: linked?.changes ?? [],
  };
}

/**
 * What an owner invoice or a prime contract needs in QuickBooks first: the mapping names the job and every item together
 * (map-owner-invoice.ts, map-prime-contract.ts); a prime contract change order, its prime contract's estimate.
 */
function ownerInvoiceDependencies(mapped: { ok: true } | { ok: false; refusal: { code: string; dependencies?: Dependency[] } }): Dependency[] {
  return !mapped.ok && mapped.refusal.code === 'MISSING_DEPENDENCY' ? (mapped.refusal.dependencies ?? []) : [];
}

function notReadyProblem(source: ExportSource): ExportPreview['problem'] {
  const notReady = notReadyFromSource(source);
  return notReady ? { code: notReady.code, message: notReady.message, field: null } : null;
}

const LINKED: Partial<Record<ExportRecordType, { kind: LinkedKind; listType: string }>> = {
  vendor: { kind: 'vendor', listType: 'Vendor' },
  project: { kind: 'job', listType: 'Customer' },
  cost_code: { kind: 'item', listType: 'Item' },
};

/**
 * QuickBooks' values (as last read by a refresh: the connector does not query QuickBooks from a page view)
 * beside Procore's. With nothing chosen, the company's vendor update policy proposes a default: "never"
 * (Procore vendors are not updated from QuickBooks, so Procore's details lead) pre-selects a vendor's
 * differing fields other than its name; "update" (QuickBooks leads) and jobs and items pre-select nothing.
 * A pre-selection sends nothing: the person still chooses (docs/integration-map.md#settings, docs/data-safety.md#nothing-silently-overwritten settings, §7).
 */
async function linkedComparison(
  db: Database,
  companyId: string,
  recordType: ExportRecordType,
  linked: NonNullable<ReturnType<typeof mapRecord>['linked']>,
  chosen: readonly string[],
) {
  const spec = LINKED[recordType];
  if (!spec) return null;
  const entry = await db.prisma.qbListEntry.findFirst({
    where: { companyId, listType: spec.listType, listId: linked.link.listId, deletedAt: null },
    select: { listType: true, listId: true, data: true, fetchedAt: true },
  });
  const before = entry ? linkedValuesFromQuickBooks(spec.kind, readStoredQbListEntry(entry)) : null;
  const policy = spec.kind === 'vendor' ? (await getCompanySettings(db, companyId)).vendorUpdatePolicy : null;
  const changes = compareLinkedFields(linked, before, {
    chosen,
    preselect: ({ field, differs }) => policy === 'never' && differs && field !== 'Name',
  });
  return { link: { listId: linked.link.listId, fullName: linked.link.fullName, readAt: entry?.fetchedAt.toISOString() ?? null }, changes };
}

/** Names for placeholders; `items` by the cost code id the mapping asks about: "item for cost code 41-000 Concrete". */
type Names = { vendors: Map<number, string>; projects: Map<number, string>; items: Map<number, string> };

async function namesFor(db: Database, companyId: string, needed: boolean, costCodeMap: Record<string, number | null> | undefined): Promise<Names> {
  const names: Names = { vendors: new Map(), projects: new Map(), items: new Map() };
  if (!needed) return names;
  const rows = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: { in: ['vendor', 'project', 'standard_cost_code'] }, deletedAt: null },
    select: { resourceType: true, procoreId: true, data: true },
  });
  const standardCodes = new Map<number, string>();
  for (const r of rows) {
    if (r.resourceType === 'standard_cost_code') {
      standardCodes.set(Number(r.procoreId), `item for cost code ${titleFor('cost_code', r.data)}`);
      continue;
    }
    const name = displayText(r.data, 'name') ?? r.procoreId; // display only: a damaged copy names the id
    (r.resourceType === 'vendor' ? names.vendors : names.projects).set(Number(r.procoreId), name);
  }
  // The mapping asks by the record's cost code id (a project's cost code on transactions): its standard code's name.
  const ids = costCodeMap ? Object.keys(costCodeMap).map(Number) : [...standardCodes.keys()];
  for (const id of ids) {
    const standard = standardCostCodeId(costCodeMap, id);
    const name = standard === null ? undefined : standardCodes.get(standard);
    if (name) names.items.set(id, name);
  }
  return names;
}

/** A dependency as people know it: the cost code and the project by name where the mapping could only give an id. */
function nameDependency(d: { kind: string; procoreId: number; label: string }, names: Names): string {
  if (d.kind === 'item' && names.items.has(d.procoreId)) return `the ${names.items.get(d.procoreId)!}`;
  return d.label.replace(/Procore project (\d+)/g, (id, digits: string) => {
    const name = names.projects.get(Number(digits));
    return name ? `project ${name}` : id;
  });
}

/**
 * Links as they will be once the dependencies are in QuickBooks: "(new) ABC Concrete". Only what
 * planDependencies named as missing gets a placeholder (the record's own link decides Add vs Mod).
 */
function withPlaceholders(real: LinkLookup, names: Names, missing: ReadonlySet<string>): LinkLookup {
  const placeholder = (fullName: string) => ({ listId: '(new)', fullName: `(new) ${fullName}`, editSequence: '' });
  const or = <T>(found: T | null, kind: string, id: number, name: () => string) => found ?? (missing.has(`${kind}:${id}`) ? placeholder(name()) : null);
  return {
    ...real,
    vendor: (id) => or(real.vendor(id), 'vendor', id, () => names.vendors.get(id) ?? `vendor ${id}`),
    customerForProject: (id) => or(real.customerForProject(id), 'customer', id, () => names.projects.get(id) ?? `customer for project ${id}`),
    job: (id) => or(real.job(id), 'job', id, () => names.projects.get(id) ?? `job for project ${id}`),
    item: (id) => or(real.item(id), 'item', id, () => names.items.get(id) ?? `item for Procore cost code ${id}`),
  };
}
