import type { Database } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { getCompanySettings } from '../settings/company-settings.ts';
import {
  keyStandardCostCodes,
  loadCostItemsToLink,
  loadDeletedEntries,
  loadIntegratedProjects,
  loadVendorLinks,
  planCostCodes,
  planVendorUpdates,
} from './plan-list-refresh.ts';
import { auditListRefresh, recordCostCodeLink, removeDeletedLink, type ListRefreshRun } from './record-list-refresh.ts';
import { addCodesToBudgets, createStandardCostCodes, deactivateRecords, updateVendors } from './write-list-refresh.ts';

// Each list runs plan (plan-list-refresh.ts: what to create, link, update or deactivate) → apply (write-list-refresh.ts:
// the Procore writes) → record (record-list-refresh.ts: links, copies, audit entries).
export { splitItemName, vendorUpdate } from './plan-list-refresh.ts';

/**
 * The Procore half of Refresh Jobs / Vendors / Items, after QuickBooks answered:
 * - items: every active cost item not yet linked becomes a Procore standard cost code (matched by code or
 *   name first, created otherwise, origin_id = ListID) and is linked; with "add new cost codes to budgets"
 *   on, new codes are added to every integrated project (linked to a job QuickBooks has not deleted) with a
 *   zero budget line;
 * - vendors: with the update policy "update", linked Procore vendors take QuickBooks' changes (sync, in
 *   batches of 1,000); vendors and projects we created from QuickBooks are deactivated in Procore when
 *   QuickBooks deletes them.
 * Jobs themselves are linked by a person (Jobs list): nothing is created without them.
 */
export async function applyListRefresh(
  db: Database,
  input: { companyId: string; kind: 'jobs' | 'vendors' | 'items'; client: ProcoreClient },
): Promise<Record<string, unknown>> {
  const run: ListRefreshRun = { db, companyId: input.companyId, client: input.client };
  if (input.kind === 'items') return applyItems(run);
  if (input.kind === 'vendors') return applyVendors(run);
  return deactivateDeleted(run, 'Customer', 'project');
}

async function applyItems(run: ListRefreshRun): Promise<Record<string, unknown>> {
  const { settings, items } = await loadCostItemsToLink(run.db, run.companyId);
  if (items.length === 0) return { created: 0, linked: 0 };
  const lists = await run.client.standardCostCodes.listLists();
  const list = lists[0];
  if (!list) return { failed: 'The Procore company has no standard cost code list.' };
  const byKey = keyStandardCostCodes(await run.client.standardCostCodes.list(list.id));
  const { matches, toCreate } = planCostCodes(items, byKey);
  let created = 0;
  if (toCreate.length > 0) {
    // The codes created go last in matches: the budget step below takes them from there.
    for (const m of await createStandardCostCodes(run, list.id, toCreate, byKey)) {
      matches.push(m);
      created += 1;
    }
  }
  for (const m of matches) await recordCostCodeLink(run, m, list.id);
  let budgetLines = 0;
  if (settings.autoAddCostCodesToBudgets && created > 0) {
    const projects = await loadIntegratedProjects(run.db, run.companyId);
    budgetLines = await addCodesToBudgets(run, projects, matches.slice(matches.length - created));
  }
  return { created, linked: matches.length, budgetLines };
}

async function applyVendors(run: ListRefreshRun): Promise<Record<string, unknown>> {
  const settings = await getCompanySettings(run.db, run.companyId);
  let updated = 0;
  if (settings.vendorUpdatePolicy === 'update') {
    const { links, entries } = await loadVendorLinks(run.db, run.companyId);
    const { changed, damaged } = planVendorUpdates(links, entries);
    for (const d of damaged) {
      await auditListRefresh(run, 'import.vendor_update_failed', 'error', 'vendor', d.procoreId, { code: 'STORED_VALUE_INVALID', message: d.message });
    }
    if (changed.length > 0) updated = await updateVendors(run, changed);
  }
  const deactivated = await deactivateDeleted(run, 'Vendor', 'vendor');
  return { updated, ...deactivated };
}

/**
 * A Procore vendor or project we created from a QuickBooks entry that QuickBooks then deleted: made inactive.
 * One a person only linked to the entry is theirs, not ours: it stays active, but the link to an entry that no
 * longer exists is removed (an export would otherwise name it and fail with 3140), with an audit entry that says so.
 */
async function deactivateDeleted(
  run: ListRefreshRun,
  listType: 'Customer' | 'Vendor',
  procoreType: 'project' | 'vendor',
): Promise<{ deactivated: number; unlinked: number }> {
  const plan = await loadDeletedEntries(run.db, run.companyId, listType, procoreType);
  if (!plan) return { deactivated: 0, unlinked: 0 };
  let unlinked = 0;
  for (const link of plan.linkedOnly) {
    await removeDeletedLink(run, procoreType, link, plan.nameOf.get(link.qbId));
    unlinked += 1;
  }
  const deactivated = await deactivateRecords(run, procoreType, plan.pushes);
  return { deactivated, unlinked };
}
