import type { Database, Prisma } from '@connector/db';
import { SESSION_POLICY } from './session-policy.ts';
import { deriveCsrfToken, encodeSessionCookie, newSecret, sha256Hex } from './session-secrets.ts';

export interface NewWebSession {
  sessionId: string;
  /** Value of the qbc_session cookie; shown to nobody else and never stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  /** One-time code the sign-in popup hands to the iframe (see exchangeSignInHandoff); null when not asked for. */
  handoff: string | null;
}

type SessionWriter = Pick<Prisma.TransactionClient, 'webSession'>;

/**
 * A new browser session for a signed-in user: fresh secrets (so a sign-in never keeps an id someone
 * could have planted: session fixation), 8 hours at most, 30 minutes idle.
 */
export async function createWebSession(db: Database | SessionWriter, input: { userId: string; now: Date; withHandoff?: boolean }): Promise<NewWebSession> {
  const client: SessionWriter = 'prisma' in db ? db.prisma : db;
  const sessionSecret = newSecret();
  const csrfKey = newSecret();
  const handoff = input.withHandoff ? newSecret() : null;
  const expiresAt = new Date(input.now.getTime() + SESSION_POLICY.absoluteMs);
  const row = await client.webSession.create({
    data: {
      userId: input.userId,
      idHash: sha256Hex(sessionSecret),
      csrfKeyHash: sha256Hex(csrfKey),
      handoffHash: handoff ? sha256Hex(handoff) : null,
      handoffExpiresAt: handoff ? new Date(input.now.getTime() + SESSION_POLICY.handoffTtlMs) : null,
      createdAt: input.now,
      lastSeenAt: input.now,
      rotatedAt: input.now,
      expiresAt,
    },
  });
  return { sessionId: row.id, cookieValue: encodeSessionCookie(sessionSecret, csrfKey), csrfToken: deriveCsrfToken(csrfKey), expiresAt, handoff };
}
