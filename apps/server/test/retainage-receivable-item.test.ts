import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateRetainageReceivableItemResult } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { refreshFromQuickBooks, runSessionsUntilIdle } from './support/refresh-from-quickbooks.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// Issue 21: the Retainage Receivable item created in QuickBooks when the company has none ("ItemServiceAdd for the
// retainage item if missing"): an Other Charge item on the Other Current Asset account the admin chose, queued for the
// Web Connector, and the setting filled when QuickBooks confirms it — once, whatever the double clicks, never over a
// choice a person made meanwhile, and with the item QuickBooks already had when the name is taken (3100).
// Real server, Web Connector client, QuickBooks simulator; PGlite and PostgreSQL.
const LONG = 300_000;

describe.each(await databaseKinds())('create the Retainage Receivable item in QuickBooks (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let admin: AuthHeaders;
  let accountant: AuthHeaders;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, { env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '5' } });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Retainage GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    admin = await signInAs(setup, { companyId, roles: ['admin'], login: 'admin@example.com' });
    accountant = await signInAs(setup, { companyId, roles: ['accountant'], login: 'accountant@example.com' });
    company = createCompanyFile({ companyName: 'Retainage Builders' });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
  }, 180_000);
  afterAll(async () => setup?.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, headers = admin) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
  const session = () => runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: quickbooks, noOpDelayMs: 10 });
  const create = async (accountListId: string, headers = admin) => api('POST', '/settings/retainage-receivable-item', { accountListId }, headers);
  const account = (name: string) => company.accounts.find((a) => a.name === name)!;
  const itemsNamed = (name: string) => company.items.filter((i) => i.name === name);
  const setting = async () => (await api('GET', '/settings')).json().retainageReceivableItem as { listId: string; fullName: string } | null;
  const openSetupRequests = () =>
    setup.testDb.database.prisma.queuedRequest.count({ where: { companyId, kind: 'ItemOtherChargeAdd', status: { in: ['queued', 'sent'] } } });

  it(
    'refuses an account the connector has not read, a non-asset account, and non-admins, clearly',
    async () => {
      const unknown = await create(account('Retainage Receivable').listId);
      expect(unknown.statusCode, unknown.body).toBe(400);
      expect(unknown.json().message).toContain('Refresh the lists');
      await refreshFromQuickBooks({ app: setup.app, companyId, headers: admin, session }, 'items');
      const income = await create(account('Construction').listId);
      expect(income.statusCode, income.body).toBe(400);
      expect(income.json().message).toBe(
        'Construction is an account of type Income in QuickBooks; retainage receivable belongs on an active Other Current Asset account. Choose one, or add it in QuickBooks and refresh the lists.',
      );
      expect((await create(account('Retainage Receivable').listId, accountant)).statusCode).toBe(403);
      expect(await openSetupRequests()).toBe(0);
      expect(await setting()).toBeNull();
    },
    LONG,
  );

  it(
    'queues ONE ItemOtherChargeAdd on the chosen asset account (double click), and fills the setting when QuickBooks confirms it',
    async () => {
      const first = await create(account('Retainage Receivable').listId);
      const second = await create(account('Retainage Receivable').listId);
      for (const r of [first, second]) {
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json<CreateRetainageReceivableItemResult>()).toMatchObject({ outcome: 'queued', item: null });
      }
      expect(await openSetupRequests()).toBe(1);
      expect(await setting()).toBeNull();
      await runSessionsUntilIdle(setup.app, session);
      const [item, ...more] = itemsNamed('Retainage Receivable');
      expect(more).toEqual([]);
      expect(item).toMatchObject({ itemType: 'OtherCharge' });
      expect(JSON.stringify(item)).toContain(account('Retainage Receivable').listId);
      expect(await setting()).toEqual({ listId: item!.listId, fullName: 'Retainage Receivable' });
      const audit = await setup.testDb.database.prisma.auditEntry.findMany({
        where: { companyId, action: { startsWith: 'settings.' } },
        orderBy: { at: 'asc' },
      });
      expect(audit.map((a) => [a.action, a.actor])).toEqual(
        expect.arrayContaining([
          ['settings.retainage_receivable_item_queued', expect.not.stringMatching(/^qbwc$/)],
          ['settings.changed', 'qbwc'],
        ]),
      );
      const again = await create(account('Retainage Receivable').listId);
      expect(again.json()).toMatchObject({ outcome: 'already_chosen', item: { listId: item!.listId } });
    },
    LONG,
  );

  it(
    'chooses an item of that name QuickBooks already has without writing, and takes it after 3100 when the copy was stale',
    async () => {
      const itemId = itemsNamed('Retainage Receivable')[0]!.listId;
      expect((await api('PATCH', '/settings', { retainageReceivableItem: null })).statusCode).toBe(200);
      await refreshFromQuickBooks({ app: setup.app, companyId, headers: admin, session }, 'items');
      const chosen = await create(account('Retainage Receivable').listId);
      expect(chosen.json()).toMatchObject({ outcome: 'chosen', item: { listId: itemId, fullName: 'Retainage Receivable' } });
      expect(await openSetupRequests()).toBe(0);

      // The connector's copy of the items list does not have it (not refreshed since): QuickBooks says 3100, the
      // connector looks the item up and takes it; still one item of that name in QuickBooks.
      expect((await api('PATCH', '/settings', { retainageReceivableItem: null })).statusCode).toBe(200);
      await setup.testDb.database.prisma.qbListEntry.deleteMany({ where: { companyId, listType: 'Item', listId: itemId } });
      expect((await create(account('Retainage Receivable').listId)).json()).toMatchObject({ outcome: 'queued' });
      await runSessionsUntilIdle(setup.app, session);
      expect(itemsNamed('Retainage Receivable')).toHaveLength(1);
      expect(await setting()).toEqual({ listId: itemId, fullName: 'Retainage Receivable' });
    },
    LONG,
  );

  it(
    'never overwrites an item a person chose while the creation waited for the Web Connector',
    async () => {
      expect((await api('PATCH', '/settings', { retainageReceivableItem: null })).statusCode).toBe(200);
      await setup.testDb.database.prisma.qbListEntry.deleteMany({ where: { companyId, listType: 'Item', fullName: 'Retainage Receivable' } });
      expect((await create(account('Retainage Receivable').listId)).json()).toMatchObject({ outcome: 'queued' });
      const theirs = { listId: 'THEIRS-1', fullName: 'Retainage (owner)' };
      expect((await api('PATCH', '/settings', { retainageReceivableItem: theirs })).statusCode).toBe(200);
      await runSessionsUntilIdle(setup.app, session);
      expect(await setting()).toEqual(theirs);
    },
    LONG,
  );
});
