import type { Database, Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueRequestIn } from '../queue/enqueue-request.ts';
import { PRIORITY } from '../queue/request-status.ts';
import { qbTimeMinus } from './qb-time.ts';
import { CURSOR_OVERLAP_MINUTES, cursorName, importDedupeKey, refreshRequests, REFRESH_KINDS, type RefreshKind } from './refresh-kinds.ts';
import { requireRefreshableEdition } from '../qbo/require-edition-ready.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { DELIVER_QBO_JOB } from '../jobs/job-kinds.ts';

export interface QueueRefreshResult {
  kind: RefreshKind;
  outcome: 'queued' | 'already_queued';
  queuedAt: string;
}

/** sync_cursors name of when a refresh was last asked for (button or schedule). */
export function requestedAtCursor(kind: RefreshKind): string {
  return `qb:${kind}:requested_at`;
}
export function completedAtCursor(kind: RefreshKind): string {
  return `qb:${kind}:completed_at`;
}

/**
 * Queues the QuickBooks reads of one refresh for the next Web Connector session (on QuickBooks Online, for the delivery
 * job). Incremental after the first time: each query starts from the last modified time it saw, minus an overlap.
 * Clicking again (or the schedule firing) while the refresh is still open queues nothing new: "already queued".
 */
export async function queueRefresh(db: Database, input: { companyId: string; kind: RefreshKind; actor: string; now?: Date }): Promise<QueueRefreshResult> {
  if (!REFRESH_KINDS.includes(input.kind)) throw new AppError('VALIDATION', `Unknown refresh "${input.kind}"; use one of ${REFRESH_KINDS.join(', ')}.`);
  const edition = await requireRefreshableEdition(db, input.companyId, input.kind);
  const now = input.now ?? new Date();
  return db.prisma.$transaction(async (tx) => {
    const result = await queueRefreshIn(tx, { ...input, now });
    // On QuickBooks Online the reads go out now, from the delivery job, not at the next Web Connector run.
    if (edition === 'online') await enqueueJob(tx, { companyId: input.companyId, kind: DELIVER_QBO_JOB, payload: {}, dedupeKey: DELIVER_QBO_JOB });
    return result;
  });
}

export async function queueRefreshIn(
  tx: Prisma.TransactionClient,
  input: { companyId: string; kind: RefreshKind; actor: string; now: Date },
): Promise<QueueRefreshResult> {
  const { companyId, kind, now } = input;
  const cursors = await tx.syncCursor.findMany({ where: { companyId, name: { startsWith: `qb:${kind}:` } } });
  const byName = new Map(cursors.map((c) => [c.name, c.value]));
  const requests = refreshRequests(kind, (query) => {
    const last = byName.get(cursorName(kind, query));
    return last ? qbTimeMinus(last, CURSOR_OVERLAP_MINUTES) : null;
  });
  let created = 0;
  for (const { query, request } of requests) {
    const result = await enqueueRequestIn(tx, {
      companyId,
      request,
      dedupeKey: importDedupeKey(kind, query),
      priority: PRIORITY.read,
      requestedBy: input.actor,
    });
    if (result.created) created += 1;
  }
  const outcome = created > 0 ? 'queued' : 'already_queued';
  if (created > 0) {
    await tx.syncCursor.upsert({
      where: { companyId_name: { companyId, name: requestedAtCursor(kind) } },
      create: { companyId, name: requestedAtCursor(kind), value: now.toISOString() },
      update: { value: now.toISOString() },
    });
    await writeAudit(tx, {
      companyId,
      actor: input.actor,
      action: 'import.refresh_queued',
      direction: 'internal',
      outcome: 'info',
      subjectType: 'import',
      subjectId: kind,
      detail: { kind, incremental: requests.map((r) => r.query).filter((q) => byName.has(cursorName(kind, q))) },
    });
  }
  // "already queued" answers when the open refresh was asked for.
  const queuedAt = created > 0 ? now.toISOString() : (byName.get(requestedAtCursor(kind)) ?? now.toISOString());
  return { kind, outcome, queuedAt };
}
