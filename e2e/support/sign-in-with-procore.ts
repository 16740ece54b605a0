import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Opens the app at `appUrl` and signs in through the real popup ("Sign in with Procore": /auth/sign-in, Procore,
 * /auth/callback, which posts to the app and closes) until the first screen shows. Gives the popup's address when
 * it opened, for a journey that checks where it went.
 */
export async function signInWithProcore(page: Page, appUrl: string): Promise<string> {
  await page.goto(appUrl);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in with Procore' }).click();
  const popupUrl = (await popup).url();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Export to QuickBooks' }).count(), { timeout: 20_000 }).toBe(1);
  return popupUrl;
}
