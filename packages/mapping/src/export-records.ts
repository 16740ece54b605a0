// What the caller hands to a mapper: Procore records as @connector/procore types them, plus the few
// choices made at export time (the PO number typed by the user). `type` names follow packages/sync
// exports/export-workflow.ts EXPORT_RECORD_TYPES.
import type {
  Commitment,
  CommitmentChangeOrder,
  PaymentApplication,
  PrimeContract,
  PrimeContractChangeOrder,
  CommitmentChangeOrderLineItem,
  CommitmentLineItem,
  Project,
  Requisition,
  StandardCostCode,
  Vendor,
} from '@connector/procore';
import type { BudgetRow } from './read-budget-row.ts';

export interface VendorExport {
  vendor: Vendor;
  /**
   * Linked vendors only: the fields a person chose to send over QuickBooks' values (linked-fields.ts).
   * None chosen: nothing is sent (the vendor is already in QuickBooks).
   */
  fields?: readonly string[] | undefined;
}

export interface ProjectExport {
  project: Project;
  /** Linked jobs only: the fields a person chose to send (never the customer: a linked job is not moved). */
  fields?: readonly string[] | undefined;
}

export interface CostCodeExport {
  costCode: StandardCostCode;
}

export interface BudgetExport {
  projectId: number;
  /** For messages and the estimate memo. */
  projectName?: string | null;
  rows: readonly BudgetRow[];
}

export interface CommitmentExport {
  projectId: number;
  commitment: Commitment;
  lines: readonly CommitmentLineItem[];
  /** The PO number the user typed at export, used when useProcoreContractNumber is off (≤ 11). */
  typedRefNumber?: string | null;
}

/**
 * Procore's v2.0 commitment change order line items carry `commitment_line_item_id` (the commitment
 * line the change edits); @connector/procore's CommitmentChangeOrderLineItem declares it as optional.
 */
export type ChangeOrderLineItem = CommitmentChangeOrderLineItem & { commitment_line_item_id?: number | null };

export interface ChangeOrderExport {
  projectId: number;
  changeOrder: CommitmentChangeOrder;
}

export interface InvoiceExport {
  requisition: Requisition;
}

/** An owner invoice (Procore payment application on the prime contract, read with its line items): issue 21. */
export interface OwnerInvoiceExport {
  projectId: number;
  paymentApplication: PaymentApplication;
}

/** A prime contract (Show Prime Contract, with its schedule-of-values lines): the job's contract value (issue 21). */
export interface PrimeContractExport {
  projectId: number;
  primeContract: PrimeContract;
}

/** A prime contract change order (Show Prime Change Order, with its lines): added to the contract's estimate. */
export interface PrimeChangeOrderExport {
  projectId: number;
  changeOrder: PrimeContractChangeOrder;
}

export type ExportRecord =
  | ({ type: 'vendor' } & VendorExport)
  | ({ type: 'project' } & ProjectExport)
  | ({ type: 'cost_code' } & CostCodeExport)
  | ({ type: 'budget' } & BudgetExport)
  | ({ type: 'commitment' } & CommitmentExport)
  | ({ type: 'change_order' } & ChangeOrderExport)
  | ({ type: 'invoice' } & InvoiceExport)
  | ({ type: 'owner_invoice' } & OwnerInvoiceExport)
  | ({ type: 'prime_contract' } & PrimeContractExport)
  | ({ type: 'prime_change_order' } & PrimeChangeOrderExport);
