// The QuickBooks Online payloads the renderers produce. These mirror packages/qbo/src/qbo-entities.ts (same field
// names and shapes, a subset) instead of importing them: @connector/mapping is a pure package whose only
// dependencies are @connector/procore and @connector/qbxml (package.json), and it must not pull the HTTP client in.
// Field names from Intuit's API reference, developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/<entity>.
// Estimate is not in qbo-entities.ts yet; its shape is the Invoice's (SalesItemLineDetail lines, CustomerRef).

/** { value: Id, name?: display name } — how one QBO entity points at another. */
export interface QboRef {
  value: string;
  name?: string;
}

export interface QboAddress {
  Line1?: string;
  Line2?: string;
  Line3?: string;
  Line4?: string;
  Line5?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

/** A sparse update carries Id + SyncToken + sparse: true and only the fields to change (Intuit: "Sparse update"). */
interface Writable {
  Id?: string;
  SyncToken?: string;
  sparse?: boolean;
}

export interface QboVendorPayload extends Writable {
  DisplayName?: string;
  CompanyName?: string;
  Active?: boolean;
  PrimaryPhone?: { FreeFormNumber: string };
  Mobile?: { FreeFormNumber: string };
  Fax?: { FreeFormNumber: string };
  PrimaryEmailAddr?: { Address: string };
  BillAddr?: QboAddress;
  TaxIdentifier?: string;
}

export interface QboCustomerPayload extends Writable {
  DisplayName?: string;
  CompanyName?: string;
  Active?: boolean;
  Job?: boolean;
  ParentRef?: QboRef;
  BillWithParent?: boolean;
  ShipAddr?: QboAddress;
  Notes?: string;
}

export interface QboItemPayload extends Writable {
  Name?: string;
  Type?: 'Service';
  Description?: string;
  PurchaseDesc?: string;
  SubItem?: boolean;
  ParentRef?: QboRef;
  IncomeAccountRef?: QboRef;
  ExpenseAccountRef?: QboRef;
}

export interface QboLinkedTxn {
  TxnId: string;
  TxnType: 'PurchaseOrder';
  TxnLineId?: string;
}

export interface QboExpenseLine {
  Id?: string;
  Description?: string;
  Amount: number;
  DetailType: 'ItemBasedExpenseLineDetail';
  ItemBasedExpenseLineDetail: { ItemRef: QboRef; Qty?: number; UnitPrice?: number; CustomerRef?: QboRef; ClassRef?: QboRef };
  LinkedTxn?: QboLinkedTxn[];
}

export interface QboSalesLine {
  Id?: string;
  Description?: string;
  Amount: number;
  DetailType: 'SalesItemLineDetail';
  SalesItemLineDetail: { ItemRef: QboRef; Qty?: number; UnitPrice?: number; ClassRef?: QboRef };
}

interface QboTxnPayload extends Writable {
  DocNumber?: string;
  TxnDate?: string;
  DueDate?: string;
  PrivateNote?: string;
}

export interface QboPurchaseOrderPayload extends QboTxnPayload {
  VendorRef?: QboRef;
  Memo?: string;
  Line?: QboExpenseLine[];
}

export interface QboBillPayload extends QboTxnPayload {
  VendorRef: QboRef;
  APAccountRef?: QboRef;
  Line: QboExpenseLine[];
}

export interface QboInvoicePayload extends QboTxnPayload {
  CustomerRef?: QboRef;
  ARAccountRef?: QboRef;
  Line?: QboSalesLine[];
}

export type QboEstimatePayload = QboInvoicePayload;

/** The entities a rendering writes, by QBO entity name (the URL resource is its lower case, qbo-entities.ts resourceNameOf). */
export interface QboPayloadMap {
  Vendor: QboVendorPayload;
  Customer: QboCustomerPayload;
  Item: QboItemPayload;
  PurchaseOrder: QboPurchaseOrderPayload;
  Bill: QboBillPayload;
  Invoice: QboInvoicePayload;
  Estimate: QboEstimatePayload;
}

export type QboWriteEntity = keyof QboPayloadMap;
