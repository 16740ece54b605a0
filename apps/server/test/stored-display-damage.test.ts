// Display-only reads of stored JSON (names, titles, labels, choice lists) degrade on a damaged row: the row is listed as
// its id ("Vendor (unreadable copy)", "#<id>", no account type) and the list answers 200, instead of one damaged copy of a
// Procore record or a QuickBooks entry failing a whole screen (issue 17 item 1; stored/read-stored.ts displayFields,
// displayText, readOrNull). The damage is made with raw SQL, as a bad migration, a hand edit or a restored backup would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

describe.each(await databaseKinds())('damaged stored JSON on display-only reads (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let admin: AuthHeaders;
  const damaged = { vendor: '', project: '', costCode: '' };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind);
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Damaged Copies GC', actor: 'test' })).id;
    admin = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'admin@example.com' });
    expect((await api('/procore/service-account', 'POST')).statusCode).toBe(200);
    expect((await api('/procore/reconcile', 'POST', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    const first = async (resourceType: string) =>
      (await db.prisma.procoreRecord.findFirstOrThrow({ where: { companyId, resourceType, deletedAt: null }, orderBy: { procoreId: 'asc' } })).procoreId;
    damaged.vendor = await first('vendor');
    damaged.project = await first('project');
    damaged.costCode = await first('standard_cost_code');
    await db.prisma.$executeRaw`UPDATE procore_records SET data = '"Granite Paving"'::jsonb
      WHERE company_id = ${companyId}::uuid AND resource_type = 'vendor' AND procore_id = ${damaged.vendor}`;
    await db.prisma.$executeRaw`UPDATE procore_records SET data = 'null'::jsonb
      WHERE company_id = ${companyId}::uuid AND resource_type = 'project' AND procore_id = ${damaged.project}`;
    await db.prisma.$executeRaw`UPDATE procore_records SET data = '{"id": 1, "code": 12, "name": ["Concrete"]}'::jsonb
      WHERE company_id = ${companyId}::uuid AND resource_type = 'standard_cost_code' AND procore_id = ${damaged.costCode}`;

    // A QuickBooks vendor linked to the damaged Procore vendor; two accounts, one of them damaged.
    const entry = (listType: string, listId: string, name: string) => ({
      companyId,
      listType,
      listId,
      editSequence: '1',
      name,
      fullName: name,
      parentListId: null,
      isActive: true,
      qbModifiedAt: '2026-11-01T10:00:00-05:00',
      data: {},
      fetchedAt: new Date(),
    });
    await db.prisma.qbListEntry.createMany({
      data: [entry('Vendor', 'V-1', 'Granite Paving'), entry('Account', 'A-GOOD', 'Job Materials'), entry('Account', 'A-BAD', 'Subcontracts')],
    });
    await db.prisma.recordLink.create({
      data: { companyId, procoreType: 'vendor', procoreId: damaged.vendor, qbType: 'Vendor', qbId: 'V-1', qbName: 'Granite Paving' },
    });
    const account = {
      listType: 'Account',
      listId: 'A-GOOD',
      editSequence: '1',
      name: 'Job Materials',
      fullName: 'Job Materials',
      parentListId: null,
      sublevel: 0,
      isActive: true,
      timeModified: '2026-11-01T10:00:00-05:00',
      itemType: null,
      companyName: null,
      jobStatus: null,
      contact: { email: null, phone: null, address: null },
      accountType: 'CostOfGoodsSold',
      accountNumber: '5000',
    };
    await db.prisma.$executeRaw`UPDATE qb_list_entries SET data = ${JSON.stringify(account)}::jsonb
      WHERE company_id = ${companyId}::uuid AND list_type = 'Account' AND list_id = 'A-GOOD'`;
    await db.prisma.$executeRaw`UPDATE qb_list_entries SET data = ${JSON.stringify({ ...account, listId: 'A-BAD', accountType: 7 })}::jsonb
      WHERE company_id = ${companyId}::uuid AND list_type = 'Account' AND list_id = 'A-BAD'`;
  }, 180_000);
  afterAll(async () => setup?.close());

  function api(path: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: admin, ...(payload ? { payload } : {}) });
  }

  it('the export lists answer, a damaged copy titled by its type and "(unreadable copy)", the others by their names', async () => {
    for (const [type, procoreId, title] of [
      ['vendor', damaged.vendor, 'Vendor (unreadable copy)'],
      ['project', damaged.project, 'Project (unreadable copy)'],
      ['cost_code', damaged.costCode, '12'], // the code as text; the name that is not text is left out
    ] as const) {
      const response = await api(`/exports/${type}?limit=500`);
      expect(response.statusCode, response.body).toBe(200);
      const items: Array<{ procoreId: string; title: string }> = response.json().items;
      expect(items.find((i) => i.procoreId === procoreId)?.title).toBe(title);
      expect(items.filter((i) => i.procoreId !== procoreId).every((i) => !i.title.includes('unreadable'))).toBe(true);
    }
    // Commitments on the damaged project still list (their project shows as unreadable, not a failed list).
    const commitments = await api('/exports/commitment?limit=500');
    expect(commitments.statusCode, commitments.body).toBe(200);
  });

  it('the Vendors import list shows the damaged Procore vendor it is linked to by its id', async () => {
    const response = await api('/imports/vendors');
    expect(response.statusCode, response.body).toBe(200);
    const row = response.json().items.find((i: { qbListId: string }) => i.qbListId === 'V-1');
    expect(row.procoreVendor).toEqual({ id: Number(damaged.vendor), name: `#${damaged.vendor}` });
  });

  it('the settings choice lists answer: the damaged cost code by its id with no name, the damaged account without a type', async () => {
    const codes = await api('/settings/cost-codes');
    expect(codes.statusCode, codes.body).toBe(200);
    expect(codes.json().costCodes.find((c: { id: number }) => c.id === Number(damaged.costCode))).toEqual({
      id: Number(damaged.costCode),
      code: damaged.costCode,
      name: '',
    });
    const lists = await api('/settings/quickbooks-lists');
    expect(lists.statusCode, lists.body).toBe(200);
    const accounts: Array<{ listId: string; accountType: string; accountNumber: string | null }> = lists.json().accounts.entries;
    expect(accounts.find((a) => a.listId === 'A-GOOD')).toMatchObject({ accountType: 'CostOfGoodsSold', accountNumber: '5000' });
    expect(accounts.find((a) => a.listId === 'A-BAD')).toMatchObject({ accountType: '', accountNumber: null });
  });
});
