import type { ImportFailure, RetryOutcome } from './job-cost-queries.ts';

/** QuickBooks transaction types in plain words (as push-job-costs describes them). */
export const TXN_TYPE_LABELS: Record<string, string> = {
  Bill: 'Bill',
  Check: 'Check',
  CreditCardCharge: 'Credit card charge',
  BillPaymentCheck: 'Bill payment',
};

/** "Bill INV-1", or "Check (no number)" when QuickBooks has no reference number for it. */
export function describeTransaction(failure: Pick<ImportFailure, 'txnType' | 'refNumber'>): string {
  const type = TXN_TYPE_LABELS[failure.txnType] ?? failure.txnType;
  return failure.refNumber ? `${type} ${failure.refNumber}` : `${type} (no number)`;
}

/** What "Retry now" did, in words. */
export function describeRetryOutcome(result: { outcome: RetryOutcome; failed: number }): string {
  switch (result.outcome) {
    case 'queued':
      return `Queued: ${result.failed} ${result.failed === 1 ? 'transaction' : 'transactions'} will be sent to Procore again.`;
    case 'already_queued':
      return 'Already queued: the push to Procore has not run yet.';
    case 'nothing_to_retry':
      return 'Nothing to retry: everything QuickBooks sent is in Procore.';
    default:
      return 'Retry requested.';
  }
}
