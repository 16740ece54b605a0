import type { ActivityDirection, ActivityOutcome } from '@connector/contract';
import type { Prisma } from '@connector/db';

export interface AuditInput {
  companyId: string;
  actor: string;
  action: string;
  /** The API's lists (@connector/contract activity-api.ts): the Activity screen reads them back and refuses others. */
  direction?: ActivityDirection;
  outcome?: ActivityOutcome;
  subjectType?: string;
  subjectId?: string;
  detail?: Prisma.InputJsonValue;
}

type AuditWriter = { auditEntry: { create(args: { data: Prisma.AuditEntryUncheckedCreateInput }): Promise<unknown> } };

/** Appends to the audit trail (docs/data-safety.md#audit-trail: who asked, what was sent, what came back, when). */
export async function writeAudit(db: AuditWriter, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      companyId: entry.companyId,
      actor: entry.actor,
      action: entry.action,
      direction: entry.direction ?? 'internal',
      outcome: entry.outcome ?? 'info',
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      detail: entry.detail ?? undefined,
    },
  });
}
