import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@connector/db';
import type { QbwcAnswer, QbwcService } from '@connector/sync';

/**
 * One log line per Web Connector call naming its company and session ("QBWC call": method, companyId, sessionId,
 * durationMs), so a company's sessions can be followed in the logs — the metrics carry no company label. The
 * session is found by the SHA-256 of the call's ticket (the stored form, packages/sync qbwc/ticket.ts: one lookup
 * on a unique index); the ticket itself, a bearer secret, is never logged.
 */
export function logQbwcCalls(service: QbwcService, options: { db: Database; logger: FastifyBaseLogger }): QbwcService {
  // A ticket names one session for good (ticket_hash is unique and never rewritten), so each session is looked up
  // once, not on every call: the look-up was one more SQL statement per call, ~2 per qbXML round trip (issue 19).
  // Bounded: the oldest entry goes first; keyed by the hash, as stored, never by the ticket.
  const sessions = new Map<string, { id: string; companyId: string }>();
  async function sessionOf(ticketHash: string) {
    const known = sessions.get(ticketHash);
    if (known) return known;
    const found = await options.db.prisma.qbwcSession.findUnique({ where: { ticketHash }, select: { id: true, companyId: true } }).catch(() => null);
    if (found) {
      if (sessions.size >= MAX_SESSIONS_KEPT) sessions.delete(sessions.keys().next().value!);
      sessions.set(ticketHash, found);
    }
    return found;
  }
  async function log(method: string, ticket: string | undefined, started: number) {
    const durationMs = Math.round(performance.now() - started);
    const session = ticket && /^[0-9a-f]{32}$/.test(ticket) ? await sessionOf(createHash('sha256').update(ticket).digest('hex')) : null;
    options.logger.info({ qbwcMethod: method, companyId: session?.companyId ?? null, sessionId: session?.id ?? null, durationMs }, 'QBWC call');
  }
  async function observe(method: string, ticketIn: string | undefined, run: () => Promise<QbwcAnswer>): Promise<QbwcAnswer> {
    const started = performance.now();
    const answer = await run();
    // authenticate hands the ticket out: its first element.
    const ticket = answer.method === 'authenticate' ? answer.value[0] : ticketIn;
    await log(method, ticket, started);
    return answer;
  }
  return {
    ...service,
    handle: (call, context) => observe(call.method, 'ticket' in call.params ? String(call.params.ticket) : undefined, () => service.handle(call, context)),
    answerWithoutBody: (method, soapVersion, ticket) => observe(method, ticket, () => service.answerWithoutBody(method, soapVersion, ticket)),
  };
}

const MAX_SESSIONS_KEPT = 1_000;
