// Prime contracts: the contract with the owner (issue 21; → the job's contract value in QuickBooks). Read only.
//
// What we rely on, and where it comes from (Procore REST API v1.0, Construction Financials > Prime Contracts, as
// catalogued from developers.procore.com in TylerIlunga/procore-mcp-server data/endpoint-details/
// RestV10PrimeContractsGet.json and RestV10PrimeContractIdGet.json; the same operations in the generated procore_sdk,
// https://hexdocs.pm/procore_sdk/Procore.Api.ConstructionFinancialsPrimeContractsPrimeContracts.html):
// - List Prime Contracts: GET /rest/v1.0/prime_contracts?project_id= (project_id required; page, per_page,
//   filters[id], filters[updated_at]). The list answer carries no line_items and no payments_received.
// - Show Prime Contract: GET /rest/v1.0/prime_contract/{id}?project_id= — note the SINGULAR "prime_contract" in
//   Procore's v1.0 path (GET /rest/v1.0/prime_contract without an id is "Show First Prime Contract"). Its answer
//   adds line_items (id, amount, description, cost_code, quantity, unit_cost, uom, position, total_amount,
//   extended_amount, origin_id, origin_data, line_item_type), payments_received (Contract Payment objects, see
//   prime-contract-payments.ts), and the money summary: approved_change_orders, revised_contract_amount ("Grand
//   total, plus approved change orders"), pending_change_orders_amount, owner_invoices_amount, total_payments,
//   outstanding_balance ("Revised contract amount minus total payments"), percentage_paid.
// - Both: id, number (string), title, status ("Draft" | "Out For Bid" | "Out For Signature" | "Approved" |
//   "Complete" | "Terminated"), executed, grand_total ("Total of Line items including markup, plus project level
//   (vertical) markup"), retainage_percent, contract_date, execution_date, approval_letter_date,
//   signed_contract_received_date, contract_start_date, origin_id, origin_data, created_at, updated_at; money as
//   decimal strings.
// Not documented, and typed loosely for that reason: `vendor` and a line item's `cost_code` are untyped objects in
// Procore's schema. On a prime contract the vendor is the owner / client (the web app's "Owner/Client" field is
// the contract's vendor_id: v2.0 Create Prime Contract body, "The ID of the vendor for the contract"); we read
// { id, name | company } as on commitments. A cost code is read as on commitment line items (CostCodeRef).
// `project_id` is not in Procore's documented answer (the caller knows the project it asked about); the
// simulator sends it.

import { segment, type CostCodeRef, type NamedRef, type ProcoreId, type ResourceContext } from './resource-context.ts';
import type { PrimeContractPayment } from './prime-contract-payments.ts';

/** "Draft" | "Out For Bid" | "Out For Signature" | "Approved" | "Complete" | "Terminated" (Procore's enum). */
export type PrimeContractStatus = 'Draft' | 'Out For Bid' | 'Out For Signature' | 'Approved' | 'Complete' | 'Terminated' | (string & {});

/** The owner / client the contract is with (Procore: the contract's vendor). */
export interface PrimeContractVendor {
  id: number;
  name?: string | null;
  /** The vendor's company name, as commitments answer it. */
  company?: string | null;
  origin_id?: string | null;
}

/** One schedule-of-values line of the prime contract. */
export interface PrimeContractLineItem {
  id: number;
  /** Decimal string. */
  amount: string;
  description?: string | null;
  cost_code?: CostCodeRef | null;
  line_item_type?: NamedRef | null;
  quantity?: string | null;
  unit_cost?: string | null;
  uom?: string | null;
  position?: number | null;
  total_amount?: string | null;
  extended_amount?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface PrimeContract {
  id: number;
  /** Not in Procore's documented answer: present in the simulator's; otherwise the project asked about. */
  project_id?: number | null;
  number?: string | null;
  title?: string | null;
  status?: PrimeContractStatus | null;
  executed?: boolean | null;
  description?: string | null;
  /** The owner / client. */
  vendor?: PrimeContractVendor | null;
  /** Decimal strings. grand_total: the SOV lines with markup; revised_contract_amount: grand_total + approved
   * change orders (Show only). */
  grand_total?: string | null;
  revised_contract_amount?: string | null;
  approved_change_orders?: string | null;
  pending_change_orders_amount?: string | null;
  owner_invoices_amount?: string | null;
  total_payments?: string | null;
  outstanding_balance?: string | null;
  retainage_percent?: string | null;
  /** YYYY-MM-DD */
  contract_date?: string | null;
  execution_date?: string | null;
  approval_letter_date?: string | null;
  signed_contract_received_date?: string | null;
  contract_start_date?: string | null;
  origin_id?: string | null;
  origin_code?: string | null;
  origin_data?: string | null;
  /** Show Prime Contract only. */
  line_items?: PrimeContractLineItem[] | null;
  /** Show Prime Contract only: the payments received (Contract Payment objects). */
  payments_received?: PrimeContractPayment[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export function createPrimeContractsApi({ transport }: ResourceContext) {
  return {
    /** A project's prime contracts (no line items; get() has them). */
    async list(projectId: ProcoreId): Promise<PrimeContract[]> {
      return transport.listAll<PrimeContract>('/rest/v1.0/prime_contracts', { project_id: segment(projectId) });
    },
    /** Show Prime Contract: with line_items and payments_received. Singular "prime_contract" in the path, as Procore documents it. */
    async get(projectId: ProcoreId, id: ProcoreId): Promise<PrimeContract> {
      return (await transport.request<PrimeContract>('GET', `/rest/v1.0/prime_contract/${segment(id)}`, { query: { project_id: segment(projectId) } })).body;
    },
  };
}
