import type { Database } from '@connector/db';
import { decodeSessionCookie, sha256Hex } from './session-secrets.ts';

/** Sign-out: the session of this cookie stops working at once (on every instance). True when one was live. */
export async function revokeWebSession(db: Database, input: { cookieValue: string | undefined; now: Date }): Promise<boolean> {
  const secrets = decodeSessionCookie(input.cookieValue);
  if (!secrets) return false;
  const hash = sha256Hex(secrets.sessionSecret);
  const revoked = await db.prisma.webSession.updateMany({
    where: { OR: [{ idHash: hash }, { previousIdHash: hash }], csrfKeyHash: sha256Hex(secrets.csrfKey), revokedAt: null },
    data: { revokedAt: input.now, handoffHash: null, handoffExpiresAt: null },
  });
  return revoked.count > 0;
}
