// The simulator's in-memory records. Field names follow Procore's REST API (snake_case, as in the OpenAPI
// descriptions, e.g. RestV10WorkOrderContractsIdGet); money is a number of dollars rounded to the cent and is
// rendered as a "0.00" string by the handlers. Timestamps are ISO-8601 strings from the simulator's clock.

export interface ProcoreUser {
  id: number;
  login: string;
  name: string;
}

export interface Company {
  id: number;
  name: string;
  is_active: boolean;
}

export interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface OriginFields {
  origin_id: string | null;
  origin_data: string | null;
}

export interface CompanyScoped extends Timestamps {
  id: number;
  company_id: number;
}

export interface ProjectScoped extends CompanyScoped {
  project_id: number;
}

export interface Trade {
  id: number;
  name: string;
}

export interface Vendor extends CompanyScoped, OriginFields {
  name: string;
  abbreviated_name: string | null;
  trade_name: string | null;
  address: string | null;
  city: string | null;
  state_code: string | null;
  zip: string | null;
  country_code: string | null;
  business_phone: string | null;
  fax_number: string | null;
  email_address: string | null;
  website: string | null;
  license_number: string | null;
  notes: string | null;
  is_active: boolean;
  origin_code: string | null;
  /** Procore directory trades ("Concrete", "Electrical", ...). */
  trades: Trade[];
}

export interface Project extends CompanyScoped, OriginFields {
  name: string;
  project_number: string | null;
  address: string | null;
  city: string | null;
  state_code: string | null;
  zip: string | null;
  country_code: string | null;
  county: string | null;
  time_zone: string | null;
  description: string | null;
  active: boolean;
  start_date: string | null;
  completion_date: string | null;
  total_value: number | null;
  square_feet: number | null;
  stage: string | null;
  origin_code: string | null;
  standard_cost_code_list_id: number | null;
  /** Simulator switch: a locked budget refuses new budget line items (Procore: "Lock Budget"). */
  budget_locked: boolean;
}

export interface StandardCostCodeList extends CompanyScoped {
  name: string;
}

export interface StandardCostCode extends CompanyScoped, OriginFields {
  standard_cost_code_list_id: number;
  parent_id: number | null;
  code: string;
  full_code: string;
  name: string;
  sortable_code: string;
}

export interface ProjectCostCode extends ProjectScoped, OriginFields {
  standard_cost_code_id: number | null;
  parent_id: number | null;
  code: string;
  full_code: string;
  name: string;
  sortable_code: string;
  position: number;
}

/** Budget categories (Procore "line item types": Labor, Material, Subcontract, ...), company level. */
export interface LineItemType extends CompanyScoped {
  name: string;
  code: string;
  base_type: string;
}

export interface BudgetView extends CompanyScoped {
  name: string;
  description: string | null;
}

export interface BudgetLineItem extends ProjectScoped, OriginFields {
  cost_code_id: number;
  line_item_type_id: number;
  original_budget_amount: number;
  description: string | null;
  uom: string | null;
  quantity: number | null;
  unit_cost: number | null;
}

export type CommitmentType = 'WorkOrderContract' | 'PurchaseOrderContract';
export type CommitmentStatus = 'Draft' | 'Out For Bid' | 'Out For Signature' | 'Approved' | 'Complete' | 'Terminated' | 'Void';

export interface Commitment extends ProjectScoped, OriginFields {
  type: CommitmentType;
  number: string;
  title: string;
  description: string | null;
  status: CommitmentStatus;
  executed: boolean;
  vendor_id: number | null;
  retainage_percent: number;
  contract_date: string | null;
  signed_contract_received_date: string | null;
  /** Work order contracts: contract_start_date / contract_estimated_completion_date; POs: delivery_date. */
  start_date: string | null;
  completion_date: string | null;
  delivery_date: string | null;
  ship_via: string | null;
  payment_terms: string | null;
  inclusions: string | null;
  exclusions: string | null;
  requisitions_are_enabled: boolean;
  erp_locked: boolean;
}

export interface CommitmentLineItem extends ProjectScoped, OriginFields {
  commitment_id: number;
  cost_code_id: number;
  line_item_type_id: number;
  description: string;
  amount: number;
  quantity: number;
  unit_cost: number;
  uom: string;
  position: number;
}

export type ChangeOrderStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'void';

export interface ChangeOrderLineItem {
  id: number;
  cost_code_id: number;
  line_item_type_id: number;
  description: string;
  amount: number;
  /** The commitment (SOV) line this change edits; null when it adds new scope. Simulator field. */
  commitment_line_item_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommitmentChangeOrder extends ProjectScoped, OriginFields {
  contract_id: number;
  number: string;
  title: string;
  description: string | null;
  status: ChangeOrderStatus;
  executed: boolean;
  due_date: string | null;
  approved_date: string | null;
  line_items: ChangeOrderLineItem[];
}

export type RequisitionStatus = 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved' | 'approved_as_noted' | 'pending_owner_approval';

/** Procore's detail line types the simulator bills (also whole_change_order_item and contract_detail_item in Procore). */
export type RequisitionItemType = 'contract_item' | 'change_order_item';

export interface RequisitionItem {
  id: number;
  /** Absent: contract_item (the seeded and `sim.edit` invoices bill SOV lines only). */
  item_type?: RequisitionItemType;
  /** contract_item: the commitment (SOV) line this item bills against; change_order_item: the approved commitment
   * change order's line item. */
  line_item_id: number;
  /** change_order_item: the commitment line the change order line item edits, or null (new scope). */
  commitment_line_item_id?: number | null;
  cost_code_id: number;
  description_of_work: string;
  scheduled_value: number;
  work_completed_from_previous_application: number;
  work_completed_this_period: number;
  materials_presently_stored: number;
  work_completed_retainage_percent_this_period: number;
  work_completed_retainage_from_previous_application: number;
  work_completed_retainage_retained_this_period: number;
}

export interface Requisition extends ProjectScoped, OriginFields {
  commitment_id: number;
  number: number;
  invoice_number: string | null;
  status: RequisitionStatus;
  billing_date: string;
  period_start: string;
  period_end: string;
  submitted_at: string | null;
  erp_status: string | null;
  erp_locked: boolean;
  final: boolean;
  retainage_percent: number;
  items: RequisitionItem[];
}

export interface ContractPayment extends ProjectScoped, OriginFields {
  contract_id: number;
  requisition_id: number | null;
  amount: number;
  date: string;
  payment_number: number | null;
  check_number: string | null;
  invoice_number: string | null;
  notes: string | null;
}

// The owner side (issue 21; API-CONTRACT.md "The owner side"). Prime contracts keep their SOV lines inline.
export type PrimeContractStatus = 'Draft' | 'Out For Bid' | 'Out For Signature' | 'Approved' | 'Complete' | 'Terminated';

/** An owner outside the company vendor directory (seeded prime contracts: adding vendors would change the seeded
 * vendor list the harness replays against). Rendered as the contract's `vendor`. Simulator field. */
export interface PrimeContractOwner {
  id: number;
  name: string;
}

export interface PrimeContractLineItem {
  id: number;
  cost_code_id: number | null;
  line_item_type_id: number | null;
  description: string;
  amount: number;
  position: number;
  origin_id: string | null;
  origin_data: string | null;
  created_at: string;
  updated_at: string;
}

export interface PrimeContract extends ProjectScoped, OriginFields {
  number: string;
  title: string;
  description: string | null;
  status: PrimeContractStatus;
  executed: boolean;
  /** The owner as a directory vendor (sim.edit), or null with `owner` set (seeded). */
  vendor_id: number | null;
  owner: PrimeContractOwner | null;
  retainage_percent: number;
  contract_date: string | null;
  execution_date: string | null;
  approval_letter_date: string | null;
  signed_contract_received_date: string | null;
  line_items: PrimeContractLineItem[];
}

/** Procore's change order status enum (filters[status] of Show All Prime Change Orders). Approved counts in the
 * contract's approved_change_orders; the pending family in pending_change_orders_amount; draft in
 * draft_change_orders_amount; no_charge, rejected and void in none (compute-prime-contract-totals.ts). */
export type PrimeChangeOrderStatus =
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
  | 'void';

export interface PrimeChangeOrderLineItem {
  id: number;
  cost_code_id: number | null;
  line_item_type_id: number | null;
  description: string;
  amount: number;
  position: number;
  /** The prime contract SOV line this change belongs to (v2.0 prime_line_item_id); null for new scope. */
  prime_contract_line_item_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A prime contract change order (PCCO), 1- or 2-tier configuration: lines of its own, on one prime contract. */
export interface PrimeChangeOrder extends ProjectScoped, OriginFields {
  /** The prime contract. */
  contract_id: number;
  number: string;
  title: string;
  description: string | null;
  status: PrimeChangeOrderStatus;
  executed: boolean;
  revision: number;
  due_date: string | null;
  invoiced_date: string | null;
  paid_date: string | null;
  signed_change_order_received_date: string | null;
  /** When it was approved or rejected (ISO date-time); null while draft or pending. */
  reviewed_at: string | null;
  line_items: PrimeChangeOrderLineItem[];
}

export type PaymentApplicationStatus = 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved';

/** One G703 row: bills one prime contract SOV line, or one line of an approved prime contract change order. */
export interface PaymentApplicationLineItem {
  id: number;
  /** The SOV line billed; null on a change order row. */
  prime_contract_line_item_id: number | null;
  /** The change order line billed (simulator field); absent or null on an SOV row (seeded invoices have none). */
  prime_change_order_line_item_id?: number | null;
  cost_code_id: number | null;
  description_of_work: string;
  scheduled_value: number;
  work_completed_this_period: number;
  materials_presently_stored: number;
  work_completed_retainage_retained_this_period: number;
  materials_stored_retainage_retained_this_period: number;
  work_completed_retainage_released_this_period: number;
  materials_stored_retainage_released_this_period: number;
}

/** An owner invoice on a prime contract (Procore "Payment Application"). */
export interface PaymentApplication extends ProjectScoped, OriginFields {
  /** The prime contract. */
  contract_id: number;
  number: number;
  invoice_number: string | null;
  status: PaymentApplicationStatus;
  billing_date: string;
  period_start: string;
  period_end: string;
  line_items: PaymentApplicationLineItem[];
}

/** A payment received on a prime contract: a Contract Payment whose contract_id is the prime contract. */
export interface PrimeContractPayment extends ProjectScoped, OriginFields {
  contract_id: number;
  amount: number;
  date: string;
  /** The owner invoice's number. */
  draw_request_number: number | null;
  payment_number: number | null;
  check_number: string | null;
  invoice_number: string | null;
  notes: string | null;
  payment_method: 'check' | 'credit_card' | 'electronic' | null;
}

export type DirectCostType = 'invoice' | 'expense' | 'payroll';
export type DirectCostStatus = 'draft' | 'pending' | 'revise_and_resubmit' | 'approved';

export interface DirectCostLineItem {
  id: number;
  cost_code_id: number;
  line_item_type_id: number | null;
  amount: number;
  description: string | null;
}

export interface DirectCost extends ProjectScoped, OriginFields {
  direct_cost_type: DirectCostType;
  status: DirectCostStatus;
  vendor_id: number | null;
  invoice_number: string | null;
  direct_cost_date: string;
  received_date: string | null;
  payment_date: string | null;
  terms: string | null;
  description: string | null;
  line_items: DirectCostLineItem[];
}

export interface WebhookHook extends CompanyScoped {
  project_id: number | null;
  namespace: string;
  destination_url: string;
  destination_headers: Record<string, string>;
  api_version: string;
  owned_by_user_id: number;
}

export type WebhookEventType = 'create' | 'update' | 'delete';

export interface WebhookTrigger extends CompanyScoped {
  hook_id: number;
  project_id: number | null;
  resource_name: string;
  event_type: WebhookEventType;
  api_version: string;
}

/** One company's records, as generated or loaded. */
export interface CompanyData {
  company: Company;
  /** Whether the seeded user (and the apps it authorizes) belongs to this company. */
  userIsMember: boolean;
  vendors: Vendor[];
  projects: Project[];
  standardCostCodeLists: StandardCostCodeList[];
  standardCostCodes: StandardCostCode[];
  lineItemTypes: LineItemType[];
  costCodes: ProjectCostCode[];
  budgetViews: BudgetView[];
  budgetLineItems: BudgetLineItem[];
  commitments: Commitment[];
  commitmentLineItems: CommitmentLineItem[];
  changeOrders: CommitmentChangeOrder[];
  requisitions: Requisition[];
  contractPayments: ContractPayment[];
  directCosts: DirectCost[];
  /** The owner side; absent in data made before issue 21 (loaded as none). */
  primeContracts?: PrimeContract[];
  paymentApplications?: PaymentApplication[];
  primeContractPayments?: PrimeContractPayment[];
  /** Prime contract change orders; absent in data made before them (loaded as none). */
  primeChangeOrders?: PrimeChangeOrder[];
}

/** What `generateProcoreCompany` returns and `ProcoreSimulator` loads. */
export interface GeneratedCompany {
  seed: number;
  /** The person who signs in through /oauth/authorize and makes `sim.edit` changes. */
  user: ProcoreUser;
  /** The user behind client-credentials (service account) tokens. */
  serviceAccountUser: ProcoreUser;
  /** companies[0] is the main general contractor; further companies the user may or may not belong to. */
  companies: CompanyData[];
}
