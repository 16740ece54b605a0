// Multi-currency (docs/integration-map.md#currencies): a QuickBooks transaction in a foreign currency states every
// amount, lines included, in that currency, with ExchangeRate = home-currency units for one foreign unit and the
// header's home-currency amount (qbxml130.xsd BillRet AmountDueInHomeCurrency, CheckRet / CreditCardChargeRet /
// BillPaymentCheckRet AmountInHomeCurrency). Procore amounts are in the home currency, so such a transaction is
// converted here with QuickBooks' own figures — never summed as if it were home currency.
import { QbxmlParseError, readText, type QbRecord } from '@connector/qbxml';
import { describeCents } from '../format-cents.ts';
import { readQbCents, readQbRef } from './read-qb-fields.ts';
import { splitCents } from './split-cents.ts';

export interface QbTxnCurrency {
  /** CurrencyRef FullName ("Canadian Dollar"), or null when QuickBooks sent only a ListID. */
  name: string | null;
  listId: string | null;
  /** QuickBooks' ExchangeRate as it wrote it ("0.7412"); null when it sent none (the transaction cannot be converted). */
  exchangeRate: string | null;
  /** The total in the transaction's own currency, as QuickBooks stated it. */
  foreignAmountCents: number;
  /** The total in home currency: QuickBooks' InHomeCurrency amount when it matches the total, else total × rate; null without a rate. */
  homeAmountCents: number | null;
}

const RATE = /^\s*(\d+)(?:\.(\d+))?\s*$/;

/** cents × rate, rounded half away from zero to the cent, in exact integer arithmetic (the rate is decimal text). */
export function convertCents(cents: number, rate: string): number {
  const m = RATE.exec(rate);
  if (!m) throw new RangeError(`not an exchange rate: "${rate}"`);
  const scale = 10n ** BigInt(m[2]?.length ?? 0);
  const numerator = BigInt(cents) * BigInt(`${m[1]}${m[2] ?? ''}`);
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator * sign;
  return Number(sign * ((abs + scale / 2n) / scale));
}

/**
 * The currency a transaction is in, or null when it is in home currency: no CurrencyRef and no ExchangeRate (a
 * single-currency file), or an ExchangeRate of exactly 1 (multi-currency on, a home-currency transaction: QuickBooks
 * gives the home currency the rate 1). `totalCents` is the total the caller will convert (the lines' sum);
 * `headerElement`/`homeElement` are the header total and its home-currency twin. Throws a QbxmlParseError for an
 * ExchangeRate that is not a positive decimal.
 */
export function readTxnCurrency(record: QbRecord, headerElement: string, homeElement: string, totalCents: number, where: string): QbTxnCurrency | null {
  const ref = readQbRef(record, 'CurrencyRef');
  const rateText = readText(record, 'ExchangeRate')?.trim();
  if (ref.listId === null && ref.fullName === null && rateText === undefined) return null;
  if (rateText !== undefined && (!RATE.test(rateText) || Number(rateText) <= 0)) {
    throw new QbxmlParseError(`${where} has ExchangeRate "${rateText}", which is not a positive exchange rate.`);
  }
  if (rateText !== undefined && Number(rateText) === 1) return null;
  const header = readQbCents(record, headerElement, where, null);
  const home = readQbCents(record, homeElement, where, null);
  let homeAmountCents: number | null = null;
  if (rateText !== undefined) homeAmountCents = header === totalCents && home !== null ? home : convertCents(totalCents, rateText);
  return { name: ref.fullName, listId: ref.listId, exchangeRate: rateText ?? null, foreignAmountCents: totalCents, homeAmountCents };
}

/**
 * Spreads the home-currency total over the amounts pro rata (largest remainder), so the converted parts add up to
 * exactly what QuickBooks reports in home currency; when the amounts cancel out, each is converted on its own.
 */
export function toHomeCents(amounts: readonly number[], currency: QbTxnCurrency): number[] {
  if (currency.exchangeRate === null || currency.homeAmountCents === null) throw new RangeError('no exchange rate to convert with');
  let sum = 0;
  for (const a of amounts) sum += a;
  if (sum === 0 || amounts.length === 0) return amounts.map((a) => convertCents(a, currency.exchangeRate!));
  return splitCents(currency.homeAmountCents, amounts);
}

/** "Canadian Dollar 1,000.00 at QuickBooks' exchange rate 0.7412" — the label a converted amount carries. */
export function describeTxnCurrency(currency: QbTxnCurrency): string {
  return `${currency.name ?? `currency ${currency.listId ?? '?'}`} ${describeCents(currency.foreignAmountCents)} at QuickBooks' exchange rate ${currency.exchangeRate ?? '(none)'}`;
}

/**
 * A transaction in a currency other than home that came without an exchange rate: it is set aside (audited with this
 * code, FOREIGN_CURRENCY_NO_RATE in @connector/contract) rather than counted as if its amounts were home currency.
 */
export class ForeignCurrencyError extends QbxmlParseError {
  readonly code = 'FOREIGN_CURRENCY_NO_RATE';
  constructor(where: string, currency: string) {
    super(
      `${where} is in ${currency} and QuickBooks sent no exchange rate for it, so its amounts cannot be converted to home currency; it is left out of job costs rather than counted as home currency. Open it in QuickBooks and save it with an exchange rate, then Update Job Costs.`,
    );
    this.name = 'ForeignCurrencyError';
  }
}

/** The currency's home-currency total, or a ForeignCurrencyError when QuickBooks gave no rate. */
export function requireHomeAmount(currency: QbTxnCurrency, where: string): number {
  if (currency.homeAmountCents === null) throw new ForeignCurrencyError(where, currency.name ?? `currency ${currency.listId ?? '?'}`);
  return currency.homeAmountCents;
}
