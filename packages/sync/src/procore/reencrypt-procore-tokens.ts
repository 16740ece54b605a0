import type { Database } from '@connector/db';
import type { ProcoreSettings } from './procore-settings.ts';
import { readAccessToken, readRefreshToken } from './procore-token-store.ts';
import { encryptSecret, keyIdOf } from './token-cipher.ts';

/**
 * After a key rotation (a new key first in TOKEN_ENCRYPTION_KEYS, the old one still listed), rewrites
 * every stored token under the current key so the old key can be retired. Each row is updated only if
 * it still holds what was read (a refresh in between wins), so running it on a live system is safe.
 */
export async function reencryptProcoreTokens(db: Database, settings: ProcoreSettings): Promise<{ rewritten: number; current: number }> {
  const rows = await db.prisma.procoreConnection.findMany({
    where: { OR: [{ accessTokenEnc: { not: null } }, { refreshTokenEnc: { not: null } }] },
    select: { companyId: true, accessTokenEnc: true, refreshTokenEnc: true },
  });
  let rewritten = 0;
  let current = 0;
  const target = settings.keyRing.currentKeyId;
  for (const row of rows) {
    const stale = [row.accessTokenEnc, row.refreshTokenEnc].some((v) => v !== null && keyIdOf(v) !== target);
    if (!stale) {
      current++;
      continue;
    }
    const access = row.accessTokenEnc
      ? encryptSecret(settings.keyRing, readAccessToken(settings, row.companyId, row.accessTokenEnc), `procore:${row.companyId}:access`)
      : null;
    const refresh = row.refreshTokenEnc
      ? encryptSecret(settings.keyRing, readRefreshToken(settings, row.companyId, row.refreshTokenEnc), `procore:${row.companyId}:refresh`)
      : null;
    const result = await db.prisma.procoreConnection.updateMany({
      where: { companyId: row.companyId, accessTokenEnc: row.accessTokenEnc, refreshTokenEnc: row.refreshTokenEnc },
      data: { accessTokenEnc: access, refreshTokenEnc: refresh },
    });
    rewritten += result.count;
  }
  return { rewritten, current };
}
