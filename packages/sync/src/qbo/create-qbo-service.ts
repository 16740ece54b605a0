import type { QboConnectionBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { createQboClient, createRealmThrottle, type QboClient, type QboClientOptions, type RealmThrottle } from '@connector/qbo';
import { AppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { describeQboConnection } from './describe-qbo-connection.ts';
import { createQboCallMeter, type QboCallMeter } from './meter-qbo-calls.ts';
import type { QboSettings } from './qbo-settings.ts';
import { createQboTokenProvider, type QboTokenProvider } from './qbo-token-provider.ts';

export interface QboService {
  db: Database;
  /** null: the server has no QBO app keys; the Online edition says it is not configured. */
  settings: QboSettings | null;
  fetch: typeof fetch | undefined;
  tokens: QboTokenProvider;
  /** A client of the company's connected realm (the export pipeline's QBO backend will use it; not wired yet). */
  clientFor(companyId: string, clientOptions?: { signal?: AbortSignal }): Promise<QboClient>;
  describeConnection(companyId: string): Promise<QboConnectionBody>;
  /** Every Accounting API call of every company, counted per month (reads are metered by Intuit). */
  calls: QboCallMeter;
  /** Writes the call counts still in memory (server shutdown). */
  close(): Promise<void>;
}

/** Retries and timeouts of every client (tests shorten the waits; production keeps packages/qbo's defaults). */
export type QboClientTuning = Pick<QboClientOptions, 'maxRetries' | 'retryBaseDelayMs' | 'retryMaxDelayMs' | 'timeoutMs'>;

export function createQboService(options: {
  db: Database;
  settings: QboSettings | null;
  logger?: ServiceLogger;
  fetch?: typeof fetch;
  clientTuning?: QboClientTuning;
}): QboService {
  const { db, settings } = options;
  const tokens = createQboTokenProvider({ db, settings, logger: options.logger, fetch: options.fetch });
  // Intuit's limits are per realm and app: one throttle per realm, shared by every client of it in this process.
  const throttles = new Map<string, RealmThrottle>();
  const calls = createQboCallMeter({ db, ...(options.logger && { logger: options.logger }) });

  async function clientFor(companyId: string, clientOptions: { signal?: AbortSignal } = {}): Promise<QboClient> {
    if (!settings) throw new AppError('QBO_NOT_CONFIGURED');
    const connection = await db.prisma.qboConnection.findUnique({ where: { companyId } });
    if (!connection || connection.status === 'disconnected') throw new AppError('QBO_NOT_CONNECTED');
    let throttle = throttles.get(connection.realmId);
    if (!throttle) {
      throttle = createRealmThrottle();
      throttles.set(connection.realmId, throttle);
    }
    return createQboClient({
      ...options.clientTuning,
      apiBaseUrl: settings.apiBaseUrl,
      realmId: connection.realmId,
      getAccessToken: () => tokens.getAccessToken(companyId),
      refreshAccessToken: (stale) => tokens.refreshAfterUnauthorized(companyId, stale),
      throttle,
      fetch: options.fetch,
      signal: clientOptions.signal,
      onCall: (event) => calls.record(companyId, event),
    });
  }

  return {
    db,
    settings,
    fetch: options.fetch,
    tokens,
    clientFor,
    describeConnection: (companyId) => describeQboConnection(db, settings, companyId, calls),
    calls,
    close: () => calls.close(),
  };
}
