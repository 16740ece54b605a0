import { describe, expect, it } from 'vitest';
import { classMappingFromCsv, classMappingToCsv } from './class-mapping-csv.ts';
import { companySettings } from '../testing/settings-fixtures.ts';
import { changedSettings, missingRequired, validateSettings } from './validate-settings.ts';

const base = companySettings();

describe('settings validation (the server’s rules, beside each field)', () => {
  it('accepts the defaults', () => expect(validateSettings(base)).toEqual({}));
  it.each([
    ['qbwcRunEveryMinutes', 0, 'Must be a whole number from 1 to 1440.'],
    ['qbwcRunEveryMinutes', 1441, 'Must be a whole number from 1 to 1440.'],
    ['qbwcRunEveryMinutes', 2.5, 'Must be a whole number from 1 to 1440.'],
    ['qbwcRunEveryMinutes', Number.NaN, 'Must be a whole number from 1 to 1440.'],
    ['refreshJobCostsEveryHours', 169, 'Must be a whole number from 1 to 168.'],
    ['refreshJobsAndVendorsEveryHours', 0, 'Must be a whole number from 1 to 168.'],
  ] as const)('%s = %s', (key, value, message) => {
    expect(validateSettings({ ...base, [key]: value })).toEqual({ [key]: message });
  });
  it('an account needs both its ListID and full name (or neither)', () => {
    expect(validateSettings({ ...base, itemExpenseAccount: { listId: '80000001-1', fullName: '' } }).itemExpenseAccount).toMatch(/both/);
    expect(validateSettings({ ...base, itemExpenseAccount: { listId: '', fullName: '' } })).toEqual({});
  });
  it('class mappings need a numeric cost code id and a complete class', () => {
    expect(validateSettings({ ...base, classByCostCode: { abc: { listId: '1', fullName: 'A' } } }).classByCostCode).toMatch(/not a Procore cost code id/);
    expect(validateSettings({ ...base, classByCostCode: { '12': { listId: '', fullName: 'A' } } }).classByCostCode).toMatch(/Cost code 12/);
  });
  it('calls out the settings required before some records can sync', () => {
    expect(missingRequired(base).map((m) => m.key)).toEqual(['invoiceRetainageItem', 'itemExpenseAccount', 'retainageReceivableItem']);
    expect(
      missingRequired({
        ...base,
        invoiceRetainageItem: { listId: '1', fullName: 'Retainage' },
        itemExpenseAccount: { listId: '2', fullName: 'Subs' },
        retainageReceivableItem: { listId: '3', fullName: 'Retainage Receivable' },
      }),
    ).toEqual([]);
  });
  it('one item per contract without its item: the problem is beside the contract item, in the rules’ words', () => {
    const problems = validateSettings({ ...base, ownerInvoiceLineItem: 'contract' });
    expect(problems).toEqual({ ownerInvoiceContractItem: 'One item per contract needs the contract item chosen from the QuickBooks items list.' });
    expect(validateSettings({ ...base, ownerInvoiceLineItem: 'contract', ownerInvoiceContractItem: { listId: '4', fullName: 'Contract Billing' } })).toEqual(
      {},
    );
    // By cost code, no contract item is needed.
    expect(validateSettings({ ...base, ownerInvoiceLineItem: 'cost_code', ownerInvoiceContractItem: null })).toEqual({});
    // A mode the rules do not know stays on the mode.
    expect(Object.keys(validateSettings({ ...base, ownerInvoiceLineItem: 'per_line' as 'contract' }))).toEqual(['ownerInvoiceLineItem']);
  });
  it('a half-typed A/R account is named; an emptied one is saved as none (QuickBooks’ default A/R account)', () => {
    expect(validateSettings({ ...base, ownerInvoiceArAccount: { listId: '', fullName: 'Accounts Receivable' } }).ownerInvoiceArAccount).toMatch(/both/);
    expect(
      changedSettings({ ...base, ownerInvoiceArAccount: { listId: '5', fullName: 'A/R' } }, { ...base, ownerInvoiceArAccount: { listId: '', fullName: ' ' } }),
    ).toEqual({ ownerInvoiceArAccount: null });
  });
  it('saves only what changed; an emptied account becomes null', () => {
    expect(changedSettings(base, base)).toEqual({});
    expect(
      changedSettings(
        { ...base, itemExpenseAccount: { listId: '2', fullName: 'Subs' } },
        { ...base, qbwcRunEveryMinutes: 30, itemExpenseAccount: { listId: ' ', fullName: '' } },
      ),
    ).toEqual({
      qbwcRunEveryMinutes: 30,
      itemExpenseAccount: null,
    });
  });
});

describe('cost code → class mapping as CSV', () => {
  it('round-trips, quoting names with commas and quotes', () => {
    const mapping = { '12': { listId: '80000001-1', fullName: 'Overhead, "Field"' }, '3': { listId: '80000002-1', fullName: 'Jobs:Site' } };
    const csv = classMappingToCsv(mapping);
    expect(csv.split('\r\n')[0]).toBe('procore_cost_code_id,quickbooks_class_list_id,quickbooks_class_full_name');
    expect(csv.split('\r\n')[1]).toBe('3,80000002-1,Jobs:Site');
    expect(classMappingFromCsv(csv)).toEqual({ mapping, problems: [] });
  });
  it('refuses a file with bad lines, naming each', () => {
    const result = classMappingFromCsv('procore_cost_code_id,quickbooks_class_list_id,quickbooks_class_full_name\nx,1,A\n5,,B\n5,1,C\n5,2,D\n');
    expect(result.mapping).toEqual({});
    expect(result.problems).toEqual([
      'Line 2: “x” is not a Procore cost code id.',
      "Line 3: the class's ListID and full name are both needed.",
      'Line 5: cost code 5 appears twice.',
    ]);
    expect(classMappingFromCsv('').problems).toEqual(['The file is empty.']);
    expect(classMappingFromCsv('7,1,A\r\n').mapping).toEqual({ '7': { listId: '1', fullName: 'A' } });
  });
});
