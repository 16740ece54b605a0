import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_TYPES_FOR_SETTING, type QuickBooksListsBody } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator, type Account, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks } from './support/refresh-from-quickbooks.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Issue 18 item 4: what the Settings pickers choose from — the QuickBooks chart of accounts (by account type) and
// classes, read by the items refresh through the Web Connector, and the Procore standard cost codes of our copy of
// Procore — over HTTP on the real server, with the QuickBooks and Procore simulators.
const FILE = { seed: 23, otherItemTypes: false, vendors: 2, customers: 1, jobsPerCustomer: 1, items: 4, classes: 3, bills: 2, checks: 0, creditCardCharges: 0 };

describe.each(await databaseKinds())('Settings choices API: QuickBooks accounts and classes, Procore cost codes (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let admin: AuthHeaders;
  let accountant: AuthHeaders;
  let stranger: AuthHeaders;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    const procoreCompanyId = setup.simulator.companyId;
    companyId = (await createCompany(db, { procoreCompanyId: String(procoreCompanyId), name: 'Pickers GC', actor: 'test' })).id;
    const otherId = (await createCompany(db, { procoreCompanyId: '999001', name: 'Someone else', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    admin = await signInAs(setup, { companyId, roles: ['admin'], login: 'admin@example.com' });
    accountant = await signInAs(setup, { companyId, roles: ['accountant'], login: 'accountant@example.com' });
    stranger = await signInAs(setup, { companyId: otherId, roles: ['admin'], login: 'stranger@example.com' });
    expect((await api(admin, '/procore/service-account', 'POST')).statusCode).toBe(200);
    expect((await api(admin, '/procore/reconcile', 'POST', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    company = generateCompanyFile(FILE);
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
  }, 180_000);
  afterAll(async () => setup?.close());

  function api(headers: Record<string, string>, path: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
  }
  async function lists(query = '', headers = admin): Promise<QuickBooksListsBody> {
    const response = await api(headers, `/settings/quickbooks-lists${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  const session = () => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  const refreshItems = () => refreshFromQuickBooks({ app: setup.app, companyId, headers: admin, session }, 'items');
  /** The simulator's accounts as QuickBooks names them (FullName = parents' names joined by ':'). */
  const fullNameOf = (a: Account): string => {
    const parent = a.parentId ? quickbooks.store.company.accounts.find((p) => p.listId === a.parentId) : undefined;
    return parent ? `${fullNameOf(parent)}:${a.name}` : a.name;
  };
  const liveAccounts = () => quickbooks.store.company.accounts.filter((a) => !quickbooks.store.company.deleted.some((d) => d.id === a.listId));

  it('says the lists were never read before the first refresh, and is open to every member (404 to others)', async () => {
    expect(await lists('', accountant)).toEqual({ accounts: { readAt: null, entries: [] }, classes: { readAt: null, entries: [] }, refreshPending: false });
    expect((await api(stranger, '/settings/quickbooks-lists')).statusCode).toBe(404);
    expect((await api(stranger, '/settings/cost-codes')).statusCode).toBe(404);
  });

  it('after the items refresh through the Web Connector, lists every QuickBooks account (with its type) and class', async () => {
    await refreshItems();
    const all = await lists();
    expect(all.refreshPending).toBe(false);
    expect(all.accounts.readAt).not.toBeNull();
    expect(all.classes.readAt).not.toBeNull();
    const expected = liveAccounts().map((a) => ({ listId: a.listId, fullName: fullNameOf(a), accountType: a.accountType }));
    expect(expected.length).toBeGreaterThan(5);
    expect(all.accounts.entries.map(({ listId, fullName, accountType }) => ({ listId, fullName, accountType }))).toEqual(expect.arrayContaining(expected));
    expect(all.accounts.entries).toHaveLength(expected.length);
    expect(all.classes.entries.map((c) => c.listId).sort()).toEqual(quickbooks.store.company.classes.map((c) => c.listId).sort());
    expect(all.classes.entries).toHaveLength(3);
  });

  it('filters accounts by type (one or several), and refuses a type QuickBooks does not have', async () => {
    const jobCost = await lists(`?${ACCOUNT_TYPES_FOR_SETTING.itemExpenseAccount.map((t) => `accountType=${t}`).join('&')}`);
    expect(jobCost.accounts.entries.length).toBeGreaterThan(0);
    expect(jobCost.accounts.entries.every((a) => (ACCOUNT_TYPES_FOR_SETTING.itemExpenseAccount as readonly string[]).includes(a.accountType))).toBe(true);
    expect(jobCost.accounts.entries).toHaveLength(
      liveAccounts().filter((a) => (ACCOUNT_TYPES_FOR_SETTING.itemExpenseAccount as readonly string[]).includes(a.accountType)).length,
    );
    const income = await lists('?accountType=Income');
    expect(income.accounts.entries.length).toBeGreaterThan(0);
    expect(income.accounts.entries.every((a) => a.accountType === 'Income')).toBe(true);
    // Classes are not filtered by account type.
    expect(income.classes.entries).toHaveLength(3);
    const bad = await api(admin, '/settings/quickbooks-lists?accountType=Expenses');
    expect(bad.statusCode).toBe(400);
  });

  it('an account and a class deleted in QuickBooks leave the lists at the next refresh', async () => {
    const unused = liveAccounts().find(
      (a) => !quickbooks.store.isListUsed(a.listId) && !quickbooks.store.company.accounts.some((c) => c.parentId === a.listId),
    );
    const aClass = quickbooks.store.company.classes.find((c) => !quickbooks.store.isListUsed(c.listId));
    expect(unused).toBeDefined();
    expect(aClass).toBeDefined();
    quickbooks.deleteListEntry(unused!.listId);
    quickbooks.deleteListEntry(aClass!.listId);
    await refreshItems();
    const after = await lists();
    expect(after.accounts.entries.some((a) => a.listId === unused!.listId)).toBe(false);
    expect(after.accounts.entries).toHaveLength(liveAccounts().length);
    expect(after.classes.entries.map((c) => c.listId)).not.toContain(aClass!.listId);
    expect(after.classes.entries).toHaveLength(2);
  });

  it('lists the Procore standard cost codes of our copy of Procore, sorted by code', async () => {
    const response = await api(accountant, '/settings/cost-codes');
    expect(response.statusCode, response.body).toBe(200);
    const { costCodes } = response.json() as { costCodes: Array<{ id: number; code: string; name: string }> };
    const held = await setup.testDb.database.prisma.procoreRecord.count({ where: { companyId, resourceType: 'standard_cost_code', deletedAt: null } });
    expect(held).toBeGreaterThan(0);
    expect(costCodes).toHaveLength(held);
    expect(costCodes.map((c) => c.code)).toEqual([...costCodes.map((c) => c.code)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(costCodes.every((c) => Number.isInteger(c.id) && c.code.length > 0 && c.name.length > 0)).toBe(true);
  });
});
