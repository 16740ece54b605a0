import { DEFAULT_CLIENT, DEFAULT_REALM_ID, QboSimulator } from '@connector/qbo-simulator';
import type { QboServerConfig } from '../config.ts';

/**
 * Demo mode without QuickBooks Online keys (issue 22): an in-process qbo-simulator stands in for Intuit — OAuth (the
 * authorize page consents at once and redirects back), the Accounting API and a seeded company — so the Connection
 * screen's QuickBooks Online choice can be connected end to end. Nothing here runs when QBO_CLIENT_ID is configured.
 */
export async function startDemoQbo(options: { publicUrl: string; port?: number; seed?: number }) {
  const simulator = new QboSimulator({ seed: { seed: options.seed ?? 42 }, companyNames: { [DEFAULT_REALM_ID]: 'Demo Construction Co (simulated QBO)' } });
  const { url } = await simulator.start({ port: options.port ?? 0, host: '127.0.0.1' });
  const config: QboServerConfig = {
    environment: 'sandbox',
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${options.publicUrl}/oauth/qbo/callback`,
    apiBaseUrl: url,
    oauthBaseUrl: url,
  };
  return { simulator, url, config, close: () => simulator.close() };
}
