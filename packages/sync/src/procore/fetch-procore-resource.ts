import type { ProcoreClient } from '@connector/procore';
import { AppError } from '../errors/app-error.ts';
import type { ProcoreResourceType } from './procore-resources.ts';
import type { ProcoreRecordInput } from './upsert-procore-record.ts';

/** GETs one record by type; project-scoped resources need the project id the webhook carried. */
export async function fetchProcoreResource(
  client: ProcoreClient,
  resourceType: ProcoreResourceType,
  id: string,
  projectId: string | null,
): Promise<ProcoreRecordInput[]> {
  const needProject = () => {
    if (!projectId) throw new AppError('VALIDATION', `A ${resourceType} change arrived without its project id.`);
    return projectId;
  };
  switch (resourceType) {
    case 'vendor':
      return [await client.vendors.get(id)];
    case 'project':
      return [await client.projects.get(id)];
    case 'standard_cost_code': {
      // No single-record GET in our API surface: re-read the company's lists (small) and keep the one.
      const found: ProcoreRecordInput[] = [];
      for (const list of await client.standardCostCodes.listLists()) {
        for (const code of await client.standardCostCodes.list(list.id)) if (String(code.id) === id) found.push(code);
      }
      return found;
    }
    case 'work_order_contract':
      return [await client.workOrderContracts.get(needProject(), id)];
    case 'purchase_order_contract':
      return [await client.purchaseOrderContracts.get(needProject(), id)];
    case 'commitment_change_order':
      return [await client.commitmentChangeOrders.get(needProject(), id)];
    case 'requisition':
      return [await client.requisitions.get(needProject(), id)];
    case 'prime_contract':
      return [await client.primeContracts.get(needProject(), id)];
    case 'payment_application':
      return [await client.paymentApplications.get(needProject(), id)];
    case 'prime_change_order':
      return [await client.primeContractChangeOrders.get(needProject(), id)];
  }
}
