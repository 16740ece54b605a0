// Prime contract change orders (PCCOs): the changes to the contract with the owner (issue 21). The contract value the
// connector sends to QuickBooks is the prime contract's grand_total plus its APPROVED change orders. Read only.
// API-CONTRACT.md "Prime contract change orders".
//
// What we rely on, and where it comes from (Procore REST API v1.0, Construction Financials > Prime Contracts >
// prime-change-orders, as catalogued from developers.procore.com in TylerIlunga/procore-mcp-server
// data/endpoint-details/RestV10ProjectsProjectIdPrimeChangeOrdersGet.json and …IdGet.json):
// - Show All Prime Change Orders: GET /rest/v1.0/projects/{project_id}/prime_change_orders — "This endpoint currently
//   only supports projects using 1 and 2 tier change order configurations." Query: view (default | extended),
//   sort (id | created_at), filters[id], filters[batch_id], filters[legacy_package_id], filters[contract_id],
//   filters[vendor_id], filters[signature_required], filters[executed], filters[status] (draft | pricing |
//   not_pricing | pending | revised | proceeding | not_proceeding | pending_billable | no_charge | approved |
//   rejected | void), filters[updated_at]. No page / per_page documented: like commitment change orders we send none
//   and follow Link rel="next".
// - Show Prime Change Order: GET /rest/v1.0/projects/{project_id}/prime_change_orders/{id} (view).
// - Create / Update (PATCH) / Delete exist on the same paths (body `change_order: { contract_id, number, title,
//   status, executed, due_date, invoiced_date, paid_date, signed_change_order_received_date, revision, … }`); the
//   connector does not write change orders.
//
// INFERENCE — the catalog publishes NO answer schema for these two GETs (`"schema": {}`). The fields below are those
// of the same record as the change order package endpoints document it (GET /rest/v1.0/change_order_packages/{id},
// RestV10ChangeOrderPackagesIdGet.json, whose `type` enum includes "PrimeContractChangeOrder"): id, contract_id,
// number (string), title, description, status (the enum above), executed (boolean), grand_total ("Total including
// markup", decimal string), due_date, invoiced_date, paid_date, signed_change_order_received_date, reviewed_at (when
// the designated reviewer approved or rejected it: there is no "approved_date"), revision, schedule_impact_amount,
// origin_id, origin_data, created_at, updated_at, line_items [{ id, position, description, quantity, uom, unit_cost,
// total_amount, extended_amount, cost_code (untyped in Procore's schema), line_item_type }]. That schema's line items
// carry total_amount / extended_amount but no `amount`; v2.0 "List Prime Change Order Line Items"
// (RestV20…PrimeChangeOrdersPrimeChangeOrderIdLineItemsGet.json) has `amount` and `prime_line_item_id` (the prime
// contract SOV line the change belongs to). So a line's value is read as `amount ?? total_amount ?? extended_amount`
// (primeChangeOrderLineAmount) and the simulator sends all three.
// Which statuses count (support.procore.com FAQ "What are the default statuses for a Prime Contract Change Order
// (PCCO) in Procore?"): Approved → the "Approved Changes" budget column; the "Pending - …" statuses (pending =
// In Review, revised, pricing, not_pricing, proceeding, not_proceeding) → "Pending Changes"; Draft, No Charge,
// Rejected, Void → neither. Show Prime Contract's `revised_contract_amount` is "Grand total, plus approved change
// orders" (prime-contracts.ts).
// `project_id` is not in the documented schema: the simulator sends it; otherwise it is the project asked about.

import { segment, type CostCodeRef, type NamedRef, type ProcoreId, type ResourceContext } from './resource-context.ts';

/** Procore's filters[status] / change order status enum. Only `approved` counts in the contract value. */
export type PrimeContractChangeOrderStatus =
  | 'draft'
  | 'pricing'
  | 'not_pricing'
  | 'pending'
  | 'revised'
  | 'proceeding'
  | 'not_proceeding'
  | 'pending_billable'
  | 'no_charge'
  | 'approved'
  | 'rejected'
  | 'void'
  | (string & {});

export interface PrimeContractChangeOrderLineItem {
  id: number;
  position?: number | null;
  description?: string | null;
  /** Decimal strings. v2.0 names the line's value `amount`; v1.0's change order schema `total_amount` /
   * `extended_amount`. Read it with primeChangeOrderLineAmount(). */
  amount?: string | null;
  total_amount?: string | null;
  extended_amount?: string | null;
  quantity?: string | null;
  uom?: string | null;
  unit_cost?: string | null;
  cost_code?: CostCodeRef | null;
  line_item_type?: NamedRef | null;
  /** The prime contract SOV line this change belongs to; null when it adds new scope (v2.0 field). */
  prime_line_item_id?: number | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface PrimeContractChangeOrder {
  id: number;
  /** Not in Procore's documented answer: present in the simulator's; otherwise the project asked about. */
  project_id?: number | null;
  /** The prime contract changed. */
  contract_id?: number | null;
  number?: string | null;
  title?: string | null;
  description?: string | null;
  status?: PrimeContractChangeOrderStatus | null;
  executed?: boolean | null;
  /** Decimal string: the lines with markup. */
  grand_total?: string | null;
  revision?: number | null;
  schedule_impact_amount?: number | null;
  /** YYYY-MM-DD */
  due_date?: string | null;
  invoiced_date?: string | null;
  paid_date?: string | null;
  signed_change_order_received_date?: string | null;
  /** ISO date-time the designated reviewer approved or rejected it. */
  reviewed_at?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
  line_items?: PrimeContractChangeOrderLineItem[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface PrimeContractChangeOrderListOptions {
  /** Only this prime contract's change orders: filters[contract_id] (also checked on our side). */
  primeContractId?: ProcoreId | undefined;
  /** filters[status], e.g. 'approved'. */
  status?: PrimeContractChangeOrderStatus | undefined;
}

/** A change order line's value (decimal string): `amount` (v2.0) or `total_amount` / `extended_amount` (v1.0). */
export function primeChangeOrderLineAmount(line: PrimeContractChangeOrderLineItem): string | null {
  return line.amount ?? line.total_amount ?? line.extended_amount ?? null;
}

export function createPrimeContractChangeOrdersApi({ transport }: ResourceContext) {
  const base = (projectId: ProcoreId) => `/rest/v1.0/projects/${segment(projectId)}/prime_change_orders`;
  return {
    /** A project's prime contract change orders, or one prime contract's (with line_items as Procore sends them; get() has them for sure). */
    async list(projectId: ProcoreId, options: PrimeContractChangeOrderListOptions = {}): Promise<PrimeContractChangeOrder[]> {
      const contractId = options.primeContractId === undefined ? undefined : segment(options.primeContractId);
      const all = await transport.listAll<PrimeContractChangeOrder>(
        base(projectId),
        { 'filters[contract_id]': contractId, 'filters[status]': options.status },
        { perPage: null },
      );
      // The filters are documented, but a filter Procore ignores would hand us another contract's changes as this
      // one's contract value: keep only the records that say they belong to it (or do not say).
      return all.filter(
        (co) =>
          (contractId === undefined || co.contract_id === undefined || co.contract_id === null || String(co.contract_id) === contractId) &&
          (options.status === undefined || co.status === undefined || co.status === null || co.status === options.status),
      );
    },
    /** Show Prime Change Order: with its line_items. */
    async get(projectId: ProcoreId, id: ProcoreId): Promise<PrimeContractChangeOrder> {
      return (await transport.request<PrimeContractChangeOrder>('GET', `${base(projectId)}/${segment(id)}`)).body;
    },
  };
}
