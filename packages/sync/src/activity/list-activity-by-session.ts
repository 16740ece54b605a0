import { ACTIVITY_RECORD_TYPES, type ActivityRecordType } from '@connector/contract';
import { Prisma, type Database } from '@connector/db';
import { describeEntries, activityWhere, type ActivityFilters, type ActivityItem } from './list-activity.ts';

/** One Web Connector session as one Activity row: its per-message entries (that match the filters) folded in. */
export interface ActivitySessionItem {
  kind: 'session';
  sessionId: string;
  /** The latest of its matching entries (the row's place in the list). */
  at: string;
  startedAt: string;
  closedAt: string | null;
  durationSeconds: number | null;
  state: string;
  messages: number;
  requestsDone: number;
  requestsFailed: number;
  result: string;
  outcome: 'ok' | 'error' | 'info';
  entries: ActivityItem[];
}

export type ActivityRow = ActivityItem | ActivitySessionItem;

/**
 * The Activity list with the Web Connector's chatter grouped per session: entries about a session or one of its messages
 * become one row per session (placed at its latest matching entry), every other entry stays a row. Paging counts rows, so
 * a page is always `limit` rows; a session is listed when any of its entries matches the filters (and shows those).
 */
export async function listActivityBySession(
  db: Database,
  input: ActivityFilters & { limit: number; offset: number },
): Promise<{ total: number; items: ActivityRow[] }> {
  activityWhere(input); // the same validation of the filters as the plain list ("from" after "to", bad dates)
  const where = sqlWhere(input);
  const grouped = Prisma.sql`
    WITH matched AS (
      SELECT a.id, a.at,
        CASE WHEN a.subject_type = 'qbwc_session' THEN a.subject_id
             WHEN a.subject_type = 'qbwc_message' THEN m.session_id::text END AS session_key
      FROM audit_entries a
      LEFT JOIN qbwc_messages m ON a.subject_type = 'qbwc_message' AND m.company_id = a.company_id AND m.id::text = a.subject_id
      WHERE ${where}
    )
    SELECT COALESCE(session_key, id::text) AS key, (session_key IS NOT NULL) AS is_session, max(at) AS last_at
    FROM matched GROUP BY COALESCE(session_key, id::text), (session_key IS NOT NULL)`;
  const [page, counted] = await Promise.all([
    db.prisma.$queryRaw<Array<{ key: string; is_session: boolean; last_at: Date }>>`
      SELECT key, is_session, last_at FROM (${grouped}) g ORDER BY last_at DESC, key DESC LIMIT ${input.limit} OFFSET ${input.offset}`,
    db.prisma.$queryRaw<Array<{ total: bigint | number }>>`SELECT count(*) AS total FROM (${grouped}) g`,
  ]);
  const entryIds = page.filter((r) => !r.is_session).map((r) => r.key);
  const sessionIds = page.filter((r) => r.is_session).map((r) => r.key);
  const [entryRows, sessions, messages] = await Promise.all([
    entryIds.length ? db.prisma.auditEntry.findMany({ where: { companyId: input.companyId, id: { in: entryIds } } }) : [],
    sessionIds.length ? db.prisma.qbwcSession.findMany({ where: { companyId: input.companyId, id: { in: sessionIds } } }) : [],
    sessionIds.length
      ? db.prisma.qbwcMessage.findMany({ where: { companyId: input.companyId, sessionId: { in: sessionIds } }, select: { id: true, sessionId: true } })
      : [],
  ]);
  const messageSession = new Map(messages.map((m) => [m.id, m.sessionId]));
  const chatter = sessionIds.length
    ? await db.prisma.auditEntry.findMany({
        where: {
          AND: [
            activityWhere(input),
            {
              OR: [
                { subjectType: 'qbwc_session', subjectId: { in: sessionIds } },
                { subjectType: 'qbwc_message', subjectId: { in: [...messageSession.keys()] } },
              ],
            },
          ],
        },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })
    : [];
  const described = new Map((await describeEntries(db, [...entryRows, ...chatter])).map((e) => [e.id, e]));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const items: ActivityRow[] = [];
  for (const row of page) {
    if (!row.is_session) {
      const entry = described.get(row.key);
      if (entry) items.push(entry);
      continue;
    }
    const session = sessionById.get(row.key);
    const entries = chatter
      .filter((e) => (e.subjectType === 'qbwc_session' ? e.subjectId : messageSession.get(e.subjectId ?? '')) === row.key)
      .map((e) => described.get(e.id)!);
    if (!session) {
      // The session row is gone (a company's sessions can be purged): its entries stay rows of their own.
      items.push(...entries.reverse());
      continue;
    }
    const ended = session.closedAt ?? (session.state === 'authenticated' || session.state === 'exchanging' ? null : session.lastActivityAt);
    items.push({
      kind: 'session',
      sessionId: session.id,
      at: row.last_at.toISOString(),
      startedAt: session.startedAt.toISOString(),
      closedAt: ended?.toISOString() ?? null,
      durationSeconds: ended ? Math.max(0, Math.round((ended.getTime() - session.startedAt.getTime()) / 1000)) : null,
      state: session.state,
      messages: messages.filter((m) => m.sessionId === session.id).length,
      requestsDone: session.requestsDone,
      requestsFailed: session.requestsFailed,
      result: session.summary ?? session.lastError ?? session.state,
      outcome: session.state === 'failed' || session.requestsFailed > 0 ? 'error' : session.state === 'closed' ? 'ok' : 'info',
      entries,
    });
  }
  return { total: Number(counted[0]?.total ?? 0), items };
}

/** activityWhere (list-activity.ts) as SQL over audit_entries a: the same filters, for the grouping query. */
function sqlWhere(input: ActivityFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`a.company_id = ${input.companyId}::uuid`];
  const prisma = activityWhere(input);
  const recordType: ActivityRecordType | undefined = input.recordType ? ACTIVITY_RECORD_TYPES[input.recordType] : undefined;
  if (recordType) {
    const alternatives = [
      ...recordType.subjectTypes.map((t) => Prisma.sql`lower(a.subject_type) = lower(${t})`),
      ...(recordType.actionPrefixes ?? []).map((p) => Prisma.sql`starts_with(a.action, ${p})`),
    ];
    parts.push(Prisma.sql`(${Prisma.join(alternatives, ' OR ')})`);
  }
  if (input.subjectType) parts.push(Prisma.sql`a.subject_type = ${input.subjectType}`);
  if (input.subjectId) parts.push(Prisma.sql`a.subject_id = ${input.subjectId}`);
  if (input.actor) parts.push(Prisma.sql`a.actor = ${input.actor}`);
  if (input.direction) parts.push(Prisma.sql`a.direction = ${input.direction}`);
  if (input.outcome) parts.push(Prisma.sql`a.outcome = ${input.outcome}`);
  const at = prisma.at as { gte?: Date; lte?: Date } | undefined;
  if (at?.gte) parts.push(Prisma.sql`a.at >= ${at.gte}`);
  if (at?.lte) parts.push(Prisma.sql`a.at <= ${at.lte}`);
  return Prisma.join(parts, ' AND ');
}
