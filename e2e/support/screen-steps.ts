import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Refresh Jobs or Refresh Vendors from its screen, as a person does: open the screen, ask for the refresh, see it wait
 * for the Web Connector, let the Web Connector run (`runUntilIdle`), and reload the screen.
 */
export async function refreshQuickBooksList(page: Page, what: 'Jobs' | 'Vendors', runUntilIdle: () => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: what, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: what }).waitFor();
  await page.getByRole('button', { name: `Refresh ${what}` }).click();
  await expect.poll(() => page.getByTestId(`refresh-status-${what.toLowerCase()}`).textContent()).toContain('waiting for the Web Connector');
  await runUntilIdle();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: what }).waitFor();
}

/** On a Jobs or Vendors screen: the Suggested tab has some, and "Link all suggested" links them. */
export async function linkAllSuggested(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Suggested/ }).click();
  await page.getByRole('tab', { name: /^Suggested \([1-9]/ }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: /^Link all suggested/ }).click();
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: /linked/ })
        .count(),
    )
    .toBeGreaterThan(0);
}

/** The Activity screen filtered by a record id; the filter applies after a pause in typing, and the CSV link carries it. */
export async function openActivityOf(page: Page, recordId: number | string): Promise<void> {
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
  await page.getByLabel('Record id').fill(String(recordId));
  await expect.poll(() => page.getByRole('link', { name: /Export CSV/ }).getAttribute('href'), { timeout: 10_000 }).toContain(`subjectId=${recordId}`);
}
