import type { Database, Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import type { QbwcServiceConfig } from './qbwc-config.ts';
import { dummyPasswordHash, verifyPassword } from './hash-password.ts';
import { takeOverQuietSessions, type TakenOverSession } from './expire-idle-sessions.ts';
import { hashTicket, newTicket } from './ticket.ts';
import { countOpenWork } from './count-open-work.ts';

export type AuthenticateOutcome =
  | { outcome: 'nvu'; ticket: string }
  | { outcome: 'none'; ticket: string; companyId: string }
  | { outcome: 'busy'; ticket: string; companyId: string; postponeSeconds: number }
  | { outcome: 'companyFile'; ticket: string; companyId: string; companyFile: string };

/**
 * QBWC authenticate (QBWC guide ch. 10): checks the credentials in constant time, throttles repeated
 * failures per username, and opens a session only when the company has work and no other running session.
 * A live session quiet for config.sessionTakeoverMs is taken over first (takeOverQuietSessions): QBWC
 * would not authenticate again while its own update were still running.
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
      const { takenOver, running } = await takeOverQuietSessions(tx, companyId, config.sessionTakeoverMs, now);
      await tx.qbwcConnection.update({
        where: { id: connection.id },
        data: { lastContactAt: now, ...(input.clientVersion ? { qbwcClientVersion: input.clientVersion } : {}) },
      });
      const auditTakeovers = async (takenOverBy: string | null) => {
        for (const old of takenOver) await auditTakeover(tx, companyId, old, takenOverBy, username, input.clientVersion, config);
      };
      if (running) {
        await auditTakeovers(null);
        // Postpone (authRet[2], guide p.63 example 4) no longer than until that session could be taken
        // over: if it is dead, the retry gets the company; if it is alive, it answers busy again.
        // (Capped at the takeover time itself: a concurrent call can have stamped a moment after our `now`.)
        const untilTakeover = Math.max(1, Math.ceil(Math.min(running.takeoverAt.getTime() - now.getTime(), config.sessionTakeoverMs) / 1000));
        const postponeSeconds = Math.min(config.busyPostponeSeconds, untilTakeover);
        await writeAudit(tx, {
          companyId,
          actor: 'qbwc',
          action: 'qbwc.busy',
          detail: { liveSessionId: running.sessionId, takeoverAt: running.takeoverAt.toISOString(), postponeSeconds },
        });
        return { outcome: 'busy' as const, ticket, companyId, postponeSeconds };
      }
      const work = await countOpenWork(tx, companyId, null);
      if (work.total === 0) {
        await auditTakeovers(null);
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
        detail: { openWork: work.total, clientVersion: input.clientVersion ?? null, ...(takenOver.length ? { tookOver: takenOver.map((old) => old.sessionId) } : {}) },
      });
      await auditTakeovers(session.id);
      // The remembered company file path lets QBWC open the right file itself; '' = the open one.
      return { outcome: 'companyFile' as const, ticket, companyId, companyFile: connection.boundCompanyFile ?? '' };
    },
    { timeout: 30_000 },
  );
}

/** The audit of a takeover: who (this username, via QBWC), which session, which of its messages became lost or were re-queued. */
async function auditTakeover(
  tx: Prisma.TransactionClient,
  companyId: string,
  old: TakenOverSession,
  takenOverBy: string | null,
  username: string,
  clientVersion: string | undefined,
  config: QbwcServiceConfig,
) {
  await writeAudit(tx, {
    companyId,
    actor: 'qbwc',
    action: 'qbwc.session_taken_over',
    outcome: 'info',
    subjectType: 'qbwc_session',
    subjectId: old.sessionId,
    detail: {
      username,
      clientVersion: clientVersion ?? null,
      takenOverBy,
      lastCallAt: old.lastActivityAt.toISOString(),
      quietSeconds: old.quietSeconds,
      takeoverAfterSeconds: Math.round(config.sessionTakeoverMs / 1000),
      lostMessages: old.lostMessages,
      requeuedMessages: old.requeuedMessages,
      abandonedRecoveries: old.abandonedRecoveries,
    },
  });
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
