import type { ProcorePushModel } from '@connector/db';
import type { StandardCostCode } from '@connector/procore';
import { procoreFailure } from '../procore/procore-failure.ts';
import { standardCostCodeCreates, vendorUpdate, type CostCodeMatch, type CostCodeToCreate, type VendorChange } from './plan-list-refresh.ts';
import { auditListRefresh, recordDeactivated, recordVendorUpdated, type ListRefreshRun } from './record-list-refresh.ts';

// The apply step of Refresh Jobs / Vendors / Items (apply-list-refresh.ts): the Procore writes the plan
// (plan-list-refresh.ts) asks for, in batches where Procore has a sync endpoint. A write Procore refuses is audited
// and the rest go on; what succeeded is recorded through record-list-refresh.ts.

/**
 * Creates the planned standard cost codes in one sync; each code Procore refused is audited (it is then skipped
 * until the item changes in QuickBooks). Answers the codes created, as matches, in the order asked.
 */
export async function createStandardCostCodes(
  run: ListRefreshRun,
  standardCostCodeListId: number,
  toCreate: readonly CostCodeToCreate[],
  byKey: ReadonlyMap<string, StandardCostCode>,
): Promise<CostCodeMatch[]> {
  const result = await run.client.standardCostCodes.sync(standardCostCodeListId, standardCostCodeCreates(toCreate, byKey));
  const created: CostCodeMatch[] = [];
  for (const s of result.succeeded) {
    const c = toCreate[s.index]!;
    created.push({ item: c.item, codeId: s.entity.id, code: s.entity.full_code ?? s.entity.code, name: s.entity.name });
  }
  for (const f of result.failures) {
    const c = toCreate[f.index]!;
    await auditListRefresh(run, 'import.cost_code_failed', 'error', 'qb_item', c.item.listId, {
      item: c.item.fullName,
      editSequence: c.item.editSequence,
      message: f.messages.join('; ') || f.reason,
    });
  }
  return created;
}

/**
 * Adds new standard cost codes to each project with a zero budget line. A project Procore refuses is audited and
 * the others still get theirs. Answers the budget lines created.
 */
export async function addCodesToBudgets(
  run: ListRefreshRun,
  projects: ReadonlyArray<{ procoreId: string }>,
  newCodes: readonly CostCodeMatch[],
): Promise<number> {
  let budgetLines = 0;
  for (const project of projects) {
    try {
      const result = await run.client.costCodes.sync(
        project.procoreId,
        newCodes.map((m) => ({ standard_cost_code_id: m.codeId, code: m.code, name: m.name })),
      );
      for (const s of result.succeeded) {
        await run.client.budget.createLineItem(project.procoreId, { cost_code_id: s.entity.id, original_budget_amount: 0 });
        budgetLines += 1;
      }
    } catch (error) {
      const failure = procoreFailure(error, `add new cost codes to the budget of project ${project.procoreId}`);
      await auditListRefresh(run, 'import.budget_lines_failed', 'error', 'project', project.procoreId, {
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
  }
  return budgetLines;
}

/** Sends QuickBooks' vendor changes to Procore in one sync; each vendor is recorded or audited. Answers those updated. */
export async function updateVendors(run: ListRefreshRun, changed: readonly VendorChange[]): Promise<number> {
  let updated = 0;
  const result = await run.client.vendors.sync(changed.map(({ link, data }) => vendorUpdate(Number(link.procoreId), data)));
  for (const s of result.succeeded) {
    await recordVendorUpdated(run, changed[s.index]!);
    updated += 1;
  }
  for (const f of result.failures) {
    const { link } = changed[f.index]!;
    await auditListRefresh(run, 'import.vendor_update_failed', 'error', 'vendor', link.procoreId, { message: f.messages.join('; ') || f.reason });
  }
  return updated;
}

/**
 * Makes each Procore vendor or project we created from a deleted QuickBooks entry inactive, one at a time; one
 * that fails (in Procore or while recording it) is audited and the others go on. Answers those deactivated.
 */
export async function deactivateRecords(run: ListRefreshRun, procoreType: 'project' | 'vendor', pushes: readonly ProcorePushModel[]): Promise<number> {
  let deactivated = 0;
  for (const push of pushes) {
    try {
      const result =
        procoreType === 'vendor'
          ? await run.client.vendors.sync([{ id: Number(push.procoreId), is_active: false }])
          : await run.client.projects.sync([{ id: Number(push.procoreId), active: false }]);
      if (result.failures.length > 0) throw new Error(result.failures[0]!.messages.join('; '));
      await recordDeactivated(run, procoreType, push);
      deactivated += 1;
    } catch (error) {
      const failure = procoreFailure(error, `deactivate ${procoreType} ${push.procoreId} in Procore`);
      await auditListRefresh(run, 'import.procore_record_deactivate_failed', 'error', procoreType, push.procoreId, {
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
  }
  return deactivated;
}
