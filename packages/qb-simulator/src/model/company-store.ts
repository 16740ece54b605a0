import type {
  Account,
  Bill,
  BillPaymentCheck,
  Check,
  CompanyFile,
  CreditCardCharge,
  Currency,
  Customer,
  DeletedEntry,
  Deposit,
  EntityType,
  Estimate,
  Invoice,
  Item,
  ListEntry,
  PurchaseOrder,
  QbClass,
  ReceivePayment,
  SalesTaxCode,
  Template,
  Terms,
  TxnBase,
  Vendor,
} from './company-file.ts';
import type { Balances } from './compute-balances.ts';
import { computeBalances } from './compute-balances.ts';
import { formatQbId } from './create-company-file.ts';

export type ListKind =
  'vendor' | 'customer' | 'item' | 'class' | 'account' | 'terms' | 'vendorType' | 'customerType' | 'salesTaxCode' | 'template' | 'currency';
export type TxnKind = 'PurchaseOrder' | 'Bill' | 'BillPaymentCheck' | 'Check' | 'CreditCardCharge' | 'Estimate' | 'Invoice' | 'ReceivePayment' | 'Deposit';

export interface ListRecordMap {
  vendor: Vendor;
  customer: Customer;
  item: Item;
  class: QbClass;
  account: Account;
  terms: Terms;
  vendorType: EntityType;
  customerType: EntityType;
  salesTaxCode: SalesTaxCode;
  template: Template;
  currency: Currency;
}

export interface TxnRecordMap {
  PurchaseOrder: PurchaseOrder;
  Bill: Bill;
  BillPaymentCheck: BillPaymentCheck;
  Check: Check;
  CreditCardCharge: CreditCardCharge;
  Estimate: Estimate;
  Invoice: Invoice;
  ReceivePayment: ReceivePayment;
  Deposit: Deposit;
}

export type AnyList = ListRecordMap[ListKind];
export type AnyTxn = TxnRecordMap[TxnKind];

type ListArrayKey =
  'vendors' | 'customers' | 'items' | 'classes' | 'accounts' | 'terms' | 'vendorTypes' | 'customerTypes' | 'salesTaxCodes' | 'templates' | 'currencies';
const LIST_ARRAYS: { [K in ListKind]: ListArrayKey } = {
  vendor: 'vendors',
  customer: 'customers',
  item: 'items',
  class: 'classes',
  account: 'accounts',
  terms: 'terms',
  vendorType: 'vendorTypes',
  customerType: 'customerTypes',
  salesTaxCode: 'salesTaxCodes',
  template: 'templates',
  currency: 'currencies',
};
const TXN_ARRAYS: {
  [K in TxnKind]: 'purchaseOrders' | 'bills' | 'billPaymentChecks' | 'checks' | 'creditCardCharges' | 'estimates' | 'invoices' | 'receivePayments' | 'deposits';
} = {
  PurchaseOrder: 'purchaseOrders',
  Bill: 'bills',
  BillPaymentCheck: 'billPaymentChecks',
  Check: 'checks',
  CreditCardCharge: 'creditCardCharges',
  Estimate: 'estimates',
  Invoice: 'invoices',
  ReceivePayment: 'receivePayments',
  Deposit: 'deposits',
};

/**
 * Names share a namespace across the entity lists: a vendor cannot take a customer's name
 * (QuickBooks answers 3100). Every other list has its own.
 */
type Namespace = 'entity' | Exclude<ListKind, 'vendor' | 'customer'>;
const NAMESPACE: { [K in ListKind]: Namespace } = {
  vendor: 'entity',
  customer: 'entity',
  item: 'item',
  class: 'class',
  account: 'account',
  terms: 'terms',
  vendorType: 'vendorType',
  customerType: 'customerType',
  salesTaxCode: 'salesTaxCode',
  template: 'template',
  currency: 'currency',
};

/** Invoice TxnID -> what a payment received applies to it (payment and discount); empty for any other transaction. */
function receivedOn(kind: TxnKind, rec: AnyTxn): Map<string, number> {
  const out = new Map<string, number>();
  if (kind === 'ReceivePayment')
    for (const a of (rec as ReceivePayment).applied) out.set(a.txnId, (out.get(a.txnId) ?? 0) + a.amount + (a.discountAmount ?? 0));
  return out;
}

function hasParent(rec: AnyList): rec is Customer | Item | QbClass | Account | EntityType {
  return 'parentId' in rec;
}

/** In-memory indexes over a CompanyFile; every mutation of the company goes through here. */
export class CompanyStore {
  readonly company: CompanyFile;
  private readonly clock: () => Date;
  private readonly lists = new Map<string, { kind: ListKind; rec: AnyList }>();
  private readonly txns = new Map<string, { kind: TxnKind; rec: AnyTxn }>();
  private readonly names = Object.fromEntries([...new Set(Object.values(NAMESPACE))].map((ns) => [ns, new Map<string, string>()])) as Record<
    Namespace,
    Map<string, string>
  >;
  private fullNames = new Map<string, string>();
  /** bill TxnID -> cents paid by bill payments; invoice TxnID -> cents received on it (payments and discounts) */
  private readonly paid = new Map<string, number>();
  /** TxnID -> TxnIDs linked to it (both directions: PO<->Bill, Bill<->BillPaymentCheck) */
  private readonly links = new Map<string, Set<string>>();
  /** Vendor and account balances, computed on first use after a change to the transactions. */
  private balanceCache: Balances | undefined;

  constructor(company: CompanyFile, clock: () => Date) {
    this.company = company;
    this.clock = clock;
    // A company file written before a list (or a transaction type) was modelled simply has none of its entries.
    for (const key of [...Object.values(LIST_ARRAYS), ...Object.values(TXN_ARRAYS)])
      if (!Array.isArray(company[key])) (company as unknown as Record<string, unknown[]>)[key] = [];
    this.reindex();
  }

  now(): number {
    return this.clock().getTime();
  }

  /** Balances as of the transactions now in the file (vendor Balance, account Balance / TotalBalance). */
  balances(): Balances {
    this.balanceCache ??= computeBalances(this);
    return this.balanceCache;
  }

  reindex(): void {
    this.balanceCache = undefined;
    this.lists.clear();
    this.txns.clear();
    for (const ns of Object.values(this.names)) ns.clear();
    this.fullNames.clear();
    this.paid.clear();
    this.links.clear();
    for (const kind of Object.keys(LIST_ARRAYS) as ListKind[]) {
      for (const rec of this.company[LIST_ARRAYS[kind]] as AnyList[]) this.lists.set(rec.listId, { kind, rec });
    }
    for (const kind of Object.keys(LIST_ARRAYS) as ListKind[]) {
      for (const rec of this.company[LIST_ARRAYS[kind]] as AnyList[]) this.names[NAMESPACE[kind]].set(this.fullName(rec.listId).toLowerCase(), rec.listId);
    }
    for (const kind of Object.keys(TXN_ARRAYS) as TxnKind[]) {
      for (const rec of this.company[TXN_ARRAYS[kind]] as AnyTxn[]) this.indexTxn(kind, rec);
    }
  }

  private indexTxn(kind: TxnKind, rec: AnyTxn): void {
    this.balanceCache = undefined;
    this.txns.set(rec.txnId, { kind, rec });
    this.applyOwnedLinks(kind, rec, 1);
  }

  /** Removes a transaction from the indexes, with every link to it (its own and those pointing at it). */
  private unindexTxn(kind: TxnKind, rec: AnyTxn): void {
    this.balanceCache = undefined;
    this.applyOwnedLinks(kind, rec, -1);
    this.txns.delete(rec.txnId);
    const linked = this.links.get(rec.txnId);
    if (linked) for (const other of linked) this.links.get(other)?.delete(rec.txnId);
    this.links.delete(rec.txnId);
  }

  /**
   * Adds (+1) or removes (-1) the links a transaction holds: a bill's links to the POs it receives, a bill
   * payment's links to the bills it pays (and what it paid on them). Links held by others (payments on a
   * bill, bills on a PO) are theirs, so editing this transaction keeps them.
   */
  private applyOwnedLinks(kind: TxnKind, rec: AnyTxn, sign: 1 | -1): void {
    const pair = (other: string) => (sign === 1 ? this.link(other, rec.txnId) : this.unlink(other, rec.txnId));
    if (kind === 'Bill') {
      const bill = rec as Bill;
      for (const po of bill.linkedTxnIds ?? []) pair(po);
      for (const line of bill.itemLines) if (line.linkedTxnId) pair(line.linkedTxnId);
    }
    if (kind === 'BillPaymentCheck') {
      for (const a of (rec as BillPaymentCheck).applied) {
        this.paid.set(a.txnId, (this.paid.get(a.txnId) ?? 0) + sign * a.amount);
        pair(a.txnId);
      }
    }
    if (kind === 'ReceivePayment') {
      // A discount taken on an invoice closes it as a payment does (QuickBooks "Discounts and Credits").
      for (const a of (rec as ReceivePayment).applied) {
        this.paid.set(a.txnId, (this.paid.get(a.txnId) ?? 0) + sign * (a.amount + (a.discountAmount ?? 0)));
        pair(a.txnId);
      }
    }
    if (kind === 'Deposit') for (const l of (rec as Deposit).lines) if (l.paymentTxnId) pair(l.paymentTxnId);
  }

  private unlink(a: string, b: string): void {
    this.links.get(a)?.delete(b);
    this.links.get(b)?.delete(a);
  }

  private link(a: string, b: string): void {
    if (!this.links.has(a)) this.links.set(a, new Set());
    if (!this.links.has(b)) this.links.set(b, new Set());
    this.links.get(a)?.add(b);
    this.links.get(b)?.add(a);
  }

  // ---- ids and stamps -------------------------------------------------------------------

  newListId(): string {
    return formatQbId(this.company.nextListSeq++, this.now());
  }

  newTxnId(): string {
    return formatQbId(this.company.nextTxnSeq++, this.now());
  }

  newTxnNumber(): number {
    return this.company.nextTxnNumber++;
  }

  /** EditSequence = unix seconds of the change; strictly increases even within one second. */
  nextEditSequence(previous?: string): string {
    const secs = Math.floor(this.now() / 1000);
    const prev = previous === undefined ? -1 : Number(previous);
    return String(Number.isFinite(prev) && prev >= secs ? prev + 1 : secs);
  }

  /** Bumps TimeModified and EditSequence, as any change saved in QuickBooks does. */
  touch(rec: ListEntry | TxnBase): void {
    if ('txnId' in rec) this.balanceCache = undefined;
    rec.timeModified = Math.max(this.now(), rec.timeModified);
    rec.editSequence = this.nextEditSequence(rec.editSequence);
  }

  stampNew(): { timeCreated: number; timeModified: number; editSequence: string } {
    const now = this.now();
    return { timeCreated: now, timeModified: now, editSequence: this.nextEditSequence() };
  }

  // ---- lists ---------------------------------------------------------------------------

  listEntry(listId: string): { kind: ListKind; rec: AnyList } | undefined {
    return this.lists.get(listId);
  }

  list<K extends ListKind>(kind: K, listId: string): ListRecordMap[K] | undefined {
    const hit = this.lists.get(listId);
    return hit && hit.kind === kind ? (hit.rec as ListRecordMap[K]) : undefined;
  }

  listArray<K extends ListKind>(kind: K): ListRecordMap[K][] {
    return this.company[LIST_ARRAYS[kind]] as ListRecordMap[K][];
  }

  /** Case-insensitive FullName lookup within one list kind. */
  listByFullName<K extends ListKind>(kind: K, fullName: string): ListRecordMap[K] | undefined {
    const id = this.names[NAMESPACE[kind]].get(fullName.toLowerCase());
    return id ? this.list(kind, id) : undefined;
  }

  /** Whoever holds this FullName in the kind's namespace (for 3100 checks). */
  nameHolder(kind: ListKind, fullName: string): string | undefined {
    return this.names[NAMESPACE[kind]].get(fullName.toLowerCase());
  }

  fullName(listId: string): string {
    const cached = this.fullNames.get(listId);
    if (cached !== undefined) return cached;
    const hit = this.lists.get(listId);
    if (!hit) return '';
    const rec = hit.rec;
    const parentId = hasParent(rec) ? rec.parentId : undefined;
    const full = parentId ? `${this.fullName(parentId)}:${rec.name}` : rec.name;
    this.fullNames.set(listId, full);
    return full;
  }

  sublevel(listId: string): number {
    const hit = this.lists.get(listId);
    if (!hit || !hasParent(hit.rec) || !hit.rec.parentId) return 0;
    return 1 + this.sublevel(hit.rec.parentId);
  }

  /** The record and every descendant (ListIDWithChildren / FullNameWithChildren filters). */
  withDescendants(listId: string): Set<string> {
    const out = new Set<string>([listId]);
    const hit = this.lists.get(listId);
    if (!hit) return out;
    let grew = true;
    const arr = this.listArray(hit.kind) as AnyList[];
    while (grew) {
      grew = false;
      for (const r of arr) {
        if (hasParent(r) && r.parentId && out.has(r.parentId) && !out.has(r.listId)) {
          out.add(r.listId);
          grew = true;
        }
      }
    }
    return out;
  }

  addList<K extends ListKind>(kind: K, rec: ListRecordMap[K]): void {
    (this.company[LIST_ARRAYS[kind]] as AnyList[]).push(rec);
    this.lists.set(rec.listId, { kind, rec });
    this.names[NAMESPACE[kind]].set(this.fullName(rec.listId).toLowerCase(), rec.listId);
  }

  /** Call around a rename or re-parent: FullNames of the record and its descendants change. */
  renameList(kind: ListKind, listId: string, apply: () => void): void {
    const affected = this.withDescendants(listId);
    for (const id of affected) this.names[NAMESPACE[kind]].delete(this.fullName(id).toLowerCase());
    apply();
    this.fullNames.clear();
    for (const id of affected) this.names[NAMESPACE[kind]].set(this.fullName(id).toLowerCase(), id);
  }

  /** Removes a list entry and records it for ListDeletedQuery. */
  deleteList(listId: string, listDelType: string): DeletedEntry | undefined {
    const hit = this.lists.get(listId);
    if (!hit) return undefined;
    const entry: DeletedEntry = {
      kind: 'list',
      type: listDelType,
      id: listId,
      timeCreated: hit.rec.timeCreated,
      timeDeleted: this.now(),
      name: this.fullName(listId),
    };
    this.names[NAMESPACE[hit.kind]].delete(this.fullName(listId).toLowerCase());
    const arr = this.company[LIST_ARRAYS[hit.kind]] as AnyList[];
    arr.splice(arr.indexOf(hit.rec), 1);
    this.lists.delete(listId);
    this.fullNames.clear();
    this.company.deleted.push(entry);
    return entry;
  }

  // ---- transactions ---------------------------------------------------------------------

  txnEntry(txnId: string): { kind: TxnKind; rec: AnyTxn } | undefined {
    return this.txns.get(txnId);
  }

  txn<K extends TxnKind>(kind: K, txnId: string): TxnRecordMap[K] | undefined {
    const hit = this.txns.get(txnId);
    return hit && hit.kind === kind ? (hit.rec as TxnRecordMap[K]) : undefined;
  }

  txnArray<K extends TxnKind>(kind: K): TxnRecordMap[K][] {
    return this.company[TXN_ARRAYS[kind]] as TxnRecordMap[K][];
  }

  addTxn<K extends TxnKind>(kind: K, rec: TxnRecordMap[K]): void {
    (this.company[TXN_ARRAYS[kind]] as AnyTxn[]).push(rec);
    this.indexTxn(kind, rec);
    this.touchInvoicesPaid(kind, new Map(), receivedOn(kind, rec));
  }

  /**
   * A payment received that changes what is applied to an invoice modifies the invoice too: its BalanceRemaining and
   * IsPaid change, so QuickBooks moves its TimeModified and EditSequence on (an InvoiceMod sent with the EditSequence
   * read before the payment answers 3200). Bill payments do not touch their bills in the simulator (README).
   */
  private touchInvoicesPaid(kind: TxnKind, before: Map<string, number>, after: Map<string, number>): void {
    if (kind !== 'ReceivePayment') return;
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      if ((before.get(id) ?? 0) === (after.get(id) ?? 0)) continue;
      const inv = this.txn('Invoice', id);
      if (inv) this.touch(inv);
    }
  }

  /**
   * Changes a transaction in place and re-derives its links and the payments it applies. The old links are
   * dropped before `apply` runs (they are read off the record as it was), the new ones added after, even if
   * `apply` throws.
   */
  changeTxn(kind: TxnKind, rec: AnyTxn, apply: () => void): void {
    this.balanceCache = undefined;
    const before = receivedOn(kind, rec);
    this.applyOwnedLinks(kind, rec, -1);
    try {
      apply();
    } finally {
      this.applyOwnedLinks(kind, rec, 1);
      this.touchInvoicesPaid(kind, before, receivedOn(kind, rec));
    }
  }

  linkedTxnIds(txnId: string): string[] {
    return [...(this.links.get(txnId) ?? [])];
  }

  /** What is paid on a bill (bill payments) or received on an invoice (payments and discounts). */
  paidOn(txnId: string): number {
    return this.paid.get(txnId) ?? 0;
  }

  /** Removes a transaction and records it for TxnDeletedQuery. */
  deleteTxn(txnId: string): DeletedEntry | undefined {
    const hit = this.txns.get(txnId);
    if (!hit) return undefined;
    const entry: DeletedEntry = { kind: 'txn', type: hit.kind, id: txnId, timeCreated: hit.rec.timeCreated, timeDeleted: this.now() };
    if (hit.rec.refNumber !== undefined) entry.name = hit.rec.refNumber;
    const paidBefore = receivedOn(hit.kind, hit.rec);
    this.unindexTxn(hit.kind, hit.rec);
    this.touchInvoicesPaid(hit.kind, paidBefore, new Map());
    const arr = this.company[TXN_ARRAYS[hit.kind]] as AnyTxn[];
    arr.splice(arr.indexOf(hit.rec), 1);
    this.company.deleted.push(entry);
    return entry;
  }

  /** Is any transaction referring to this list entry (QuickBooks refuses to delete those)? */
  isListUsed(listId: string): boolean {
    for (const { rec } of this.txns.values()) {
      if (JSON.stringify(rec).includes(`"${listId}"`)) return true;
    }
    for (const { rec } of this.lists.values()) if (hasParent(rec) && rec.parentId === listId) return true;
    return false;
  }
}
