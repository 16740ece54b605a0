import type { Cents, TxnBase } from './company-file.ts';
import type { CompanyStore } from './company-store.ts';
import { invoiceTotal } from './invoice-totals.ts';

export interface Balances {
  /** Vendor ListID -> open payables (what VendorRet Balance shows). */
  vendor: Map<string, Cents>;
  /** Customer or job ListID -> open receivables less unused payments (CustomerRet Balance). */
  customer: Map<string, Cents>;
  /** Customer ListID -> its own balance and its jobs' (CustomerRet TotalBalance). */
  customerTotal: Map<string, Cents>;
  /** Account ListID -> balance of the account itself (AccountRet Balance). */
  account: Map<string, Cents>;
  /** Account ListID -> balance with its sub-accounts (AccountRet TotalBalance). */
  accountTotal: Map<string, Cents>;
}

/** Balance-sheet account types (qbxml130.xsd AccountType): a credit lowers an asset's balance and raises a liability's. */
const BALANCE_SHEET_SIDE: Record<string, 'asset' | 'liability'> = {
  Bank: 'asset',
  AccountsReceivable: 'asset',
  OtherCurrentAsset: 'asset',
  FixedAsset: 'asset',
  OtherAsset: 'asset',
  AccountsPayable: 'liability',
  CreditCard: 'liability',
  OtherCurrentLiability: 'liability',
  LongTermLiability: 'liability',
};

/** The account an item's sales post to: SalesOrPurchase AccountRef, or SalesAndPurchase IncomeAccountRef. */
function itemSalesAccount(store: CompanyStore, itemId: string): string | undefined {
  const extra = store.list('item', itemId)?.extra;
  const ref = (group: string, name: string) =>
    extra
      ?.find((n) => n.name === group)
      ?.children?.find((n) => n.name === name)
      ?.children?.find((n) => n.name === 'ListID')?.text;
  return ref('SalesOrPurchase', 'AccountRef') ?? ref('SalesAndPurchase', 'IncomeAccountRef');
}

function add(map: Map<string, Cents>, id: string | undefined, cents: Cents): void {
  if (id) map.set(id, (map.get(id) ?? 0) + cents);
}

function sum(lines: { amount: Cents }[]): Cents {
  return lines.reduce((s, l) => s + l.amount, 0);
}

/**
 * The balances QuickBooks shows on list records, from the transactions the file holds: a vendor's Balance
 * is what is still open on its bills; the A/P account holds every open bill, the bank account goes down by
 * checks and bill payments, the credit card account up by its charges (a liability's balance is positive).
 * Income and expense accounts show 0.00 (QuickBooks gives balances for balance-sheet accounts only). A customer's
 * (or job's) Balance is what is open on its invoices less payments received and not applied (a credit); the A/R
 * account holds the same, and the deposit account (Undeposited Funds or a bank) goes up by each payment received.
 */
export function computeBalances(store: CompanyStore): Balances {
  const vendor = new Map<string, Cents>();
  const account = new Map<string, Cents>();
  // With multi-currency on, a vendor's balance is in its currency and an account's in the account's: a foreign bill
  // paid from a home-currency bank account takes the payment's home-currency amount out of it.
  const home = store.company.isMultiCurrencyOn ? store.company.homeCurrencyId : undefined;
  const inAccount = (accountId: string, txn: TxnBase, cents: Cents): Cents =>
    home === undefined || (store.list('account', accountId)?.currencyId ?? home) === (txn.currencyId ?? home)
      ? cents
      : Math.round(cents * (txn.exchangeRate ?? 1));
  for (const b of store.txnArray('Bill')) {
    const open = sum(b.expenseLines) + sum(b.itemLines) - store.paidOn(b.txnId);
    add(vendor, b.vendorId, open);
    add(account, b.apAccountId, inAccount(b.apAccountId, b, open));
  }
  for (const c of store.txnArray('Check')) add(account, c.accountId, -(sum(c.expenseLines) + sum(c.itemLines)));
  for (const p of store.txnArray('BillPaymentCheck'))
    add(account, p.bankAccountId, inAccount(p.bankAccountId, p, -p.applied.reduce((s, a) => s + a.amount, 0)));
  for (const c of store.txnArray('CreditCardCharge')) add(account, c.accountId, sum(c.expenseLines) + sum(c.itemLines));
  const customer = new Map<string, Cents>();
  for (const inv of store.txnArray('Invoice')) {
    const open = invoiceTotal(store, inv) - store.paidOn(inv.txnId);
    add(customer, inv.customerId, open);
    add(account, inv.arAccountId, inAccount(inv.arAccountId, inv, open));
    // A line on an item that posts to a balance-sheet account moves that account: the retainage withheld on a
    // negative Retainage Receivable line is owed (the asset grows), the release invoice's positive line collects it.
    for (const l of inv.lines) {
      const target = l.itemId ? itemSalesAccount(store, l.itemId) : undefined;
      const side = target ? BALANCE_SHEET_SIDE[store.list('account', target)?.accountType ?? ''] : undefined;
      if (target && side) add(account, target, inAccount(target, inv, side === 'asset' ? -l.amount : l.amount));
    }
  }
  for (const p of store.txnArray('ReceivePayment')) {
    const unused = p.totalAmount - p.applied.reduce((s, a) => s + a.amount, 0);
    add(customer, p.customerId, -unused);
    add(account, p.arAccountId, inAccount(p.arAccountId, p, -unused));
    add(account, p.depositToAccountId, inAccount(p.depositToAccountId, p, p.totalAmount));
  }
  // A deposit moves payments out of Undeposited Funds (the account each line comes from) into the bank.
  for (const d of store.txnArray('Deposit')) {
    for (const l of d.lines) {
      add(account, d.depositToAccountId, inAccount(d.depositToAccountId, d, l.amount));
      if (l.paymentTxnId && l.accountId) add(account, l.accountId, inAccount(l.accountId, d, -l.amount));
    }
  }
  const customerTotal = new Map(customer);
  for (const [id, own] of customer) {
    for (let parent = store.list('customer', id)?.parentId; parent; parent = store.list('customer', parent)?.parentId) add(customerTotal, parent, own);
  }
  const accountTotal = new Map(account);
  for (const a of store.listArray('account')) {
    const own = account.get(a.listId) ?? 0;
    if (own === 0) continue;
    for (let parent = a.parentId; parent; parent = store.list('account', parent)?.parentId) add(accountTotal, parent, own);
  }
  return { vendor, customer, customerTotal, account, accountTotal };
}
