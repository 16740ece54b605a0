import type { Database, Prisma } from '@connector/db';
import type { ProcoreResourceType } from './procore-resources.ts';

export interface ProcoreRecordInput {
  id: number | string;
  origin_id?: string | null;
  updated_at?: string | null;
}

/**
 * Writes our copy of one Procore record. Returns whether it changed: a record whose updated_at is not
 * newer than ours is left alone, so replays and overlapping reconciliations are no-ops.
 */
export async function upsertProcoreRecord(
  db: Database,
  companyId: string,
  resourceType: ProcoreResourceType,
  record: ProcoreRecordInput,
  procoreProjectId: string | null,
): Promise<'created' | 'updated' | 'unchanged'> {
  const procoreId = String(record.id);
  const procoreUpdatedAt = record.updated_at ? new Date(record.updated_at) : null;
  const existing = await db.prisma.procoreRecord.findUnique({
    where: { companyId_resourceType_procoreId: { companyId, resourceType, procoreId } },
    select: { procoreUpdatedAt: true, deletedAt: true },
  });
  const data = {
    procoreProjectId,
    originId: record.origin_id ?? null,
    data: record as unknown as Prisma.InputJsonValue,
    procoreUpdatedAt,
    deletedAt: null,
    fetchedAt: new Date(),
  };
  if (!existing) {
    await db.prisma.procoreRecord.upsert({
      where: { companyId_resourceType_procoreId: { companyId, resourceType, procoreId } },
      create: { companyId, resourceType, procoreId, ...data },
      update: data,
    });
    return 'created';
  }
  const newer = !existing.procoreUpdatedAt || !procoreUpdatedAt || procoreUpdatedAt > existing.procoreUpdatedAt;
  if (!newer && !existing.deletedAt) return 'unchanged';
  await db.prisma.procoreRecord.update({ where: { companyId_resourceType_procoreId: { companyId, resourceType, procoreId } }, data });
  return 'updated';
}

/** Marks our copy deleted (Procore deleted it, or it is no longer visible to this connection). */
export async function markProcoreRecordDeleted(db: Database, companyId: string, resourceType: ProcoreResourceType, procoreId: string): Promise<boolean> {
  const result = await db.prisma.procoreRecord.updateMany({
    where: { companyId, resourceType, procoreId, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  return result.count > 0;
}
