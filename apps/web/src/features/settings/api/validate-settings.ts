import type { CompanySettings, QbRef } from './settings-queries.ts';

export type SettingsProblems = Partial<Record<keyof CompanySettings, string>>;

const wholeNumber = (value: number, min: number, max: number) => (Number.isInteger(value) && value >= min && value <= max ? null : `Enter a whole number from ${min} to ${max}.`);

function refProblem(ref: QbRef | null, what: string): string | null {
  if (ref === null) return null;
  if (!ref.listId.trim() && !ref.fullName.trim()) return null;
  if (!ref.listId.trim() || !ref.fullName.trim()) return `Give both the ${what}'s QuickBooks ListID and its full name, or neither.`;
  return null;
}

/**
 * The form's checks, the same as the server's (company-settings.ts), so people see a problem beside the
 * field before saving; the server checks again and its answer wins.
 */
export function validateSettings(values: CompanySettings): SettingsProblems {
  const problems: SettingsProblems = {};
  const set = (key: keyof CompanySettings, problem: string | null) => {
    if (problem) problems[key] = problem;
  };
  set('refreshJobsAndVendorsEveryHours', wholeNumber(values.refreshJobsAndVendorsEveryHours, 1, 168));
  set('refreshJobCostsEveryHours', wholeNumber(values.refreshJobCostsEveryHours, 1, 168));
  set('qbwcRunEveryMinutes', wholeNumber(values.qbwcRunEveryMinutes, 1, 1440));
  set('itemExpenseAccount', refProblem(values.itemExpenseAccount, 'account'));
  set('itemIncomeAccount', refProblem(values.itemIncomeAccount, 'account'));
  const badClass = Object.entries(values.classByCostCode).find(([costCodeId, ref]) => !/^\d+$/.test(costCodeId) || !ref.listId.trim() || !ref.fullName.trim());
  if (badClass) {
    set(
      'classByCostCode',
      /^\d+$/.test(badClass[0]) ? `Cost code ${badClass[0]}: give the class's ListID and full name.` : `“${badClass[0]}” is not a Procore cost code id (digits only).`,
    );
  }
  return problems;
}

/** Settings that must be chosen before some records can sync: shown as "Required" with the reason. */
export function missingRequired(values: CompanySettings): Array<{ key: keyof CompanySettings; message: string }> {
  const missing: Array<{ key: keyof CompanySettings; message: string }> = [];
  if (!values.invoiceRetainageItem) missing.push({ key: 'invoiceRetainageItem', message: 'Subcontractor invoices with retainage cannot sync until an Invoice Retainage Item is chosen.' });
  if (!values.itemExpenseAccount?.listId) missing.push({ key: 'itemExpenseAccount', message: 'New cost-code items cannot be created in QuickBooks without an expense account.' });
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
  if ((key === 'itemExpenseAccount' || key === 'itemIncomeAccount') && value && typeof value === 'object') {
    const ref = value as QbRef;
    return ref.listId.trim() || ref.fullName.trim() ? { listId: ref.listId.trim(), fullName: ref.fullName.trim() } : null;
  }
  return value;
}
