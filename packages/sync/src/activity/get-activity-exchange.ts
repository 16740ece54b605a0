import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';

/** What QuickBooks' answer to a message left in the audit trail (the answer itself is applied, not kept, unless it did not match). */
export interface ActivityExchangeAnswer {
  at: string;
  action: string;
  outcome: string;
  /** The start of the answer's qbXML, kept when it did not fit what was sent (receive-response-xml.ts); else null. */
  excerpt: string | null;
  truncated: boolean;
  /** The rest of what the trail holds about the answer (counts, HRESULT and message, …), without the excerpt. */
  detail: unknown;
}

export interface ActivityExchange {
  entryId: string;
  /** The Web Connector message the entry is about, or null when the entry did not go through one. */
  messageId: string | null;
  status: string | null;
  sentAt: string | null;
  answeredAt: string | null;
  /** The qbXML handed to the Web Connector (qbwc_messages.request_xml). */
  requestXml: string | null;
  answers: ActivityExchangeAnswer[];
}

const ANSWER_ACTIONS = ['qbwc.response_received', 'qbwc.response_error', 'qbwc.response_unreadable', 'qbwc.response_mismatch', 'qbwc.recovery_answered'];

/**
 * What was sent to QuickBooks and what came back for one Activity entry: the entry's Web Connector message (the entry's
 * own for qbwc_message entries, the latest message that carried the request for queued_request entries), its qbXML, and
 * what the trail kept of the answers. Every read is scoped by company. qbXML carries no password or ticket (those are
 * SOAP arguments of authenticate, never part of a message), so nothing here is a secret.
 */
export async function getActivityExchange(db: Database, input: { companyId: string; entryId: string }): Promise<ActivityExchange> {
  const { companyId, entryId } = input;
  const entry = await db.prisma.auditEntry.findFirst({ where: { id: entryId, companyId }, select: { id: true, subjectType: true, subjectId: true } });
  if (!entry) throw new AppError('NOT_FOUND', 'That activity entry was not found in this company.', { entryId });
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const subjectId = entry.subjectId && uuid.test(entry.subjectId) ? entry.subjectId : null;
  const message =
    subjectId && entry.subjectType === 'qbwc_message'
      ? await db.prisma.qbwcMessage.findFirst({ where: { id: subjectId, companyId } })
      : subjectId && entry.subjectType === 'queued_request'
        ? await db.prisma.qbwcMessage.findFirst({ where: { companyId, requestIds: { has: subjectId } }, orderBy: [{ sentAt: 'desc' }, { id: 'desc' }] })
        : null;
  if (!message) return { entryId, messageId: null, status: null, sentAt: null, answeredAt: null, requestXml: null, answers: [] };
  const rows = await db.prisma.auditEntry.findMany({
    where: { companyId, subjectType: 'qbwc_message', subjectId: message.id, action: { in: ANSWER_ACTIONS } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  return {
    entryId,
    messageId: message.id,
    status: message.status,
    sentAt: message.sentAt.toISOString(),
    answeredAt: message.answeredAt?.toISOString() ?? null,
    requestXml: message.requestXml,
    answers: rows.map((row) => {
      const detail = row.detail && typeof row.detail === 'object' && !Array.isArray(row.detail) ? { ...(row.detail as Record<string, unknown>) } : {};
      const excerpt = typeof detail.response === 'string' ? detail.response : null;
      delete detail.response;
      return { at: row.at.toISOString(), action: row.action, outcome: row.outcome, excerpt, truncated: detail.truncated === true, detail };
    }),
  };
}
