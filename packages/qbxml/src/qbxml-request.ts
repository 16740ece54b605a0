import type { BillAddRequest } from './build-bill.ts';
import type { CompanyQueryRequest, HostQueryRequest, PreferencesQueryRequest } from './build-company-queries.ts';
import type { CustomerAddRequest, CustomerModRequest } from './build-customer.ts';
import type { ListDeletedQueryRequest, TxnDeletedQueryRequest } from './build-deleted-query.ts';
import type { DepositQueryRequest } from './build-deposit-query.ts';
import type { EstimateAddRequest, EstimateModRequest } from './build-estimate.ts';
import type { InvoiceAddRequest, InvoiceModRequest } from './build-invoice.ts';
import type { ItemOtherChargeAddRequest, ItemOtherChargeModRequest, ItemServiceAddRequest, ItemServiceModRequest } from './build-item.ts';
import type { AccountQueryRequest, ClassQueryRequest, CustomerQueryRequest, ItemQueryRequest, VendorQueryRequest } from './build-list-query.ts';
import type { PurchaseOrderAddRequest, PurchaseOrderModRequest } from './build-purchase-order.ts';
import type {
  BillPaymentCheckQueryRequest,
  PurchaseOrderQueryRequest,
  EstimateQueryRequest,
  InvoiceQueryRequest,
  ReceivePaymentQueryRequest,
  BillQueryRequest,
  CheckQueryRequest,
  CreditCardChargeQueryRequest,
} from './build-txn-query.ts';
import type { VendorAddRequest, VendorModRequest } from './build-vendor.ts';

/** Every qbXML request this connector sends, discriminated on `type` (the qbXML request name). */
export type QbxmlRequest =
  | VendorAddRequest
  | VendorModRequest
  | VendorQueryRequest
  | CustomerAddRequest
  | CustomerModRequest
  | CustomerQueryRequest
  | ItemServiceAddRequest
  | ItemServiceModRequest
  | ItemOtherChargeAddRequest
  | ItemOtherChargeModRequest
  | ItemQueryRequest
  | PurchaseOrderAddRequest
  | PurchaseOrderModRequest
  | BillAddRequest
  | EstimateAddRequest
  | EstimateModRequest
  | InvoiceAddRequest
  | InvoiceModRequest
  | BillQueryRequest
  | CheckQueryRequest
  | CreditCardChargeQueryRequest
  | BillPaymentCheckQueryRequest
  | PurchaseOrderQueryRequest
  | EstimateQueryRequest
  | InvoiceQueryRequest
  | ReceivePaymentQueryRequest
  | DepositQueryRequest
  | TxnDeletedQueryRequest
  | ListDeletedQueryRequest
  | HostQueryRequest
  | CompanyQueryRequest
  | PreferencesQueryRequest
  | ClassQueryRequest
  | AccountQueryRequest;

export type QbxmlRequestType = QbxmlRequest['type'];

/** Queries whose *QueryRq accepts iterator/iteratorID in qbxmlops130.xsd. */
export const ITERABLE_REQUEST_TYPES = [
  'VendorQuery',
  'CustomerQuery',
  'ItemQuery',
  'BillQuery',
  'CheckQuery',
  'CreditCardChargeQuery',
  'BillPaymentCheckQuery',
  'PurchaseOrderQuery',
  'EstimateQuery',
  'InvoiceQuery',
  'ReceivePaymentQuery',
  'DepositQuery',
] as const satisfies readonly QbxmlRequestType[];

export type IterableRequestType = (typeof ITERABLE_REQUEST_TYPES)[number];

export function isIterableRequestType(type: string): type is IterableRequestType {
  return (ITERABLE_REQUEST_TYPES as readonly string[]).includes(type);
}
