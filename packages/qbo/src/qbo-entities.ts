// The QuickBooks Online entities the connector reads and writes, typed with the fields it uses — not the
// whole schema. Field names and shapes as in Intuit's API reference
// (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/<entity>). Every entity read back
// has Id and SyncToken; a sparse update sends Id + SyncToken + sparse: true + the fields to change, and a
// Line array in an update replaces every line (send all of them).
// Money is a JSON number in QBO; amounts are kept as Intuit sends them and converted by the mapping layer.

/** { value: Id, name?: display name } — how one entity points at another. */
export interface Ref {
  value: string;
  name?: string;
}

export interface MetaData {
  CreateTime?: string;
  LastUpdatedTime?: string;
}

interface Base {
  Id?: string;
  SyncToken?: string;
  MetaData?: MetaData;
  /** CDC: "Deleted" for a deleted entity (Change data capture operation page). */
  status?: string;
  domain?: string;
  sparse?: boolean;
}

export interface PhysicalAddress {
  Line1?: string;
  Line2?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

export interface Vendor extends Base {
  DisplayName?: string;
  CompanyName?: string;
  PrintOnCheckName?: string;
  Active?: boolean;
  Vendor1099?: boolean;
  TaxIdentifier?: string;
  AcctNum?: string;
  PrimaryEmailAddr?: { Address?: string };
  PrimaryPhone?: { FreeFormNumber?: string };
  BillAddr?: PhysicalAddress;
  Balance?: number;
}

/** A customer, or a sub-customer (a job/project): Job = true with ParentRef the parent customer. */
export interface Customer extends Base {
  DisplayName?: string;
  CompanyName?: string;
  FullyQualifiedName?: string;
  Active?: boolean;
  Job?: boolean;
  ParentRef?: Ref;
  BillWithParent?: boolean;
  /** 0 for a top-level customer. */
  Level?: number;
  PrimaryEmailAddr?: { Address?: string };
  BillAddr?: PhysicalAddress;
  ShipAddr?: PhysicalAddress;
  Balance?: number;
}

export type ItemType = 'Service' | 'NonInventory' | 'Inventory' | 'Category' | 'Group';

export interface Item extends Base {
  Name?: string;
  FullyQualifiedName?: string;
  Type?: ItemType;
  Active?: boolean;
  Description?: string;
  PurchaseDesc?: string;
  SubItem?: boolean;
  ParentRef?: Ref;
  IncomeAccountRef?: Ref;
  ExpenseAccountRef?: Ref;
  UnitPrice?: number;
  PurchaseCost?: number;
  Taxable?: boolean;
}

export interface Class extends Base {
  Name?: string;
  FullyQualifiedName?: string;
  SubClass?: boolean;
  ParentRef?: Ref;
  Active?: boolean;
}

export interface Account extends Base {
  Name?: string;
  FullyQualifiedName?: string;
  AccountType?: string;
  AccountSubType?: string;
  AcctNum?: string;
  Active?: boolean;
  Classification?: string;
  CurrentBalance?: number;
}

export interface LinkedTxn {
  TxnId: string;
  TxnType: string;
  /** The line of the linked transaction (e.g. the PO line a bill line receives). */
  TxnLineId?: string;
}

/** Detail of a line that buys an item (PO, bill, purchase, vendor credit). */
export interface ItemBasedExpenseLineDetail {
  ItemRef: Ref;
  Qty?: number;
  UnitPrice?: number;
  CustomerRef?: Ref;
  ClassRef?: Ref;
  BillableStatus?: 'Billable' | 'NotBillable' | 'HasBeenBilled';
  TaxCodeRef?: Ref;
}

/** Detail of a line that books straight to an account. */
export interface AccountBasedExpenseLineDetail {
  AccountRef: Ref;
  CustomerRef?: Ref;
  ClassRef?: Ref;
  BillableStatus?: 'Billable' | 'NotBillable' | 'HasBeenBilled';
  TaxCodeRef?: Ref;
}

export interface ExpenseLine {
  Id?: string;
  LineNum?: number;
  Description?: string;
  Amount: number;
  DetailType: 'ItemBasedExpenseLineDetail' | 'AccountBasedExpenseLineDetail';
  ItemBasedExpenseLineDetail?: ItemBasedExpenseLineDetail;
  AccountBasedExpenseLineDetail?: AccountBasedExpenseLineDetail;
  LinkedTxn?: LinkedTxn[];
  /** PurchaseOrder lines: how much of the line has been received (billed). */
  Received?: number;
}

export interface SalesItemLine {
  Id?: string;
  LineNum?: number;
  Description?: string;
  Amount: number;
  DetailType: 'SalesItemLineDetail' | 'SubTotalLineDetail' | 'DiscountLineDetail' | 'DescriptionOnly';
  SalesItemLineDetail?: { ItemRef: Ref; Qty?: number; UnitPrice?: number; ClassRef?: Ref; TaxCodeRef?: Ref; ServiceDate?: string };
  LinkedTxn?: LinkedTxn[];
}

interface Txn extends Base {
  DocNumber?: string;
  TxnDate?: string;
  PrivateNote?: string;
  TotalAmt?: number;
  CurrencyRef?: Ref;
}

export interface PurchaseOrder extends Txn {
  VendorRef: Ref;
  APAccountRef?: Ref;
  POStatus?: 'Open' | 'Closed';
  Memo?: string;
  DueDate?: string;
  Line?: ExpenseLine[];
  LinkedTxn?: LinkedTxn[];
}

export interface Bill extends Txn {
  VendorRef: Ref;
  APAccountRef?: Ref;
  DueDate?: string;
  Balance?: number;
  Line?: ExpenseLine[];
  /** e.g. the PurchaseOrder the bill was made from. */
  LinkedTxn?: LinkedTxn[];
}

export interface BillPaymentLine {
  Amount: number;
  LinkedTxn: LinkedTxn[];
}

export interface BillPayment extends Txn {
  VendorRef: Ref;
  PayType: 'Check' | 'CreditCard';
  CheckPayment?: { BankAccountRef: Ref; PrintStatus?: string };
  CreditCardPayment?: { CCAccountRef: Ref };
  Line?: BillPaymentLine[];
}

/** An estimate (a job's contract value on the owner side: budgets and prime contracts). Same sales lines as an invoice. */
export interface Estimate extends Txn {
  CustomerRef: Ref;
  ExpirationDate?: string;
  TxnStatus?: 'Pending' | 'Accepted' | 'Closed' | 'Rejected' | 'Converted';
  CustomerMemo?: { value: string };
  Line?: SalesItemLine[];
  LinkedTxn?: LinkedTxn[];
}

export interface Invoice extends Txn {
  CustomerRef: Ref;
  DueDate?: string;
  Balance?: number;
  ARAccountRef?: Ref;
  CustomerMemo?: { value: string };
  Line?: SalesItemLine[];
  LinkedTxn?: LinkedTxn[];
}

export interface PaymentLine {
  Amount: number;
  LinkedTxn: LinkedTxn[];
}

export interface Payment extends Txn {
  CustomerRef: Ref;
  DepositToAccountRef?: Ref;
  PaymentRefNum?: string;
  UnappliedAmt?: number;
  Line?: PaymentLine[];
}

/** A check, cash or credit-card expense. */
export interface Purchase extends Txn {
  PaymentType: 'Cash' | 'Check' | 'CreditCard';
  AccountRef: Ref;
  EntityRef?: Ref & { type?: string };
  Credit?: boolean;
  Line?: ExpenseLine[];
}

export interface VendorCredit extends Txn {
  VendorRef: Ref;
  APAccountRef?: Ref;
  Balance?: number;
  Line?: ExpenseLine[];
}

/** Entity name (as in URLs' lower-case resource, queries, batch and CDC) → its type. */
export interface QboEntityMap {
  Vendor: Vendor;
  Customer: Customer;
  Item: Item;
  Class: Class;
  Account: Account;
  PurchaseOrder: PurchaseOrder;
  Bill: Bill;
  BillPayment: BillPayment;
  Invoice: Invoice;
  Estimate: Estimate;
  Payment: Payment;
  Purchase: Purchase;
  VendorCredit: VendorCredit;
}

export type QboEntityName = keyof QboEntityMap;

export const QBO_ENTITY_NAMES: readonly QboEntityName[] = Object.freeze([
  'Vendor',
  'Customer',
  'Item',
  'Class',
  'Account',
  'PurchaseOrder',
  'Bill',
  'BillPayment',
  'Invoice',
  'Estimate',
  'Payment',
  'Purchase',
  'VendorCredit',
]);

/** The URL resource of an entity: its name in lower case ("purchaseorder", "billpayment"; URI format
 * POST baseURL/v3/company/realmId/resourceName, rest-api-features page; URIs are case sensitive). */
export function resourceNameOf(entity: QboEntityName): string {
  return entity.toLowerCase();
}

export function isQboEntityName(value: string): value is QboEntityName {
  return (QBO_ENTITY_NAMES as readonly string[]).includes(value);
}
