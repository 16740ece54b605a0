import type { CompanyFile, StoredNode, TxnBase } from '../model/company-file.ts';
import { formatAmount } from '../model/format-values.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el, textOf } from '../xml/xml-node.ts';
import { refNode } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';
import { storedRefId } from './txn-header.ts';

/**
 * Multi-currency as QuickBooks Desktop keeps it (Intuit, "Set up and use multicurrency",
 * https://community.intuit.com/articles/1501407-set-up-and-use-multicurrency; QuickBooks 2018 in-product help
 * "Multicurrency and files updated from earlier versions"): each customer and vendor has one currency, which
 * cannot be changed once it has transactions; a transaction with them is in that
 * currency, and its exchange rate is home-currency units for one foreign unit (qbxml130.xsd ExchangeRate, FLOATTYPE;
 * the InHomeCurrency amounts are the amount × that rate). Checks and credit card charges are in their account's
 * currency, so a check from a home-currency account to a foreign vendor is a home-currency check.
 */

export function homeCurrencyId(company: CompanyFile): string | undefined {
  return company.isMultiCurrencyOn ? company.homeCurrencyId : undefined;
}

/** A vendor's or customer's currency: its CurrencyRef, else the home currency. */
export function entityCurrencyId(ctx: RequestContext, entityId: string | undefined): string | undefined {
  const home = homeCurrencyId(ctx.store.company);
  if (home === undefined || entityId === undefined) return home;
  const entry = ctx.store.listEntry(entityId);
  const extra = entry && (entry.kind === 'vendor' || entry.kind === 'customer') ? entry.rec.extra : undefined;
  return storedRefId(extra, 'CurrencyRef') ?? home;
}

/** Home-currency cents of an amount at a rate, rounded to the cent as QuickBooks shows it. */
export function homeCents(amountCents: number, exchangeRate: number | undefined): number {
  return Math.round(amountCents * (exchangeRate ?? 1));
}

/** FLOATTYPE as QuickBooks prints an exchange rate: up to six decimals, no trailing zeros ("0.7412", "1"). */
export function formatRate(rate: number): string {
  const s = rate.toFixed(6).replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
}

/**
 * CurrencyRef, ExchangeRate and the home-currency amount (`homeElement`, e.g. AmountDueInHomeCurrency) of a
 * transaction; nothing when multi-currency is off (QuickBooks leaves them out).
 */
export function currencyNodes(ctx: RequestContext, txn: TxnBase, amountCents: number, homeElement: string): XmlNode[] {
  const home = homeCurrencyId(ctx.store.company);
  if (home === undefined) return [];
  const rate = txn.exchangeRate ?? 1;
  return [
    refNode(ctx, 'CurrencyRef', txn.currencyId ?? home) as XmlNode,
    el('ExchangeRate', formatRate(rate)),
    el(homeElement, formatAmount(homeCents(amountCents, rate))),
  ];
}

/** The CurrencyRef a vendor, customer or account answers with (multi-currency on): its own, else home. */
export function listCurrencyRef(ctx: RequestContext, currencyId: string | undefined): XmlNode | undefined {
  const home = homeCurrencyId(ctx.store.company);
  return home === undefined ? undefined : refNode(ctx, 'CurrencyRef', currencyId ?? home);
}

function dropStored(extra: StoredNode[] | undefined, name: string): StoredNode[] | undefined {
  if (!extra) return extra;
  const kept = extra.filter((n) => n.name !== name);
  return kept.length > 0 ? kept : undefined;
}

/**
 * Gives a new transaction its currency and rate (multi-currency on): the currency of `entityId` (the vendor), the
 * ExchangeRate the request sends for a foreign currency (one above zero), else the currency list's current rate; 1 for
 * the home currency, whatever the request says (the home currency's rate is 1 by definition).
 */
export function settleTxnCurrency(ctx: RequestContext, txn: TxnBase, entityId: string | undefined, request: XmlNode): void {
  const home = homeCurrencyId(ctx.store.company);
  txn.extra = dropStored(txn.extra, 'ExchangeRate');
  if (txn.extra === undefined) delete txn.extra;
  if (home === undefined) return;
  const currencyId = entityCurrencyId(ctx, entityId) ?? home;
  const sent = textOf(request, 'ExchangeRate');
  const sentRate = sent === undefined || !(Number(sent) > 0) ? undefined : Number(sent);
  if (currencyId === home) {
    txn.currencyId = home;
    txn.exchangeRate = 1;
    return;
  }
  txn.currencyId = currencyId;
  txn.exchangeRate = sentRate ?? ctx.store.list('currency', currencyId)?.exchangeRate ?? 1;
}
