// The simulated companies of the scale benchmark: each a connector company with its Web Connector credentials, and
// its own QuickBooks company file (a QuickBooks simulator) bound to that connection by the .qwc's FileID. Every vendor
// in a company's file carries the company's tag ("C0042 …"), so the checks can tell whose data went where.
import type { Database } from '@connector/db';
import { generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { createCompany, createWebSession, ROLES, SESSION_COOKIE, setQbwcCredentials } from '@connector/sync';
import { procoreCompanyIdOf } from './bench-scale-procore.ts';

// The server's default OwnerID (apps/server/src/config.ts DEFAULT_OWNER_ID): one per application, QBWC guide p.37.
const OWNER_ID = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';
/** QuickBooks' longest vendor name (qbXML VendorAdd Name, 41 characters). */
const NAME_MAX = 41;

export interface SimulatedCompany {
  index: number;
  /** "C0042": starts every vendor name in this company's file and every vendor it exports. */
  tag: string;
  companyId: string;
  username: string;
  password: string;
  file: CompanyFile;
  quickbooks: QuickBooksSimulator;
  /** Vendors in the file before the run (all tagged). */
  vendorsAtStart: number;
}

export interface BenchSignIn {
  /** Cookie and CSRF token of a person who is an admin of every simulated company (the JSON API). */
  headers: Record<string, string>;
}

export function tagOf(index: number): string {
  return `C${String(index + 1).padStart(4, '0')}`;
}

/** A small contractor's file: the reads of a refresh have lists and transactions to go through. */
function companyFileFor(index: number, tag: string): CompanyFile {
  const file = generateCompanyFile({
    seed: 1000 + index,
    companyName: `Scale Builders ${tag}`,
    vendors: 25,
    customers: 4,
    jobsPerCustomer: 3,
    items: 15,
    classes: 2,
    bills: 30,
    purchaseOrders: 0,
    checks: 5,
    creditCardCharges: 0,
    estimates: 0,
  });
  for (const vendor of file.vendors) {
    vendor.name = `${tag} ${vendor.name}`.slice(0, NAME_MAX).trim();
    if (vendor.companyName !== undefined) vendor.companyName = vendor.name;
  }
  return file;
}

export async function createSimulatedCompanies(db: Database, count: number): Promise<SimulatedCompany[]> {
  const companies: SimulatedCompany[] = [];
  for (let index = 0; index < count; index++) {
    const tag = tagOf(index);
    const company = await createCompany(db, { procoreCompanyId: String(procoreCompanyIdOf(index)), name: `Scale GC ${tag}`, actor: 'bench' });
    // The product's own password hash (scrypt N=2^15): every authenticate pays it on the server, as in production.
    const { connection, password } = await setQbwcCredentials(db, { companyId: company.id, actor: 'bench' });
    const file = companyFileFor(index, tag);
    // No XSD validation and no modelled QuickBooks time: the load generator stays cheap, the server does the work.
    const quickbooks = new QuickBooksSimulator({ company: file, validateXsd: false });
    quickbooks.store.reindex();
    quickbooks.ensureFileId(OWNER_ID, connection.fileId);
    companies.push({ index, tag, companyId: company.id, username: connection.username, password, file, quickbooks, vendorsAtStart: file.vendors.length });
  }
  return companies;
}

/** One person, admin of every simulated company, signed in as the Procore sign-in would leave them (a web session). */
export async function signInBenchUser(db: Database, companies: SimulatedCompany[]): Promise<BenchSignIn> {
  const user = await db.prisma.user.create({
    data: { procoreEnvironment: 'production', procoreUserId: '77000001', login: 'bench@example.com', name: 'Bench' },
  });
  await db.prisma.companyMember.createMany({
    data: companies.map((c) => ({ companyId: c.companyId, userId: user.id, roles: [...ROLES], rolesUpdatedBy: 'bench' })),
  });
  const session = await createWebSession(db, { userId: user.id, now: new Date() });
  return { headers: { cookie: `${SESSION_COOKIE}=${session.cookieValue}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' } };
}
