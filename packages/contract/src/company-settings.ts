/**
 * Company settings: their shape, defaults and rules, once (docs/integration-map.md#settings). The server
 * validates every write with them; the embedded app shows the same problems beside each field before saving.
 * Pure: no I/O.
 */
/** Company-level settings (docs/integration-map.md#settings). Stored as JSON; every write is validated whole. */
export interface CompanySettingsValues {
  /** Use the Procore contract number as the QuickBooks PO RefNumber (≤ 11 characters). */
  useProcoreContractNumber: boolean;
  /** Add new cost codes to the budgets of integrated projects. */
  autoAddCostCodesToBudgets: boolean;
  /** Budget Direct Cost column: kept from QuickBooks (read-only) or editable in Procore (not populated). */
  directCostColumn: 'read_only_from_quickbooks' | 'editable';
  hideJobToDateCosts: boolean;
  /** Whether a vendor refresh updates already linked Procore vendors. */
  vendorUpdatePolicy: 'update' | 'never';
  /** Required before subcontractor invoices with retainage can sync; chosen from the QuickBooks items list. */
  invoiceRetainageItem: { listId: string; fullName: string } | null;
  /**
   * Accounts for new cost-code items (QuickBooks will not save an item without one). Expense only: POs and
   * bills post to it; both: a two-sided item so estimates post to income. Chosen from QuickBooks' accounts.
   */
  itemExpenseAccount: { listId: string; fullName: string } | null;
  itemIncomeAccount: { listId: string; fullName: string } | null;
  /** QuickBooks class per Procore standard cost code id (cost code → class mapping). */
  classByCostCode: Record<string, { listId: string; fullName: string }>;
  /** Approval required (accountants approve) or direct export for commitments, change orders and invoices. */
  approvalRequired: boolean;
  /** Cost codes become Service items or Other Charge items. */
  itemType: 'service' | 'other_charge';
  /** Over-long item names: refuse with the code named, or abbreviate by the documented rule. */
  itemNameRule: 'refuse' | 'abbreviate';
  /** Scheduled refreshes (QuickBooks to Procore) and the Web Connector schedule written into the .qwc. */
  refreshJobsAndVendorsEveryHours: number;
  refreshJobCostsEveryHours: number;
  qbwcRunEveryMinutes: number;
  /**
   * Owner invoices (issue 21; docs/integration-map.md, owner invoices). The Retainage Receivable item carries the
   * retainage withheld from the owner (a negative line) and its release (an invoice of its own); required before an
   * owner invoice with retainage is sent. Chosen from the QuickBooks items list.
   */
  retainageReceivableItem: { listId: string; fullName: string } | null;
  /** The A/R account owner invoices post to; null: QuickBooks' default A/R account. */
  ownerInvoiceArAccount: { listId: string; fullName: string } | null;
  /** The item of each schedule-of-values line: the line's cost code item, or one item for the whole contract. */
  ownerInvoiceLineItem: 'cost_code' | 'contract';
  /** The one item for the whole contract (ownerInvoiceLineItem 'contract'); required in that mode. */
  ownerInvoiceContractItem: { listId: string; fullName: string } | null;
  /** The QuickBooks invoice number: Procore's owner invoice number, or typed by the accountant when approving. */
  ownerInvoiceNumberSource: 'procore' | 'typed';
}

export const DEFAULT_COMPANY_SETTINGS: CompanySettingsValues = {
  useProcoreContractNumber: true,
  autoAddCostCodesToBudgets: false,
  directCostColumn: 'read_only_from_quickbooks',
  hideJobToDateCosts: false,
  vendorUpdatePolicy: 'never',
  invoiceRetainageItem: null,
  itemExpenseAccount: null,
  itemIncomeAccount: null,
  classByCostCode: {},
  approvalRequired: true,
  itemType: 'service',
  itemNameRule: 'refuse',
  refreshJobsAndVendorsEveryHours: 1,
  refreshJobCostsEveryHours: 2,
  qbwcRunEveryMinutes: 15,
  retainageReceivableItem: null,
  ownerInvoiceArAccount: null,
  ownerInvoiceLineItem: 'cost_code',
  ownerInvoiceContractItem: null,
  ownerInvoiceNumberSource: 'procore',
};

type Check = (value: unknown) => string | null;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be a whole number from ${min} to ${max}`;

/** The problem with one setting's value, or null: "must be a whole number from 1 to 1440". */
export function settingProblem(key: keyof CompanySettingsValues, value: unknown): string | null {
  return CHECKS[key](value);
}

const isQbRef = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { listId?: unknown }).listId === 'string' &&
  (v as { listId: string }).listId.length > 0 &&
  typeof (v as { fullName?: unknown }).fullName === 'string' &&
  (v as { fullName: string }).fullName.length > 0;
const qbRefOrNull =
  (what: string): Check =>
  (v) =>
    v === null || isQbRef(v) ? null : `must be ${what} ({ listId, fullName }) or null`;

const CHECKS: Record<keyof CompanySettingsValues, Check> = {
  useProcoreContractNumber: bool,
  autoAddCostCodesToBudgets: bool,
  directCostColumn: oneOf('read_only_from_quickbooks', 'editable'),
  hideJobToDateCosts: bool,
  vendorUpdatePolicy: oneOf('update', 'never'),
  invoiceRetainageItem: (v) =>
    v === null ||
    (typeof v === 'object' &&
      typeof (v as { listId?: unknown }).listId === 'string' &&
      typeof (v as { fullName?: unknown }).fullName === 'string' &&
      (v as { fullName: string }).fullName.length > 0)
      ? null
      : 'must be an item from the QuickBooks items list ({ listId, fullName }) or null',
  itemExpenseAccount: qbRefOrNull('an account from the QuickBooks chart of accounts'),
  itemIncomeAccount: qbRefOrNull('an account from the QuickBooks chart of accounts'),
  classByCostCode: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(v).every(([k, ref]) => /^\d+$/.test(k) && isQbRef(ref))
      ? null
      : 'must map Procore cost code ids to QuickBooks classes ({ "123": { listId, fullName } })',
  approvalRequired: bool,
  itemType: oneOf('service', 'other_charge'),
  itemNameRule: oneOf('refuse', 'abbreviate'),
  refreshJobsAndVendorsEveryHours: int(1, 168),
  refreshJobCostsEveryHours: int(1, 168),
  qbwcRunEveryMinutes: int(1, 1440),
  retainageReceivableItem: qbRefOrNull('an item from the QuickBooks items list'),
  ownerInvoiceArAccount: qbRefOrNull('an Accounts Receivable account from the QuickBooks chart of accounts'),
  ownerInvoiceLineItem: oneOf('cost_code', 'contract'),
  ownerInvoiceContractItem: qbRefOrNull('an item from the QuickBooks items list'),
  ownerInvoiceNumberSource: oneOf('procore', 'typed'),
};

/** Merges a change into the current values; every problem is reported at once, by field (empty = valid). */
export function checkSettingsChange(
  current: CompanySettingsValues,
  change: Record<string, unknown>,
): { merged: CompanySettingsValues; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  for (const key of Object.keys(change)) {
    const check = CHECKS[key as keyof CompanySettingsValues];
    if (!check) problems[key] = 'is not a setting';
    else {
      const problem = check(change[key]);
      if (problem) problems[key] = problem;
    }
  }
  const merged = { ...current, ...change } as CompanySettingsValues;
  // Hiding Job to date costs goes with an editable Direct Cost column (docs/integration-map.md#settings): with the
  // read-only column it is the only place QuickBooks' costs show. Asked for together: refused; the column made
  // read-only while it was on: it turns off.
  if (!problems.hideJobToDateCosts && merged.hideJobToDateCosts && merged.directCostColumn !== 'editable') {
    if (change.hideJobToDateCosts === true) problems.hideJobToDateCosts = 'can be on only when the Direct Cost column is editable in Procore';
    else merged.hideJobToDateCosts = false;
  }
  // One item for the whole contract needs that item (map-owner-invoice.ts has nothing to put on the lines otherwise).
  if (!problems.ownerInvoiceLineItem && !problems.ownerInvoiceContractItem && merged.ownerInvoiceLineItem === 'contract' && !merged.ownerInvoiceContractItem)
    problems[change.ownerInvoiceLineItem !== undefined ? 'ownerInvoiceLineItem' : 'ownerInvoiceContractItem'] =
      'one item per contract needs the contract item chosen from the QuickBooks items list';
  return { merged, problems };
}
