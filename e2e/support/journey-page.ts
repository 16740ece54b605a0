import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousA11yViolations, watchConsole } from './browser.ts';

/** A page in a fresh Chromium with its console watched, and the check every journey ends with. */
export interface JourneyPage {
  page: Page;
  /** A screenshot (named `<screenshotPrefix><name>`), no serious accessibility violation, no console error so far. */
  endOfJourney(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openJourneyPage({ screenshotPrefix = '' }: { screenshotPrefix?: string } = {}): Promise<JourneyPage> {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const consoleErrors = watchConsole(page);
  return {
    page,
    async endOfJourney(name) {
      await screenshot(page, `${screenshotPrefix}${name}`);
      expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
      expect(consoleErrors, `console errors during ${name}`).toEqual([]);
    },
    close: browser.close,
  };
}
