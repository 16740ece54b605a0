/**
 * The Procore resources the connector keeps a copy of, by the names webhooks use (resource_name) and
 * our own resource types (procore_records.resource_type). Only these get webhook triggers.
 */
export const SYNCED_RESOURCES = [
  { resourceName: 'Vendors', resourceType: 'vendor', scope: 'company' },
  { resourceName: 'Projects', resourceType: 'project', scope: 'company' },
  { resourceName: 'Standard Cost Codes', resourceType: 'standard_cost_code', scope: 'company' },
  { resourceName: 'Work Order Contracts', resourceType: 'work_order_contract', scope: 'project' },
  { resourceName: 'Purchase Order Contracts', resourceType: 'purchase_order_contract', scope: 'project' },
  { resourceName: 'Commitment Change Orders', resourceType: 'commitment_change_order', scope: 'project' },
  { resourceName: 'Requisitions', resourceType: 'requisition', scope: 'project' },
  { resourceName: 'Prime Contracts', resourceType: 'prime_contract', scope: 'project' },
  { resourceName: 'Payment Applications', resourceType: 'payment_application', scope: 'project' },
  // Webhook resource name not verified against Procore's list (packages/procore API-CONTRACT.md, prime contract change orders).
  { resourceName: 'Prime Change Orders', resourceType: 'prime_change_order', scope: 'project' },
] as const;

export type SyncedResource = (typeof SYNCED_RESOURCES)[number];
export type ProcoreResourceType = SyncedResource['resourceType'];

export const WEBHOOK_EVENT_TYPES = ['create', 'update', 'delete'] as const;

export function resourceByName(resourceName: string): SyncedResource | undefined {
  return SYNCED_RESOURCES.find((r) => r.resourceName.toLowerCase() === resourceName.toLowerCase());
}
