import { DatabaseLockedError, openDatabase } from '@connector/db';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { loadOrCreateLocalTokenKey, resolveProcoreSettings } from './procore/resolve-procore-settings.ts';

// The simulators of the demo are imported only when it runs, so a configured server does not hold their modules
// (resting memory, issue 19).
async function startDemoProcore(options: Parameters<typeof import('./procore/start-demo-procore.ts').startDemoProcore>[0]) {
  return (await import('./procore/start-demo-procore.ts')).startDemoProcore(options);
}
async function startDemoQbo(options: Parameters<typeof import('./qbo/start-demo-qbo.ts').startDemoQbo>[0]) {
  return (await import('./qbo/start-demo-qbo.ts')).startDemoQbo(options);
}

// The launcher: config, database (migrated), app, listen, graceful shutdown.
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // The owner is named to a second process that tries the same embedded database folder (hostile input).
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolMax: config.databasePoolMax,
    dataDir: config.dataDir,
    owner: `the connector server (port ${config.port})`,
  });
  // No Procore OAuth client configured: demo mode, with the Procore simulator standing in for Procore.
  const demoProcore =
    Object.keys(config.procore.environments).length === 0
      ? await startDemoProcore({ port: process.env.PROCORE_SIM_PORT ? Number(process.env.PROCORE_SIM_PORT) : 0 })
      : undefined;
  const tokenKeys = config.procore.tokenEncryptionKeys ?? (await loadOrCreateLocalTokenKey(config.dataDir));
  const procoreSettings = resolveProcoreSettings(config, tokenKeys, demoProcore?.environments ?? config.procore.environments);
  // Demo mode without QuickBooks Online keys: a qbo-simulator stands in for Intuit, so the Online edition can be tried.
  const demoQbo =
    demoProcore && !config.qbo
      ? await startDemoQbo({ publicUrl: config.publicUrl, port: process.env.QBO_SIM_PORT ? Number(process.env.QBO_SIM_PORT) : 0 })
      : undefined;
  const app = await buildApp({ config: demoQbo ? { ...config, qbo: demoQbo.config } : config, db, procoreSettings, backgroundWork: true });
  // Graceful shutdown (Docker and Kubernetes send SIGTERM, then SIGKILL after their grace period): Fastify's close
  // stops accepting connections, lets the calls in progress (a QBWC receiveResponseXML) finish, closes idle
  // keep-alive connections, then runs the onClose hooks: the job runner claims nothing more and the job in hand
  // writes its outcome, which clears its lease. Past SHUTDOWN_GRACE_SECONDS it exits anyway: a job still running
  // then keeps its lease until it lapses (5 minutes) and is claimed again, and a QBWC message without its answer
  // is recovered by the next session (oldMessageSetID). A second signal ends the process at once (`once`).
  const shutdown = async (signal: string) => {
    const graceMs = config.shutdownGraceMs ?? 25_000;
    app.log.info({ signal, graceSeconds: graceMs / 1000 }, 'shutting down: no new connections; finishing the calls and the job in progress');
    const deadline = setTimeout(() => {
      app.log.error({ graceSeconds: graceMs / 1000 }, 'shutdown did not finish within SHUTDOWN_GRACE_SECONDS; exiting with work in progress');
      process.exit(1);
    }, graceMs);
    deadline.unref();
    await app.close();
    await demoProcore?.close();
    await demoQbo?.close();
    await db.close();
    app.log.info({ signal }, 'shut down');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  if (!demoProcore && config.metricsToken === undefined) {
    app.log.warn('METRICS_TOKEN is not set: GET /metrics answers anyone who reaches this port (README "Run it like production")');
  }
  if (demoProcore) {
    app.log.warn(
      { procoreSimulator: demoProcore.url, procoreCompanyId: demoProcore.simulator.companyId },
      'no Procore OAuth client configured (PROCORE_CLIENT_ID/SECRET): running against the Procore simulator (demo mode)',
    );
  }
  if (demoQbo) {
    app.log.warn(
      { qboSimulator: demoQbo.url, realmId: demoQbo.simulator.realmId },
      'no QuickBooks Online keys configured (QBO_CLIENT_ID/SECRET): the QuickBooks Online edition connects to the qbo-simulator (demo mode)',
    );
  }
  app.log.info(
    { database: db.kind, location: db.location, qbwcUrl: `${config.publicUrl}/qbwc` },
    `connector ready: QBWC endpoint ${config.publicUrl}/qbwc, health ${config.publicUrl}/healthz`,
  );
}

main().catch((error) => {
  if (error instanceof DatabaseLockedError) {
    process.stderr.write(`The server could not start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`The server could not start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
