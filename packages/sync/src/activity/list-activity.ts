import { ACTIVITY_RECORD_TYPES, type ActivityRecordType, type ActivityRecordTypeKey } from '@connector/contract';
import type { Database, Prisma } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { summarizeAuditEntry, SYSTEM_ACTOR_NAMES } from './summarize-audit-entry.ts';

// The filters' lists are the API's (@connector/contract activity-api.ts).
export { ACTIVITY_DIRECTIONS, ACTIVITY_OUTCOMES } from '@connector/contract';
import { ACTIVITY_DIRECTIONS, ACTIVITY_OUTCOMES, type ActivityDirection, type ActivityOutcome } from '@connector/contract';

export interface ActivityFilters {
  companyId: string;
  /** A kind of record as the screen offers it (the shared table of @connector/contract). */
  recordType?: ActivityRecordTypeKey | undefined;
  /** One stored subject type exactly (for callers that know it). */
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** The audit actor as stored: a user id, or qbwc, connector, procore-webhook, … */
  actor?: string | undefined;
  direction?: (typeof ACTIVITY_DIRECTIONS)[number] | undefined;
  outcome?: (typeof ACTIVITY_OUTCOMES)[number] | undefined;
  /** ISO date or date-time; inclusive. A date alone for "to" means the whole day. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface ActivityItem {
  id: string;
  at: string;
  actor: string;
  actorName: string;
  action: string;
  direction: ActivityDirection;
  outcome: ActivityOutcome;
  subjectType: string | null;
  subjectId: string | null;
  summary: string;
  detail: unknown;
}

/** The Activity screen ("View Log"): the company's audit trail, newest first, filtered on the server. */
export async function listActivity(
  db: Database,
  input: ActivityFilters & { limit: number; offset: number },
): Promise<{ total: number; items: ActivityItem[] }> {
  const where = activityWhere(input);
  const [rows, total] = await Promise.all([
    db.prisma.auditEntry.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: input.limit, skip: input.offset }),
    db.prisma.auditEntry.count({ where }),
  ]);
  return { total, items: await describeEntries(db, rows) };
}

export function activityWhere(input: ActivityFilters): Prisma.AuditEntryWhereInput {
  const at: { gte?: Date; lte?: Date } = {};
  if (input.from) at.gte = parseInstant(input.from, 'from', 'start');
  if (input.to) at.lte = parseInstant(input.to, 'to', 'end');
  if (at.gte && at.lte && at.gte > at.lte) throw new AppError('VALIDATION', '"from" is after "to".');
  const recordType: ActivityRecordType | undefined = input.recordType ? ACTIVITY_RECORD_TYPES[input.recordType] : undefined;
  return {
    companyId: input.companyId,
    ...(recordType
      ? {
          OR: [
            ...recordType.subjectTypes.map((t) => ({ subjectType: { equals: t, mode: 'insensitive' as const } })),
            ...(recordType.actionPrefixes ?? []).map((p) => ({ action: { startsWith: p } })),
          ],
        }
      : {}),
    ...(input.subjectType ? { subjectType: input.subjectType } : {}),
    ...(input.subjectId ? { subjectId: input.subjectId } : {}),
    ...(input.actor ? { actor: input.actor } : {}),
    ...(input.direction ? { direction: input.direction } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(at.gte || at.lte ? { at } : {}),
  };
}

function parseInstant(value: string, name: string, edge: 'start' | 'end'): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = new Date(dateOnly ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new AppError('VALIDATION', `"${name}" must be a date (2026-11-22) or a date and time (2026-11-22T14:30:00Z).`);
  }
  return parsed;
}

export type AuditRow = Awaited<ReturnType<Database['prisma']['auditEntry']['findMany']>>[number];

/** Each entry with its sentence and who did it in words (people by name; the connector's own parts by role). */
export async function describeEntries(db: Database, rows: AuditRow[]): Promise<ActivityItem[]> {
  const userIds = [...new Set(rows.map((r) => r.actor).filter((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(a)))];
  const users = userIds.length ? await db.prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, login: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name ?? u.login ?? 'A user']));
  return rows.map((row) => {
    const actorName = names.get(row.actor) ?? SYSTEM_ACTOR_NAMES[row.actor] ?? row.actor;
    return {
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      actorName,
      action: row.action,
      direction: storedAs(ACTIVITY_DIRECTIONS, row, 'direction'),
      outcome: storedAs(ACTIVITY_OUTCOMES, row, 'outcome'),
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      summary: summarizeAuditEntry({
        action: row.action,
        actorName,
        outcome: row.outcome,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        detail: row.detail,
      }),
      detail: row.detail ?? null,
    };
  });
}

/**
 * The stored direction or outcome, checked against the API's list where it is read: the columns are text and every
 * writer passes one of the list (write-audit.ts AuditInput), so another value is a writer's bug, named by its row.
 */
function storedAs<T extends string>(
  list: readonly T[],
  row: Pick<AuditRow, 'id'> & Record<'direction' | 'outcome', string>,
  column: 'direction' | 'outcome',
): T {
  const value = row[column];
  if ((list as readonly string[]).includes(value)) return value as T;
  throw new AppError('INTERNAL', `Audit entry ${row.id} has ${column} "${value}", which is not one of: ${list.join(', ')}.`, {
    auditEntryId: row.id,
    column,
    value,
  });
}
