import { randomUUID } from 'node:crypto';
import type { Database } from '@connector/db';
import { QboOAuthError, refreshTokens, type QboTokenSet } from '@connector/qbo';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import type { QboSettings } from './qbo-settings.ts';
import { encryptQboTokenColumns, readQboAccessToken, readQboRefreshToken } from './qbo-token-store.ts';

export interface QboTokenProvider {
  /** A valid access token for the company's QuickBooks Online connection, refreshed first when it is within the margin of expiry. */
  getAccessToken(companyId: string): Promise<string>;
  /** After a 401 with `staleToken`: refresh unless another caller already replaced that token. */
  refreshAfterUnauthorized(companyId: string, staleToken: string): Promise<string>;
}

interface ConnectionRow {
  status: string;
  environment: string;
  accessTokenEnc: string | null;
  refreshTokenEnc: string | null;
  accessTokenExpiresAt: Date | null;
  refreshLeaseId: string | null;
  refreshLeaseUntil: Date | null;
  lastErrorMessage: string | null;
}

const POLL_MS = 150;

/**
 * Hands out QuickBooks Online access tokens and refreshes them safely, as the Procore provider does
 * (procore/procore-token-provider.ts). Intuit rotates the refresh token on every refresh and only the latest one
 * works: "get a fresh one using the latest refresh_token returned to you from the previous request" (OAuth FAQ,
 * https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq). Two
 * instances refreshing with the same token race, and the loser stores a dead one. So:
 *  - in this process, concurrent callers share one in-flight refresh (single flight);
 *  - across instances, a lease on the qbo_connections row (an atomic UPDATE … WHERE the lease is free) picks one
 *    refresher; the others poll until the new pair is stored and read it;
 *  - the new access AND refresh token are written in one UPDATE guarded by our lease id (never one without the other).
 * invalid_grant (the refresh token was revoked, expired, or is not the latest) marks the connection
 * needs_reconnect with our code and Intuit's raw error, and every later call fails at once without calling Intuit:
 * a dead refresh token is never retried in a loop ("treat invalid_grant as a token lifecycle problem", nango.dev).
 * No token, code or client secret is ever logged: QboTokenSet prints redacted, and only codes are logged here.
 */
export function createQboTokenProvider(options: {
  db: Database;
  settings: QboSettings | null;
  logger?: ServiceLogger;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): QboTokenProvider {
  const { db } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const inFlight = new Map<string, Promise<string>>();

  function configured(): QboSettings {
    if (!options.settings) throw new AppError('QBO_NOT_CONFIGURED');
    return options.settings;
  }

  async function load(companyId: string): Promise<ConnectionRow> {
    const settings = configured();
    const row = await db.prisma.qboConnection.findUnique({ where: { companyId } });
    if (!row || row.status === 'disconnected') throw new AppError('QBO_NOT_CONNECTED');
    if (row.status !== 'connected') throw new AppError('QBO_RECONNECT_REQUIRED', row.lastErrorMessage ?? undefined, { status: row.status });
    // Sandbox tokens do not work on production and the reverse (packages/qbo/README.md "The Intuit developer app").
    if (row.environment !== settings.environment) {
      throw new AppError(
        'QBO_RECONNECT_REQUIRED',
        `The QuickBooks Online connection was made with the ${row.environment} keys, but this server now uses the ${settings.environment} keys. Connect QuickBooks Online again.`,
      );
    }
    return row;
  }

  const isFresh = (row: ConnectionRow) =>
    row.accessTokenEnc !== null && row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - configured().refreshMarginMs > now();

  const currentToken = (companyId: string, row: ConnectionRow) =>
    row.accessTokenEnc ? readQboAccessToken(configured().keyRing, companyId, row.accessTokenEnc) : null;

  async function refreshOnce(companyId: string, staleToken: string | null): Promise<string> {
    const settings = configured();
    const deadline = now() + settings.refreshLeaseMs + settings.tokenTimeoutMs;
    for (;;) {
      const row = await load(companyId);
      const current = currentToken(companyId, row);
      // Someone else already refreshed (or the token we were told is stale is no longer the stored one).
      if (current && isFresh(row) && (staleToken === null || current !== staleToken)) return current;

      // A lease that ran out while held: the instance holding it died (or hung) in the middle of a refresh.
      const tookOverFromDeadHolder = row.refreshLeaseId !== null && row.refreshLeaseUntil !== null && row.refreshLeaseUntil.getTime() < now();
      const leaseId = randomUUID();
      const claimed = await db.prisma.qboConnection.updateMany({
        where: { companyId, status: 'connected', OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: new Date(now()) } }] },
        data: { refreshLeaseId: leaseId, refreshLeaseUntil: new Date(now() + settings.refreshLeaseMs) },
      });
      if (claimed.count === 1) return refreshHoldingLease(companyId, leaseId, staleToken, tookOverFromDeadHolder);

      // Another instance holds the lease: wait for it to store the new pair (or give up its lease).
      if (now() > deadline)
        throw new AppError('QBO_UNAVAILABLE', 'Another server is refreshing the QuickBooks Online connection and has not finished. Try again shortly.');
      await sleep(POLL_MS);
    }
  }

  async function refreshHoldingLease(companyId: string, leaseId: string, staleToken: string | null, tookOver: boolean): Promise<string> {
    const settings = configured();
    const release = () =>
      db.prisma.qboConnection.updateMany({ where: { companyId, refreshLeaseId: leaseId }, data: { refreshLeaseId: null, refreshLeaseUntil: null } });
    let row: ConnectionRow;
    try {
      row = await load(companyId);
    } catch (error) {
      await release();
      throw error;
    }
    // Re-check under the lease: the previous holder may have stored the new pair between our read and our claim.
    const current = currentToken(companyId, row);
    if (current && isFresh(row) && (staleToken === null || current !== staleToken)) {
      await release();
      return current;
    }
    if (!row.refreshTokenEnc) {
      const message = 'No QuickBooks Online refresh token is stored for this company. An admin must connect QuickBooks Online again.';
      await markNeedsReconnect(companyId, leaseId, message, null);
      throw new AppError('QBO_RECONNECT_REQUIRED', message);
    }
    let tokens: QboTokenSet;
    try {
      tokens = await refreshTokens({
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        refreshToken: readQboRefreshToken(settings.keyRing, companyId, row.refreshTokenEnc),
        tokenUrl: settings.oauth.tokenUrl,
        fetch: options.fetch,
        timeoutMs: settings.tokenTimeoutMs,
        now,
      });
    } catch (error) {
      if (error instanceof QboOAuthError && error.needsReconnect) {
        const interrupted = tookOver
          ? ' The previous refresh was interrupted (a server stopped in the middle of it) after Intuit had already replaced the refresh token, so the stored one no longer works.'
          : '';
        const message =
          `QuickBooks Online refused the saved connection (Intuit: ${error.error}${error.description ? `, "${error.description}"` : ''}): ` +
          `it was disconnected in QuickBooks, expired, or replaced by a newer one.${interrupted} An admin must connect QuickBooks Online again from the Connection screen.`;
        await markNeedsReconnect(companyId, leaseId, message, {
          status: error.status,
          error: error.error,
          description: error.description,
          interrupted: tookOver,
        });
        throw new AppError('QBO_RECONNECT_REQUIRED', message, { intuitStatus: error.status, intuitError: error.error });
      }
      await release();
      if (error instanceof QboOAuthError && error.error === 'invalid_client') {
        // Our app keys, not the company's connection: an operator fixes configuration; the refresh token may still be good.
        const message = `Intuit refused this server's QuickBooks Online app keys (invalid_client). Check QBO_CLIENT_ID and QBO_CLIENT_SECRET for the ${settings.environment} environment.`;
        await recordError(companyId, 'QBO_NOT_CONFIGURED', message);
        throw new AppError('QBO_NOT_CONFIGURED', message, { intuitStatus: error.status, intuitError: error.error });
      }
      // No answer, a 5xx or a 429: Intuit decided nothing we know of. Whether it rotated the token behind a lost
      // answer is unknown (packages/qbo refresh-tokens.ts): the next call tries once more with the stored one.
      options.logger?.warn({ companyId, err: describe(error) }, 'QuickBooks Online token refresh failed; will retry on the next call');
      throw new AppError('QBO_UNAVAILABLE', 'QuickBooks Online did not answer the token refresh. The work is kept and will be retried.', {
        intuitStatus: error instanceof QboOAuthError ? error.status : null,
        intuitError: error instanceof QboOAuthError ? error.error : null,
      });
    }
    const columns = {
      ...encryptQboTokenColumns(settings.keyRing, companyId, tokens),
      lastRefreshedAt: new Date(now()),
      lastErrorCode: null,
      lastErrorMessage: null,
    };
    const written = await db.prisma.qboConnection.updateMany({
      where: { companyId, refreshLeaseId: leaseId },
      data: { ...columns, refreshLeaseId: null, refreshLeaseUntil: null },
    });
    if (written.count !== 1) {
      // Our lease ran out while Intuit was answering (longer than refreshLeaseMs). Still store the new pair: ours is
      // the newest, since Intuit retired the refresh token we used.
      await db.prisma.qboConnection.updateMany({ where: { companyId, status: 'connected' }, data: columns });
      options.logger?.warn({ companyId }, 'QuickBooks Online token refresh outlived its lease; stored the new tokens anyway');
    }
    return tokens.accessToken;
  }

  async function recordError(companyId: string, code: string, message: string) {
    await db.prisma.qboConnection.updateMany({ where: { companyId }, data: { lastErrorCode: code, lastErrorMessage: message } });
  }

  async function markNeedsReconnect(companyId: string, leaseId: string, message: string, intuit: Record<string, unknown> | null) {
    await db.prisma.qboConnection.updateMany({
      where: { companyId, refreshLeaseId: leaseId },
      data: {
        status: 'needs_reconnect',
        lastErrorCode: 'QBO_RECONNECT_REQUIRED',
        lastErrorMessage: message,
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        refreshLeaseId: null,
        refreshLeaseUntil: null,
      },
    });
    await writeAudit(db.prisma, {
      companyId,
      actor: 'system',
      action: 'qbo.reconnect-required',
      outcome: 'error',
      direction: 'internal',
      detail: { message, intuit } as never,
    });
    options.logger?.warn({ companyId, intuit }, 'QuickBooks Online refresh refused: connection needs reconnect');
  }

  function singleFlight(companyId: string, staleToken: string | null): Promise<string> {
    const existing = inFlight.get(companyId);
    if (existing) return existing;
    const promise = refreshOnce(companyId, staleToken).finally(() => inFlight.delete(companyId));
    inFlight.set(companyId, promise);
    return promise;
  }

  return {
    async getAccessToken(companyId) {
      const row = await load(companyId);
      if (isFresh(row)) return currentToken(companyId, row)!;
      return singleFlight(companyId, null);
    },
    refreshAfterUnauthorized(companyId, staleToken) {
      return singleFlight(companyId, staleToken);
    },
  };
}

function describe(error: unknown) {
  return error instanceof QboOAuthError
    ? { name: error.name, status: error.status, error: error.error }
    : error instanceof Error
      ? { name: error.name, message: error.message }
      : { message: String(error) };
}
