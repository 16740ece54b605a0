import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCompany } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { signIn } from '../apps/server/test/support/sign-in.ts';
import { launchBrowser, screenshot, seriousA11yViolations, watchConsole } from './support/browser.ts';
import { signInWithProcore } from './support/sign-in-with-procore.ts';
import { skipTheRestAfterAFailure } from './support/skip-after-failure.ts';

// The screens issue, in Chromium against the real server and the Procore simulator: export lists that tell
// records apart (project, amount, Procore status; sorted on the server; filtered by project), keyboard focus kept
// on the list after a bulk action, and the Members screen where an admin gives roles and cannot remove the last
// admin. The person in the browser signs in first through the real popup, so they are the company's admin.
describe('export list and members in Chromium', () => {
  let setup: ProcoreTestSetup;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let consoleErrors: string[];
  let companyId: string;
  let procoreCompanyId: string;
  let project: { id: number; name: string; commitments: number };

  beforeAll(async () => {
    setup = await startProcoreTestSetup('pglite');
    procoreCompanyId = String(setup.simulator.companyId);
    companyId = (await createCompany(setup.testDb.database, { procoreCompanyId, name: 'Summit Builders', actor: 'test' })).id;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    consoleErrors = watchConsole(page);
  }, 180_000);

  // Each step builds on the one before (signed in, records read): after a failure the rest are skipped.
  skipTheRestAfterAFailure();

  afterAll(async () => {
    await browser?.close();
    await setup?.close();
  });

  const app = (path: string, query: Record<string, string> = {}) =>
    `${setup.publicUrl}/app/${path}?${new URLSearchParams({ company_id: procoreCompanyId, ...query })}`;

  async function endOfJourney(name: string, expectedErrors: RegExp[] = []) {
    await screenshot(page, name);
    expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
    expect(
      consoleErrors.filter((e) => !expectedErrors.some((re) => re.test(e))),
      `console errors during ${name}`,
    ).toEqual([]);
    consoleErrors.length = 0;
  }

  /** Amounts in a column, as numbers (the cells show "$1,234.50"). */
  async function amounts(): Promise<number[]> {
    const cells = await page.locator('[data-testid^="export-row-"] td.number').allTextContents();
    return cells.filter((t) => t !== '—').map((t) => Number(t.replace(/[$,]/g, '')));
  }

  it('signs in (the first member: admin), and the company is read from Procore', async () => {
    await signInWithProcore(page, app(''));
    // Two people who signed in later: an operations admin who connects Procore for the company, and a newcomer.
    const ops = await signIn(setup, { companyId, login: 'ops@example.com', name: 'Olive Ops', roles: ['admin'] });
    await signIn(setup, { companyId, login: 'sam@example.com', name: 'Sam Newcomer', roles: [] });
    const connected = await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/service-account`, headers: ops.headers });
    expect(connected.statusCode, connected.body).toBe(200);
    await setup.app.procore.queueReconciliation(companyId, { full: true, actor: 'test' });
    await setup.app.jobRunner.drain();
    // The project with the most commitments: several of them share numbers across projects in the seed.
    const store = setup.simulator.store;
    const projects = store.projects.list(setup.simulator.companyId).map((p) => ({ id: p.id, name: p.name, commitments: store.commitments.list(p.id).length }));
    project = projects.sort((a, b) => b.commitments - a.commitments)[0]!;
    expect(project.commitments).toBeGreaterThan(1);
  });

  it('lists commitments with project, amount and Procore status; sorts by amount both ways on the server', async () => {
    await page.goto(app('exports', { type: 'commitment' }));
    await page.locator('[data-testid^="export-row-"]').first().waitFor({ timeout: 20_000 });
    for (const column of ['Project', 'Amount', 'Procore status']) expect(await page.getByRole('columnheader', { name: column }).count(), column).toBe(1);
    const first = page.locator('[data-testid^="export-row-"]').first();
    expect(await first.locator('td.number').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);

    const amountHeader = page.getByRole('columnheader', { name: 'Amount' });
    await amountHeader.getByRole('button').click();
    await expect.poll(() => amountHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => page.url()).toContain('sort=amount');
    await expect
      .poll(
        async () => {
          const values = await amounts();
          return values.length > 1 && values.every((v, i) => i === 0 || values[i - 1]! <= v);
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await amountHeader.getByRole('button').click();
    await expect.poll(() => amountHeader.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(
        async () => {
          const values = await amounts();
          return values.length > 1 && values.every((v, i) => i === 0 || values[i - 1]! >= v);
        },
        { timeout: 15_000 },
      )
      .toBe(true);
  });

  it('filters by project, chosen by name', async () => {
    await page.getByLabel('Project').selectOption({ value: String(project.id) });
    await expect.poll(() => page.url()).toContain(`project=${project.id}`);
    const rows = page.locator('[data-testid^="export-row-"]');
    await expect
      .poll(
        async () => {
          const projectCells = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent ?? ''));
          return projectCells.length === project.commitments && projectCells.every((text) => text.includes(project.name));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await endOfJourney('10-export-list-sorted-filtered');

    // The preview of an approved commitment: its lines as a table of lines, new items named by cost code, not by id.
    const approved = setup.simulator.store.commitments.list(project.id).find((c) => c.status === 'Approved' && c.vendor_id !== null)!;
    await page
      .getByTestId(`export-row-${approved.id}`)
      .getByRole('button', { name: /^Preview/ })
      .click();
    const drawer = page.getByRole('dialog', { name: /^Preview:/ });
    const lines = drawer.getByRole('table', { name: /^Lines sent to QuickBooks \(\d+\)$/ });
    await lines.waitFor({ timeout: 20_000 });
    expect(await lines.getByRole('columnheader', { name: 'Amount' }).count()).toBe(1);
    expect(await drawer.textContent()).not.toMatch(/cost code \d{4,}\b/);
    await endOfJourney('10-export-preview-lines');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    // The narrow width of the walk-through (1024 px): the same list, columns kept.
    await page.setViewportSize({ width: 1024, height: 900 });
    await screenshot(page, '10-export-list-1024');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('after a bulk action keyboard focus is on the list, and Tab goes on from there', async () => {
    await page.getByLabel('Select all on this page').focus();
    await page.keyboard.press('Space');
    const send = page.getByRole('button', { name: /^Send to accounting \(\d+\)$/ });
    await send.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /sent to accounting/ })
            .count(),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName))
      .toBe('Commitments list');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('[aria-label="Commitments list"]')!.contains(document.activeElement))).toBe(true);
    await expect.poll(() => page.locator('[data-status="sent_to_accounting"]').count()).toBeGreaterThan(0);
    // "Sent by" names the person, not their user id.
    const sent = await page.locator('[data-status="sent_to_accounting"]').first().textContent();
    expect(sent).toMatch(/Sent by \S/);
    expect(sent).not.toMatch(/Sent by [0-9a-f]{8}-/);
    await endOfJourney('11-export-list-after-bulk-send');
  });

  it('Members: an admin gives a newcomer a role, takes one away, and cannot remove the last admin', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const db = setup.testDb.database.prisma;
    const sam = await db.user.findFirstOrThrow({ where: { login: 'sam@example.com' } });
    const olive = await db.user.findFirstOrThrow({ where: { login: 'ops@example.com' } });
    const samRow = page.getByTestId(`member-row-${sam.id}`);
    await samRow.getByText('No role yet: can look, cannot act').waitFor();
    await samRow.getByLabel('Accountant: Sam Newcomer').check();
    await samRow.getByRole('button', { name: 'Save roles of Sam Newcomer' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sam Newcomer now has accountant.' }).count()).toBe(1);
    await expect.poll(async () => (await db.companyMember.findFirstOrThrow({ where: { companyId, userId: sam.id } })).roles).toEqual(['accountant']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Members list');

    // Olive stops being an admin: the person in the browser is then the last one.
    const oliveRow = page.getByTestId(`member-row-${olive.id}`);
    await oliveRow.getByLabel('Admin: Olive Ops').uncheck();
    await oliveRow.getByRole('button', { name: 'Save roles of Olive Ops' }).click();
    await expect.poll(async () => (await db.companyMember.findFirstOrThrow({ where: { companyId, userId: olive.id } })).roles).toEqual([]);
    const changes = await db.auditEntry.findMany({ where: { companyId, action: 'auth.roles_changed' } });
    expect(changes.map((c) => c.subjectId).sort()).toEqual([sam.id, olive.id].sort());

    const meRow = page.locator('[data-testid^="member-row-"]', { hasText: '(you)' });
    await meRow.getByLabel(/^Admin: /).uncheck();
    await meRow.getByRole('button', { name: /^Save roles of / }).click();
    await page.getByText(/Code: LAST_ADMIN/).waitFor();
    // The refusal is the one expected console error (Chromium logs the 409 as a failed resource load).
    await endOfJourney('12-members', [/status of 409/]);
  });
});
