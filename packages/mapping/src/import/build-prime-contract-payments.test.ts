import { describe, expect, it } from 'vitest';
import * as mapping from '../index.ts';
import {
  buildPrimeContractPayments,
  procorePaymentMethod,
  receivePaymentOriginId,
  receivePaymentOriginIdPrefix,
  toNewPrimeContractPayment,
  type PrimeContractPaymentContext,
} from './build-prime-contract-payments.ts';
import { readReceivePayment, type QbReceivePayment } from './read-receive-payment.ts';
import { parseRet, refXml } from './testing/parse-rets.ts';

const PAYMENT: QbReceivePayment = {
  txnId: 'RP-1',
  editSequence: '1718561533',
  txnDate: '2026-06-15',
  timeModified: '2026-06-16T11:12:13-07:00',
  refNumber: '20417',
  customerListId: 'C1',
  customerName: 'Harbor Owners LLC:Pier 9 Retail',
  totalAmountCents: 150000,
  unappliedCents: 0,
  paymentMethodName: 'Check',
  memo: null,
  voided: false,
  applied: [
    { invoiceTxnId: 'OUR-INV-1', invoiceRefNumber: '1001', amountCents: 100000, discountCents: 0 },
    { invoiceTxnId: 'OUR-INV-2', invoiceRefNumber: '1002', amountCents: 50000, discountCents: 0 },
  ],
  otherApplications: [],
  currency: null,
};

const OWNER_INVOICES = {
  'OUR-INV-1': { procoreProjectId: 7, primeContractId: 300, paymentApplicationId: 9001, paymentApplicationNumber: 1, invoiceNumber: 'OI-1' },
  'OUR-INV-2': { procoreProjectId: 7, primeContractId: 300, paymentApplicationId: 9002, paymentApplicationNumber: 2, invoiceNumber: null },
  // The retainage release invoice billed separately for owner invoice 2 leads to the same owner invoice.
  'OUR-INV-2R': { procoreProjectId: 7, primeContractId: 300, paymentApplicationId: 9002, paymentApplicationNumber: 2, invoiceNumber: null },
} as const;

const CTX: PrimeContractPaymentContext = {
  ownerInvoiceForInvoice: (txnId) => (OWNER_INVOICES as Record<string, (typeof OWNER_INVOICES)[keyof typeof OWNER_INVOICES]>)[txnId] ?? null,
};

const HASH = expect.stringMatching(/^[0-9a-f]{16}$/);

describe('buildPrimeContractPayments', () => {
  it('a payment over two owner invoices: one Procore payment per invoice, for what was applied to it', () => {
    expect(buildPrimeContractPayments(PAYMENT, CTX)).toEqual({
      paymentTxnId: 'RP-1',
      voided: false,
      originIdPrefix: 'qb:ReceivePayment:RP-1:',
      payments: [
        {
          procoreProjectId: 7,
          primeContractId: 300,
          paymentApplicationId: 9001,
          paymentApplicationNumber: 1,
          invoiceNumber: 'OI-1',
          originId: 'qb:ReceivePayment:RP-1:OUR-INV-1',
          originData: '1718561533',
          amountCents: 100000,
          date: '2026-06-15',
          checkNumber: '20417',
          paymentMethod: 'check',
          notes: 'Part of QuickBooks payment 20417 of 1,500.00, spread over 2 invoices.',
          contentHash: HASH,
        },
        {
          procoreProjectId: 7,
          primeContractId: 300,
          paymentApplicationId: 9002,
          paymentApplicationNumber: 2,
          invoiceNumber: null,
          originId: 'qb:ReceivePayment:RP-1:OUR-INV-2',
          originData: '1718561533',
          amountCents: 50000,
          date: '2026-06-15',
          checkNumber: '20417',
          paymentMethod: 'check',
          notes: 'Part of QuickBooks payment 20417 of 1,500.00, spread over 2 invoices.',
          contentHash: HASH,
        },
      ],
      removals: [],
      skipped: [],
      unappliedCents: 0,
    });
  });

  it('a partial payment is the amount applied, not the invoice total, with no note when it pays one invoice', () => {
    const partial = {
      ...PAYMENT,
      totalAmountCents: 12345,
      applied: [{ invoiceTxnId: 'OUR-INV-1', invoiceRefNumber: '1001', amountCents: 12345, discountCents: 0 }],
    };
    const plan = buildPrimeContractPayments(partial, CTX);
    expect(plan.payments.map((p) => [p.originId, p.amountCents, p.notes])).toEqual([['qb:ReceivePayment:RP-1:OUR-INV-1', 12345, null]]);
  });

  it('a discount is not money received: left out of the amount and said in the notes; a discount alone is no payment', () => {
    const discounted = {
      ...PAYMENT,
      totalAmountCents: 97500,
      applied: [
        { invoiceTxnId: 'OUR-INV-1', invoiceRefNumber: '1001', amountCents: 97500, discountCents: 2500 },
        { invoiceTxnId: 'OUR-INV-2', invoiceRefNumber: '1002', amountCents: 0, discountCents: 400 },
      ],
    };
    const plan = buildPrimeContractPayments(discounted, CTX);
    expect(plan.payments.map((p) => [p.amountCents, p.notes])).toEqual([
      [97500, 'QuickBooks also took a discount of 25.00 on invoice 1001; a discount is not money received, so it is not in this amount.'],
    ]);
    // The discount-only application removes a payment made for that invoice before, if any.
    expect(plan.removals).toEqual([
      { procoreProjectId: 7, primeContractId: 300, paymentApplicationId: 9002, originId: 'qb:ReceivePayment:RP-1:OUR-INV-2', reason: 'NOTHING_APPLIED' },
    ]);
  });

  it('a voided payment removes every Procore payment it made, and creates none', () => {
    const voided = { ...PAYMENT, voided: true, totalAmountCents: 0, memo: 'VOID:', applied: PAYMENT.applied.map((a) => ({ ...a, amountCents: 0 })) };
    const plan = buildPrimeContractPayments(voided, CTX);
    expect(plan.voided).toBe(true);
    expect(plan.payments).toEqual([]);
    expect(plan.removals.map((r) => [r.originId, r.reason])).toEqual([
      ['qb:ReceivePayment:RP-1:OUR-INV-1', 'VOIDED'],
      ['qb:ReceivePayment:RP-1:OUR-INV-2', 'VOIDED'],
    ]);
    // Voided with its applications dropped: nothing to name one by one; the prefix covers them.
    const dropped = buildPrimeContractPayments({ ...voided, applied: [] }, CTX);
    expect(dropped).toMatchObject({ voided: true, payments: [], removals: [], originIdPrefix: 'qb:ReceivePayment:RP-1:' });
  });

  it('an invoice the connector did not create from a Procore owner invoice is skipped with the reason; ours still pays', () => {
    const mixed = {
      ...PAYMENT,
      applied: [
        { invoiceTxnId: 'QB-ONLY', invoiceRefNumber: '5550', amountCents: 70000, discountCents: 0 },
        { invoiceTxnId: 'OUR-INV-1', invoiceRefNumber: '1001', amountCents: 80000, discountCents: 0 },
      ],
    };
    const plan = buildPrimeContractPayments(mixed, CTX);
    expect(plan.payments.map((p) => [p.originId, p.amountCents])).toEqual([['qb:ReceivePayment:RP-1:OUR-INV-1', 80000]]);
    expect(plan.skipped).toEqual([
      {
        txnId: 'QB-ONLY',
        txnType: 'Invoice',
        refNumber: '5550',
        amountCents: 70000,
        code: 'NOT_FROM_PROCORE',
        message:
          'QuickBooks payment 20417 pays 700.00 on invoice 5550, which the connector did not create from a Procore owner invoice; no Procore payment is recorded for it. Record it in Procore by hand if that invoice belongs to a prime contract.',
      },
    ]);
    expect(plan.removals).toEqual([]);
    // Once that payment is voided, the zeroed application to the invoice that is not ours is not reported again.
    const voided = { ...mixed, voided: true, totalAmountCents: 0, applied: mixed.applied.map((a) => ({ ...a, amountCents: 0 })) };
    expect(buildPrimeContractPayments(voided, CTX)).toMatchObject({
      skipped: [],
      removals: [{ originId: 'qb:ReceivePayment:RP-1:OUR-INV-1', reason: 'VOIDED' }],
    });
  });

  it('applications to anything but an invoice are skipped with the reason; unapplied money is reported', () => {
    const other = {
      ...PAYMENT,
      refNumber: null,
      totalAmountCents: 20000,
      unappliedCents: 15000,
      applied: [],
      otherApplications: [{ txnId: 'JE1', txnType: 'JournalEntry', refNumber: null, amountCents: 5000 }],
    };
    const plan = buildPrimeContractPayments(other, CTX);
    expect(plan.payments).toEqual([]);
    expect(plan.unappliedCents).toBe(15000);
    expect(plan.skipped).toEqual([
      {
        txnId: 'JE1',
        txnType: 'JournalEntry',
        refNumber: null,
        amountCents: 5000,
        code: 'NOT_AN_INVOICE',
        message:
          'QuickBooks payment RP-1 applies 50.00 to a JournalEntry JE1, not to an invoice; only invoices come from Procore owner invoices, so no Procore payment is recorded for it.',
      },
    ]);
  });

  it('a progress invoice and its retainage release invoice paid together: two payments on the same owner invoice, distinct origin ids', () => {
    const both = {
      ...PAYMENT,
      applied: [
        { invoiceTxnId: 'OUR-INV-2', invoiceRefNumber: '1002', amountCents: 90000, discountCents: 0 },
        { invoiceTxnId: 'OUR-INV-2R', invoiceRefNumber: '1002R', amountCents: 10000, discountCents: 0 },
      ],
    };
    const plan = buildPrimeContractPayments(both, CTX);
    expect(plan.payments.map((p) => [p.paymentApplicationId, p.originId, p.amountCents])).toEqual([
      [9002, 'qb:ReceivePayment:RP-1:OUR-INV-2', 90000],
      [9002, 'qb:ReceivePayment:RP-1:OUR-INV-2R', 10000],
    ]);
  });

  it('origin ids: one per (payment, invoice), stable across edits of the payment, never a bill payment’s', () => {
    expect(receivePaymentOriginId('RP-1', 'INV-9')).toBe('qb:ReceivePayment:RP-1:INV-9');
    expect(receivePaymentOriginId('RP-1', 'INV-9').startsWith(receivePaymentOriginIdPrefix('RP-1'))).toBe(true);
    expect(receivePaymentOriginId('RP-1', 'INV-9').startsWith('qb:BillPaymentCheck:')).toBe(false);
    const edited = { ...PAYMENT, editSequence: '1718999999', timeModified: '2026-06-20T08:00:00-07:00' };
    const before = buildPrimeContractPayments(PAYMENT, CTX).payments;
    const after = buildPrimeContractPayments(edited, CTX).payments;
    expect(after.map((p) => p.originId)).toEqual(before.map((p) => p.originId));
    expect(after.map((p) => p.contentHash)).toEqual(before.map((p) => p.contentHash));
    expect(after.map((p) => p.originData)).toEqual(['1718999999', '1718999999']);
  });

  it('contentHash follows the amount, date, check number, method, notes and the owner invoice', () => {
    const hash = (p: QbReceivePayment, ctx = CTX) => buildPrimeContractPayments(p, ctx).payments[0]!.contentHash;
    const base = hash(PAYMENT);
    expect(hash({ ...PAYMENT, txnDate: '2026-06-16' })).not.toBe(base);
    expect(hash({ ...PAYMENT, refNumber: '20418' })).not.toBe(base);
    expect(hash({ ...PAYMENT, paymentMethodName: 'Visa' })).not.toBe(base);
    expect(hash({ ...PAYMENT, applied: [{ ...PAYMENT.applied[0]!, amountCents: 1 }, PAYMENT.applied[1]!] })).not.toBe(base);
    expect(hash({ ...PAYMENT, applied: [{ ...PAYMENT.applied[0]!, discountCents: 1 }, PAYMENT.applied[1]!] })).not.toBe(base);
    const moved: PrimeContractPaymentContext = { ownerInvoiceForInvoice: (id) => ({ ...CTX.ownerInvoiceForInvoice(id)!, paymentApplicationId: 1 }) };
    expect(hash(PAYMENT, moved)).not.toBe(base);
  });

  it('a payment in another currency says so in the notes; amounts are already home currency', () => {
    const xml =
      `<ReceivePaymentRet><TxnID>RP-EUR</TxnID><TimeModified>2026-06-16T11:12:13-07:00</TimeModified><EditSequence>5</EditSequence>` +
      `<TxnDate>2026-06-15</TxnDate><RefNumber>77</RefNumber><TotalAmount>300.00</TotalAmount>${refXml('CurrencyRef', 'E1', 'Euro')}` +
      `<ExchangeRate>1.0863</ExchangeRate><TotalAmountInHomeCurrency>325.89</TotalAmountInHomeCurrency>` +
      `<AppliedToTxnRet><TxnID>OUR-INV-1</TxnID><TxnType>Invoice</TxnType><Amount>300.00</Amount></AppliedToTxnRet></ReceivePaymentRet>`;
    const plan = buildPrimeContractPayments(readReceivePayment(parseRet('ReceivePaymentQueryRs', xml)), CTX);
    expect(plan.payments.map((p) => [p.amountCents, p.notes])).toEqual([
      [32589, "Received as Euro 300.00 at QuickBooks' exchange rate 1.0863; this amount is in home currency."],
    ]);
  });

  it('read then built from QuickBooks XML: two invoices, a partial and a discount, one not ours', () => {
    const app = (id: string, amount: string, discount = '') =>
      `<AppliedToTxnRet><TxnID>${id}</TxnID><TxnType>Invoice</TxnType><RefNumber>R${id}</RefNumber><Amount>${amount}</Amount>${discount}</AppliedToTxnRet>`;
    const xml =
      `<ReceivePaymentRet><TxnID>RP-9</TxnID><TimeModified>2026-06-16T11:12:13-07:00</TimeModified><EditSequence>9</EditSequence>` +
      `<TxnDate>2026-06-15</TxnDate><TotalAmount>1000.00</TotalAmount><PaymentMethodRef><FullName>E-Check</FullName></PaymentMethodRef>` +
      `<UnusedPayment>0.00</UnusedPayment>` +
      app('OUR-INV-1', '600.00') +
      app('OUR-INV-2', '250.00', `<DiscountAmount>5.00</DiscountAmount>${refXml('DiscountAccountRef', 'A9', 'Discounts Given')}`) +
      app('QB-ONLY', '150.00') +
      `</ReceivePaymentRet>`;
    const plan = buildPrimeContractPayments(readReceivePayment(parseRet('ReceivePaymentQueryRs', xml)), CTX);
    expect(plan.payments.map((p) => [p.originId, p.amountCents, p.paymentMethod, p.checkNumber])).toEqual([
      ['qb:ReceivePayment:RP-9:OUR-INV-1', 60000, 'electronic', null],
      ['qb:ReceivePayment:RP-9:OUR-INV-2', 25000, 'electronic', null],
    ]);
    expect(plan.payments[1]!.notes).toBe(
      'Part of QuickBooks payment RP-9 of 1,000.00, spread over 3 invoices. QuickBooks also took a discount of 5.00 on invoice ROUR-INV-2; a discount is not money received, so it is not in this amount.',
    );
    expect(plan.skipped.map((s) => [s.txnId, s.code, s.amountCents])).toEqual([['QB-ONLY', 'NOT_FROM_PROCORE', 15000]]);
  });
});

describe('procorePaymentMethod', () => {
  it.each([
    ['Check', 'check'],
    [' check ', 'check'],
    ['American Express', 'credit_card'],
    ['Visa', 'credit_card'],
    ['MasterCard', 'credit_card'],
    ['Discover', 'credit_card'],
    ['Other credit card', 'credit_card'],
    ['E-Check', 'electronic'],
    ['Cash', null],
    ['Debit Card', null],
    ['Gift Card', null],
    ['Barter', null],
    [null, null],
  ])('%s → %s', (name, method) => {
    expect(procorePaymentMethod(name)).toBe(method);
  });
});

describe('toNewPrimeContractPayment', () => {
  it('Procore’s contract_payment body: decimal amount, the owner invoice by number, optional fields only when known', () => {
    const [first, second] = buildPrimeContractPayments(PAYMENT, CTX).payments;
    expect(toNewPrimeContractPayment(first!)).toEqual({
      contract_id: 300,
      amount: '1000.00',
      date: '2026-06-15',
      draw_request_number: 1,
      invoice_number: 'OI-1',
      check_number: '20417',
      payment_method: 'check',
      notes: 'Part of QuickBooks payment 20417 of 1,500.00, spread over 2 invoices.',
      origin_id: 'qb:ReceivePayment:RP-1:OUR-INV-1',
      origin_data: '1718561533',
    });
    const bare = { ...second!, paymentApplicationNumber: null, checkNumber: null, paymentMethod: null, notes: null };
    expect(toNewPrimeContractPayment(bare)).toEqual({
      contract_id: 300,
      amount: '500.00',
      date: '2026-06-15',
      origin_id: 'qb:ReceivePayment:RP-1:OUR-INV-2',
      origin_data: '1718561533',
    });
  });
});

describe('@connector/mapping exports the owner-side payment import', () => {
  it('from the package index', () => {
    for (const name of [
      'readReceivePayment',
      'buildPrimeContractPayments',
      'toNewPrimeContractPayment',
      'procorePaymentMethod',
      'receivePaymentOriginId',
      'receivePaymentOriginIdPrefix',
      'ReceivePaymentCurrencyError',
    ]) {
      expect(typeof (mapping as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
