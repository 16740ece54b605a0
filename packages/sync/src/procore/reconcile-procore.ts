import type { Database } from '@connector/db';
import { ProcoreApiError, type ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { procoreFailure } from './procore-failure.ts';
import type { ProcoreResourceType } from './procore-resources.ts';
import { upsertProcoreRecord, type ProcoreRecordInput } from './upsert-procore-record.ts';

export const RECONCILED_AT_CURSOR = 'procore.reconciled_at';
const OWNER_SIDE: ReadonlySet<ProcoreResourceType> = new Set(['prime_contract', 'payment_application', 'prime_change_order']);

export interface ReconcileResult {
  full: boolean;
  since: string | null;
  read: number;
  created: number;
  updated: number;
  deleted: number;
  projectsSkipped: string[];
}

/**
 * Re-reads what changed in Procore since the last reconciliation (minus an overlap), because webhook
 * deliveries can be dropped (docs/procore-api.md#webhooks: after 12 h of failures). Incremental reads use
 * filters[updated_at]; a full run reads everything and marks records Procore no longer returns as
 * deleted. The cursor moves to the time the run started, only after the run succeeded.
 */
export async function reconcileProcore(
  db: Database,
  client: ProcoreClient,
  companyId: string,
  options: { full: boolean; overlapMs: number; actor: string },
): Promise<ReconcileResult> {
  const startedAt = new Date();
  const cursor = options.full ? null : await db.prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: RECONCILED_AT_CURSOR } } });
  const full = options.full || !cursor;
  const since = cursor ? new Date(new Date(cursor.value).getTime() - options.overlapMs) : undefined;
  const result: ReconcileResult = { full, since: since?.toISOString() ?? null, read: 0, created: 0, updated: 0, deleted: 0, projectsSkipped: [] };
  const seen = new Map<ProcoreResourceType, Set<string>>();
  /** Projects whose owner-side records (prime contracts, owner invoices) could not be read: those are not marked deleted. */
  const ownerSideSkipped: string[] = [];
  /** Projects whose prime contract change order list Procore refused (a 3-tier project, say): those are not marked deleted. */
  const changeOrdersSkipped: string[] = [];
  const keep = async (type: ProcoreResourceType, records: readonly ProcoreRecordInput[], projectId: string | null) => {
    const ids = seen.get(type) ?? new Set<string>();
    seen.set(type, ids);
    for (const record of records) {
      ids.add(String(record.id));
      result.read++;
      const outcome = await upsertProcoreRecord(db, companyId, type, record, projectId);
      if (outcome === 'created') result.created++;
      else if (outcome === 'updated') result.updated++;
    }
  };

  try {
    await keep('vendor', await client.vendors.list({ updatedSince: since }), null);
    const changedProjects = await client.projects.list({ updatedSince: since });
    await keep('project', changedProjects, null);
    for (const list of await client.standardCostCodes.listLists()) {
      await keep('standard_cost_code', await client.standardCostCodes.list(list.id), null);
    }
    // Project-scoped records: every project we know of (not only changed ones: a contract changes
    // without its project changing).
    const projects = await db.prisma.procoreRecord.findMany({
      where: { companyId, resourceType: 'project', deletedAt: null },
      select: { procoreId: true },
    });
    for (const { procoreId: projectId } of projects) {
      try {
        await keep('work_order_contract', await client.workOrderContracts.list(projectId, { updatedSince: since }), projectId);
        await keep('purchase_order_contract', await client.purchaseOrderContracts.list(projectId, { updatedSince: since }), projectId);
        await keep('commitment_change_order', await client.commitmentChangeOrders.list(projectId), projectId);
        await keep('requisition', await client.requisitions.list(projectId), projectId);
      } catch (error) {
        // A project this connection cannot see (404) or whose tools are off (403) must not stop the rest.
        if (error instanceof ProcoreApiError && (error.status === 403 || error.status === 404)) {
          result.projectsSkipped.push(projectId);
          continue;
        }
        throw error;
      }
      try {
        // The owner side (issue 21): the project's prime contracts and their owner invoices. Procore's lists take no
        // updated_at filter here (packages/procore resources/prime-contracts.ts, payment-applications.ts): read whole,
        // like requisitions; unchanged ones are left alone by upsertProcoreRecord. Apart from the cost side: a project
        // without the Prime Contracts tool (403) or this permission still has its commitments read, and only its owner
        // records are kept from being marked deleted.
        await keep('prime_contract', await client.primeContracts.list(projectId), projectId);
        await keep('payment_application', await client.paymentApplications.list(projectId), projectId);
      } catch (error) {
        // A project this connection cannot see (404) or whose tools are off (403) must not stop the rest.
        if (error instanceof ProcoreApiError && (error.status === 403 || error.status === 404)) {
          ownerSideSkipped.push(projectId);
          continue;
        }
        throw error;
      }
      try {
        // Prime contract change orders (the contract value's changes, exported onto the contract's estimate): read whole.
        await keep('prime_change_order', await client.primeContractChangeOrders.list(projectId), projectId);
      } catch (error) {
        // Procore serves this list only for projects on 1- or 2-tier change orders ("This endpoint currently only
        // supports projects using 1 and 2 tier change order configurations"; the answer for a 3-tier project is not
        // documented): a refused list leaves that project's change orders as they were, and the rest of the read goes on.
        if (error instanceof ProcoreApiError && error.status !== null && [400, 403, 404, 422].includes(error.status)) {
          changeOrdersSkipped.push(projectId);
          continue;
        }
        throw error;
      }
    }
  } catch (error) {
    throw procoreFailure(error, 'reconcile with Procore');
  }

  if (full) {
    // Everything Procore returned is in `seen`; what we hold beyond it was deleted or hidden.
    for (const [type, ids] of seen) {
      const gone = await db.prisma.procoreRecord.updateMany({
        where: {
          companyId,
          resourceType: type,
          deletedAt: null,
          procoreId: { notIn: [...ids] },
          ...(type === 'vendor' || type === 'project' || type === 'standard_cost_code'
            ? {}
            : {
                procoreProjectId: {
                  notIn: OWNER_SIDE.has(type)
                    ? [...result.projectsSkipped, ...ownerSideSkipped, ...(type === 'prime_change_order' ? changeOrdersSkipped : [])]
                    : result.projectsSkipped,
                },
              }),
        },
        data: { deletedAt: new Date() },
      });
      result.deleted += gone.count;
    }
  }
  await db.prisma.syncCursor.upsert({
    where: { companyId_name: { companyId, name: RECONCILED_AT_CURSOR } },
    create: { companyId, name: RECONCILED_AT_CURSOR, value: startedAt.toISOString() },
    update: { value: startedAt.toISOString() },
  });
  await writeAudit(db.prisma, {
    companyId,
    actor: options.actor,
    action: 'procore.reconciled',
    outcome: 'ok',
    direction: 'internal',
    detail: { ...result },
  });
  return result;
}
