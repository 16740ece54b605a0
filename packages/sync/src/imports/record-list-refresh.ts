import type { Database, ProcorePushModel, RecordLinkModel } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { LINK_TYPES, QB_TYPES } from '../links/link-types.ts';
import type { CostCodeMatch, VendorChange } from './plan-list-refresh.ts';
import { IMPORT_ACTOR } from './record-job-cost-push.ts';

// The record step of Refresh Jobs / Vendors / Items (apply-list-refresh.ts): the links, copies and audit entries
// that say what Procore now holds after the apply step's writes (write-list-refresh.ts).

/** One list refresh: the company, and the Procore client its writes go through. */
export interface ListRefreshRun {
  db: Database;
  companyId: string;
  client: ProcoreClient;
}

/** An audit entry of the refresh, written by the import actor towards Procore. */
export function auditListRefresh(
  run: ListRefreshRun,
  action: string,
  outcome: 'ok' | 'error',
  subjectType: string,
  subjectId: string,
  detail: Record<string, unknown>,
) {
  return run.db.prisma.auditEntry.create({
    data: { companyId: run.companyId, actor: IMPORT_ACTOR, action, direction: 'to_procore', outcome, subjectType, subjectId, detail: detail as never },
  });
}

/**
 * Links a QuickBooks item to its Procore standard cost code, keeps our copy of the code and marks cost already
 * read against the item to push, in one transaction; or, when another item holds the code, flags the conflict.
 */
export async function recordCostCodeLink(run: ListRefreshRun, m: CostCodeMatch, standardCostCodeListId: number): Promise<void> {
  const { companyId } = run;
  await run.db.prisma.$transaction(async (tx) => {
    const taken = await tx.recordLink.findFirst({ where: { companyId, procoreType: LINK_TYPES.cost_code, procoreId: String(m.codeId) } });
    if (taken) {
      // Two QuickBooks items for one Procore cost code: flagged for a person, never merged.
      await tx.auditEntry.create({
        data: {
          companyId,
          actor: IMPORT_ACTOR,
          action: 'import.cost_code_conflict',
          direction: 'internal',
          outcome: 'error',
          subjectType: 'qb_item',
          subjectId: m.item.listId,
          detail: {
            item: m.item.fullName,
            editSequence: m.item.editSequence,
            standardCostCodeId: m.codeId,
            code: m.code,
            linkedItem: taken.qbName ?? taken.qbId,
            message: `QuickBooks item "${m.item.fullName}" looks like Procore cost code ${m.code}, which is already linked to QuickBooks item "${taken.qbName ?? taken.qbId}". Rename one of the items, or map the cost code by hand.`,
          },
        },
      });
      return;
    }
    await tx.recordLink.create({
      data: {
        companyId,
        procoreType: LINK_TYPES.cost_code,
        procoreId: String(m.codeId),
        qbType: m.item.retElement === 'ItemOtherChargeRet' ? QB_TYPES.cost_code_other_charge : QB_TYPES.cost_code_service,
        qbId: m.item.listId,
        editSequence: m.item.editSequence,
        qbName: m.item.fullName,
      },
    });
    await tx.procoreRecord.upsert({
      where: { companyId_resourceType_procoreId: { companyId, resourceType: 'standard_cost_code', procoreId: String(m.codeId) } },
      create: {
        companyId,
        resourceType: 'standard_cost_code',
        procoreId: String(m.codeId),
        originId: m.item.listId,
        data: { id: m.codeId, code: m.code, full_code: m.code, name: m.name, standard_cost_code_list_id: standardCostCodeListId },
      },
      update: {},
    });
    // Cost already read against this item can now be attributed.
    await tx.qbTransaction.updateMany({
      where: {
        companyId,
        deletedAt: null,
        txnId: { in: (await tx.qbCostLine.findMany({ where: { companyId, itemListId: m.item.listId }, select: { txnId: true } })).map((l) => l.txnId) },
      },
      data: { needsPush: true },
    });
    await tx.auditEntry.create({
      data: {
        companyId,
        actor: IMPORT_ACTOR,
        action: 'import.cost_code_linked',
        direction: 'to_procore',
        outcome: 'ok',
        subjectType: 'qb_item',
        subjectId: m.item.listId,
        detail: { item: m.item.fullName, editSequence: m.item.editSequence, standardCostCodeId: m.codeId, code: m.code },
      },
    });
  });
}

/** A vendor Procore took QuickBooks' changes for: its link now holds the EditSequence and name sent. */
export async function recordVendorUpdated(run: ListRefreshRun, { link, entry }: VendorChange): Promise<void> {
  await run.db.prisma.recordLink.updateMany({
    where: { companyId: run.companyId, procoreType: LINK_TYPES.vendor, procoreId: link.procoreId },
    data: { editSequence: entry.editSequence, qbName: entry.fullName },
  });
  await auditListRefresh(run, 'import.vendor_updated', 'ok', 'vendor', link.procoreId, { qbListId: entry.listId, name: entry.name });
}

/** Removes a person's link to an entry QuickBooks deleted, with an audit entry that says what to do next. */
export async function removeDeletedLink(
  run: ListRefreshRun,
  procoreType: 'project' | 'vendor',
  link: RecordLinkModel,
  deletedName: string | null | undefined,
): Promise<void> {
  const what = procoreType === 'project' ? 'job' : 'vendor';
  await run.db.prisma.$transaction(async (tx) => {
    await tx.recordLink.delete({ where: { id: link.id } });
    await tx.auditEntry.create({
      data: {
        companyId: run.companyId,
        actor: IMPORT_ACTOR,
        action: 'import.link_removed',
        direction: 'to_procore',
        outcome: 'ok',
        subjectType: procoreType,
        subjectId: link.procoreId,
        detail: {
          reason: 'deleted in QuickBooks',
          qbListId: link.qbId,
          message: `The QuickBooks ${what} "${deletedName ?? link.qbName ?? link.qbId}" was deleted in QuickBooks, so Procore ${procoreType} ${link.procoreId} is no longer linked to it. Link it to another ${what} under Refresh ${procoreType === 'project' ? 'Jobs' : 'Vendors'}, or export it to create one.`,
        } as never,
      },
    });
  });
}

/** A Procore record deactivated because QuickBooks deleted its entry: its push is marked deleted, and audited. */
export async function recordDeactivated(run: ListRefreshRun, procoreType: 'project' | 'vendor', push: ProcorePushModel): Promise<void> {
  await run.db.prisma.procorePush.update({ where: { id: push.id }, data: { status: 'deleted', deletedAt: new Date() } });
  await auditListRefresh(run, 'import.procore_record_deactivated', 'ok', procoreType, push.procoreId, {
    reason: 'deleted in QuickBooks',
    qbListId: push.sourceId,
  });
}
