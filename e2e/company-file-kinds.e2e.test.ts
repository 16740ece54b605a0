import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CompanyFile, Customer, QuickBooksSimulator } from '@connector/qb-simulator';
import { parseQwcFile } from '@connector/qbwc-client';
import { buildCompanyQwc, setQbwcCredentials } from '@connector/sync';
import type { ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signIn } from '../apps/server/test/support/sign-in.ts';
import { seriousA11yViolations } from './support/browser.ts';
import { openJourneyPage, type JourneyPage } from './support/journey-page.ts';
import { startJourneyServer, type JourneyServer } from './support/journey-server.ts';
import { addJob } from './support/quickbooks-by-hand.ts';
import { linkAllSuggested, openActivityOf, refreshQuickBooksList } from './support/screen-steps.ts';
import { signInWithProcore } from './support/sign-in-with-procore.ts';
import { skipTheRestAfterAFailure } from './support/skip-after-failure.ts';
import { runWebConnectorUntilIdle, type QbwcCredentials } from './support/web-connector.ts';

// Issue 15 "Done when": the export, import and web journeys pass against a messy and a multi-currency QuickBooks
// company file, not only the clean one (journeys.e2e.test.ts). One server per kind of file; a person signs in through
// the real popup and walks: Refresh Vendors and link the suggested, Refresh Jobs and link the suggested, then send →
// approve → Web Connector sync → synced. On the messy file every name with '&', quotes, accents, angle brackets and
// trailing spaces shows exactly as QuickBooks holds it (as text, never as markup), sub-jobs say why they cannot be
// linked, and the PO goes on the messy vendor and the job named after the messy project. On the multi-currency file a
// commitment for a vendor QuickBooks holds in another currency is refused with its reason on the Exceptions screen
// (FOREIGN_CURRENCY_VENDOR), nothing reaches QuickBooks for it, the US-dollar one goes at rate 1, and the Connection
// screen says what the connector does about other currencies. Each journey ends with a screenshot, axe and no console error.
const MESSY_PROJECT = 'Rivière & "Main" O\'Neil <Lofts>';
const MESSY_OTHER_PROJECT = 'Peña & Søn "Annex" Tower';

describe.each(['messy', 'multi-currency'] as const)('the embedded app on a %s QuickBooks company file', (kind) => {
  let server: JourneyServer;
  let setup: ProcoreTestSetup;
  let journeyPage: JourneyPage;
  let page: Page;
  let companyId: string;
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let qbwc: QbwcCredentials;
  let pick: { projectId: number; otherProjectId: number; commitmentIds: [number, number]; vendorIds: [number, number] };
  /** messy: the QuickBooks vendor the first commitment's Procore vendor is named after; multi-currency: the second's, in a foreign currency. */
  let namesake: CompanyFile['vendors'][number];

  beforeAll(async () => {
    server = await startJourneyServer(kind);
    ({ setup, companyId, company, quickbooks } = server);
    // Procore as this company keeps it: the messy file's company names its projects and vendors as messily as its
    // QuickBooks does; the multi-currency one buys from a supplier QuickBooks holds in Canadian dollars or euros.
    pick = choose(setup);
    const edit = setup.simulator.edit;
    if (kind === 'messy') {
      // A messy vendor QuickBooks already has ('&', a quote or an accent; no trailing space: Procore would not keep one).
      namesake = company.vendors.find((v) => v.isActive && /[&"']|[^\x00-\x7f]/.test(v.name) && v.name === v.name.trim())!;
      edit.updateVendor(setup.simulator.companyId, pick.vendorIds[0], { name: namesake.name });
      edit.updateProject(setup.simulator.companyId, pick.projectId, { name: MESSY_PROJECT });
      edit.updateProject(setup.simulator.companyId, pick.otherProjectId, { name: MESSY_OTHER_PROJECT });
    } else {
      namesake = company.vendors.find((v) => v.isActive && currencyOf(company, v) !== null)!;
      edit.updateVendor(setup.simulator.companyId, pick.vendorIds[1], { name: namesake.name });
    }
    expect(namesake, `the ${kind} file has the vendor the journey needs`).toBeDefined();
    journeyPage = await openJourneyPage({ screenshotPrefix: `${kind}-` });
    page = journeyPage.page;
  }, 180_000);

  // The journeys build on each other: after a failure the rest are skipped.
  skipTheRestAfterAFailure();

  afterAll(async () => {
    await journeyPage?.close();
    await setup?.close();
  });

  const endOfJourney = (name: string) => journeyPage.endOfJourney(name);

  /** Web Connector sessions (and the jobs they start) until there is nothing left to do. */
  const runUntilIdle = () => runWebConnectorUntilIdle(server, qbwc, { maxSessions: 8 });

  /** The first text of each listed QuickBooks record's name cell on the current tab, by ListID, as the browser holds it. */
  async function listedNames(): Promise<Map<string, string>> {
    const rows = await page
      .locator('[data-testid^="link-row-"]')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-testid')!.slice('link-row-'.length), tr.querySelector('td')?.firstChild?.textContent ?? ''] as const),
      );
    return new Map(rows);
  }

  /** Every tab of a Jobs or Vendors screen: the names shown, by ListID. */
  async function namesOnEveryTab(): Promise<Map<string, string>> {
    const all = new Map<string, string>();
    for (const tab of ['Suggested', 'Unlinked', 'Linked', 'Archived']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await expect.poll(() => page.getByRole('tab', { name: new RegExp(`^${tab}`), selected: true }).count()).toBe(1);
      await page.getByRole('region', { name: new RegExp(`^${tab} `) }).waitFor();
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
      for (const [id, name] of await listedNames()) all.set(id, name);
    }
    return all;
  }

  it('signs in through the Procore popup; Procore is connected and the Web Connector set up', async () => {
    await signInWithProcore(page, server.appUrl(''));
    // The Connection screen's own steps are walked in journeys.e2e.test.ts; here they are done as the API does them.
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
    await endOfJourney('01-signed-in');
  });

  it('refreshes vendors: every name exactly as QuickBooks holds it, and links the suggested one', async () => {
    await refreshQuickBooksList(page, 'Vendors', runUntilIdle);
    const shown = await namesOnEveryTab();
    // Every vendor of the file is listed, under its name to the character ('&', quotes, accents, '<…>', trailing spaces).
    const expected = new Map(company.vendors.map((v) => [v.listId, v.name]));
    expect(new Map([...shown].filter(([id]) => expected.has(id)))).toEqual(expected);
    if (kind === 'messy') expect(company.vendors.filter((v) => /[&"'<>]|[^\x00-\x7f]|\s$/.test(v.name)).length).toBeGreaterThan(2);
    await linkAllSuggested(page);
    await page.getByRole('tab', { name: /^Linked/ }).click();
    await page.getByTestId(`link-row-${namesake.listId}`).waitFor({ timeout: 15_000 });
    expect(
      await page
        .getByTestId(`link-row-${namesake.listId}`)
        .locator('td')
        .first()
        .evaluate((td) => td.firstChild?.textContent),
    ).toBe(namesake.name);
    if (kind === 'multi-currency') {
      // Linked, and the row says before any export what the connector will do with this vendor's commitments.
      const note = await page.getByTestId(`link-currency-${namesake.listId}`).textContent();
      expect(note).toContain(`this vendor is in ${currencyOf(company, namesake)}, not the home currency US Dollar`);
      expect(note).toContain('not exported (FOREIGN_CURRENCY_VENDOR)');
    }
    // A home-currency vendor carries no such note (messy: none at all).
    const homeVendor = company.vendors.find((v) => currencyOf(company, v) === null)!;
    expect(await page.getByTestId(`link-currency-${homeVendor.listId}`).count()).toBe(0);
    await endOfJourney('02-vendors-linked');
  });

  it('refreshes jobs: names exactly, sub-jobs say why they cannot be linked, and links the suggested one', async () => {
    // A job someone typed into QuickBooks under the name of a Procore project nobody exported.
    const project = setup.simulator.store.projects.get(pick.otherProjectId)!;
    const job = addJob(quickbooks, company, project.name);
    await refreshQuickBooksList(page, 'Jobs', runUntilIdle);
    const shown = await namesOnEveryTab();
    const jobs = company.customers.filter((c) => c.parentId);
    const expected = new Map(jobs.map((j) => [j.listId, fullName(company, j)]));
    expect(new Map([...shown].filter(([id]) => expected.has(id)))).toEqual(expected);
    if (kind === 'messy') {
      // Sub-jobs (Customer:Job:Phase): listed, with the reason the connector will not link them.
      const subJob = jobs.find((j) => company.customers.find((c) => c.listId === j.parentId)?.parentId)!;
      expect(subJob, 'the messy file has a sub-job').toBeDefined();
      await page.getByRole('tab', { name: /^Unlinked/ }).click();
      await page.getByRole('searchbox', { name: /Search/ }).fill(subJob.name);
      const refusal = page.getByTestId(`link-refusal-${subJob.listId}`);
      await refusal.waitFor({ timeout: 10_000 });
      expect(await refusal.textContent()).toMatch(/sub-job|level/i);
      await page.getByRole('searchbox', { name: /Search/ }).fill('');
    }
    await linkAllSuggested(page);
    await page.getByRole('tab', { name: /^Linked/ }).click();
    const linked = page.getByTestId(`link-row-${job.listId}`);
    await linked.waitFor({ timeout: 15_000 });
    expect(await linked.locator('td').nth(2).textContent()).toBe(project.name);
    await endOfJourney('03-jobs-linked');
  });

  it(
    kind === 'messy'
      ? 'sends a commitment, approves it, syncs it: the PO is on the messy vendor and the job named after the messy project'
      : 'sends two commitments, approves them, syncs: the US-dollar one is synced, the foreign-currency vendor’s is refused with its reason',
    async () => {
      const ids = kind === 'messy' ? [pick.commitmentIds[0]] : pick.commitmentIds;
      const row = (id: number) => page.getByTestId(`export-row-${id}`);
      const before = company.purchaseOrders.length;
      await page.goto(server.appUrl('exports', { project_id: String(pick.projectId), type: 'commitment' }));
      for (const id of ids) {
        await row(id).waitFor();
        await row(id).getByRole('checkbox').check();
      }
      await page.getByRole('button', { name: `Send to accounting (${ids.length})` }).click();
      for (const id of ids) await expect.poll(() => row(id).getAttribute('data-status')).toBe('sent_to_accounting');
      if (kind === 'multi-currency') {
        // The accountant's preview says before approving that this one will not go, and why.
        await row(pick.commitmentIds[1])
          .getByRole('button', { name: /^Preview/ })
          .click();
        const drawer = page.getByRole('dialog', { name: /^Preview:/ });
        await expect.poll(() => drawer.textContent(), { timeout: 10_000 }).toContain('FOREIGN_CURRENCY_VENDOR');
        expect(await drawer.textContent()).toContain(`whose currency is ${currencyOf(company, namesake)}`);
        expect(await seriousA11yViolations(page), 'axe with the preview drawer open').toEqual([]);
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'detached' });
      }
      for (const id of ids) await row(id).getByRole('checkbox').check();
      await page.getByRole('button', { name: `Approve (${ids.length})` }).click();
      for (const id of ids) await expect.poll(() => row(id).getAttribute('data-status')).not.toBe('sent_to_accounting');
      await runUntilIdle();
      await page.reload();
      await expect.poll(() => row(pick.commitmentIds[0]).getAttribute('data-status'), { timeout: 15_000 }).toBe('synced');
      const records = await setup.testDb.database.prisma.exportRecord.findMany({ where: { companyId, recordType: 'commitment' } });
      const po = company.purchaseOrders.find((p) => p.txnId === records.find((r) => r.procoreId === String(pick.commitmentIds[0]))?.qbId)!;
      expect(po).toBeDefined();

      if (kind === 'messy') {
        // The project's name shows as text in the list (the '<Lofts>' is not markup), and QuickBooks got it exactly.
        expect(await row(pick.commitmentIds[0]).textContent()).toContain(MESSY_PROJECT);
        expect(po.vendorId).toBe(namesake.listId);
        expect(company.vendors.filter((v) => v.name === namesake.name)).toHaveLength(1);
        const job = company.customers.find((c) => c.parentId && c.name === MESSY_PROJECT);
        expect(job, `a job named ${MESSY_PROJECT}`).toBeDefined();
        for (const line of po.lines) expect(line.customerId).toBe(job!.listId);
        await endOfJourney('04-commitment-synced');

        // Activity: what went to QuickBooks for the project, as text — the name escaped in the qbXML, shown as written.
        await openActivityOf(page, pick.projectId);
        // Written back to Procore: in words, not the code (it showed "to_procore").
        const writtenBack = page.getByRole('row').filter({ hasText: `The QuickBooks id of project ${pick.projectId} was written back to Procore` });
        await writtenBack.first().waitFor({ timeout: 10_000 });
        expect(await writtenBack.first().textContent()).toContain('To Procore');
        // The job's CustomerAdd as it went to QuickBooks (logged on the queued request, not on the project).
        await page.getByLabel('Record id').fill('');
        await expect.poll(() => page.getByRole('link', { name: /Export CSV/ }).getAttribute('href'), { timeout: 10_000 }).not.toContain('subjectId=');
        const queued = page.getByRole('row').filter({ hasText: 'CustomerAdd was queued for QuickBooks' });
        await queued.first().waitFor({ timeout: 10_000 });
        await queued
          .first()
          .getByRole('button', { name: /^Sent and received/ })
          .click();
        const drawer = page.getByRole('dialog', { name: 'Sent to QuickBooks and back' });
        await expect.poll(() => drawer.textContent(), { timeout: 10_000 }).toContain('<CustomerAdd>');
        const sent = (await drawer.textContent()) ?? '';
        expect(sent).toContain('<CustomerAdd>');
        expect(sent).toContain('Rivière &amp; ');
        expect(sent).toContain('&lt;Lofts&gt;');
        expect(await drawer.locator('Lofts').count()).toBe(0); // no element made of the name
        await endOfJourney('05-activity-exchange');
        return;
      }

      // The US-dollar vendor's PO is in US dollars at rate 1; nothing reached QuickBooks for the foreign one.
      expect(po.currencyId).toBe(company.homeCurrencyId);
      expect(po.exchangeRate).toBe(1);
      const foreign = pick.commitmentIds[1];
      await expect.poll(() => row(foreign).getAttribute('data-status')).toBe('failed');
      expect(company.purchaseOrders.slice(before).map((p) => p.txnId)).toEqual([po.txnId]);
      await endOfJourney('04-commitments-exported');

      // The Exceptions screen says why, in words, with the code and what to do.
      await page.getByRole('link', { name: 'Exceptions' }).click();
      const card = page.getByTestId(`exception-commitment-${foreign}`);
      await card.waitFor({ timeout: 15_000 });
      const text = (await card.textContent()) ?? '';
      const currency = currencyOf(company, namesake)!;
      expect(text).toContain('FOREIGN_CURRENCY_VENDOR');
      expect(text).toContain(`goes to the QuickBooks vendor "${namesake.name}", whose currency is ${currency}, not the home currency US Dollar`);
      expect(text).toContain('enter this in QuickBooks by hand, or link a home-currency vendor');
      await endOfJourney('05-foreign-currency-exception');

      // The Connection screen: multi-currency on, the home currency, and what the connector does about the others.
      await page.getByRole('link', { name: 'Connection' }).click();
      await page.getByRole('heading', { level: 1, name: 'Connection' }).waitFor();
      await page.getByText(/Multi-currency is on in this QuickBooks company file \(home currency: US Dollar\)/).waitFor({ timeout: 15_000 });
      expect(await page.getByText(/are not exported \(FOREIGN_CURRENCY_VENDOR\)/).count()).toBe(1);
      await endOfJourney('06-connection-multi-currency');
    },
  );

  it.runIf(kind === 'multi-currency')(
    'updates job costs: a Canadian-dollar or euro line shows its US-dollar amount, labelled with currency and rate',
    async () => {
      await page.getByRole('link', { name: 'Job costs' }).click();
      await page.getByRole('heading', { level: 1, name: 'Job costs' }).waitFor();
      await page.getByRole('button', { name: 'Update Job Costs' }).click();
      await expect.poll(() => page.getByTestId('refresh-status-job_costs').textContent()).toContain('waiting for the Web Connector');
      await runUntilIdle();
      // The file's jobs are linked to no Procore project: their cost is listed as on no project, biggest first.
      const section = page.getByRole('region', { name: 'Cost on no Procore project' });
      await section.waitFor({ timeout: 20_000 });
      const labels = section.getByTestId('line-currency');
      await expect.poll(() => labels.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const row = section
        .getByTestId('unattributed-line')
        .filter({ has: page.getByTestId('line-currency') })
        .first();
      const label = (await row.getByTestId('line-currency').textContent()) ?? '';
      expect(label).toMatch(/^converted from (Canadian Dollar|Euro) -?[\d,]+\.\d\d at QuickBooks' exchange rate \d+\.\d+$/);
      // Its amount is the line × QuickBooks' rate (spread from the bill's home-currency total), not the foreign figure.
      const shown = Number(((await row.locator('td.number').textContent()) ?? '').replace(label, '').replace(/[$,]/g, ''));
      const rate = Number(/exchange rate ([\d.]+)$/.exec(label)![1]);
      const header = (await row.locator('th').textContent()) ?? '';
      const refNumber = header.endsWith('(no number)') ? undefined : header.split(' ').at(-1);
      const txn = [...company.bills, ...company.checks, ...company.creditCardCharges].find(
        (t) => t.exchangeRate === rate && (!refNumber || t.refNumber === refNumber),
      );
      expect(txn, `a transaction at rate ${rate}`).toBeDefined();
      const foreignAmounts = [...txn!.expenseLines, ...txn!.itemLines].map((l) => l.amount / 100);
      expect(foreignAmounts).not.toContain(shown);
      expect(foreignAmounts.some((a) => Math.abs(a * rate - shown) <= 0.02)).toBe(true);
      await endOfJourney('07-job-costs-converted');
    },
  );
});

/** A project with two approved commitments on two different vendors (with amounts), and another project. */
function choose(setup: ProcoreTestSetup) {
  const store = setup.simulator.store;
  const projects = store.projects.list(setup.simulator.companyId);
  for (const project of projects) {
    const commitments = store.commitments
      .list(project.id)
      .filter((c) => c.vendor_id !== null && c.status === 'Approved' && store.commitmentLineItems.list(c.id).some((l) => l.amount !== 0));
    const first = commitments[0];
    const second = commitments.find((c) => c.vendor_id !== first?.vendor_id);
    const other = projects.find((p) => p.id !== project.id);
    if (!first || !second || !other) continue;
    return {
      projectId: project.id,
      otherProjectId: other.id,
      commitmentIds: [first.id, second.id] as [number, number],
      vendorIds: [first.vendor_id!, second.vendor_id!] as [number, number],
    };
  }
  throw new Error('the seed has no project with two approved commitments on two vendors');
}

/** The name of a vendor's currency when it is not the home currency (its CurrencyRef), else null. */
function currencyOf(company: CompanyFile, vendor: CompanyFile['vendors'][number]): string | null {
  const ref = vendor.extra?.find((n) => n.name === 'CurrencyRef')?.children?.find((c) => c.name === 'ListID')?.text;
  if (!ref || ref === company.homeCurrencyId) return null;
  return company.currencies.find((c) => c.listId === ref)?.name ?? null;
}

/** Customer:Job:… as QuickBooks builds FullName. */
function fullName(company: CompanyFile, customer: Customer): string {
  const parent = customer.parentId ? company.customers.find((c) => c.listId === customer.parentId) : undefined;
  return parent ? `${fullName(company, parent)}:${customer.name}` : customer.name;
}
