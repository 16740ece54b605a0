import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { QboSimulator } from '@connector/qbo-simulator';
import { createCompany } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from '../apps/server/test/support/procore-test-setup.ts';
import { openJourneyPage, type JourneyPage } from './support/journey-page.ts';
import { signInWithProcore } from './support/sign-in-with-procore.ts';
import { skipTheRestAfterAFailure } from './support/skip-after-failure.ts';

// Issue 22, the connection piece, in Chromium: an admin moves the company to QuickBooks Online on the Connection
// screen, connects it through the Intuit sign-in popup (the qbo-simulator's authorize page consents at once and
// redirects to our callback, which tells the opener and closes), sees the company, realm and environment, then
// disconnects. The real server with the Procore simulator (for the app's own sign-in) and the qbo-simulator.
describe('QuickBooks Online connection in Chromium', () => {
  let qbo: QboSimulator;
  let setup: ProcoreTestSetup;
  let journeyPage: JourneyPage;
  let page: Page;
  let appUrl: string;

  beforeAll(async () => {
    qbo = new QboSimulator({ companyNames: { '9341453050298126': 'Summit Builders LLC' }, seed: false });
    const { url } = await qbo.start();
    setup = await startProcoreTestSetup('pglite', {
      env: { QBO_CLIENT_ID: 'qbo-sim-client', QBO_CLIENT_SECRET: 'qbo-sim-secret', QBO_ENVIRONMENT: 'sandbox', QBO_API_URL: url, QBO_OAUTH_URL: url },
    });
    const procoreCompanyId = String(setup.simulator.companyId);
    await createCompany(setup.testDb.database, { procoreCompanyId, name: 'Summit Builders', actor: 'test' });
    appUrl = `${setup.publicUrl}/app/?${new URLSearchParams({ company_id: procoreCompanyId })}`;
    journeyPage = await openJourneyPage({ screenshotPrefix: 'qbo-' });
    page = journeyPage.page;
  }, 180_000);

  skipTheRestAfterAFailure();

  afterAll(async () => {
    await journeyPage?.close();
    await setup?.close();
    await qbo?.close();
  });

  it('chooses QuickBooks Online on the Connection screen', async () => {
    await signInWithProcore(page, appUrl);
    await page.getByRole('link', { name: 'Connection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connection' }).waitFor();
    expect(await page.getByRole('radio', { name: /QuickBooks Desktop/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /QuickBooks Online/ }).check();
    await page.getByRole('button', { name: 'Use QuickBooks Online (preview)' }).click();
    await page.getByRole('button', { name: 'Connect QuickBooks Online' }).waitFor();
    // The Web Connector sections are for QuickBooks Desktop.
    expect(await page.getByRole('heading', { name: 'QuickBooks Web Connector' }).count()).toBe(0);
  });

  it('connects through the Intuit popup and shows the company, realm and environment', async () => {
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Connect QuickBooks Online' }).click();
    await popup;
    await expect.poll(() => page.getByTestId('qbo-status').textContent(), { timeout: 20_000 }).toBe('Connected');
    const details = (await page.getByTestId('qbo-details').textContent()) ?? '';
    expect(details).toContain('Summit Builders LLC');
    expect(details).toContain('9341453050298126');
    expect(details).toContain('Sandbox');
    await journeyPage.endOfJourney('connected');
  });

  it('disconnects after asking', async () => {
    await page.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect QuickBooks Online?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect.poll(() => page.getByTestId('qbo-status').textContent(), { timeout: 20_000 }).toBe('Disconnected');
    expect(await setup.testDb.database.prisma.qboConnection.count({ where: { status: 'connected' } })).toBe(0);
    await journeyPage.endOfJourney('disconnected');
  });
});
