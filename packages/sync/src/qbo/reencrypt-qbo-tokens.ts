import type { Database } from '@connector/db';
import { encryptSecret, keyIdOf, type EncryptionKeyRing } from '../procore/token-cipher.ts';
import { readQboAccessToken, readQboRefreshToken } from './qbo-token-store.ts';

/**
 * After a key rotation (a new key first in TOKEN_ENCRYPTION_KEYS, the old one still listed), rewrites every stored
 * QuickBooks Online token under the current key, as reencrypt-procore-tokens.ts does for Procore's, so the old key
 * can be retired. Each row is updated only if it still holds what was read: a refresh in between (which stores a new
 * pair under the current key) wins, so running it on a live system is safe.
 */
export async function reencryptQboTokens(db: Database, keyRing: EncryptionKeyRing): Promise<{ rewritten: number; current: number }> {
  const rows = await db.prisma.qboConnection.findMany({
    where: { OR: [{ accessTokenEnc: { not: null } }, { refreshTokenEnc: { not: null } }] },
    select: { companyId: true, accessTokenEnc: true, refreshTokenEnc: true },
  });
  let rewritten = 0;
  let current = 0;
  for (const row of rows) {
    if ([row.accessTokenEnc, row.refreshTokenEnc].every((v) => v === null || keyIdOf(v) === keyRing.currentKeyId)) {
      current++;
      continue;
    }
    const access = row.accessTokenEnc
      ? encryptSecret(keyRing, readQboAccessToken(keyRing, row.companyId, row.accessTokenEnc), `qbo:${row.companyId}:access`)
      : null;
    const refresh = row.refreshTokenEnc
      ? encryptSecret(keyRing, readQboRefreshToken(keyRing, row.companyId, row.refreshTokenEnc), `qbo:${row.companyId}:refresh`)
      : null;
    const result = await db.prisma.qboConnection.updateMany({
      where: { companyId: row.companyId, accessTokenEnc: row.accessTokenEnc, refreshTokenEnc: row.refreshTokenEnc },
      data: { accessTokenEnc: access, refreshTokenEnc: refresh },
    });
    rewritten += result.count;
  }
  return { rewritten, current };
}
