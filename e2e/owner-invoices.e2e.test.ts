import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CompanyFile, Item, QuickBooksSimulator } from '@connector/qb-simulator';
import { parseQwcFile } from '@connector/qbwc-client';
import { buildCompanyQwc, getCompanySettings, setQbwcCredentials } from '@connector/sync';
import type { ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signIn } from '../apps/server/test/support/sign-in.ts';
import { seriousA11yViolations } from './support/browser.ts';
import { openJourneyPage, type JourneyPage } from './support/journey-page.ts';
import { startJourneyServer, type JourneyServer } from './support/journey-server.ts';
import { signInWithProcore } from './support/sign-in-with-procore.ts';
import { skipTheRestAfterAFailure } from './support/skip-after-failure.ts';
import { runWebConnectorUntilIdle, type QbwcCredentials } from './support/web-connector.ts';

// Issue 21, the web side of the owner invoices: an admin sets up how Procore owner invoices become QuickBooks invoices
// (Settings, "Owner invoices"), choosing from what QuickBooks holds after a Web Connector session, and the form points at
// the contract item one item per contract needs before anything is saved. In Chromium against the real server, the
// Procore simulator and the QuickBooks simulator (clean company file, plus the two items a contractor's file has).
describe('owner invoices in Chromium', () => {
  let server: JourneyServer;
  let setup: ProcoreTestSetup;
  let journeyPage: JourneyPage;
  let page: Page;
  let companyId: string;
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let qbwc: QbwcCredentials;
  let retainageItem: Item;
  let contractItem: Item;
  /** The approved owner invoice sent to accounting on the Owner invoices tab. */
  let approvedId: number;
  let approvedNumber: string;
  /** The A/R account chosen in Settings. */
  let arAccountId: string;
  /** The Procore project whose owner invoices the tab lists. */
  let project: { id: number; name: string };
  /** The amount the Owner invoices tab showed for the approved one, in cents. */
  let approvedAmountCents = 0;

  beforeAll(async () => {
    server = await startJourneyServer('clean');
    ({ setup, companyId, company, quickbooks } = server);
    // Typed into QuickBooks by the contractor's bookkeeper, not by the connector.
    const store = quickbooks.store;
    retainageItem = { listId: store.newListId(), name: 'Retainage Receivable', isActive: true, itemType: 'OtherCharge', ...store.stampNew() };
    contractItem = { listId: store.newListId(), name: 'Contract Billing', isActive: true, itemType: 'Service', ...store.stampNew() };
    company.items.push(retainageItem, contractItem);
    store.reindex();
    // A project with an approved owner invoice and one not approved yet, their seeded numbers ("2025-001-1") within the
    // 11 characters a QuickBooks invoice number holds (longer ones are refused, REF_NUMBER_TOO_LONG, unless typed at send).
    const procore = setup.simulator.store;
    const owned = (p: { id: number }) => procore.paymentApplications.list(p.id);
    project = procore.projects
      .list(setup.simulator.companyId)
      .find((p) => owned(p).some((pa) => pa.status === 'approved') && owned(p).some((pa) => pa.status !== 'approved'))!;
    expect(project, 'the seed has a project with an approved and a not yet approved owner invoice').toBeDefined();
    journeyPage = await openJourneyPage({ screenshotPrefix: 'owner-' });
    page = journeyPage.page;
  }, 180_000);

  // Each step builds on the one before: after a failure the rest are skipped.
  skipTheRestAfterAFailure();

  afterAll(async () => {
    await journeyPage?.close();
    await setup?.close();
  });

  const runUntilIdle = () => runWebConnectorUntilIdle(server, qbwc, { maxSessions: 6 });

  it('signs in through the Procore popup; Procore is connected and the Web Connector set up', async () => {
    await signInWithProcore(page, server.appUrl(''));
    // The Connection screen's steps are walked in journeys.e2e.test.ts; here they are done as the API does them.
    const admin = await signIn(setup, { companyId, login: 'ops@example.com', roles: ['admin'] });
    const connected = await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/service-account`, headers: admin.headers });
    expect(connected.statusCode, connected.body).toBe(200);
    await setup.app.procore.queueReconciliation(companyId, { full: true, actor: 'test' });
    await setup.app.jobRunner.drain();
    const db = setup.testDb.database;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Journeys' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
  });

  it('Settings, Owner invoices: the Retainage Receivable item and the A/R account from QuickBooks; one item per contract needs its item', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const section = page.getByRole('group', { name: 'Owner invoices' });
    // Nothing chosen yet: required, and said at the top of the form.
    await page.getByText('Owner invoices with retainage cannot sync until a Retainage Receivable item is chosen', { exact: false }).waitFor();
    // The items list was never read: the field offers the refresh, and the Web Connector reads the items (and accounts).
    await section.locator('#retainageReceivableItem').getByRole('button', { name: 'Refresh items, accounts and classes' }).click();
    await section.getByText('The QuickBooks items list will be read at the next Web Connector session.').waitFor();
    await runUntilIdle();
    // The form asks again while the refresh waits: the pickers appear without a reload.
    const retainage = section.getByRole('combobox', { name: /Retainage Receivable item/ });
    await retainage.waitFor({ timeout: 20_000 });
    await retainage.selectOption(retainageItem.listId);
    await expect.poll(() => page.getByText('Owner invoices with retainage cannot sync', { exact: false }).count()).toBe(0);

    // Only Accounts Receivable accounts are offered for the A/R account.
    const ar = section.getByRole('combobox', { name: /Accounts Receivable account/ });
    await ar.waitFor({ timeout: 20_000 });
    const offered = (await ar.locator('option').allTextContents()).filter((o) => o !== 'None chosen');
    const receivables = company.accounts.filter((a) => a.accountType === 'AccountsReceivable');
    expect(offered.map((o) => o.replace(/ \(.*\)$/, '')).sort()).toEqual(receivables.map((a) => a.name).sort());
    await ar.selectOption(receivables[0]!.listId);
    arAccountId = receivables[0]!.listId;

    // One item per contract: the contract item is asked for, and saving without it points at it; nothing is saved.
    expect(await section.getByRole('combobox', { name: /Contract item/ }).count()).toBe(0);
    await section.getByLabel('One item for the whole contract').check();
    const contract = section.getByRole('combobox', { name: /Contract item/ });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await section.getByText('One item per contract needs the contract item chosen from the QuickBooks items list.').waitFor();
    expect(await contract.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ownerInvoiceContractItem');
    const before = await getCompanySettings(setup.testDb.database, companyId);
    expect(before).toMatchObject({ retainageReceivableItem: null, ownerInvoiceArAccount: null, ownerInvoiceLineItem: 'cost_code' });
    await journeyPage.endOfJourney('01-settings-contract-item-needed');

    await contract.selectOption(contractItem.listId);
    await expect.poll(() => section.getByText(/One item per contract needs/).count()).toBe(0);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Settings saved.' }).count()).toBe(1);
    expect(await getCompanySettings(setup.testDb.database, companyId)).toMatchObject({
      retainageReceivableItem: { listId: retainageItem.listId, fullName: 'Retainage Receivable' },
      ownerInvoiceArAccount: { listId: receivables[0]!.listId, fullName: receivables[0]!.name },
      ownerInvoiceLineItem: 'contract',
      ownerInvoiceContractItem: { listId: contractItem.listId, fullName: 'Contract Billing' },
      ownerInvoiceNumberSource: 'procore',
    });
    await journeyPage.endOfJourney('02-settings-saved');
  });

  it('Export to QuickBooks, Owner invoices: the project’s owner invoices read from Procore; the approved one goes to accounting, the others say why not', async () => {
    const store = setup.simulator.store;
    const invoices = store.paymentApplications.list(project.id);
    await page.goto(server.appUrl('exports', { type: 'owner_invoice', project: String(project.id) }));
    await page.getByRole('tab', { name: 'Owner invoices', selected: true }).waitFor();
    const rows = page.locator('[data-testid^="export-row-"]');
    await rows.first().waitFor({ timeout: 20_000 });
    // Every owner invoice of the project, each once (under 50: one page).
    expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).sort()).toEqual(
      invoices.map((pa) => `export-row-${pa.id}`).sort(),
    );
    const pending = invoices.find((pa) => pa.status !== 'approved')!;
    expect(await page.getByTestId(`export-row-${pending.id}`).textContent()).toMatch(/Not approved in Procore/);

    const approved = invoices.find((pa) => pa.status === 'approved')!;
    const row = page.getByTestId(`export-row-${approved.id}`);
    expect(await row.textContent()).toContain(project.name);
    // The title names the owner invoice (its number), not its project (a column of its own); the amount is what its
    // QuickBooks invoice will carry (checked against the invoice once synced, below).
    const cells = row.locator('td');
    const title = (await cells.nth(1).textContent()) ?? '';
    expect(title).toMatch(new RegExp(`^Owner invoice #${approved.number}\\b`));
    expect(title).not.toContain(project.name);
    const amount = /^\$([\d,]+\.\d\d)/.exec((await cells.nth(3).textContent()) ?? '');
    expect(amount, 'the amount cell').not.toBeNull();
    approvedAmountCents = Math.round(Number(amount![1]!.replaceAll(',', '')) * 100);
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Send to accounting (1)' }).click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent_to_accounting');
    await journeyPage.endOfJourney('03-owner-invoices-tab');
    approvedId = approved.id;
    approvedNumber = approved.invoice_number!;
  });

  it('the accountant previews it, approves it, and after a Web Connector session it is a QuickBooks invoice on the contract item', async () => {
    const row = page.getByTestId(`export-row-${approvedId}`);
    await row.getByRole('button', { name: /^Preview/ }).click();
    const drawer = page.getByRole('dialog', { name: /^Preview:/ });
    await drawer.getByRole('table', { name: /^Lines sent to QuickBooks \(\d+\)$/ }).waitFor({ timeout: 20_000 });
    expect(await drawer.textContent()).toContain('Contract Billing');
    expect(await seriousA11yViolations(page), 'axe with the preview drawer open').toEqual([]);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Approve (1)' }).click();
    await expect.poll(() => row.getAttribute('data-status')).not.toBe('sent_to_accounting');
    await runUntilIdle();
    await page.reload();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('synced');
    // Procore's invoice number, on the A/R account chosen in Settings; every line on the contract item or the
    // Retainage Receivable item (a release invoice of its own only if Procore released retainage on it).
    const invoice = company.invoices.find((i) => i.refNumber === approvedNumber);
    expect(invoice, `a QuickBooks invoice numbered ${approvedNumber}`).toBeDefined();
    expect(invoice!.arAccountId).toBe(arAccountId);
    expect(
      invoice!.lines.reduce((sum, line) => sum + line.amount, 0),
      'the amount the list showed',
    ).toBe(approvedAmountCents);
    const lineItems = new Set(company.invoices.flatMap((i) => i.lines.map((line) => line.itemId)));
    expect(lineItems.has(contractItem.listId)).toBe(true);
    expect([...lineItems].every((id) => id === contractItem.listId || id === retainageItem.listId)).toBe(true);
    await journeyPage.endOfJourney('04-owner-invoice-synced');
  });
});
