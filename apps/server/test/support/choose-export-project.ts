import type { ProcoreTestSetup } from './procore-test-setup.ts';

/** A project of the seed with an approved invoice (with retainage) on one of two commitments, and an approved change order. */
export interface ChosenProject {
  projectId: number;
  commitmentIds: [number, number];
  changeOrderId: number;
  requisitionId: number;
}

/** The seeded general contractor's project the export tests use (Desktop and QuickBooks Online alike). */
export function chooseProject(setup: ProcoreTestSetup): ChosenProject {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    const commitments = store.commitments.list(project.id);
    const requisition = store.requisitions
      .list(project.id)
      .find((r) => r.status === 'approved' && r.items.some((i) => i.work_completed_retainage_retained_this_period > 0));
    const changeOrder = store.changeOrders.list(project.id).find((co) => co.status === 'approved');
    if (!requisition || !changeOrder || commitments.length < 2) continue;
    // Only approved commitments can be sent (data safety: what Procore has not approved is refused).
    const other = commitments.find((c) => c.id !== requisition.commitment_id && c.vendor_id !== null && c.status === 'Approved');
    if (!other) continue;
    const ids: [number, number] = [requisition.commitment_id, other.id];
    if (!ids.includes(changeOrder.contract_id)) continue;
    return { projectId: project.id, commitmentIds: ids, changeOrderId: changeOrder.id, requisitionId: requisition.id };
  }
  throw new Error('the seed has no project with an approved invoice, an approved change order and two commitments');
}
