import type { Database } from '@connector/db';
import { revokeToken } from '@connector/qbo';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import type { QboSettings } from './qbo-settings.ts';
import { readQboAccessToken, readQboRefreshToken } from './qbo-token-store.ts';

/**
 * Disconnects the company from QuickBooks Online: revokes at Intuit ("Revoking the refresh token ends the
 * connection to the company", packages/qbo revoke-token.ts; intuit/oauth-jsclient revoke()), then forgets the
 * tokens. The refresh token is revoked first (it ends the whole grant); the access token only when that failed.
 * A revoke Intuit does not confirm is recorded, not fatal: the stored tokens are gone either way.
 */
export async function disconnectQbo(db: Database, settings: QboSettings | null, input: { companyId: string; actor: string; fetch?: typeof fetch | undefined }) {
  const connection = await db.prisma.qboConnection.findUnique({ where: { companyId: input.companyId } });
  if (!connection || connection.status === 'disconnected') throw new AppError('QBO_NOT_CONNECTED');
  const revoked: string[] = [];
  const failed: string[] = [];
  if (connection.refreshTokenEnc || connection.accessTokenEnc) {
    if (!settings) throw new AppError('QBO_NOT_CONFIGURED');
    const candidates: Array<[string, string]> = [];
    if (connection.refreshTokenEnc) candidates.push(['refresh', readQboRefreshToken(settings.keyRing, input.companyId, connection.refreshTokenEnc)]);
    if (connection.accessTokenEnc) candidates.push(['access', readQboAccessToken(settings.keyRing, input.companyId, connection.accessTokenEnc)]);
    for (const [kind, token] of candidates) {
      try {
        await revokeToken({
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          token,
          revokeUrl: settings.oauth.revokeUrl,
          fetch: input.fetch,
          timeoutMs: settings.tokenTimeoutMs,
        });
        revoked.push(kind);
        break;
      } catch {
        failed.push(kind);
      }
    }
  }
  await db.prisma.$transaction(async (tx) => {
    await tx.qboConnection.update({
      where: { companyId: input.companyId },
      data: {
        status: 'disconnected',
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        refreshLeaseId: null,
        refreshLeaseUntil: null,
        lastErrorCode: null,
        lastErrorMessage: null,
      },
    });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: 'qbo.disconnected',
      outcome: failed.length > 0 && revoked.length === 0 ? 'error' : 'ok',
      detail: { realmId: connection.realmId, revoked, revokeFailed: failed },
    });
  });
  return { revoked, revokeFailed: failed };
}
