import type { Account, CompanyFile, Currency, TxnBase } from '../model/company-file.ts';
import { formatQbId } from '../model/create-company-file.ts';

export interface MultiCurrencyOptions {
  /** Share of the vendors with bills or purchase orders that are foreign (0..1, default 0.2); at least one. */
  foreignVendorRatio?: number;
}

/**
 * A few entries of QuickBooks' currency list (names as QuickBooks lists them) with a plausible rate to the US dollar
 * at the start of 2024 (home-currency units per unit). The rates are illustrative, not market data.
 */
const CURRENCIES: ReadonlyArray<{ name: string; code: string; rate?: number }> = [
  { name: 'US Dollar', code: 'USD' },
  { name: 'Canadian Dollar', code: 'CAD', rate: 0.7412 },
  { name: 'Euro', code: 'EUR', rate: 1.0863 },
  { name: 'British Pound Sterling', code: 'GBP', rate: 1.2695 },
  { name: 'Mexican Peso', code: 'MXN', rate: 0.0587 },
];

/** The rate on a day: the currency's rate moving a few percent over the year (deterministic, no random numbers). */
function rateOn(base: number, date: string): number {
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return Math.round(base * (1 + 0.03 * Math.sin(day / 29)) * 10_000) / 10_000;
}

/**
 * Turns a generated file into a multi-currency one, as a US contractor with Canadian and European suppliers has it:
 * multi-currency on with the US dollar as home currency, the currency list, some vendors in Canadian dollars or
 * euros (the second, fifth, … foreign vendor in euros), each foreign currency with its own A/P account, and those vendors'
 * bills, purchase orders and bill payments in their currency with the day's exchange rate. Checks and credit card
 * charges stay in home currency: they are in their account's currency (txn-currency.ts). Runs after everything else
 * and draws no random numbers, so the rest of a seed's file is unchanged.
 */
export function addMultiCurrency(company: CompanyFile, options: MultiCurrencyOptions, createdAt: number): void {
  const stamp = { timeCreated: createdAt, timeModified: createdAt, editSequence: String(Math.floor(createdAt / 1000)) };
  const lastDate = [...company.bills, ...company.purchaseOrders].reduce((max, t) => (t.txnDate > max ? t.txnDate : max), '2024-01-01');
  company.isMultiCurrencyOn = true;
  company.currencies = CURRENCIES.map((c): Currency => {
    const currency: Currency = { listId: formatQbId(company.nextListSeq++, createdAt), ...stamp, name: c.name, isActive: true, currencyCode: c.code };
    if (c.rate !== undefined) {
      currency.exchangeRate = rateOn(c.rate, lastDate);
      currency.asOfDate = lastDate;
    }
    return currency;
  });
  const byCode = new Map(company.currencies.map((c) => [c.currencyCode, c]));
  company.homeCurrencyId = byCode.get('USD')!.listId;
  const foreign = [byCode.get('CAD')!, byCode.get('EUR')!, byCode.get('CAD')!];
  const ratio = Math.min(1, Math.max(0, options.foreignVendorRatio ?? 0.2));
  const trading = new Set([...company.bills.map((b) => b.vendorId), ...company.purchaseOrders.map((p) => p.vendorId)]);
  const candidates = company.vendors.filter((v) => trading.has(v.listId));
  const vendorCurrency = new Map<string, Currency>();
  candidates.forEach((v, i) => {
    if (Math.floor((i + 1) * ratio) <= Math.floor(i * ratio) && !(i === candidates.length - 1 && vendorCurrency.size === 0 && ratio > 0)) return;
    const currency = foreign[vendorCurrency.size % foreign.length]!;
    vendorCurrency.set(v.listId, currency);
    v.extra = [...(v.extra ?? []).filter((n) => n.name !== 'CurrencyRef'), { name: 'CurrencyRef', children: [{ name: 'ListID', text: currency.listId }] }];
  });
  const payables = new Map<string, Account>();
  for (const currency of new Set(vendorCurrency.values())) {
    const account: Account = {
      listId: formatQbId(company.nextListSeq++, createdAt),
      ...stamp,
      name: `Accounts Payable - ${currency.currencyCode}`,
      isActive: true,
      accountType: 'AccountsPayable',
      currencyId: currency.listId,
    };
    company.accounts.push(account);
    payables.set(currency.listId, account);
  }
  const inCurrency = (t: TxnBase, vendorId: string | undefined): Currency | undefined => {
    const currency = vendorId === undefined ? undefined : vendorCurrency.get(vendorId);
    if (!currency) return undefined;
    t.currencyId = currency.listId;
    t.exchangeRate = rateOn(CURRENCIES.find((c) => c.code === currency.currencyCode)!.rate!, t.txnDate);
    return currency;
  };
  for (const po of company.purchaseOrders) inCurrency(po, po.vendorId);
  for (const bill of company.bills) {
    const currency = inCurrency(bill, bill.vendorId);
    if (currency) bill.apAccountId = payables.get(currency.listId)!.listId;
  }
  for (const payment of company.billPaymentChecks) {
    const currency = inCurrency(payment, payment.payeeId);
    if (currency) payment.apAccountId = payables.get(currency.listId)!.listId;
  }
}
