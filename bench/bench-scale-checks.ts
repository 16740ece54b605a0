// What the scale benchmark checks after the load: no company's data reached another company (each QuickBooks file,
// and the connector's copy of each file, holds only names with its own company's tag) and nothing was made twice
// (names counted in each company file and in each company's copy).
import type { Database } from '@connector/db';
import type { SimulatedCompany } from './bench-scale-companies.ts';

export interface ScaleChecks {
  /** Vendors in a company's QuickBooks file that do not carry the company's tag (another company's export). */
  foreignVendorsInFiles: number;
  /** Customers added to a company's file by the bench's exports that carry another company's tag. */
  foreignCustomersInFiles: number;
  /** The connector's vendor copies (qb_list_entries) of a company whose name carries another tag or whose ListID is not in the company's file. */
  crossCompanyReads: number;
  /** Names present more than once in a company file (vendors; customers under the same parent), summed over the files. */
  duplicatesInFiles: number;
  /** Vendor or customer ListIDs the connector holds twice for one company. */
  duplicatesInCopies: number;
  /** Exports queued by the bench not (yet) in the company file they were queued for: still queued when a company's last session failed. */
  exportsMissing: number;
  /** queued_requests of the bench's companies by status (every one should be done). */
  queuedRequests: Record<string, number>;
  /** The first few problems, named. */
  examples: string[];
}

const duplicates = (names: string[]) => names.length - new Set(names).size;

export async function checkCompanies(db: Database, companies: SimulatedCompany[], expectedExportsPerCompany: number): Promise<ScaleChecks> {
  const checks: ScaleChecks = {
    foreignVendorsInFiles: 0,
    foreignCustomersInFiles: 0,
    crossCompanyReads: 0,
    duplicatesInFiles: 0,
    duplicatesInCopies: 0,
    exportsMissing: 0,
    queuedRequests: {},
    examples: [],
  };
  const note = (problem: string) => {
    if (checks.examples.length < 10) checks.examples.push(problem);
  };
  const copies = await db.prisma.qbListEntry.findMany({
    where: { listType: { in: ['Vendor', 'Customer'] } },
    select: { companyId: true, listType: true, listId: true, name: true },
  });
  const copiesByCompany = new Map<string, typeof copies>();
  for (const copy of copies) copiesByCompany.set(copy.companyId, [...(copiesByCompany.get(copy.companyId) ?? []), copy]);

  for (const company of companies) {
    const own = `${company.tag} `;
    const { vendors, customers } = company.file;
    for (const vendor of vendors.filter((v) => !v.name.startsWith(own))) {
      checks.foreignVendorsInFiles += 1;
      note(`${company.tag}'s file holds vendor "${vendor.name}"`);
    }
    for (const customer of customers.filter((c) => /^C\d{4} Export/.test(c.name) && !c.name.startsWith(own))) {
      checks.foreignCustomersInFiles += 1;
      note(`${company.tag}'s file holds customer "${customer.name}"`);
    }
    const fileDuplicates =
      duplicates(vendors.map((v) => v.name.toLowerCase())) + duplicates(customers.map((c) => `${c.parentId ?? ''}:${c.name.toLowerCase()}`));
    if (fileDuplicates > 0) note(`${company.tag}'s file holds ${fileDuplicates} duplicate names`);
    checks.duplicatesInFiles += fileDuplicates;
    const exported = new Set([...vendors, ...customers].map((r) => r.name).filter((name) => name.startsWith(`${own}Export `)));
    const missing = expectedExportsPerCompany - exported.size;
    if (missing !== 0) note(`${company.tag}'s file holds ${exported.size} of the ${expectedExportsPerCompany} exports queued for it`);
    checks.exportsMissing += Math.abs(missing);

    const inFile = new Set([...vendors, ...customers].map((r) => r.listId));
    const held = copiesByCompany.get(company.companyId) ?? [];
    for (const copy of held) {
      const foreignName = copy.listType === 'Vendor' ? !copy.name.startsWith(own) : /^C\d{4} /.test(copy.name) && !copy.name.startsWith(own);
      if (foreignName || !inFile.has(copy.listId)) {
        checks.crossCompanyReads += 1;
        note(`the connector holds ${copy.listType} "${copy.name}" (${copy.listId}) for ${company.tag}, not from its file`);
      }
    }
    checks.duplicatesInCopies += duplicates(held.map((c) => `${c.listType}:${c.listId}`));
  }
  const statuses = await db.prisma.queuedRequest.groupBy({ by: ['status'], _count: { _all: true } });
  for (const row of statuses) checks.queuedRequests[row.status] = row._count._all;
  return checks;
}

/**
 * The data-safety checks are all zero: no company's data anywhere else, nothing twice. Exports not yet in their file
 * (exportsMissing) are not among them: a company whose last session failed still has them queued for its next run.
 */
export function checksPassed(checks: ScaleChecks): boolean {
  return (
    checks.foreignVendorsInFiles === 0 &&
    checks.foreignCustomersInFiles === 0 &&
    checks.crossCompanyReads === 0 &&
    checks.duplicatesInFiles === 0 &&
    checks.duplicatesInCopies === 0
  );
}
