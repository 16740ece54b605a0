import { randomBytes } from 'node:crypto';
import type { ProcoreConnectionBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { createProcoreClient, createRateLimiter, type ProcoreClient, type RateLimiter, type RateLimiterStats } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobHandler } from '../jobs/run-jobs.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { applyProcoreChange } from './apply-procore-change.ts';
import { environmentSettings } from './environment-settings.ts';
import { getProcoreConnection } from './get-procore-connection.ts';
import { procoreFailure } from './procore-failure.ts';
import { SYNCED_RESOURCES, WEBHOOK_EVENT_TYPES } from './procore-resources.ts';
import type { ProcoreSettings } from './procore-settings.ts';
import { createProcoreTokenProvider, type ProcoreTokenProvider } from './procore-token-provider.ts';
import { APPLY_PROCORE_CHANGE_JOB, hashWebhookSecret } from './receive-procore-webhook.ts';
import { RECONCILED_AT_CURSOR, reconcileProcore } from './reconcile-procore.ts';
import { readReconcileProcorePayload } from '../stored/read-stored.ts';

export const RECONCILE_PROCORE_JOB = 'procore.reconcile';
// One namespace for our hooks, so we find (and never duplicate) our own hook in a company.
const HOOK_NAMESPACE = 'procore-quickbooks-connector';

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

  async function registerWebhooks(companyId: string, actor: string) {
    const client = await clientFor(companyId);
    const destinationUrl = `${settings.webhookBaseUrl}/${companyId}`;
    // A new secret each registration: re-registering is how an admin rotates it.
    const secret = randomBytes(32).toString('base64url');
    const destinationHeaders = { Authorization: `Bearer ${secret}` };
    try {
      const existing = (await client.webhooks.listHooks()).find((h) => h.namespace === HOOK_NAMESPACE);
      const hook = existing
        ? await client.webhooks.updateHook(existing.id, { destinationUrl, destinationHeaders })
        : await client.webhooks.createHook({ namespace: HOOK_NAMESPACE, destinationUrl, destinationHeaders });
      // Store the hash before adding triggers, so deliveries the triggers cause are accepted at once.
      const have = existing ? await client.webhooks.listTriggers(hook.id) : [];
      const triggers: Array<{ resourceName: string; eventType: string; procoreTriggerId: string }> = [];
      await db.prisma.procoreWebhookHook.upsert({
        where: { companyId },
        create: { companyId, procoreHookId: String(hook.id), destinationUrl, secretHash: hashWebhookSecret(secret).toString('hex'), triggers: [] },
        update: { procoreHookId: String(hook.id), destinationUrl, secretHash: hashWebhookSecret(secret).toString('hex') },
      });
      for (const resource of SYNCED_RESOURCES) {
        for (const eventType of WEBHOOK_EVENT_TYPES) {
          const found = have.find((t) => t.resource_name === resource.resourceName && t.event_type === eventType);
          const trigger = found ?? (await client.webhooks.createTrigger(hook.id, { resourceName: resource.resourceName, eventType }));
          triggers.push({ resourceName: resource.resourceName, eventType, procoreTriggerId: String(trigger.id) });
        }
      }
      await db.prisma.procoreWebhookHook.update({ where: { companyId }, data: { triggers } });
      await writeAudit(db.prisma, {
        companyId,
        actor,
        action: 'procore.webhooks-registered',
        outcome: 'ok',
        detail: { procoreHookId: String(hook.id), destinationUrl, triggers: triggers.length },
      });
      return { procoreHookId: String(hook.id), destinationUrl, triggers: triggers.length };
    } catch (error) {
      throw procoreFailure(error, 'register the Procore webhooks');
    }
  }

  async function unregisterWebhooks(companyId: string, actor: string) {
    const stored = await db.prisma.procoreWebhookHook.findUnique({ where: { companyId } });
    if (!stored) return;
    try {
      const client = await clientFor(companyId);
      await client.webhooks.deleteHook(stored.procoreHookId);
    } finally {
      // Forget the secret either way: deliveries to a disconnected company are refused.
      await db.prisma.procoreWebhookHook.delete({ where: { companyId } });
      await writeAudit(db.prisma, { companyId, actor, action: 'procore.webhooks-removed', outcome: 'ok', detail: { procoreHookId: stored.procoreHookId } });
    }
  }

  return {
    db,
    settings,
    fetch: options.fetch,
    tokens,
    ourClientIds,
    clientFor,
    rateLimiterStats: () => [...limiters.values()].map((limiter) => limiter.stats()),
    async describeConnection(companyId) {
      const [connection, hook, lastDelivery, cursor] = await Promise.all([
        getProcoreConnection(db, companyId),
        db.prisma.procoreWebhookHook.findUnique({ where: { companyId } }),
        db.prisma.procoreWebhookDelivery.findFirst({ where: { companyId }, orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
        db.prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: RECONCILED_AT_CURSOR } } }),
      ]);
      return {
        ...connection,
        webhooks: hook
          ? {
              destinationUrl: hook.destinationUrl,
              triggers: (hook.triggers as unknown[]).length,
              lastDeliveryAt: lastDelivery?.receivedAt.toISOString() ?? null,
            }
          : null,
        lastReconciledAt: cursor?.value ?? null,
      };
    },
    registerWebhooks,
    unregisterWebhooks,
    async queueReconciliation(companyId, { full, actor }) {
      const connection = await db.prisma.procoreConnection.findUnique({ where: { companyId } });
      if (!connection || connection.status !== 'connected') throw new AppError('PROCORE_NOT_CONNECTED');
      return enqueueJob(db.prisma, {
        companyId,
        kind: RECONCILE_PROCORE_JOB,
        payload: { full, actor },
        dedupeKey: full ? 'procore.reconcile.full' : 'procore.reconcile',
      });
    },
    async queueDueReconciliations() {
      const due = new Date(Date.now() - settings.reconcileIntervalMs);
      const connections = await db.prisma.procoreConnection.findMany({ where: { status: 'connected' }, select: { companyId: true } });
      let queued = 0;
      for (const { companyId } of connections) {
        const cursor = await db.prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: RECONCILED_AT_CURSOR } } });
        if (cursor && new Date(cursor.value) > due) continue;
        const job = await enqueueJob(db.prisma, {
          companyId,
          kind: RECONCILE_PROCORE_JOB,
          payload: { full: false, actor: 'schedule' },
          dedupeKey: 'procore.reconcile',
        });
        if (job.created) queued++;
      }
      return queued;
    },
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
