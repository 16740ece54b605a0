import { checkSettingsChange, DEFAULT_COMPANY_SETTINGS, settingProblem } from '@connector/contract';
import type { CompanySettings, QbRef } from './settings-queries.ts';

export type SettingsProblems = Partial<Record<keyof CompanySettings, string>>;

function refProblem(ref: QbRef | null, what: string): string | null {
  if (ref === null) return null;
  if (!ref.listId.trim() && !ref.fullName.trim()) return null;
  if (!ref.listId.trim() || !ref.fullName.trim()) return `Give both the ${what}'s QuickBooks ListID and its full name, or neither.`;
  return null;
}

/** "must be a whole number from 1 to 1440" → "Must be a whole number from 1 to 1440." */
const sentence = (problem: string) => `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;

/**
 * The form's checks are the server's rules (@connector/contract checkSettingsChange), so people see a problem
 * beside the field before saving; the server checks again and its answer wins. The form adds only what a form
 * needs: a half-typed account ("both or neither") and which class mapping line is wrong.
 */
export function validateSettings(values: CompanySettings): SettingsProblems {
  const normalised = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, normalise(key as keyof CompanySettings, value)]));
  const { problems: rules } = checkSettingsChange(DEFAULT_COMPANY_SETTINGS, normalised);
  const problems: SettingsProblems = {};
  for (const [key, problem] of Object.entries(rules)) problems[key as keyof CompanySettings] = sentence(problem);
  const set = (key: keyof CompanySettings, problem: string | null) => {
    if (problem) problems[key] = problem;
  };
  set('itemExpenseAccount', refProblem(values.itemExpenseAccount, 'account'));
  set('itemIncomeAccount', refProblem(values.itemIncomeAccount, 'account'));
  set('ownerInvoiceArAccount', refProblem(values.ownerInvoiceArAccount, 'account'));
  // "One item per contract" without its item: the rules name the mode (every setting is in the change here), but what
  // is missing is the item, and the item's picker is where it is fixed: the problem is shown (and focused) there.
  if (problems.ownerInvoiceLineItem && settingProblem('ownerInvoiceLineItem', values.ownerInvoiceLineItem) === null) {
    problems.ownerInvoiceContractItem ??= problems.ownerInvoiceLineItem;
    delete problems.ownerInvoiceLineItem;
  }
  const badClass = Object.entries(values.classByCostCode).find(([costCodeId, ref]) => !/^\d+$/.test(costCodeId) || !ref.listId.trim() || !ref.fullName.trim());
  if (badClass) {
    set(
      'classByCostCode',
      /^\d+$/.test(badClass[0])
        ? `Cost code ${badClass[0]}: give the class's ListID and full name.`
        : `“${badClass[0]}” is not a Procore cost code id (digits only).`,
    );
  }
  return problems;
}

/** Settings that must be chosen before some records can sync: shown as "Required" with the reason. */
export function missingRequired(values: CompanySettings): Array<{ key: keyof CompanySettings; message: string }> {
  const missing: Array<{ key: keyof CompanySettings; message: string }> = [];
  if (!values.invoiceRetainageItem)
    missing.push({ key: 'invoiceRetainageItem', message: 'Subcontractor invoices with retainage cannot sync until an Invoice Retainage Item is chosen.' });
  if (!values.itemExpenseAccount?.listId)
    missing.push({ key: 'itemExpenseAccount', message: 'New cost-code items cannot be created in QuickBooks without an expense account.' });
  if (!values.retainageReceivableItem)
    missing.push({
      key: 'retainageReceivableItem',
      message: 'Owner invoices with retainage cannot sync until a Retainage Receivable item is chosen (Owner invoices below).',
    });
  return missing;
}

/** The fields that differ from what was saved (what PATCH sends). */
export function changedSettings(saved: CompanySettings, draft: CompanySettings): Partial<CompanySettings> {
  const change: Partial<CompanySettings> = {};
  for (const key of Object.keys(draft) as Array<keyof CompanySettings>) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(draft[key])) (change as Record<string, unknown>)[key] = normalise(key, draft[key]);
  }
  return change;
}

// An account reference left empty is "none chosen" (null) for the server.
function normalise(key: keyof CompanySettings, value: unknown): unknown {
  if ((key === 'itemExpenseAccount' || key === 'itemIncomeAccount' || key === 'ownerInvoiceArAccount') && value && typeof value === 'object') {
    const ref = value as QbRef;
    return ref.listId.trim() || ref.fullName.trim() ? { listId: ref.listId.trim(), fullName: ref.fullName.trim() } : null;
  }
  return value;
}
