import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { createQbwcService } from '@connector/sync';
import type { ServerConfig } from './config.ts';
import { errorHandler } from './plugins/error-handler.ts';
import { companyRoutes } from './routes/company-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { qbwcRoutes } from './routes/qbwc-routes.ts';
import { supportRoutes } from './routes/support-routes.ts';
import { APP_VERSION } from './version.ts';

export interface BuildAppOptions {
  config: ServerConfig;
  db: Database;
  /** pino options or false; tests pass a stream to capture logs. */
  logger?: boolean | object;
}

/**
 * The application, built separately from the launcher (main.ts) so tests run the real thing with
 * inject() or on a port. Order: framework plugins, app plugins (error handling), then thin routes.
 */
export async function buildApp({ config, db, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      // Secrets never reach the log: QBWC passwords arrive in SOAP bodies, which are not logged;
      // headers that carry credentials are redacted.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-procore-webhook-secret"]'],
    },
    // A slow or stuck client must not hold a request open forever.
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
    bodyLimit: 1024 * 1024,
  });

  const qbwcService = createQbwcService({
    db,
    config: config.qbwc,
    logger: app.log,
    serverVersion: `${config.appName} ${APP_VERSION}`,
  });
  app.addHook('onClose', async () => qbwcService.close());

  await app.register(errorHandler);
  await app.register(healthRoutes, { db });
  await app.register(supportRoutes, { appName: config.appName });
  await app.register(qbwcRoutes, { service: qbwcService, publicUrl: config.publicUrl, bodyLimit: config.qbwcBodyLimitBytes });
  await app.register(companyRoutes, { db, qwc: { publicUrl: config.publicUrl, ownerId: config.qbwc.ownerId, appName: config.appName } });
  return app;
}
