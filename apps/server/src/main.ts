import { openDatabase } from '@connector/db';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

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
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp({ config, db });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: db.kind, location: db.location, qbwcUrl: `${config.publicUrl}/qbwc` },
    `connector ready: QBWC endpoint ${config.publicUrl}/qbwc, health ${config.publicUrl}/healthz`,
  );
}

main().catch((error) => {
  process.stderr.write(`The server could not start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
