import { DEFAULT_CLIENT, ProcoreSimulator } from '@connector/procore-simulator';
import type { ProcoreEnvironmentSettings } from '@connector/sync';

/**
 * Demo mode (no Procore OAuth client configured): an in-process Procore simulator stands in for every
 * environment, seeded with a construction company, delivering webhooks every two seconds. Nothing here
 * runs when real credentials are configured.
 */
export async function startDemoProcore(options: { port?: number; seed?: number } = {}) {
  const simulator = new ProcoreSimulator({ seed: options.seed ?? 42 });
  const { url } = await simulator.start({ port: options.port ?? 0, host: '127.0.0.1' });
  simulator.webhooks.startAutoDelivery(2_000);
  const environment: ProcoreEnvironmentSettings = {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    loginBaseUrl: url,
    apiBaseUrl: url,
  };
  return {
    simulator,
    url,
    environments: { production: environment, sandbox: environment, monthly_sandbox: environment },
    async close() {
      simulator.webhooks.stopAutoDelivery();
      await simulator.close();
    },
  };
}
