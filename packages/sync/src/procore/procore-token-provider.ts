import { randomUUID } from 'node:crypto';
import type { Database } from '@connector/db';
import { ProcoreOAuthError, refreshAccessToken, requestClientCredentialsToken, type TokenSet } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { environmentSettings } from './environment-settings.ts';
import type { ProcoreSettings } from './procore-settings.ts';
import { encryptTokenColumns, readAccessToken, readRefreshToken } from './procore-token-store.ts';

export interface ProcoreTokenProvider {
  /** A valid access token for the company, refreshed first when it is within the margin of expiry. */
  getAccessToken(companyId: string): Promise<string>;
  /** After a 401 with `staleToken`: refresh unless another caller already replaced that token. */
  refreshAfterUnauthorized(companyId: string, staleToken: string): Promise<string>;
  /** Drops the token held in memory for the company: call it when this process disconnects it or stores a new sign-in. */
  forget(companyId: string): void;
}

interface ConnectionRow {
  status: string;
  statusMessage: string | null;
  grantType: string;
  environment: string;
  accessTokenEnc: string | null;
  refreshTokenEnc: string | null;
  accessTokenExpiresAt: Date | null;
  refreshLeaseUntil: Date | null;
}

const POLL_MS = 150;

/**
 * How long a token read from procore_connections is reused from memory before the row is read again.
 * A burst of Procore calls (an export of 1,000 commitments made 962 reads of the row, issue 19) then reads it
 * once. The bound matters for the connection's status: a Disconnect or a needs_sign_in made by THIS process
 * drops the held token at once (forget, markNeedsSignIn), but one made by another server instance only shows
 * here when the row is next read, so this process may keep calling Procore with the held token for up to this
 * long after it (the row is the only place the instances share the status; no message tells us sooner).
 * A Disconnect revokes the tokens at Procore before it writes the row, so those calls usually get a 401, and
 * the refresh after it reads the row and stops with PROCORE_NOT_CONNECTED. A few seconds is short next to a
 * job, and each call made in that time is one the user could not have told apart from a call made just
 * before the Disconnect. Never past the token's expiry minus refreshMarginMs either.
 */
export const PROCORE_TOKEN_HOLD_MS = 5_000;

interface HeldCandidate {
  token: string;
  expiresAt: Date | null;
}

interface HeldToken {
  token: string;
  until: number;
}

/**
 * Hands out Procore access tokens and refreshes them safely. Procore refresh tokens are single-use:
 * any refresh attempt, successful or not, kills the old one (docs/procore-api.md#oauth-tokens). So exactly one caller in
 * the whole deployment may refresh a connection at a time:
 *  - in this process, concurrent callers share one in-flight refresh (single flight);
 *  - across server instances, a lease row-lock in procore_connections (an atomic UPDATE … WHERE the
 *    lease is free) picks one refresher; the others wait for the lease to clear and read the new pair.
 * The new pair is written in one UPDATE, guarded by our lease id. A refresh Procore rejects as a dead
 * grant marks the connection needs_sign_in instead of retrying a dead refresh token in a loop.
 */
export function createProcoreTokenProvider(options: {
  db: Database;
  settings: ProcoreSettings;
  logger?: ServiceLogger;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Defaults to PROCORE_TOKEN_HOLD_MS; 0 reads the row on every call. */
  tokenHoldMs?: number;
}): ProcoreTokenProvider {
  const { db, settings } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const holdMs = options.tokenHoldMs ?? PROCORE_TOKEN_HOLD_MS;
  const inFlight = new Map<string, Promise<string>>();
  const held = new Map<string, HeldToken>();
  // Concurrent first calls of a burst share one read of the row.
  const reading = new Map<string, Promise<string>>();
  // Bumped by forget: a read or refresh that started before it must not hold what it got.
  const generations = new Map<string, number>();
  const generationOf = (companyId: string) => generations.get(companyId) ?? 0;

  function hold(companyId: string, generation: number, token: string, expiresAt: Date | null) {
    if (generationOf(companyId) !== generation || expiresAt === null) return;
    const until = Math.min(now() + holdMs, expiresAt.getTime() - settings.refreshMarginMs);
    if (until > now()) held.set(companyId, { token, until });
  }

  function forget(companyId: string) {
    held.delete(companyId);
    reading.delete(companyId);
    generations.set(companyId, generationOf(companyId) + 1);
  }

  async function load(companyId: string): Promise<ConnectionRow> {
    const row = await db.prisma.procoreConnection.findUnique({ where: { companyId } });
    if (!row || row.status === 'disconnected') {
      forget(companyId);
      throw new AppError('PROCORE_NOT_CONNECTED');
    }
    if (row.status !== 'connected') {
      forget(companyId);
      throw new AppError('PROCORE_SIGN_IN_REQUIRED', row.statusMessage ?? undefined, { status: row.status });
    }
    return row;
  }

  const isFresh = (row: ConnectionRow) =>
    row.accessTokenEnc !== null && row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - settings.refreshMarginMs > now();

  async function refreshOnce(companyId: string, staleToken: string | null): Promise<HeldCandidate> {
    const deadline = now() + settings.refreshLeaseMs + settings.tokenTimeoutMs;
    for (;;) {
      const row = await load(companyId);
      const current = row.accessTokenEnc ? readAccessToken(settings, companyId, row.accessTokenEnc) : null;
      // Someone else already refreshed (or the token we were told is stale is no longer the stored one).
      if (current && isFresh(row) && (staleToken === null || current !== staleToken)) return { token: current, expiresAt: row.accessTokenExpiresAt };

      const leaseId = randomUUID();
      const leaseUntil = new Date(now() + settings.refreshLeaseMs);
      const claimed = await db.prisma.procoreConnection.updateMany({
        where: {
          companyId,
          status: 'connected',
          OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: new Date(now()) } }],
        },
        data: { refreshLeaseId: leaseId, refreshLeaseUntil: leaseUntil },
      });
      if (claimed.count === 1) return refreshHoldingLease(companyId, leaseId, staleToken);

      // Another instance holds the lease: wait for it to write the new pair (or give up its lease).
      if (now() > deadline)
        throw new AppError('PROCORE_UNAVAILABLE', 'Another server is refreshing the Procore sign-in and has not finished. Try again shortly.');
      await sleep(POLL_MS);
    }
  }

  async function refreshHoldingLease(companyId: string, leaseId: string, staleToken: string | null): Promise<HeldCandidate> {
    const release = () =>
      db.prisma.procoreConnection.updateMany({ where: { companyId, refreshLeaseId: leaseId }, data: { refreshLeaseId: null, refreshLeaseUntil: null } });
    let row: ConnectionRow;
    try {
      row = await load(companyId);
    } catch (error) {
      await release();
      throw error;
    }
    // Re-check under the lease: the previous holder may have finished between our read and our claim.
    const current = row.accessTokenEnc ? readAccessToken(settings, companyId, row.accessTokenEnc) : null;
    if (current && isFresh(row) && (staleToken === null || current !== staleToken)) {
      await release();
      return { token: current, expiresAt: row.accessTokenExpiresAt };
    }
    const env = environmentSettings(settings, row.environment);
    let tokens: TokenSet;
    try {
      if (row.grantType === 'client_credentials') {
        // Service accounts have no refresh token: a new client-credentials grant is the refresh.
        tokens = await requestClientCredentialsToken({
          loginBaseUrl: env.loginBaseUrl,
          clientId: env.clientId,
          clientSecret: env.clientSecret,
          fetch: options.fetch,
          timeoutMs: settings.tokenTimeoutMs,
        });
      } else {
        if (!row.refreshTokenEnc) {
          await markNeedsSignIn(companyId, leaseId, 'No Procore refresh token is stored for this company. An admin must sign in to Procore again.', null);
          throw new AppError('PROCORE_SIGN_IN_REQUIRED');
        }
        tokens = await refreshAccessToken({
          loginBaseUrl: env.loginBaseUrl,
          clientId: env.clientId,
          clientSecret: env.clientSecret,
          refreshToken: readRefreshToken(settings, companyId, row.refreshTokenEnc),
          fetch: options.fetch,
          timeoutMs: settings.tokenTimeoutMs,
        });
      }
    } catch (error) {
      if (error instanceof ProcoreOAuthError && error.isDeadGrant) {
        const message =
          row.grantType === 'client_credentials'
            ? `Procore refused the service account's client credentials (${error.error}). Check the app's client id and secret, and that the app is installed in this Procore company.`
            : `Procore refused the saved sign-in (${error.error}): it was revoked, expired, or used elsewhere. An admin must sign in to Procore again from the Connection screen.`;
        await markNeedsSignIn(companyId, leaseId, message, { status: error.status, error: error.error, description: error.description });
        throw new AppError('PROCORE_SIGN_IN_REQUIRED', message, { procoreStatus: error.status, procoreError: error.error });
      }
      await release();
      if (error instanceof AppError) throw error;
      options.logger?.warn({ companyId, err: describe(error) }, 'Procore token refresh failed; will retry on the next call');
      throw new AppError('PROCORE_UNAVAILABLE', 'Procore did not answer the token refresh. The work is kept and will be retried.', {
        procoreStatus: error instanceof ProcoreOAuthError ? error.status : null,
      });
    }
    const written = await db.prisma.procoreConnection.updateMany({
      where: { companyId, refreshLeaseId: leaseId },
      data: { ...encryptTokenColumns(settings, companyId, tokens), lastRefreshedAt: new Date(now()), refreshLeaseId: null, refreshLeaseUntil: null },
    });
    if (written.count !== 1) {
      // Our lease expired while Procore was answering (longer than refreshLeaseMs). Still store the new
      // pair: ours is the newest, since Procore killed the refresh token we used.
      await db.prisma.procoreConnection.updateMany({
        where: { companyId, status: 'connected' },
        data: { ...encryptTokenColumns(settings, companyId, tokens), lastRefreshedAt: new Date(now()) },
      });
      options.logger?.warn({ companyId }, 'Procore token refresh outlived its lease; stored the new tokens anyway');
    }
    return { token: tokens.accessToken, expiresAt: tokens.expiresAt };
  }

  async function markNeedsSignIn(companyId: string, leaseId: string, message: string, procore: Record<string, unknown> | null) {
    await db.prisma.procoreConnection.updateMany({
      where: { companyId, refreshLeaseId: leaseId },
      data: {
        status: 'needs_sign_in',
        statusMessage: message,
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        refreshLeaseId: null,
        refreshLeaseUntil: null,
      },
    });
    // After the write: a read that raced it either started before (its generation is now stale, so it holds
    // nothing) or sees needs_sign_in.
    forget(companyId);
    await writeAudit(db.prisma, {
      companyId,
      actor: 'system',
      action: 'procore.sign-in-required',
      outcome: 'error',
      direction: 'internal',
      detail: { message, procore } as never,
    });
    options.logger?.warn({ companyId, procore }, 'Procore refresh refused: connection needs sign-in');
  }

  function singleFlight(companyId: string, staleToken: string | null): Promise<string> {
    const existing = inFlight.get(companyId);
    if (existing) return existing;
    const generation = generationOf(companyId);
    const promise = refreshOnce(companyId, staleToken)
      .then((fresh) => {
        hold(companyId, generation, fresh.token, fresh.expiresAt);
        return fresh.token;
      })
      .finally(() => inFlight.delete(companyId));
    inFlight.set(companyId, promise);
    return promise;
  }

  return {
    getAccessToken(companyId) {
      const current = held.get(companyId);
      if (current && now() < current.until) return Promise.resolve(current.token);
      const pending = reading.get(companyId);
      if (pending) return pending;
      const generation = generationOf(companyId);
      const read = (async () => {
        const row = await load(companyId);
        if (!isFresh(row)) return singleFlight(companyId, null);
        const token = readAccessToken(settings, companyId, row.accessTokenEnc!);
        hold(companyId, generation, token, row.accessTokenExpiresAt);
        return token;
      })().finally(() => {
        if (reading.get(companyId) === read) reading.delete(companyId);
      });
      reading.set(companyId, read);
      return read;
    },
    refreshAfterUnauthorized(companyId, staleToken) {
      // Procore refused the held token: never hand it out again; the refresh below holds its successor.
      if (held.get(companyId)?.token === staleToken) held.delete(companyId);
      return singleFlight(companyId, staleToken);
    },
    forget,
  };
}

function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
