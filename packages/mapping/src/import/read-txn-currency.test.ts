import { validateQbxml } from '@connector/qbxml/testing';
import { describe, expect, it } from 'vitest';
import { readBillPayment } from './read-bill-payment.ts';
import { readCostTransaction } from './read-cost-transaction.ts';
import { convertCents, describeTxnCurrency, ForeignCurrencyError, readTxnCurrency, toHomeCents } from './read-txn-currency.ts';
import { parseRet, refXml, responseXml } from './testing/parse-rets.ts';

const STAMP =
  '<TimeCreated>2024-06-03T09:00:00-05:00</TimeCreated><TimeModified>2024-06-03T09:00:00-05:00</TimeModified><EditSequence>1717423200</EditSequence>';
const CAD = refXml('CurrencyRef', '80000002-1700000000', 'Canadian Dollar');

/** A BillRet in XSD order: AmountDue, CurrencyRef, ExchangeRate, AmountDueInHomeCurrency after the dates, lines last. */
function billXml(currency: string, lines: string, amountDue: string): string {
  return (
    `<BillRet><TxnID>B-1</TxnID>${STAMP}<TxnNumber>7</TxnNumber>${refXml('VendorRef', '80000010-1700000000', 'Érable Steel Ltée')}` +
    `<TxnDate>2024-06-03</TxnDate><AmountDue>${amountDue}</AmountDue>${currency}<RefNumber>INV-88</RefNumber><IsPaid>false</IsPaid>${lines}</BillRet>`
  );
}
const expenseLine = (id: string, amount: string) =>
  `<ExpenseLineRet><TxnLineID>${id}</TxnLineID>${refXml('AccountRef', '80000020-1700000000', 'Job Materials')}<Amount>${amount}</Amount>${refXml('CustomerRef', '80000030-1700000000', 'Owner:Clinic')}</ExpenseLineRet>`;

describe("foreign-currency transactions are converted to home currency with QuickBooks' own figures, and labelled", () => {
  it('convertCents: exact decimal arithmetic, half away from zero', () => {
    expect(convertCents(100_000, '0.7412')).toBe(74_120);
    expect(convertCents(333, '0.5')).toBe(167); // 166.5 → 167
    expect(convertCents(-333, '0.5')).toBe(-167);
    expect(convertCents(1, '1.08631')).toBe(1);
    expect(() => convertCents(1, '-1')).toThrow(RangeError);
  });

  it('a Bill in Canadian dollars: lines and totals become US dollars adding up to AmountDueInHomeCurrency exactly; the original is kept', async () => {
    const currency = `${CAD}<ExchangeRate>0.7412</ExchangeRate><AmountDueInHomeCurrency>741.21</AmountDueInHomeCurrency>`;
    const xml = billXml(currency, expenseLine('L1', '333.33') + expenseLine('L2', '666.67'), '1000.00');
    expect((await validateQbxml(responseXml('BillQueryRs', xml))).errors).toEqual([]);
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', xml));
    // QuickBooks' home amount (741.21, one cent off 1000 × 0.7412 as QuickBooks may round) is what the lines add up to.
    expect(bill.amountCents).toBe(74_121);
    expect(bill.headerAmountCents).toBe(74_121);
    expect(bill.lines.map((l) => l.amountCents)).toEqual([24_707, 49_414]);
    expect(bill.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(74_121);
    expect(bill.currency).toEqual({
      name: 'Canadian Dollar',
      listId: '80000002-1700000000',
      exchangeRate: '0.7412',
      foreignAmountCents: 100_000,
      homeAmountCents: 74_121,
    });
    expect(describeTxnCurrency(bill.currency!)).toBe("Canadian Dollar 1,000.00 at QuickBooks' exchange rate 0.7412");
  });

  it('without a home-currency amount, the total is converted at the rate', () => {
    const bill = readCostTransaction(
      'Bill',
      parseRet('BillQueryRs', billXml(`${CAD}<ExchangeRate>0.75</ExchangeRate>`, expenseLine('L1', '100.00'), '100.00')),
    );
    expect(bill.amountCents).toBe(7_500);
    expect(bill.lines[0]!.amountCents).toBe(7_500);
  });

  it('home currency (no CurrencyRef, or ExchangeRate 1) is left as it is, unlabelled', () => {
    const plain = readCostTransaction('Bill', parseRet('BillQueryRs', billXml('', expenseLine('L1', '100.00'), '100.00')));
    expect(plain.currency).toBeNull();
    expect(plain.amountCents).toBe(10_000);
    const home = readCostTransaction(
      'Bill',
      parseRet(
        'BillQueryRs',
        billXml(
          `${refXml('CurrencyRef', '80000001-1700000000', 'US Dollar')}<ExchangeRate>1</ExchangeRate><AmountDueInHomeCurrency>100.00</AmountDueInHomeCurrency>`,
          expenseLine('L1', '100.00'),
          '100.00',
        ),
      ),
    );
    expect(home.currency).toBeNull();
    expect(home.amountCents).toBe(10_000);
  });

  it('a foreign currency without an exchange rate is refused (FOREIGN_CURRENCY_NO_RATE), never counted as home currency', () => {
    const record = parseRet('BillQueryRs', billXml(CAD, expenseLine('L1', '100.00'), '100.00'));
    expect(() => readCostTransaction('Bill', record)).toThrow(ForeignCurrencyError);
    try {
      readCostTransaction('Bill', record);
    } catch (error) {
      expect((error as ForeignCurrencyError).code).toBe('FOREIGN_CURRENCY_NO_RATE');
      expect((error as Error).message).toContain('Canadian Dollar');
    }
  });

  it('an exchange rate that is not a positive decimal is an unreadable record', () => {
    expect(() =>
      readTxnCurrency(
        parseRet('BillQueryRs', billXml(`${CAD}<ExchangeRate>0</ExchangeRate>`, '', '0.00')),
        'AmountDue',
        'AmountDueInHomeCurrency',
        0,
        'BillRet B-1',
      ),
    ).toThrow(/not a positive exchange rate/);
  });

  it('lines that cancel out are converted one by one', () => {
    const rate = { name: 'Euro', listId: null, exchangeRate: '1.1', foreignAmountCents: 0, homeAmountCents: 0 };
    expect(toHomeCents([10_000, -10_000], rate)).toEqual([11_000, -11_000]);
  });

  it("a bill payment in euros: applied amounts at the payment's own rate, adding up to AmountInHomeCurrency", async () => {
    const applied = (bill: string, amount: string) =>
      `<AppliedToTxnRet><TxnID>${bill}</TxnID><TxnType>Bill</TxnType><Amount>${amount}</Amount></AppliedToTxnRet>`;
    const xml =
      `<BillPaymentCheckRet><TxnID>P-1</TxnID>${STAMP}<TxnNumber>9</TxnNumber>${refXml('PayeeEntityRef', '80000011-1700000000', 'Hamburg Glas GmbH')}` +
      `<TxnDate>2024-07-01</TxnDate>${refXml('BankAccountRef', '80000021-1700000000', 'Checking')}<Amount>300.00</Amount>` +
      `${refXml('CurrencyRef', '80000003-1700000000', 'Euro')}<ExchangeRate>1.0863</ExchangeRate><AmountInHomeCurrency>325.89</AmountInHomeCurrency>` +
      `<RefNumber>20031</RefNumber>${applied('B-1', '-100.00')}${applied('B-2', '-200.00')}</BillPaymentCheckRet>`;
    expect((await validateQbxml(responseXml('BillPaymentCheckQueryRs', xml))).errors).toEqual([]);
    const payment = readBillPayment(parseRet('BillPaymentCheckQueryRs', xml));
    expect(payment.amountCents).toBe(32_589);
    expect(payment.applied).toEqual([
      { billTxnId: 'B-1', amountCents: 10_863 },
      { billTxnId: 'B-2', amountCents: 21_726 },
    ]);
    expect(payment.currency).toMatchObject({ name: 'Euro', exchangeRate: '1.0863', foreignAmountCents: 30_000, homeAmountCents: 32_589 });
  });
});
