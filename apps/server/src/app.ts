import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { randomBytes } from 'node:crypto';
import {
  createExportService,
  createImportService,
  createJobRunner,
  applySetupResponses,
  createScheduler,
  createProcoreService,
  createQboDelivery,
  createQboService,
  createQbwcService,
  createSummaryService,
  purgeExpiredSignInData,
  purgeFinishedJobs,
  purgeSignInThrottles,
  PREPARE_EXPORT_JOB,
  type AfterResponses,
  type JobRunner,
  type ProcoreService,
  type QboService,
  type ProcoreSettings,
  type SummaryService,
} from '@connector/sync';
import { resolveProcoreSettings } from './procore/resolve-procore-settings.ts';
import { resolveQboSettings } from './qbo/resolve-qbo-settings.ts';
import { qboRoutes } from './routes/qbo-routes.ts';
import { procoreRoutes } from './routes/procore-routes.ts';
import { procoreWebhookRoutes } from './routes/procore-webhook-routes.ts';
import { exportRoutes } from './routes/export-routes.ts';
import { importRoutes } from './routes/import-routes.ts';
import { jobCostRoutes } from './routes/job-cost-routes.ts';
import { exceptionRoutes } from './routes/exception-routes.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { settingsChoiceRoutes } from './routes/settings-choice-routes.ts';
import type { ServerConfig } from './config.ts';
import { errorHandler } from './plugins/error-handler.ts';
import { recordRoutes } from './plugins/record-routes.ts';
import { logSerializers } from './plugins/log-serializers.ts';
import { companyRoutes } from './routes/company-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { qbwcRoutes } from './routes/qbwc-routes.ts';
import { supportRoutes } from './routes/support-routes.ts';
import { serveWebApp } from './plugins/serve-web-app.ts';
import { webAuth } from './plugins/web-auth.ts';
import { idempotency } from './plugins/idempotency.ts';
import { refuseNulText } from './plugins/refuse-nul-text.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { memberRoutes } from './routes/member-routes.ts';
import { qbwcConnectionRoutes } from './routes/qbwc-connection-routes.ts';
import { activityRoutes } from './routes/activity-routes.ts';
import { APP_VERSION } from './version.ts';
import { createMetrics } from './metrics/create-metrics.ts';
import { instrumentQbwcService } from './metrics/instrument-qbwc-service.ts';
import { logQbwcCalls } from './qbwc/log-qbwc-calls.ts';
import { instrumentJobHandlers } from './metrics/instrument-job-handlers.ts';
import { instrumentProcoreFetch } from './metrics/instrument-procore-fetch.ts';
import { countQuickBooksStatuses } from './metrics/count-quickbooks-statuses.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { readinessRoutes } from './routes/readiness-routes.ts';
import { summaryRoutes } from './routes/summary-routes.ts';
import { createSmtpMailer } from './mail/create-smtp-mailer.ts';

export interface BuildAppOptions {
  config: ServerConfig;
  db: Database;
  /** pino options or false; tests pass a stream to capture logs. */
  logger?: boolean | object;
  /** Resolved Procore settings (the launcher supplies the key ring); default: from config with a throwaway key (tests). */
  procoreSettings?: ProcoreSettings;
  /** fetch used for every Procore call (tests may wrap it). */
  procoreFetch?: typeof fetch;
  procoreClientTuning?: { retryBaseDelayMs?: number; retryMaxDelayMs?: number; maxRetries?: number; timeoutMs?: number };
  /** Retries of the QuickBooks Online clients (tests shorten the waits). */
  qboClientTuning?: { retryBaseDelayMs?: number; retryMaxDelayMs?: number; maxRetries?: number; timeoutMs?: number };
  /** Run the durable job runner and the reconciliation schedule in this process (the launcher does; tests drain by hand). */
  backgroundWork?: boolean;
  /** The clock sign-in sessions are judged by (default: the system clock; tests move it). */
  clock?: () => Date;
  /**
   * The clock Web Connector sessions are judged by (taking over a quiet session, the Connection screen's
   * running session); default: the system clock. Separate from `clock` so each can be moved on its own.
   */
  qbwcClock?: () => Date;
  /** fetch used for every QuickBooks Online call (tests may wrap it). */
  qboFetch?: typeof fetch;
  /** Every member signing in gets every role (default: when no Procore OAuth client is configured, i.e. the simulator). */
  demoMode?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    procore: ProcoreService;
    qbo: QboService;
    jobRunner: JobRunner;
    summaries: SummaryService;
  }
}

/**
 * The application, built separately from the launcher (main.ts) so tests run the real thing with
 * inject() or on a port. Order: framework plugins, app plugins (error handling), then thin routes.
 */
export async function buildApp({ config, db, logger, ...options }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger === undefined || logger === true
        ? {
            level: config.logLevel,
            serializers: logSerializers,
            // Secrets never reach the log: QBWC passwords arrive in SOAP bodies, which are not logged;
            // headers that carry credentials are redacted.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          }
        : logger === false
          ? false
          : { serializers: logSerializers, ...logger },
    // A slow or stuck client must not hold a request open forever.
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
    bodyLimit: 1024 * 1024,
    // request.ip is the address Web Connector sign-ins are throttled by (config.trustProxy).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Unknown fields are refused with a 400, not silently dropped: a typo in a setting name must not "save".
    ajv: { customOptions: { removeAdditional: false } },
  });

  // Prometheus metrics of this app (GET /metrics); the services below are instrumented from outside.
  const metrics = createMetrics();
  const procore = createProcoreService({
    db,
    settings:
      options.procoreSettings ?? resolveProcoreSettings(config, config.procore.tokenEncryptionKeys ?? `ephemeral:${randomBytes(32).toString('base64')}`),
    logger: app.log,
    // Every Procore call, counted by route and status; the global fetch is looked up per call (tests may replace it).
    fetch: instrumentProcoreFetch(options.procoreFetch ?? ((input, init) => fetch(input, init)), metrics),
    ...(options.procoreClientTuning ? { clientTuning: options.procoreClientTuning } : {}),
  });
  // QuickBooks Online (issue 22, the connection piece): off (null settings) without QBO keys.
  const qbo = createQboService({
    db,
    settings: resolveQboSettings(config.qbo, procore.settings.keyRing),
    logger: app.log,
    fetch: options.qboFetch ?? ((input, init) => fetch(input, init)),
    ...(options.qboClientTuning ? { clientTuning: options.qboClientTuning } : {}),
  });
  const exports = createExportService({ db, clientFor: (companyId) => procore.clientFor(companyId) });
  const imports = createImportService({ db, clientFor: (companyId, clientOptions) => procore.clientFor(companyId, clientOptions) });
  // What follows QuickBooks' answers, from the Web Connector or from QuickBooks Online (issue 22): imports store what
  // QuickBooks read first, then exports advance (both in the answer's transaction).
  const afterQuickBooksAnswers: AfterResponses = async (tx, companyId, now, applied) => {
    countQuickBooksStatuses(applied, metrics);
    await imports.afterQuickBooksResponse(tx, companyId, now, applied);
    // A setting filled from QuickBooks' answer (the Retainage Receivable item the connector created), before exports read settings.
    await applySetupResponses(tx, companyId, applied);
    await exports.afterQuickBooksResponse(tx, companyId, now);
  };
  // An Online company's queued requests are delivered by a job over Intuit's API, answered through the same hook.
  const qboDelivery = createQboDelivery({ db, qbo, config: config.qbwc, afterResponses: afterQuickBooksAnswers });
  const qbwcService = logQbwcCalls(
    instrumentQbwcService(
      createQbwcService({
        db,
        config: config.qbwc,
        logger: app.log,
        serverVersion: `${config.appName} ${APP_VERSION}`,
        ...(options.qbwcClock ? { now: options.qbwcClock } : {}),
        afterResponses: afterQuickBooksAnswers,
      }),
      metrics,
    ),
    { db, logger: app.log },
  );
  // The Prisma query compiler's first run at start-up, not in the first Web Connector call (create-qbwc-service.ts warmUp).
  app.addHook('onReady', async () => qbwcService.warmUp());
  app.addHook('onClose', async () => qbwcService.close());
  // The daily summary for accountants (issue 18): e-mailed once a day per company by a durable job when SMTP is configured.
  const mailer = config.smtp ? createSmtpMailer(config.smtp) : null;
  if (mailer) app.addHook('onClose', async () => mailer.close());
  else app.log.info('daily summary e-mail is off: SMTP is not configured (SMTP_URL or SMTP_HOST); the summary is shown on the first screen only');
  const summaries = createSummaryService({
    db,
    mailer,
    hourUtc: config.dailySummaryHourUtc ?? 7,
    sessionIdleTimeoutMs: config.qbwc.sessionTakeoverMs,
    appUrl: config.publicUrl,
    now: options.qbwcClock ?? options.clock ?? (() => new Date()),
    logger: app.log,
  });
  app.decorate('summaries', summaries);
  const jobRunner = createJobRunner({
    db,
    handlers: instrumentJobHandlers(
      {
        ...procore.jobHandlers,
        ...exports.jobHandlers,
        // Prepared exports of an Online company go out now, not at the next Web Connector run.
        [PREPARE_EXPORT_JOB]: async (job, context) => {
          const result = await exports.jobHandlers[PREPARE_EXPORT_JOB]!(job, context);
          await qboDelivery.deliverSoon(job.companyId);
          return result;
        },
        ...imports.jobHandlers,
        ...summaries.jobHandlers,
        ...qboDelivery.jobHandlers,
      },
      metrics,
    ),
    logger: app.log,
    // JOB_CONCURRENCY jobs at once, each on its own lease (run-jobs.ts).
    concurrency: config.jobConcurrency ?? 2,
  });
  app.decorate('procore', procore);
  app.decorate('qbo', qbo);
  // The QuickBooks Online call counts still in memory are written before the database closes.
  app.addHook('onClose', async () => qbo.close());
  app.decorate('jobRunner', jobRunner);
  if (options.backgroundWork) {
    // Periodic work lives in job_schedules (issue 20): with several instances, each due schedule is fired by one
    // of them (fire-due-schedules.ts); this process only looks for due ones. A failure is logged with the
    // schedule's name, kept on its row, and the work runs again when next due.
    const scheduler = createScheduler({
      db,
      logger: app.log,
      schedules: [
        // Each company is reconciled once per PROCORE_RECONCILE_HOURS (default nightly); checked every minute.
        { name: 'procore.reconciliations', everyMs: 60_000, run: () => procore.queueDueReconciliations() },
        // Refresh Jobs / Vendors / Job Costs on each company's schedule (settings), for the next Web Connector session.
        { name: 'imports.refreshes', everyMs: 60_000, run: (at) => imports.queueDueRefreshes(at) },
        // QuickBooks Online deliveries left waiting (a failed run, requests queued outside an export job) are picked up.
        { name: 'qbo.deliveries', everyMs: 60_000, run: () => qboDelivery.queueDue() },
        // Ended sign-in sessions, spent sign-in states and day-old idempotency answers (embedded app).
        { name: 'auth.purge-sign-in-data', everyMs: 60_000, run: (at) => purgeExpiredSignInData(db, at) },
        // Web Connector sign-in failures no longer in force (random usernames leave no lasting rows; hostile input).
        { name: 'qbwc.purge-sign-in-throttles', everyMs: 60_000, run: (at) => purgeSignInThrottles(db, config.qbwc.throttle, at) },
        // The daily summary e-mail (issue 18): each company's summary is queued once its hour has come.
        { name: 'summaries.daily', everyMs: 60_000, run: () => summaries.queueDue() },
        // Job retention: done jobs older than JOB_RETENTION_DAYS go; failed jobs stay for the exception queue.
        {
          name: 'jobs.retention',
          everyMs: 3_600_000,
          run: (at) => purgeFinishedJobs(db, at, { retentionMs: (config.jobRetentionDays ?? 7) * 86_400_000 }),
        },
      ],
    });
    app.addHook('onReady', async () => {
      jobRunner.start();
      scheduler.start();
    });
    app.addHook('onClose', async () => {
      await scheduler.stop();
      await jobRunner.stop();
    });
  }

  // Before any route: each route's schema is kept for the contract test (record-routes.ts).
  await app.register(recordRoutes);
  await app.register(errorHandler);
  await app.register(refuseNulText);
  // Sign-in for /api (embedded app), before every route: session, CSRF, company membership, then Idempotency-Key.
  const clock = options.clock ?? (() => new Date());
  const demoMode = options.demoMode ?? Object.keys(config.procore.environments).length === 0;
  await app.register(webAuth, { db, now: clock, demoMode });
  await app.register(idempotency, { db, now: clock });
  await app.register(authRoutes, { db, procoreSettings: procore.settings, procoreFetch: procore.fetch, publicUrl: config.publicUrl, now: clock, demoMode });
  await app.register(memberRoutes, { db });
  // "Running" on the Connection screen = what authenticate would answer busy for (a call within the takeover time).
  await app.register(qbwcConnectionRoutes, { db, now: options.qbwcClock ?? clock, sessionIdleTimeoutMs: config.qbwc.sessionTakeoverMs });
  await app.register(activityRoutes, { db });
  await app.register(summaryRoutes, { summaries });
  await app.register(healthRoutes, { db });
  await app.register(readinessRoutes, { db });
  await app.register(metricsRoutes, { db, metrics, token: config.metricsToken, rateLimiterStats: () => procore.rateLimiterStats() });
  await app.register(supportRoutes, { appName: config.appName });
  await app.register(qbwcRoutes, {
    service: qbwcService,
    publicUrl: config.publicUrl,
    bodyLimit: config.qbwcBodyLimitBytes,
    largeBodies: config.qbwcLargeBodies,
  });
  await app.register(procoreRoutes, { procore });
  await app.register(procoreWebhookRoutes, { procore });
  await app.register(qboRoutes, { qbo });
  await app.register(exportRoutes, { db, procore, exports });
  await app.register(importRoutes, { db, procore });
  await app.register(jobCostRoutes, { db, procore });
  await app.register(exceptionRoutes, { db });
  await app.register(settingsRoutes, { db });
  await app.register(settingsChoiceRoutes, { db });
  await app.register(companyRoutes, { db, qwc: { publicUrl: config.publicUrl, ownerId: config.qbwc.ownerId, appName: config.appName } });
  await app.register(serveWebApp, { procoreEnvironments: procore.settings.environments });
  return app;
}

/** TRUST_PROXY as a hop count: believe the nearest `hops` proxies (what Fastify does with a number; its types only take a function). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}
