import type { Database } from '@connector/db';
import { revokeToken } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { environmentSettings } from './environment-settings.ts';
import type { ProcoreSettings } from './procore-settings.ts';
import { readAccessToken, readRefreshToken } from './procore-token-store.ts';

/**
 * Disconnects a company from Procore: revokes the tokens at Procore (so they stop working even if a
 * copy exists), then forgets them. A revoke Procore does not confirm is recorded, not fatal: the
 * local tokens are gone either way.
 */
export async function disconnectProcore(db: Database, settings: ProcoreSettings, input: { companyId: string; actor: string; fetch?: typeof fetch }) {
  const connection = await db.prisma.procoreConnection.findUnique({ where: { companyId: input.companyId } });
  if (!connection) throw new AppError('PROCORE_NOT_CONNECTED');
  const revoked: string[] = [];
  const failed: string[] = [];
  if (connection.accessTokenEnc || connection.refreshTokenEnc) {
    const env = environmentSettings(settings, connection.environment);
    const tokens: Array<[string, string]> = [];
    if (connection.refreshTokenEnc) tokens.push(['refresh', readRefreshToken(settings, input.companyId, connection.refreshTokenEnc)]);
    if (connection.accessTokenEnc) tokens.push(['access', readAccessToken(settings, input.companyId, connection.accessTokenEnc)]);
    for (const [kind, token] of tokens) {
      try {
        await revokeToken({
          loginBaseUrl: env.loginBaseUrl,
          clientId: env.clientId,
          clientSecret: env.clientSecret,
          token,
          fetch: input.fetch,
          timeoutMs: settings.tokenTimeoutMs,
        });
        revoked.push(kind);
      } catch {
        failed.push(kind);
      }
    }
  }
  await db.prisma.$transaction(async (tx) => {
    await tx.procoreConnection.update({
      where: { companyId: input.companyId },
      data: {
        status: 'disconnected',
        statusMessage: `Disconnected by ${input.actor}.`,
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        refreshLeaseId: null,
        refreshLeaseUntil: null,
      },
    });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: 'procore.disconnected',
      outcome: failed.length ? 'error' : 'ok',
      detail: { revoked, revokeFailed: failed },
    });
  });
  return { revoked, revokeFailed: failed };
}
