// Prime contract payments: "Payments Received" on a prime contract, each against one owner invoice (payment
// application) — what the owner paid, as QuickBooks receives it (issue 21; docs/integration-map.md, owner invoices).
// Client calls below; API-CONTRACT.md "Prime contract payments (payments received)".
//
// What we rely on, and where it comes from:
// - The Procore web app records a payment received on a prime contract with: Invoice (one of the contract's owner
//   invoices, chosen from a list), Date, Payment # (free-form), Invoice #, Check #, Notes, Amount, Attachments; the
//   contract must be Approved or Complete. Procore support, "Create a Payment Received for a Prime Contract",
//   https://v2.support.procore.com/product-manuals/prime-contracts-project/tutorials/create-a-payment-received-for-a-prime-contract
// - Procore's REST API (OpenAPI v1.0 as catalogued from developers.procore.com in TylerIlunga/procore-mcp-server
//   data/catalog.json, 2,636 operations) has NO endpoint named for prime contract payments. Show Prime Contract
//   (GET /rest/v1.0/prime_contract/{id}) answers `payments_received`: an array of "Contract Payment" objects with
//   id, amount (string), check_number, created_at, date, draw_request_number ("Payment number of a Draw Request,
//   Owner Invoice, or Subcontractor Invoice"), invoice_number, notes, payment_number (integer), attachments,
//   origin_id, origin_data — the same object as the commitment side's Contract Payment
//   (data/endpoint-details/RestV10PrimeContractIdGet.json, RestV10ContractPaymentsPost.json; the same fields in the
//   generated procore_sdk model Procore.Model.ContractPayment, https://hexdocs.pm/procore_sdk/Procore.Model.ContractPayment.html).
// - Contract Payments: GET/POST /rest/v1.0/contract_payments, GET/PATCH/DELETE /rest/v1.0/contract_payments/{id};
//   project_id and contract_id are required (query on GET/DELETE, body on POST/PATCH); contract_id is described as
//   "Contract ID", not "Commitment ID". The body's contract_payment: date, invoice_number, check_number,
//   invoice_date, draw_request_number (integer), notes, payment_number (integer), payment_method
//   (check | credit_card | electronic), amount (string), origin_id ("third party ID"), origin_data, requisition_id
//   ("Subcontractor requisition ID"). PATCH: "All attributes other than 'attachments', 'origin_id', and
//   'origin_data' will be locked if the contract payment is synced with an ERP system."
//
// INFERENCE, to verify against a Procore sandbox before the connector writes any: a payment received is a Contract
// Payment whose contract_id is the prime contract, and it is tied to its owner invoice by draw_request_number (the
// owner invoice's `number`) — the API has no payment_application_id, and requisition_id is documented for
// subcontractor invoices only. payment_number is an integer in Procore, so QuickBooks' check/reference number (text,
// up to 20 characters) goes to check_number, never payment_number.
// The list documents no filters (only project_id, contract_id, page, per_page), so list({ originId }) filters on
// our side. Whether Procore refuses a second payment with the same origin_id is not documented for this endpoint:
// the caller looks for its origin_id before creating again, whatever the answer.

import { idValue, segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

/** Procore's payment_method enum (Contract Payment request body). */
export type PrimeContractPaymentMethod = 'check' | 'credit_card' | 'electronic';

/** A payment received on a prime contract, as Procore answers it (Show Prime Contract `payments_received`). */
export interface PrimeContractPayment {
  id: number;
  project_id?: number | null;
  /** The prime contract. */
  contract_id?: number | null;
  /** Decimal string ("1250.00"). */
  amount: string;
  /** YYYY-MM-DD: the day the payment was received. */
  date?: string | null;
  /** The owner invoice's number (payment application `number`) this payment is against. */
  draw_request_number?: number | null;
  payment_number?: number | null;
  check_number?: string | null;
  invoice_number?: string | null;
  notes?: string | null;
  payment_method?: PrimeContractPaymentMethod | (string & {}) | null;
  origin_id?: string | null;
  origin_data?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

/** The `contract_payment` object sent to create one (project_id and contract_id also travel beside it). */
export interface NewPrimeContractPayment {
  /** The prime contract. */
  contract_id: number;
  /** Decimal string, as Procore's schema types it. */
  amount: string;
  /** YYYY-MM-DD */
  date: string;
  /** The owner invoice paid: its payment application `number`. */
  draw_request_number?: number | undefined;
  invoice_number?: string | undefined;
  check_number?: string | undefined;
  notes?: string | undefined;
  payment_method?: PrimeContractPaymentMethod | undefined;
  /** The connector's key for this payment; before creating again after an unknown outcome, look for it among the
   * contract's payments (whether Procore refuses a duplicate origin_id here, as API-CONTRACT.md records for
   * payments issued, is not documented). */
  origin_id: string;
  origin_data?: string | undefined;
}

export interface PrimeContractPaymentListOptions {
  /** Only the payment(s) with this origin_id (compared here: the endpoint documents no filter). */
  originId?: string | undefined;
}

export function createPrimeContractPaymentsApi({ transport }: ResourceContext) {
  const base = '/rest/v1.0/contract_payments';
  return {
    /** GET /rest/v1.0/contract_payments?project_id=&contract_id= — a prime contract's payments received. */
    async list(projectId: ProcoreId, primeContractId: ProcoreId, options: PrimeContractPaymentListOptions = {}): Promise<PrimeContractPayment[]> {
      const payments = await transport.listAll<PrimeContractPayment>(base, { project_id: segment(projectId), contract_id: segment(primeContractId) });
      return options.originId === undefined ? payments : payments.filter((p) => p.origin_id === options.originId);
    },
    /** POST /rest/v1.0/contract_payments { project_id, contract_id, contract_payment }. Not retried after a timeout /
     * network error / 502 / 504 (the error's outcome is 'unknown'): list with { originId } before creating again. */
    async create(projectId: ProcoreId, payment: NewPrimeContractPayment): Promise<PrimeContractPayment> {
      return (
        await transport.request<PrimeContractPayment>('POST', base, {
          body: { project_id: idValue(projectId), contract_id: idValue(payment.contract_id), contract_payment: payment },
        })
      ).body;
    },
    /** DELETE /rest/v1.0/contract_payments/{id}?project_id=&contract_id=. Not resent after an ambiguous failure; a
     * 404 on a later attempt means it is already gone. */
    async delete(projectId: ProcoreId, primeContractId: ProcoreId, id: ProcoreId): Promise<void> {
      await transport.request<unknown>('DELETE', `${base}/${segment(id)}`, {
        query: { project_id: segment(projectId), contract_id: segment(primeContractId) },
      });
    },
  };
}
