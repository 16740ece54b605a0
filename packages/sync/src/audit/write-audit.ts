import type { Prisma } from '@connector/db';

export interface AuditInput {
  companyId: string;
  actor: string;
  action: string;
  direction?: 'to_quickbooks' | 'from_quickbooks' | 'to_procore' | 'from_procore' | 'internal';
  outcome?: 'ok' | 'error' | 'info';
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
