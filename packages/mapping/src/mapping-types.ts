// The shapes every mapper shares: the settings and links it reads, and the result it returns.
// Pure data: the caller (packages/sync) loads settings and links from the database and passes them in.
import type { QbxmlRequest } from '@connector/qbxml';

/** A QuickBooks list entry we can point at: ListID for the request (survives renames), FullName for people. */
export interface QbRef {
  listId: string;
  fullName: string;
}

/**
 * A list record we created or matched (vendor, customer, job, item). A Mod needs ListID and the
 * EditSequence QuickBooks last returned (docs/qbxml.md#writes-and-editsequence: "keep the returned ListID/TxnID and EditSequence").
 */
export interface QbListLink extends QbRef {
  editSequence: string;
}

export type ItemType = 'service' | 'other_charge';

/** An item link may say which kind of item it is; an ItemServiceMod sent to an Other Charge item fails. */
export interface QbItemLink extends QbListLink {
  itemType?: ItemType;
}

/**
 * One line of a QuickBooks transaction we keep in step (purchase order, estimate). `procoreLineKey` says
 * which Procore line it carries (see line-keys.ts); null for a line someone added in QuickBooks.
 * `amountCents` is what QuickBooks last reported for the line, when known.
 */
export interface QbTxnLineLink {
  txnLineId: string;
  procoreLineKey: string | null;
  amountCents?: number;
  /**
   * The line's ItemRef ListID and CustomerRef (job) ListID, when QuickBooks reported them. A bill entered
   * against one of our POs names only the PO in its header LinkedTxn; its ItemLineRet has no LinkedTxn
   * (qbxml130.xsd), so the import pairs bill lines with PO lines by item and job (QuickBooks to Procore).
   */
  itemListId?: string;
  jobListId?: string;
  /**
   * What the line showed when we last wrote or read it — item and job full names, class, description — so a
   * 3200 can say which of the fields we write someone changed (diffQbTransaction). Absent on links stored
   * before data safety: such a field is simply not compared.
   */
  itemName?: string;
  jobName?: string;
  classListId?: string;
  className?: string;
  desc?: string;
}

/**
 * A transaction we created. `lines` must list EVERY line QuickBooks has on it, ours and others':
 * a *Mod that carries lines deletes the lines it leaves out (qbXML Mod rules; build-purchase-order.ts).
 */
export interface QbTxnLink {
  txnId: string;
  editSequence: string;
  refNumber?: string;
  lines: readonly QbTxnLineLink[];
}

/** What the connector already knows about QuickBooks, looked up by Procore id. null = not in QuickBooks yet. */
export interface LinkLookup {
  vendor(procoreVendorId: number): QbListLink | null;
  /** The customer chosen at export for the project (its job's ParentRef), new or existing. */
  customerForProject(projectId: number): QbListLink | null;
  job(projectId: number): QbListLink | null;
  item(costCodeId: number): QbItemLink | null;
  purchaseOrder(commitmentId: number): QbTxnLink | null;
  estimate(projectId: number): QbTxnLink | null;
  bill(requisitionId: number): QbTxnLink | null;
}

export type ItemNameRule = 'refuse' | 'abbreviate';

/** Company settings the mapping reads (docs/integration-map.md#settings "Settings"; packages/sync settings/company-settings.ts). */
export interface MappingSettings {
  /** Cost codes become Service items or Other Charge items. */
  itemType: ItemType;
  /** Item names over 31 characters: refuse naming the code, or abbreviate (shorten-name.ts). */
  itemNameRule: ItemNameRule;
  /** PO RefNumber from the Procore contract number (≤ 11) instead of the number the user typed. */
  useProcoreContractNumber: boolean;
  /** Required before an invoice holding retainage can sync (docs/integration-map.md#subcontractor-invoices-and-bills). */
  invoiceRetainageItem: QbRef | null;
  /**
   * Accounts for new cost-code items. Both set: a two-sided item (SalesAndPurchase: estimates post to
   * income, POs and bills to expense). One set: a one-sided item (SalesOrPurchase) on that account.
   * qbxml130.xsd makes AccountRef optional, but QuickBooks' item form does not save an item without one.
   */
  itemExpenseAccount: QbRef | null;
  itemIncomeAccount: QbRef | null;
  /** QuickBooks class per Procore cost code id (docs/integration-map.md#settings: "mapping of cost codes to items/classes"). */
  classByCostCode?: Readonly<Record<string, QbRef>>;
}

export interface MappingContext {
  settings: MappingSettings;
  /** Country of the company file from the HCP CompanyQuery ("US", "CA", "UK"); "" when not known yet. */
  qbCountry: string;
  /**
   * 'online': the company's books are in QuickBooks Online (issue 22). The US-only limits are QuickBooks Desktop's
   * (check-country-support.ts): a QuickBooks Online bill links to its purchase order lines in every country.
   */
  accountingEdition?: 'desktop' | 'online';
  /** AccountingPreferences ClosingDate from the HCP PreferencesQuery (YYYY-MM-DD); absent when none is set or not known yet. */
  qbClosingDate?: string;
  /**
   * Multi-currency on (HCP MultiCurrencyPreferences): the home currency's name and each QuickBooks vendor's currency
   * (CurrencyRef FullName by ListID, null when not known yet). Absent when multi-currency is off. check-vendor-currency.ts.
   */
  currency?: { home: string; vendorCurrency(listId: string): string | null };
  links: LinkLookup;
}

/** prime_contract: the estimate a prime contract change order is added to (issue 21), never exported on the side. */
export type DependencyKind = 'vendor' | 'customer' | 'job' | 'item' | 'purchase_order' | 'prime_contract';

/** A QuickBooks record that must exist before a request can be sent (docs/qbxml.md#dependency-order, status 3140). */
export interface Dependency {
  kind: DependencyKind;
  /** Procore id: vendor id, project id (customer, job), cost code id, commitment id, prime contract id. */
  procoreId: number;
  /** For people: 'the vendor "ABC Concrete" (Procore company 12)'. */
  label: string;
}

/** One field of the QuickBooks record as the accountant will see it before approving. */
export interface PreviewField {
  /** QuickBooks' name for the field, e.g. "Vendor", "Line 2 amount". Unique within a preview. */
  field: string;
  value: string;
  /** Where it comes from in Procore, e.g. "vendor.name", "line_items[1].amount". */
  source?: string;
}

export type RefusalCode =
  | 'NAME_TOO_LONG'
  | 'INVALID_NAME'
  | 'FIELD_TOO_LONG'
  | 'REF_NUMBER_TOO_LONG'
  | 'ITEM_NAME_COLLISION'
  | 'PARENT_NOT_MAPPED'
  | 'NO_ITEM_ACCOUNT'
  | 'NEGATIVE_INVOICE'
  | 'NO_RETAINAGE_ITEM'
  | 'US_ONLY_FEATURE'
  | 'COUNTRY_UNKNOWN'
  | 'MISSING_DEPENDENCY'
  | 'NOT_APPROVED'
  | 'ALREADY_EXPORTED'
  | 'LINK_INCOMPLETE'
  | 'NO_CHANGES'
  | 'EMPTY_TRANSACTION'
  | 'INCOMPLETE_RECORD'
  | 'INVALID_AMOUNT'
  /** The transaction date is on or before QuickBooks' closing date (QuickBooks would answer 3171; check-closing-date.ts). */
  | 'QB_CLOSED_PERIOD'
  /** A field chosen for a linked record's Mod that cannot be chosen for that kind (linked-fields.ts). */
  | 'UNKNOWN_FIELD'
  /** The vendor's QuickBooks currency is not the home currency, or not known yet (check-vendor-currency.ts). */
  | 'FOREIGN_CURRENCY_VENDOR'
  | 'VENDOR_CURRENCY_UNKNOWN';

export interface Refusal {
  code: RefusalCode;
  /** A sentence a construction accountant can act on: names the record, the limit and the fix. */
  message: string;
  /** The QuickBooks field concerned, when there is one ("Name", "RefNumber"). */
  field?: string;
  /** MISSING_DEPENDENCY: what has to be in QuickBooks first. */
  dependencies?: Dependency[];
}

/** One field a person may choose to send over a linked QuickBooks entry: Procore's value, or why it cannot go. */
export interface LinkedField {
  /** The choice's name: "Phone", "Address", "Ship to" (linked-fields.ts LINKED_FIELDS). */
  field: string;
  /** Procore's value as QuickBooks would hold it; null when Procore has none. */
  after: string | null;
  source?: string;
  problem?: Refusal;
}

/**
 * A record linked to an existing QuickBooks entry (data safety): the entry, and every field a person may choose
 * to send over it. Set on the result of mapVendor / mapProject / mapCostCodes whenever the record is linked.
 */
export interface LinkedChoices {
  link: QbRef;
  fields: LinkedField[];
}

export interface MappingSuccess<R extends QbxmlRequest = QbxmlRequest> {
  ok: true;
  /** Linked records only: the QuickBooks entry and the fields that could be chosen. */
  linked?: LinkedChoices;
  request: R;
  /** 'create' for *Add, 'change' for *Mod. */
  action: 'create' | 'change';
  /**
   * Records this request needs that are not in QuickBooks yet but are sent before it in the same
   * batch (a parent item in the same cost-code set). Empty when everything it references exists.
   */
  dependencies: Dependency[];
  preview: PreviewField[];
  /**
   * Transactions only: the Procore line key (or null for a QuickBooks-only line) of each line of the
   * request, in order, so the caller can pair them with the TxnLineIDs in the response.
   */
  lineKeys?: Array<string | null>;
}

export interface MappingFailure {
  ok: false;
  refusal: Refusal;
  /** Linked records only (e.g. NO_CHANGES: nothing chosen): the QuickBooks entry and the choosable fields. */
  linked?: LinkedChoices;
}

export type MappingResult<R extends QbxmlRequest = QbxmlRequest> = MappingSuccess<R> | MappingFailure;
