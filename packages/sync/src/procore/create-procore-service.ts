import type { ProcoreConnectionBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { createProcoreClient, createRateLimiter, type ProcoreClient, type RateLimiter, type RateLimiterStats } from '@connector/procore';
import { AppError } from '../errors/app-error.ts';
import type { JobHandler } from '../jobs/run-jobs.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { applyProcoreChange } from './apply-procore-change.ts';
import { environmentSettings } from './environment-settings.ts';
import { describeProcoreConnection } from './describe-procore-connection.ts';
import { registerProcoreWebhooks, unregisterProcoreWebhooks } from './manage-procore-webhooks.ts';
import type { ProcoreSettings } from './procore-settings.ts';
import { createProcoreTokenProvider, type ProcoreTokenProvider } from './procore-token-provider.ts';
import { queueDueProcoreReconciliations, queueProcoreReconciliation, RECONCILE_PROCORE_JOB } from './queue-procore-reconciliation.ts';
import { APPLY_PROCORE_CHANGE_JOB } from './receive-procore-webhook.ts';
import { reconcileProcore } from './reconcile-procore.ts';
import { readReconcileProcorePayload } from '../stored/read-stored.ts';

export { RECONCILE_PROCORE_JOB } from './queue-procore-reconciliation.ts';

export interface ProcoreService {
  db: Database;
  settings: ProcoreSettings;
  fetch: typeof fetch | undefined;
  tokens: ProcoreTokenProvider;
  /** Client ids of our OAuth applications: deliveries caused by them are echoes of our own writes. */
  ourClientIds: ReadonlySet<string>;
  /** `signal` (a job's) ends the client's waits when it aborts. */
  clientFor(companyId: string, clientOptions?: { signal?: AbortSignal }): Promise<ProcoreClient>;
  /** The Connection screen's Procore side, in the API's shape (tsc checks it against @connector/contract). */
  describeConnection(companyId: string): Promise<ProcoreConnectionBody>;
  registerWebhooks(companyId: string, actor: string): Promise<{ procoreHookId: string; destinationUrl: string; triggers: number }>;
  unregisterWebhooks(companyId: string, actor: string): Promise<void>;
  queueReconciliation(companyId: string, options: { full: boolean; actor: string }): Promise<{ id: string; created: boolean }>;
  /** Queues a reconciliation for each connected company whose last one is older than the interval. */
  queueDueReconciliations(): Promise<number>;
  jobHandlers: Record<string, JobHandler>;
  /** The figures of this process's rate limiters, one per company called so far (for /metrics). */
  rateLimiterStats(): RateLimiterStats[];
}

/** Longest a Procore call waits for the rate limit or a Retry-After before giving the work back (well under a job lease). */
export const PROCORE_MAX_WAIT_MS = 60_000;

export function createProcoreService(options: {
  db: Database;
  settings: ProcoreSettings;
  logger?: ServiceLogger;
  fetch?: typeof fetch;
  /** Tests shorten Procore's backoff; production keeps the client's defaults. */
  clientTuning?: {
    retryBaseDelayMs?: number;
    retryMaxDelayMs?: number;
    maxRetries?: number;
    timeoutMs?: number;
    maxRetryWaitMs?: number;
    maxRateLimitWaitMs?: number;
  };
}): ProcoreService {
  const { db, settings } = options;
  const tokens = createProcoreTokenProvider({ db, settings, logger: options.logger, fetch: options.fetch });
  // Procore's limits are per app and company: one limiter per company, shared by every client of it
  // in this process (several instances each keep their own, see README "Rate limits").
  const limiters = new Map<string, RateLimiter>();
  const ourClientIds = new Set(Object.values(settings.environments).map((e) => e!.clientId));

  async function clientFor(companyId: string, clientOptions: { signal?: AbortSignal } = {}): Promise<ProcoreClient> {
    const company = await db.prisma.company.findUnique({ where: { id: companyId }, include: { procoreConnection: true } });
    if (!company) throw new AppError('COMPANY_NOT_FOUND');
    if (!company.procoreConnection || company.procoreConnection.status === 'disconnected') throw new AppError('PROCORE_NOT_CONNECTED');
    if (company.procoreConnection.environment !== company.procoreEnvironment) {
      throw new AppError(
        'PROCORE_SIGN_IN_REQUIRED',
        `The stored Procore sign-in is for ${company.procoreConnection.environment}, but the company is on ${company.procoreEnvironment}. Sign in again.`,
      );
    }
    const env = environmentSettings(settings, company.procoreEnvironment);
    let limiter = limiters.get(company.id);
    if (!limiter) {
      limiter = createRateLimiter({ hourly: settings.rateLimits.hourly, tenSecond: settings.rateLimits.tenSecond });
      limiters.set(company.id, limiter);
    }
    return createProcoreClient({
      apiBaseUrl: env.apiBaseUrl,
      companyId: company.procoreCompanyId,
      getAccessToken: () => tokens.getAccessToken(company.id),
      refreshAccessToken: (stale) => tokens.refreshAfterUnauthorized(company.id, stale),
      rateLimiter: limiter,
      fetch: options.fetch,
      syncChunkSize: settings.syncChunkSize,
      // Data safety: no wait inside a job (or a request) sleeps through an exhausted window — the hourly one can
      // be most of an hour. A longer wait fails PROCORE_RATE_LIMITED with retryAfterMs, and the job runner
      // retries the job after it (README "Background jobs").
      maxRetryWaitMs: PROCORE_MAX_WAIT_MS,
      maxRateLimitWaitMs: PROCORE_MAX_WAIT_MS,
      signal: clientOptions.signal,
      ...options.clientTuning,
      logger: options.logger
        ? { debug: () => {}, warn: (obj: Record<string, unknown>, msg: string) => options.logger?.warn({ companyId: company.id, ...obj }, msg) }
        : undefined,
    });
  }

  return {
    db,
    settings,
    fetch: options.fetch,
    tokens,
    ourClientIds,
    clientFor,
    rateLimiterStats: () => [...limiters.values()].map((limiter) => limiter.stats()),
    describeConnection: (companyId) => describeProcoreConnection(db, companyId),
    registerWebhooks: async (companyId, actor) => registerProcoreWebhooks(db, settings, await clientFor(companyId), companyId, actor),
    unregisterWebhooks: (companyId, actor) => unregisterProcoreWebhooks(db, (id) => clientFor(id), companyId, actor),
    queueReconciliation: (companyId, reconcileOptions) => queueProcoreReconciliation(db, companyId, reconcileOptions),
    queueDueReconciliations: () => queueDueProcoreReconciliations(db, settings.reconcileIntervalMs),
    jobHandlers: {
      [APPLY_PROCORE_CHANGE_JOB]: async (job, context) => applyProcoreChange(db, await clientFor(job.companyId, { signal: context.signal }), job),
      [RECONCILE_PROCORE_JOB]: async (job, context) => {
        const payload = readReconcileProcorePayload(job);
        return {
          ...(await reconcileProcore(db, await clientFor(job.companyId, { signal: context.signal }), job.companyId, {
            full: payload.full ?? false,
            overlapMs: settings.reconcileOverlapMs,
            actor: payload.actor ?? 'schedule',
          })),
        };
      },
    },
  };
}
