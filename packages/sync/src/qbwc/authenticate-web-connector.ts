import type { Database, Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import type { QbwcServiceConfig } from './qbwc-config.ts';
import { dummyPasswordHash, verifyPassword } from './hash-password.ts';
import type { HashBudget } from './limit-hash-work.ts';
import type { VerifiedPasswordCache } from './verified-password-cache.ts';
import { clearSignInFailures, readSignInBlock, recordSignInFailure } from './throttle-sign-ins.ts';
import { takeOverQuietSessions, type TakenOverSession } from './expire-idle-sessions.ts';
import { hashTicket, newTicket } from './ticket.ts';
import { countOpenWork } from './count-open-work.ts';

/** Why a sign-in was answered "nvu", for the log line only (QBWC is told nothing more than "invalid user"). */
export type RefusalReason = 'wrong_credentials' | 'paused' | 'hash_budget' | 'too_long';

/** How a right password was recognised (for the log line): hashed with scrypt, or remembered from an earlier sign-in. */
export type PasswordCheck = 'scrypt' | 'remembered';

export type AuthenticateOutcome =
  | { outcome: 'nvu'; ticket: string; reason: RefusalReason; retryAt?: Date }
  | { outcome: 'none'; ticket: string; companyId: string; passwordCheck?: PasswordCheck }
  | { outcome: 'busy'; ticket: string; companyId: string; postponeSeconds: number; passwordCheck?: PasswordCheck }
  | { outcome: 'companyFile'; ticket: string; companyId: string; companyFile: string; passwordCheck?: PasswordCheck };

// Usernames are 3–64 characters (setQbwcCredentials) and passwords 24 (generatePassword): anything much longer
// is not a Web Connector, and a 1 MB username overflowed the throttle table's index (hostile input, item 4).
export const MAX_USERNAME_CHARS = 64;
export const MAX_PASSWORD_CHARS = 1024;

export interface AuthenticateInput {
  username: string;
  password: string;
  clientVersion?: string | undefined;
  /** The caller's address (request.ip): failures are throttled per (username, source). */
  source?: string | undefined;
}

/**
 * QBWC authenticate (QBWC guide ch. 10): checks the credentials in constant time, throttles failures per
 * (username, source address) with a doubling delay instead of a lock (hostile input: a lock let anyone lock a
 * company out), bounds the scrypt work one source can cause (hashBudget), and opens a session only when the
 * company has work and no other running session. A paused pair or an empty budget is answered "nvu" without
 * hashing. A live session quiet for config.sessionTakeoverMs is taken over first (takeOverQuietSessions): QBWC
 * would not authenticate again while its own update were still running.
 */
export async function authenticateWebConnector(
  db: Database,
  config: QbwcServiceConfig,
  input: AuthenticateInput,
  now = new Date(),
  hashBudget?: HashBudget,
  verifiedPasswords?: VerifiedPasswordCache,
): Promise<AuthenticateOutcome> {
  const username = input.username.trim();
  const source = input.source ?? 'unknown';
  if (!username || username.length > MAX_USERNAME_CHARS || input.password.length > MAX_PASSWORD_CHARS) {
    return { outcome: 'nvu', ticket: newTicket(), reason: 'too_long' };
  }
  const pausedUntil = await readSignInBlock(db, username, source, now);
  if (pausedUntil) return { outcome: 'nvu', ticket: newTicket(), reason: 'paused', retryAt: pausedUntil };
  // Taken before the username is looked up, so known and unknown usernames cost the same (no probing by timing).
  if (hashBudget && !hashBudget.take(source)) return { outcome: 'nvu', ticket: newTicket(), reason: 'hash_budget' };

  const connection = await db.prisma.qbwcConnection.findUnique({ where: { username } });
  // The same password verified against this stored hash a few minutes ago is not hashed again (the Web Connector signs
  // in on every run; verified-password-cache.ts): only the right password can match, so a wrong one still pays scrypt.
  const remembered = connection !== null && verifiedPasswords?.matches(connection.passwordHash, input.password, now.getTime()) === true;
  const valid = remembered || (await verifyPassword(input.password, connection?.passwordHash ?? (await dummyPasswordHash())));
  if (connection && valid && !remembered) verifiedPasswords?.remember(connection.passwordHash, input.password, now.getTime());
  if (!connection || !valid) {
    const { failures, blockedUntil } = await recordSignInFailure(db, config.throttle, username, source, now);
    const paused = blockedUntil > now;
    if (connection) {
      await writeAudit(db.prisma, {
        companyId: connection.companyId,
        actor: 'qbwc',
        action: 'qbwc.sign_in_failed',
        outcome: 'error',
        detail: { username, source, failures, ...(paused ? { blockedUntil: blockedUntil.toISOString() } : {}) },
      });
    }
    return { outcome: 'nvu', ticket: newTicket(), reason: 'wrong_credentials', ...(paused ? { retryAt: blockedUntil } : {}) };
  }
  hashBudget?.refund(source);
  await clearSignInFailures(db, username, source);

  const companyId = connection.companyId;
  const ticket = newTicket();
  const passwordCheck: PasswordCheck = remembered ? 'remembered' : 'scrypt';
  const decided = await db.prisma.$transaction(
    async (tx) => {
      // Serialise sign-ins of one company across server instances: the connection row is the lock.
      // The company's edition comes with the lock (no extra statement): an Online company's requests are delivered by
      // the qbo.deliver job, and a Web Connector still installed for it must not take them into the Desktop file.
      const [locked] = await tx.$queryRaw<Array<{ accounting_edition: string }>>`
        SELECT c.accounting_edition FROM qbwc_connections q JOIN companies c ON c.id = q.company_id
         WHERE q.id = ${connection.id}::uuid FOR UPDATE OF q`;
      if (locked?.accounting_edition === 'online') {
        // Audited once a day, not on every poll (QBWC may poll every minute): enough to show on the Activity screen
        // that a Web Connector is still installed for a company that left QuickBooks Desktop.
        const last = connection.lastContactAt;
        if (!last || now.getTime() - last.getTime() >= ONLINE_COMPANY_AUDIT_EVERY_MS) {
          await writeAudit(tx, {
            companyId,
            actor: 'qbwc',
            action: 'qbwc.online_company',
            outcome: 'info',
            detail: { username, message: 'The company is on QuickBooks Online: the Web Connector has nothing to do. Remove this app from the Web Connector.' },
          });
        }
        await tx.qbwcConnection.update({ where: { id: connection.id }, data: { lastContactAt: now } });
        return { outcome: 'none' as const, ticket, companyId };
      }
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
        detail: {
          openWork: work.total,
          clientVersion: input.clientVersion ?? null,
          ...(takenOver.length ? { tookOver: takenOver.map((old) => old.sessionId) } : {}),
        },
      });
      await auditTakeovers(session.id);
      // The remembered company file path lets QBWC open the right file itself; '' = the open one.
      return { outcome: 'companyFile' as const, ticket, companyId, companyFile: connection.boundCompanyFile ?? '' };
    },
    { timeout: 30_000 },
  );
  return { ...decided, passwordCheck };
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

/** How often a Web Connector still polling a QuickBooks Online company is put in the audit trail. */
const ONLINE_COMPANY_AUDIT_EVERY_MS = 24 * 3_600_000;
