import type { ExceptionAction } from './exception-queries.ts';

export const RECORD_TYPE_WORDS: Record<string, string> = {
  cost_code: 'Cost code',
  project: 'Project',
  vendor: 'Vendor',
  budget: 'Budget',
  commitment: 'Commitment',
  change_order: 'Change order',
  invoice: 'Invoice',
  owner_invoice: 'Owner invoice',
  prime_contract: 'Prime contract',
  prime_change_order: 'Prime contract change order',
  // QuickBooks transactions not brought into Procore (Update Job Costs).
  Bill: 'QuickBooks bill',
  Check: 'QuickBooks check',
  CreditCardCharge: 'QuickBooks credit card charge',
  BillPaymentCheck: 'QuickBooks bill payment',
};

export const DIRECTION_WORDS = { to_quickbooks: 'To QuickBooks', to_procore: 'To Procore', background: 'Background work' } as const;

export const ACTION_WORDS: Record<ExceptionAction, { label: string; done: string }> = {
  retry: { label: 'Retry', done: 'queued again for the next Web Connector session' },
  dismiss: { label: 'Dismiss', done: 'dismissed' },
  keep_quickbooks: { label: "Take QuickBooks' value", done: 'kept as QuickBooks has it' },
  resend_ours: { label: 'Resend ours', done: 'queued to be sent again on top of QuickBooks’ version' },
};

/**
 * Where a person fixes the cause when it is a mapping or setting (the exception's code says which), so
 * "fix mapping" is one click away. Codes from packages/sync exports (NO_RETAINAGE_ITEM, ITEM_ACCOUNT_…).
 */
export function fixLinkFor(errorCode: string | null): { to: string; label: string } | null {
  if (!errorCode) return null;
  // A background job Procore refused for the connection itself (not connected, sign-in gone, app not installed).
  if (/^PROCORE_(NOT_CONNECTED|SIGN_IN_REQUIRED|UNAUTHORIZED|FORBIDDEN)$/.test(errorCode)) return { to: '/connection', label: 'Check the Procore connection' };
  if (/RETAINAGE|ACCOUNT|ITEM_NAME|SETTING|CLASS/.test(errorCode)) return { to: '/settings', label: 'Fix in Settings' };
  if (/VENDOR/.test(errorCode)) return { to: '/vendors', label: 'Fix vendor mapping' };
  if (/JOB|CUSTOMER|PROJECT/.test(errorCode)) return { to: '/jobs', label: 'Fix job mapping' };
  return null;
}
