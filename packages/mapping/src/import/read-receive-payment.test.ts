import { QbxmlParseError } from '@connector/qbxml';
import { validateQbxml } from '@connector/qbxml/testing';
import { describe, expect, it } from 'vitest';
import { ForeignCurrencyError } from './read-txn-currency.ts';
import { readReceivePayment, ReceivePaymentCurrencyError } from './read-receive-payment.ts';
import { parseRet, refXml, responseXml } from './testing/parse-rets.ts';

/** An AppliedToTxnRet in XSD order (TxnID, TxnType, TxnDate, RefNumber, BalanceRemaining, Amount, DiscountAmount, DiscountAccountRef). */
function applied(txnId: string, amount: string | null, opts: { type?: string; discount?: string; ref?: string | null } = {}): string {
  const ref = opts.ref === undefined ? `INV-${txnId}` : opts.ref;
  return (
    `<AppliedToTxnRet><TxnID>${txnId}</TxnID><TxnType>${opts.type ?? 'Invoice'}</TxnType><TxnDate>2026-05-31</TxnDate>` +
    `${ref === null ? '' : `<RefNumber>${ref}</RefNumber>`}<BalanceRemaining>0.00</BalanceRemaining>${amount === null ? '' : `<Amount>${amount}</Amount>`}` +
    `${opts.discount === undefined ? '' : `<DiscountAmount>${opts.discount}</DiscountAmount>${refXml('DiscountAccountRef', '80000030-1600000000', 'Discounts Given')}`}</AppliedToTxnRet>`
  );
}

/** A ReceivePaymentRet in the simulator's shape (renderReceivePaymentRet), children in XSD order. */
function paymentXml(
  total: string | null,
  applications: string,
  opts: { memo?: string; currency?: string; unused?: string; edit?: (x: string) => string } = {},
): string {
  const xml =
    `<ReceivePaymentRet><TxnID>4A0-1700000000</TxnID><TimeCreated>2026-06-15T09:00:00-07:00</TimeCreated><TimeModified>2026-06-16T11:12:13-07:00</TimeModified>` +
    `<EditSequence>1718561533</EditSequence><TxnNumber>77</TxnNumber>${refXml('CustomerRef', '80000010-1700000000', 'Harbor Owners LLC:Pier 9 Retail')}` +
    `${refXml('ARAccountRef', '8000001B-1600000000', 'Accounts Receivable')}<TxnDate>2026-06-15</TxnDate><RefNumber>20417</RefNumber>` +
    `${total === null ? '' : `<TotalAmount>${total}</TotalAmount>`}${opts.currency ?? ''}<PaymentMethodRef><FullName>Check</FullName></PaymentMethodRef>` +
    `${opts.memo === undefined ? '' : `<Memo>${opts.memo}</Memo>`}${refXml('DepositToAccountRef', '80000005-1600000000', 'Undeposited Funds')}` +
    `<UnusedPayment>${opts.unused ?? '0.00'}</UnusedPayment><UnusedCredits>0.00</UnusedCredits>${applications}</ReceivePaymentRet>`;
  return (opts.edit ?? ((x) => x))(xml);
}

const read = (xml: string) => readReceivePayment(parseRet('ReceivePaymentQueryRs', xml));

describe('readReceivePayment', () => {
  it('fixtures are valid qbXML 13.0 responses (two invoices with a discount; a payment in euros)', async () => {
    const twoInvoices = paymentXml('1500.00', applied('I1', '1000.00') + applied('I2', '500.00', { discount: '25.00' }));
    expect((await validateQbxml(responseXml('ReceivePaymentQueryRs', twoInvoices))).errors).toEqual([]);
    const euros = paymentXml('300.00', applied('I1', '300.00'), {
      currency: `${refXml('CurrencyRef', '80000003-1700000000', 'Euro')}<ExchangeRate>1.0863</ExchangeRate><TotalAmountInHomeCurrency>325.89</TotalAmountInHomeCurrency>`,
    });
    expect((await validateQbxml(responseXml('ReceivePaymentQueryRs', euros))).errors).toEqual([]);
  });

  it('reads a payment spread over two invoices, each for what it applied, the discount apart', () => {
    expect(read(paymentXml('1500.00', applied('I1', '1000.00') + applied('I2', '500.00', { discount: '25.00' })))).toEqual({
      txnId: '4A0-1700000000',
      editSequence: '1718561533',
      txnDate: '2026-06-15',
      timeModified: '2026-06-16T11:12:13-07:00',
      refNumber: '20417',
      customerListId: '80000010-1700000000',
      customerName: 'Harbor Owners LLC:Pier 9 Retail',
      totalAmountCents: 150000,
      unappliedCents: 0,
      paymentMethodName: 'Check',
      memo: null,
      voided: false,
      applied: [
        { invoiceTxnId: 'I1', invoiceRefNumber: 'INV-I1', amountCents: 100000, discountCents: 0 },
        { invoiceTxnId: 'I2', invoiceRefNumber: 'INV-I2', amountCents: 50000, discountCents: 2500 },
      ],
      otherApplications: [],
      currency: null,
    });
  });

  it('reads a partial payment as the amount applied, and money applied to nothing as unapplied', () => {
    const payment = read(paymentXml('900.00', applied('I1', '400.25'), { unused: '499.75' }));
    expect(payment.applied).toEqual([{ invoiceTxnId: 'I1', invoiceRefNumber: 'INV-I1', amountCents: 40025, discountCents: 0 }]);
    expect(payment).toMatchObject({ totalAmountCents: 90000, unappliedCents: 49975 });
  });

  it('reads negative applied amounts and discounts the same way (the sign QuickBooks uses does not matter)', () => {
    const payment = read(paymentXml('500.00', applied('I1', '-500.00', { discount: '-10.00' })));
    expect(payment.applied).toEqual([{ invoiceTxnId: 'I1', invoiceRefNumber: 'INV-I1', amountCents: 50000, discountCents: 1000 }]);
  });

  it('sums an invoice listed twice, keeps applications to other transaction types apart', () => {
    const payment = read(
      paymentXml(
        '350.00',
        applied('I1', '100.00', { discount: '1.00' }) +
          applied('JE1', '50.00', { type: 'JournalEntry', ref: null }) +
          applied('I1', '200.00', { discount: '2.00' }),
      ),
    );
    expect(payment.applied).toEqual([{ invoiceTxnId: 'I1', invoiceRefNumber: 'INV-I1', amountCents: 30000, discountCents: 300 }]);
    expect(payment.otherApplications).toEqual([{ txnId: 'JE1', txnType: 'JournalEntry', refNumber: null, amountCents: 5000 }]);
    expect(payment.unappliedCents).toBe(0);
  });

  it('reads a voided payment (TotalAmount 0.00, Memo "VOID: …") as voided with its applications at 0', () => {
    const payment = read(paymentXml('0.00', applied('I1', '0.00') + applied('I2', '0.00', { discount: '0.00' }), { memo: 'VOID: June draw' }));
    expect(payment.voided).toBe(true);
    expect(payment.memo).toBe('VOID: June draw');
    expect(payment.applied.map((a) => [a.invoiceTxnId, a.amountCents, a.discountCents])).toEqual([
      ['I1', 0, 0],
      ['I2', 0, 0],
    ]);
    // If QuickBooks drops the applications instead of zeroing them, the payment is still read as voided.
    expect(read(paymentXml('0.00', '', { memo: 'VOID:' }))).toMatchObject({ voided: true, applied: [] });
  });

  it('is not voided by a "VOID:" memo on a payment that still has money, nor by a zero payment without it', () => {
    expect(read(paymentXml('100.00', applied('I1', '100.00'), { memo: 'VOID: typed by hand' })).voided).toBe(false);
    expect(read(paymentXml('0.00', applied('I1', '0.00'), { memo: 'reapplied' })).voided).toBe(false);
    expect(read(paymentXml('0.00', applied('I1', '0.00'))).voided).toBe(false);
  });

  it('uses the applications when TotalAmount is absent; reads missing RefNumber, customer, method and memo as null', () => {
    const payment = read(
      paymentXml(null, applied('I1', '12.34', { ref: null }), {
        edit: (x) =>
          x
            .replace('<RefNumber>20417</RefNumber>', '')
            .replace(/<CustomerRef>.*?<\/CustomerRef>/, '')
            .replace(/<PaymentMethodRef>.*?<\/PaymentMethodRef>/, ''),
      }),
    );
    expect(payment).toMatchObject({ totalAmountCents: 1234, refNumber: null, customerListId: null, customerName: null, paymentMethodName: null, memo: null });
    expect(payment.applied[0]!.invoiceRefNumber).toBeNull();
  });

  it('a payment in euros: applied amounts at its own rate, adding up to TotalAmountInHomeCurrency; discounts converted', () => {
    const payment = read(
      paymentXml('300.00', applied('I1', '200.00', { discount: '10.00' }) + applied('I2', '100.00'), {
        currency: `${refXml('CurrencyRef', '80000003-1700000000', 'Euro')}<ExchangeRate>1.0863</ExchangeRate><TotalAmountInHomeCurrency>325.89</TotalAmountInHomeCurrency>`,
      }),
    );
    expect(payment.applied.map((a) => a.amountCents)).toEqual([21726, 10863]);
    expect(payment.applied[0]!.amountCents + payment.applied[1]!.amountCents).toBe(32589);
    expect(payment.applied[0]!.discountCents).toBe(1086);
    expect(payment).toMatchObject({ totalAmountCents: 32589, unappliedCents: 0 });
    expect(payment.currency).toMatchObject({ name: 'Euro', exchangeRate: '1.0863', foreignAmountCents: 30000, homeAmountCents: 32589 });
  });

  it('a payment in euros with part unapplied: the total from TotalAmountInHomeCurrency, the unapplied part what is left', () => {
    const payment = read(
      paymentXml('400.00', applied('I1', '300.00'), {
        unused: '100.00',
        currency: `${refXml('CurrencyRef', '80000003-1700000000', 'Euro')}<ExchangeRate>1.0863</ExchangeRate><TotalAmountInHomeCurrency>434.52</TotalAmountInHomeCurrency>`,
      }),
    );
    expect(payment.applied[0]!.amountCents).toBe(32589);
    expect(payment).toMatchObject({ totalAmountCents: 43452, unappliedCents: 10863 });
  });

  it('a payment in another currency without an exchange rate is refused with the owner-side reason, as FOREIGN_CURRENCY_NO_RATE', () => {
    const xml = paymentXml('300.00', applied('I1', '300.00'), { currency: refXml('CurrencyRef', '80000003-1700000000', 'Euro') });
    let error: unknown;
    try {
      read(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReceivePaymentCurrencyError);
    expect(error).toBeInstanceOf(ForeignCurrencyError);
    expect(error).toBeInstanceOf(QbxmlParseError);
    expect((error as ReceivePaymentCurrencyError).code).toBe('FOREIGN_CURRENCY_NO_RATE');
    expect((error as Error).message).toContain('ReceivePaymentRet 4A0-1700000000 is in Euro and QuickBooks sent no exchange rate');
    expect((error as Error).message).not.toContain('job costs');
    // A voided one has nothing to convert and is read.
    expect(read(paymentXml('0.00', applied('I1', '0.00'), { memo: 'VOID:', currency: refXml('CurrencyRef', '80000003-1700000000', 'Euro') })).voided).toBe(
      true,
    );
  });

  it.each([
    ['TxnID', (x: string) => x.replace('<TxnID>4A0-1700000000</TxnID>', ''), 'ReceivePaymentRet has no TxnID'],
    ['EditSequence', (x: string) => x.replace('<EditSequence>1718561533</EditSequence>', ''), 'ReceivePaymentRet 4A0-1700000000 has no EditSequence'],
    ['TxnDate', (x: string) => x.replace('<TxnDate>2026-06-15</TxnDate>', ''), 'ReceivePaymentRet 4A0-1700000000 has no TxnDate'],
    ['TimeModified', (x: string) => x.replace(/<TimeModified>.*?<\/TimeModified>/, ''), 'ReceivePaymentRet 4A0-1700000000 has no TimeModified'],
  ])('throws naming the element when %s is missing', (_name, edit, message) => {
    const xml = paymentXml('1.00', '', { edit });
    expect(() => read(xml)).toThrow(QbxmlParseError);
    expect(() => read(xml)).toThrow(message);
  });

  it('bad amounts: not a number, too large, a negative payment, more applied than received', () => {
    expect(() => read(paymentXml('1.00', applied('I1', 'one')))).toThrow('AppliedToTxnRet I1 of ReceivePaymentRet 4A0-1700000000 has Amount "one"');
    expect(() => read(paymentXml('1.00', applied('I1', '1.00', { discount: '1,00' })))).toThrow('has DiscountAmount "1,00"');
    expect(() => read(paymentXml('$5', ''))).toThrow('has TotalAmount "$5"');
    expect(() => read(paymentXml('10000000000000.00', ''))).toThrow('larger than QuickBooks amounts can be');
    expect(() => read(paymentXml('-100.00', ''))).toThrow('TotalAmount -100.00: a payment received cannot be negative');
    expect(() => read(paymentXml('100.00', applied('I1', '80.00') + applied('I2', '30.00')))).toThrow(
      'ReceivePaymentRet 4A0-1700000000 applies 110.00 to invoices but received only 100.00',
    );
    const noId = '<AppliedToTxnRet><TxnType>Invoice</TxnType><Amount>1.00</Amount></AppliedToTxnRet>';
    expect(() => read(paymentXml('1.00', noId))).toThrow('An AppliedToTxnRet of ReceivePaymentRet 4A0-1700000000 has no TxnID');
  });

  it('a discount larger than the payment is allowed: it is not part of the money received', () => {
    const payment = read(paymentXml('10.00', applied('I1', '10.00', { discount: '90.00' })));
    expect(payment.applied[0]).toMatchObject({ amountCents: 1000, discountCents: 9000 });
  });
});
