import { QbxmlParseError } from '@connector/qbxml';
import { validateQbxml } from '@connector/qbxml/testing';
import { describe, expect, it } from 'vitest';
import { readBillPayment } from './read-bill-payment.ts';
import { parseRet, refXml, responseXml } from './testing/parse-rets.ts';

function applied(txnId: string, type: string, amount: string | null): string {
  return `<AppliedToTxnRet><TxnID>${txnId}</TxnID><TxnType>${type}</TxnType><TxnDate>2026-05-31</TxnDate><RefNumber>R-${txnId}</RefNumber><BalanceRemaining>0.00</BalanceRemaining>${amount === null ? '' : `<Amount>${amount}</Amount>`}</AppliedToTxnRet>`;
}

/** A BillPaymentCheckRet in the simulator's shape (renderBillPaymentCheckRet), children in XSD order. */
function paymentXml(amount: string | null, applications: string, edit: (x: string) => string = (x) => x): string {
  return edit(
    `<BillPaymentCheckRet><TxnID>1E0-1700000000</TxnID><TimeCreated>2026-06-15T09:00:00-07:00</TimeCreated><TimeModified>2026-06-16T11:12:13-07:00</TimeModified>` +
      `<EditSequence>1718561533</EditSequence><TxnNumber>501</TxnNumber>${refXml('PayeeEntityRef', '80000002-1700000000', 'Smith Concrete &amp; Forms')}` +
      `${refXml('APAccountRef', '8000001C-1600000000', 'Accounts Payable')}<TxnDate>2026-06-15</TxnDate>${refXml('BankAccountRef', '80000001-1600000000', 'Checking')}` +
      `${amount === null ? '' : `<Amount>${amount}</Amount>`}<RefNumber>10442</RefNumber><IsToBePrinted>false</IsToBePrinted>${applications}</BillPaymentCheckRet>`,
  );
}

describe('readBillPayment', () => {
  it('fixture is a valid qbXML 13.0 response', async () => {
    const result = await validateQbxml(
      responseXml('BillPaymentCheckQueryRs', paymentXml('600.00', applied('B1', 'Bill', '-500.00') + applied('B2', 'Bill', '-100.00'))),
    );
    expect(result.errors).toEqual([]);
  });

  it('reads the check and what it paid on each bill, QuickBooks’ negative applied amounts as amounts paid', () => {
    const payment = readBillPayment(
      parseRet('BillPaymentCheckQueryRs', paymentXml('600.00', applied('B1', 'Bill', '-500.00') + applied('B2', 'Bill', '-100.00'))),
    );
    expect(payment).toEqual({
      txnId: '1E0-1700000000',
      editSequence: '1718561533',
      txnDate: '2026-06-15',
      timeModified: '2026-06-16T11:12:13-07:00',
      refNumber: '10442',
      payeeListId: '80000002-1700000000',
      payeeName: 'Smith Concrete & Forms',
      amountCents: 60000,
      applied: [
        { billTxnId: 'B1', amountCents: 50000 },
        { billTxnId: 'B2', amountCents: 10000 },
      ],
      // A single-currency file: nothing converted (read-txn-currency.test.ts covers a payment in euros).
      currency: null,
    });
  });

  it('reads positive applied amounts the same way (the sign QuickBooks uses does not matter)', () => {
    const payment = readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('500.00', applied('B1', 'Bill', '500.00'))));
    expect(payment.applied).toEqual([{ billTxnId: 'B1', amountCents: 50000 }]);
  });

  it('reads a partial payment as the amount applied', () => {
    const payment = readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('250.25', applied('B1', 'Bill', '-250.25'))));
    expect(payment.applied).toEqual([{ billTxnId: 'B1', amountCents: 25025 }]);
  });

  it('reads a voided check as amount 0 with its applications at 0', () => {
    const payment = readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('0.00', applied('B1', 'Bill', '0.00') + applied('B2', 'Bill', null))));
    expect(payment.amountCents).toBe(0);
    expect(payment.applied).toEqual([
      { billTxnId: 'B1', amountCents: 0 },
      { billTxnId: 'B2', amountCents: 0 },
    ]);
  });

  it('skips applications to other transaction types and sums a bill listed twice', () => {
    const payment = readBillPayment(
      parseRet(
        'BillPaymentCheckQueryRs',
        paymentXml('300.00', applied('B1', 'Bill', '-100.00') + applied('VC1', 'VendorCredit', '50.00') + applied('B1', 'Bill', '-200.00')),
      ),
    );
    expect(payment.applied).toEqual([{ billTxnId: 'B1', amountCents: 30000 }]);
  });

  it('uses the sum of the applications when the check has no Amount, and reads no applications as none', () => {
    expect(readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml(null, applied('B1', 'Bill', '-12.34')))).amountCents).toBe(1234);
    expect(readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('0.00', ''))).applied).toEqual([]);
  });

  it('reads a missing RefNumber and payee as null', () => {
    const payment = readBillPayment(
      parseRet(
        'BillPaymentCheckQueryRs',
        paymentXml('1.00', '', (x) => x.replace('<RefNumber>10442</RefNumber>', '').replace(/<PayeeEntityRef>.*?<\/PayeeEntityRef>/, '')),
      ),
    );
    expect(payment).toMatchObject({ refNumber: null, payeeListId: null, payeeName: null });
  });

  it.each([
    ['TxnID', (x: string) => x.replace('<TxnID>1E0-1700000000</TxnID>', ''), 'BillPaymentCheckRet has no TxnID'],
    ['EditSequence', (x: string) => x.replace('<EditSequence>1718561533</EditSequence>', ''), 'BillPaymentCheckRet 1E0-1700000000 has no EditSequence'],
    ['TxnDate', (x: string) => x.replace('<TxnDate>2026-06-15</TxnDate>', ''), 'BillPaymentCheckRet 1E0-1700000000 has no TxnDate'],
    ['TimeModified', (x: string) => x.replace(/<TimeModified>.*?<\/TimeModified>/, ''), 'BillPaymentCheckRet 1E0-1700000000 has no TimeModified'],
  ])('throws naming the element when %s is missing', (_name, edit, message) => {
    const record = parseRet('BillPaymentCheckQueryRs', paymentXml('1.00', '', edit));
    expect(() => readBillPayment(record)).toThrow(QbxmlParseError);
    expect(() => readBillPayment(record)).toThrow(message);
  });

  it('throws when a bill application has no TxnID or a garbage amount', () => {
    const noId = '<AppliedToTxnRet><TxnType>Bill</TxnType><Amount>-1.00</Amount></AppliedToTxnRet>';
    expect(() => readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('1.00', noId)))).toThrow(
      'An AppliedToTxnRet of BillPaymentCheckRet 1E0-1700000000 has no TxnID',
    );
    expect(() => readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('1.00', applied('B1', 'Bill', '-one'))))).toThrow(
      'AppliedToTxnRet B1 of BillPaymentCheckRet 1E0-1700000000 has Amount "-one"',
    );
    expect(() => readBillPayment(parseRet('BillPaymentCheckQueryRs', paymentXml('$5', '')))).toThrow('has Amount "$5"');
  });
});
