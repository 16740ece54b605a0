/**
 * The simulated company file: plain JSON-serializable data. Money is held in integer cents;
 * times are epoch milliseconds and printed in the company's fixed UTC offset; references
 * between records are ListIDs/TxnIDs (FullNames are computed on output, as QuickBooks does when
 * a referenced record is renamed).
 */
export type Cents = number;

/** A request fragment kept verbatim (fields the simulator stores but does not interpret). */
export interface StoredNode {
  name: string;
  text?: string;
  children?: StoredNode[];
}

export interface Stamp {
  /** epoch ms */
  timeCreated: number;
  /** epoch ms */
  timeModified: number;
  /** QuickBooks EditSequence: unix seconds of the last change, bumped on every modify. */
  editSequence: string;
}

export interface ListEntry extends Stamp {
  listId: string;
  name: string;
  isActive: boolean;
  /** Other Add/Mod fields that the matching Ret declares (addresses, phone, notes...). */
  extra?: StoredNode[];
}

export interface Vendor extends ListEntry {
  companyName?: string;
}

/** Customers and jobs (a job is a customer with ParentRef; FullName "Customer:Job"). */
export interface Customer extends ListEntry {
  parentId?: string;
  companyName?: string;
  jobStatus?: string;
}

/**
 * The item types a contractor's file holds (qbxml130.xsd ItemQueryRs choice): what the connector creates
 * (Service, Other Charge) and what a real file also has — materials bought per job (Non-inventory),
 * stocked materials (Inventory), bundles (Group), and the invoice helpers (Discount, Subtotal, Sales Tax,
 * Payment). The type decides the Ret element: Item<Kind>Ret.
 */
export type ItemKind = 'Service' | 'OtherCharge' | 'NonInventory' | 'Inventory' | 'Group' | 'Discount' | 'Subtotal' | 'SalesTax' | 'Payment';

export interface Item extends ListEntry {
  itemType: ItemKind;
  parentId?: string;
}

/** StandardTermsRet ("Net 30": due days, discount) or DateDrivenTermsRet ("Due 10th"). */
export interface Terms extends ListEntry {
  termsType: 'Standard' | 'DateDriven';
  stdDueDays?: number;
  stdDiscountDays?: number;
  /** percent, e.g. 2 for "2% 10 Net 30" */
  discountPct?: number;
  dayOfMonthDue?: number;
  dueNextMonthDays?: number;
}

/** VendorTypeRet / CustomerTypeRet: hierarchical like classes ("Subcontractor", "Subcontractor:Electrical"). */
export interface EntityType extends ListEntry {
  parentId?: string;
}

/** SalesTaxCodeRet: "Tax" (taxable) and "Non" (non-taxable) in every US file. */
export interface SalesTaxCode extends ListEntry {
  isTaxable: boolean;
  desc?: string;
}

/**
 * CurrencyRet: the currency list of a multi-currency file (Lists > Currency List). `exchangeRate` is the rate
 * QuickBooks offers on a new transaction (home units per unit of this currency), as of `asOfDate`.
 */
export interface Currency extends ListEntry {
  currencyCode: string;
  exchangeRate?: number;
  asOfDate?: string;
  isUserDefined?: boolean;
}

/** TemplateRet: the form templates transactions point at (TemplateRef on POs and estimates). */
export interface Template extends ListEntry {
  templateType: string;
}

export interface QbClass extends ListEntry {
  parentId?: string;
}

export interface Account extends ListEntry {
  parentId?: string;
  accountType: string;
  /**
   * AccountRet CurrencyRef: with multi-currency on, A/R, A/P, bank and credit card accounts hold one currency each
   * (QuickBooks creates "Accounts Payable - CAD" when the first bill in Canadian dollars is entered). Absent = home.
   */
  currencyId?: string;
  accountNumber?: string;
  specialAccountType?: string;
  desc?: string;
}

export interface TxnBase extends Stamp {
  txnId: string;
  txnNumber: number;
  /** YYYY-MM-DD */
  txnDate: string;
  refNumber?: string;
  memo?: string;
  extra?: StoredNode[];
  /**
   * With multi-currency on: the transaction's currency (CurrencyRef; a bill, PO or bill payment takes its vendor's) and
   * ExchangeRate, home-currency units for one unit of it (qbxml130.xsd ExchangeRate). Every amount of the
   * transaction, lines included, is in this currency; the *InHomeCurrency elements are amount × rate. Absent = home, 1.
   */
  currencyId?: string;
  exchangeRate?: number;
}

export interface ExpenseLine {
  txnLineId: string;
  accountId?: string;
  amount: Cents;
  memo?: string;
  customerId?: string;
  classId?: string;
  billableStatus?: string;
}

export interface ItemLine {
  txnLineId: string;
  itemId?: string;
  desc?: string;
  quantity?: number;
  /** unit cost in dollars (PRICETYPE) */
  cost?: number;
  amount: Cents;
  customerId?: string;
  classId?: string;
  billableStatus?: string;
  /** PO line this bill line came from (ItemLineAdd/LinkToTxn or header LinkToTxnID). */
  linkedTxnId?: string;
  linkedTxnLineId?: string;
}

export interface PurchaseOrderLine {
  txnLineId: string;
  itemId?: string;
  desc?: string;
  quantity?: number;
  /** dollars (PRICETYPE) */
  rate?: number;
  amount: Cents;
  classId?: string;
  customerId?: string;
  receivedQuantity?: number;
  isManuallyClosed?: boolean;
  otherOne?: string;
  otherTwo?: string;
}

export interface PurchaseOrder extends TxnBase {
  vendorId?: string;
  classId?: string;
  dueDate?: string;
  expectedDate?: string;
  isManuallyClosed: boolean;
  lines: PurchaseOrderLine[];
}

export interface Bill extends TxnBase {
  vendorId: string;
  apAccountId: string;
  dueDate?: string;
  expenseLines: ExpenseLine[];
  itemLines: ItemLine[];
  /** POs linked with header LinkToTxnID. */
  linkedTxnIds?: string[];
}

export interface AppliedPayment {
  txnId: string;
  amount: Cents;
}

export interface BillPaymentCheck extends TxnBase {
  payeeId: string;
  apAccountId: string;
  bankAccountId: string;
  applied: AppliedPayment[];
  isToBePrinted?: boolean;
}

export interface Check extends TxnBase {
  accountId: string;
  payeeId?: string;
  expenseLines: ExpenseLine[];
  itemLines: ItemLine[];
}

export interface CreditCardCharge extends TxnBase {
  accountId: string;
  payeeId?: string;
  expenseLines: ExpenseLine[];
  itemLines: ItemLine[];
}

export interface EstimateLine {
  txnLineId: string;
  itemId?: string;
  desc?: string;
  quantity?: number;
  rate?: number;
  amount: Cents;
  classId?: string;
  markupRate?: number;
}

export interface Estimate extends TxnBase {
  customerId: string;
  classId?: string;
  isActive: boolean;
  dueDate?: string;
  lines: EstimateLine[];
}

/** InvoiceLineRet (qbxml130.xsd TxnLineCore): a line of an invoice to the owner (a schedule-of-values line, retainage). */
export interface InvoiceLine {
  txnLineId: string;
  itemId?: string;
  desc?: string;
  quantity?: number;
  /** dollars (PRICETYPE) */
  rate?: number;
  /** Negative on a retainage-withheld line (QuickBooks allows negative lines on an invoice whose total is not negative). */
  amount: Cents;
  classId?: string;
  /** YYYY-MM-DD: the period billed. */
  serviceDate?: string;
  salesTaxCodeId?: string;
}

/**
 * An invoice to the owner (InvoiceRet): the job is CustomerRef, posting to an A/R account. What is still owed
 * (BalanceRemaining, IsPaid) follows the payments applied to it (ReceivePayment), discounts included.
 */
export interface Invoice extends TxnBase {
  customerId: string;
  arAccountId: string;
  classId?: string;
  dueDate?: string;
  isPending?: boolean;
  /** ItemSalesTaxRef: the sales tax item (its TaxRate) taxable lines are taxed at; the customer's unless the request names one. */
  itemSalesTaxId?: string;
  lines: InvoiceLine[];
}

/** AppliedToTxnAdd: what one payment pays on one invoice, and the early-payment discount taken on it. */
export interface AppliedReceipt {
  /** Invoice TxnID */
  txnId: string;
  /** PaymentAmount */
  amount: Cents;
  discountAmount?: Cents;
  discountAccountId?: string;
}

/**
 * A payment received from the owner (ReceivePaymentRet): TotalAmount deposited to a bank account or Undeposited
 * Funds, applied to one or several invoices; what is not applied is UnusedPayment (a credit on the customer).
 */
export interface ReceivePayment extends TxnBase {
  customerId: string;
  arAccountId: string;
  totalAmount: Cents;
  /** PaymentMethodRef FullName ("Check", "E-Check", "Cash"): the simulator does not model the payment-method list. */
  paymentMethod?: string;
  depositToAccountId: string;
  applied: AppliedReceipt[];
}

/**
 * DepositLineRet: a payment taken out of Undeposited Funds (`paymentTxnId`, the ReceivePayment; TxnType ReceivePayment
 * in the answer), or money deposited directly from an account.
 */
export interface DepositLine {
  txnLineId: string;
  paymentTxnId?: string;
  /** EntityRef: who paid (the payment's customer). */
  entityId?: string;
  /** The account the money comes from: Undeposited Funds for a payment. */
  accountId?: string;
  memo?: string;
  /** The owner's check number (the payment's RefNumber). */
  checkNumber?: string;
  paymentMethod?: string;
  classId?: string;
  amount: Cents;
}

/** Make Deposits (DepositRet): payments received and held in Undeposited Funds, put into a bank account on a date. */
export interface Deposit extends TxnBase {
  depositToAccountId: string;
  lines: DepositLine[];
}

/** ListDelType / TxnDelType values (qbxml130.xsd) of what was deleted. */
export interface DeletedEntry {
  kind: 'list' | 'txn';
  type: string;
  id: string;
  timeCreated: number;
  timeDeleted: number;
  /** FullName of a list entry, RefNumber of a transaction. */
  name?: string;
}

/** Data extensions on the company record, e.g. QBWC's FileID per OwnerID (QBWC guide p.36). */
export interface CompanyDataExt {
  ownerId: string;
  name: string;
  type: string;
  value: string;
}

export type Country = 'US' | 'CA';

/** A response element kept verbatim (the tree shape of xml/xml-node.ts, JSON-serializable). */
export interface StoredResponse {
  name: string;
  attrs: Record<string, string>;
  children: StoredResponse[];
  text?: string;
}

/**
 * Error-recovery state (Intuit "Error recovery"; samples ErrRecovery1-3): the last message sent with a
 * newMessageSetID and the responses QuickBooks gave it. QuickBooks keeps it in the company file, so it
 * outlives a restart of QuickBooks; the simulator saves it with the company file for the same reason.
 * Only the last message set is kept (a later newMessageSetID replaces it), which bounds its size to one message.
 */
export interface StoredMessageSet {
  id: string;
  responses: StoredResponse[];
}

/** Company > My Company (CompanyRet): addresses, contact, fiscal and tax year, EIN. */
export interface CompanyProfile {
  addr1: string;
  city: string;
  state: string;
  postalCode: string;
  phone: string;
  email: string;
  webSite?: string;
  /** 'January' … 'December' (FirstMonthFiscalYear / FirstMonthIncomeTaxYear) */
  firstMonthFiscalYear: string;
  ein: string;
  /** TaxForm enum: 'Form1120S', 'Form1065', … */
  taxForm: string;
}

export interface CompanyFile {
  format: 'qb-simulator-company/1';
  companyName: string;
  legalCompanyName?: string;
  companyFilePath: string;
  country: Country;
  /** fixed offset of the QuickBooks machine's local time, e.g. "-05:00" */
  utcOffset: string;
  productName: string;
  majorVersion: string;
  minorVersion: string;
  isUsingClassTracking: boolean;
  /**
   * Accounting preference "Closing Date" (PreferencesRet AccountingPreferences ClosingDate): a write dated on or
   * before it answers 3171. Absent = no closing date set.
   */
  closingDate?: string;
  /** MultiCurrencyPreferences IsMultiCurrencyOn; absent = off (QuickBooks' default for a new file). */
  isMultiCurrencyOn?: boolean;
  /** MultiCurrencyPreferences HomeCurrencyRef: the ListID of the home currency in `currencies` (multi-currency on). */
  homeCurrencyId?: string;
  /** What Company Information holds (CompanyRet); absent = the defaults of renderCompanyRet. */
  profile?: CompanyProfile;
  nextListSeq: number;
  nextTxnSeq: number;
  nextTxnNumber: number;
  vendors: Vendor[];
  customers: Customer[];
  items: Item[];
  classes: QbClass[];
  accounts: Account[];
  terms: Terms[];
  vendorTypes: EntityType[];
  customerTypes: EntityType[];
  salesTaxCodes: SalesTaxCode[];
  templates: Template[];
  /** The currency list (empty unless multi-currency is on). */
  currencies: Currency[];
  purchaseOrders: PurchaseOrder[];
  bills: Bill[];
  billPaymentChecks: BillPaymentCheck[];
  checks: Check[];
  creditCardCharges: CreditCardCharge[];
  estimates: Estimate[];
  /** Invoices to owners (empty in a file written before they were modelled). */
  invoices: Invoice[];
  receivePayments: ReceivePayment[];
  deposits: Deposit[];
  deleted: DeletedEntry[];
  dataExt: CompanyDataExt[];
  /** Error-recovery state; absent when no message set is stored. */
  messageSet?: StoredMessageSet;
}
