import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import type { QbwcServiceConfig } from './qbwc-config.ts';
import { dummyPasswordHash, verifyPassword } from './hash-password.ts';
import { expireIdleSessions } from './expire-idle-sessions.ts';
import { hashTicket, newTicket } from './ticket.ts';
import { countOpenWork } from './count-open-work.ts';

export type AuthenticateOutcome =
  | { outcome: 'nvu'; ticket: string }
  | { outcome: 'none'; ticket: string; companyId: string }
  | { outcome: 'busy'; ticket: string; companyId: string; postponeSeconds: number }
  | { outcome: 'companyFile'; ticket: string; companyId: string; companyFile: string };

/**
 * QBWC authenticate (QBWC guide ch. 10): checks the credentials in constant time, throttles repeated
 * failures per username, and opens a session only when the company has work and no other live session.
 */
export async function authenticateWebConnector(
  db: Database,
  config: QbwcServiceConfig,
  input: { username: string; password: string; clientVersion?: string | undefined },
  now = new Date(),
): Promise<AuthenticateOutcome> {
  const username = input.username.trim();
  const throttle = await db.prisma.authThrottle.findUnique({ where: { username } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    // Locked: answer exactly like a wrong password, without even checking it.
    return { outcome: 'nvu', ticket: newTicket() };
  }

  const connection = username ? await db.prisma.qbwcConnection.findUnique({ where: { username } }) : null;
  const valid = await verifyPassword(input.password, connection?.passwordHash ?? (await dummyPasswordHash()));
  if (!connection || !valid) {
    await recordFailure(db, config, username, now);
    if (connection) {
      await writeAudit(db.prisma, {
        companyId: connection.companyId,
        actor: 'qbwc',
        action: 'qbwc.sign_in_failed',
        outcome: 'error',
        detail: { username },
      });
    }
    return { outcome: 'nvu', ticket: newTicket() };
  }
  if (throttle) await db.prisma.authThrottle.delete({ where: { username } }).catch(() => {});

  const companyId = connection.companyId;
  const ticket = newTicket();
  return db.prisma.$transaction(
    async (tx) => {
      // Serialise sign-ins of one company across server instances: the connection row is the lock.
      await tx.$queryRaw`SELECT id FROM qbwc_connections WHERE id = ${connection.id}::uuid FOR UPDATE`;
      await expireIdleSessions(tx, companyId, config.sessionIdleTimeoutMs, now);
      await tx.qbwcConnection.update({
        where: { id: connection.id },
        data: { lastContactAt: now, ...(input.clientVersion ? { qbwcClientVersion: input.clientVersion } : {}) },
      });
      const live = await tx.qbwcSession.findFirst({
        where: { companyId, state: { in: ['authenticated', 'exchanging'] } },
        orderBy: { lastActivityAt: 'desc' },
      });
      if (live) {
        await writeAudit(tx, { companyId, actor: 'qbwc', action: 'qbwc.busy', detail: { liveSessionId: live.id } });
        return { outcome: 'busy' as const, ticket, companyId, postponeSeconds: config.busyPostponeSeconds };
      }
      const work = await countOpenWork(tx, companyId, null);
      if (work.total === 0) {
        return { outcome: 'none' as const, ticket, companyId };
      }
      const session = await tx.qbwcSession.create({
        data: {
          companyId,
          ticketHash: hashTicket(ticket),
          state: 'authenticated',
          workTotal: work.total,
          qbwcClientVersion: input.clientVersion ?? null,
          startedAt: now,
          lastActivityAt: now,
        },
      });
      await writeAudit(tx, {
        companyId,
        actor: 'qbwc',
        action: 'qbwc.session_started',
        outcome: 'ok',
        subjectType: 'qbwc_session',
        subjectId: session.id,
        detail: { openWork: work.total, clientVersion: input.clientVersion ?? null },
      });
      // The remembered company file path lets QBWC open the right file itself; '' = the open one.
      return { outcome: 'companyFile' as const, ticket, companyId, companyFile: connection.boundCompanyFile ?? '' };
    },
    { timeout: 30_000 },
  );
}

async function recordFailure(db: Database, config: QbwcServiceConfig, username: string, now: Date) {
  const { maxFailures, windowMs, lockMs } = config.throttle;
  const current = await db.prisma.authThrottle.findUnique({ where: { username } });
  const windowExpired = !current || now.getTime() - current.windowStartsAt.getTime() > windowMs;
  const failures = windowExpired ? 1 : current.failures + 1;
  const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + lockMs) : null;
  await db.prisma.authThrottle.upsert({
    where: { username },
    create: { username, failures, windowStartsAt: now, lockedUntil },
    update: { failures, lockedUntil, ...(windowExpired ? { windowStartsAt: now } : {}) },
  });
}
