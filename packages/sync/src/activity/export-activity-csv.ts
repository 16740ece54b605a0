import type { Database } from '@connector/db';
import { renderCsv } from '@connector/mapping';
import { activityWhere, describeEntries, type ActivityFilters, type AuditRow } from './list-activity.ts';

/** Most rows one download holds; narrow the dates for more. */
export const ACTIVITY_CSV_MAX_ROWS = 50_000;
const PAGE = 2_000;

/** The Activity screen's "export": the same filters as the list, as CSV (newest first), with the raw detail as JSON. */
export async function exportActivityCsv(
  db: Database,
  input: ActivityFilters & { limit?: number | undefined },
): Promise<{ csv: string; fileName: string; rows: number }> {
  const where = activityWhere(input);
  const limit = Math.min(input.limit ?? ACTIVITY_CSV_MAX_ROWS, ACTIVITY_CSV_MAX_ROWS);
  const rows: Array<Array<string | null>> = [];
  // Keyset paging (newest first): entries written during the download cannot shift pages into duplicates.
  let after: { at: Date; id: string } | null = null;
  while (rows.length < limit) {
    const page: AuditRow[] = await db.prisma.auditEntry.findMany({
      where: after ? { AND: [where, { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] }] } : where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: Math.min(PAGE, limit - rows.length),
    });
    for (const item of await describeEntries(db, page)) {
      rows.push([
        item.at,
        item.actorName,
        item.actor,
        item.action,
        item.direction,
        item.outcome,
        item.subjectType,
        item.subjectId,
        item.summary,
        item.detail == null ? null : JSON.stringify(item.detail),
      ]);
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { at: last.at, id: last.id };
  }
  // The one CSV writer (RFC 4180, formula-safe; @connector/mapping renderCsv), as for the job-cost downloads.
  const csv = renderCsv(['at', 'actor', 'actor_id', 'action', 'direction', 'outcome', 'subject_type', 'subject_id', 'summary', 'detail'], rows);
  return { csv, fileName: `activity-${new Date().toISOString().slice(0, 10)}.csv`, rows: rows.length };
}
