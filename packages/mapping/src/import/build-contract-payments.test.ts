import { describe, expect, it } from 'vitest';
import { buildContractPayments, type ContractPaymentContext } from './build-contract-payments.ts';
import type { QbBillPayment } from './read-bill-payment.ts';

const PAYMENT: QbBillPayment = {
  txnId: 'BP-1',
  editSequence: '1718561533',
  txnDate: '2026-06-15',
  timeModified: '2026-06-16T11:12:13-07:00',
  refNumber: '10442',
  payeeListId: 'V1',
  payeeName: 'Smith Concrete',
  amountCents: 60000,
  applied: [
    { billTxnId: 'OUR-BILL', amountCents: 50000 },
    { billTxnId: 'QB-ONLY-BILL', amountCents: 7500 },
    { billTxnId: 'IMPORTED-BILL', amountCents: 2500 },
  ],
};

const CTX: ContractPaymentContext = {
  invoiceForBill: (bill) =>
    ({
      'OUR-BILL': { procoreProjectId: 7, commitmentId: 40, requisitionId: 900 },
      'IMPORTED-BILL': { procoreProjectId: 8, commitmentId: 41, requisitionId: null },
    })[bill] ?? null,
};

describe('buildContractPayments', () => {
  it('one payment per application to a bill the context knows, other bills skipped', () => {
    expect(buildContractPayments(PAYMENT, CTX)).toEqual([
      {
        procoreProjectId: 7,
        commitmentId: 40,
        requisitionId: 900,
        originId: 'qb:BillPaymentCheck:BP-1:OUR-BILL',
        originData: '1718561533',
        amountCents: 50000,
        date: '2026-06-15',
        checkNumber: '10442',
        contentHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
      {
        procoreProjectId: 8,
        commitmentId: 41,
        requisitionId: null,
        originId: 'qb:BillPaymentCheck:BP-1:IMPORTED-BILL',
        originData: '1718561533',
        amountCents: 2500,
        date: '2026-06-15',
        checkNumber: '10442',
        contentHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
  });

  it('a partial payment is the amount applied, not the bill total', () => {
    const partial = { ...PAYMENT, amountCents: 12345, applied: [{ billTxnId: 'OUR-BILL', amountCents: 12345 }] };
    expect(buildContractPayments(partial, CTX).map((p) => p.amountCents)).toEqual([12345]);
  });

  it('a voided check yields entries of 0 for the caller to delete', () => {
    const voided = { ...PAYMENT, amountCents: 0, applied: PAYMENT.applied.map((a) => ({ ...a, amountCents: 0 })) };
    expect(buildContractPayments(voided, CTX).map((p) => [p.originId, p.amountCents])).toEqual([
      ['qb:BillPaymentCheck:BP-1:OUR-BILL', 0],
      ['qb:BillPaymentCheck:BP-1:IMPORTED-BILL', 0],
    ]);
  });

  it('checkNumber is null without a RefNumber; nothing applied gives nothing', () => {
    expect(buildContractPayments({ ...PAYMENT, refNumber: null }, CTX)[0]!.checkNumber).toBeNull();
    expect(buildContractPayments({ ...PAYMENT, applied: [] }, CTX)).toEqual([]);
  });

  it('contentHash ignores the EditSequence but not the amount, date or check number', () => {
    const hash = (p: QbBillPayment) => buildContractPayments(p, CTX)[0]!.contentHash;
    expect(hash({ ...PAYMENT, editSequence: '2' })).toBe(hash(PAYMENT));
    expect(hash({ ...PAYMENT, txnDate: '2026-06-16' })).not.toBe(hash(PAYMENT));
    expect(hash({ ...PAYMENT, refNumber: '10443' })).not.toBe(hash(PAYMENT));
    expect(hash({ ...PAYMENT, applied: [{ billTxnId: 'OUR-BILL', amountCents: 1 }] })).not.toBe(hash(PAYMENT));
  });
});
