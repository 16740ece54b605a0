import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { QuickBooksListsBody } from '@connector/contract';
import { fakeServer, renderWithApp } from '../../../test/render-with-app.tsx';
import type { CompanySettings } from '../api/settings-queries.ts';
import { companySettings } from '../testing/settings-fixtures.ts';
import { SettingsPage } from './settings-page.tsx';

// Issue 18 item 4: account, class and cost-code settings are chosen from the lists the connector holds, not typed.
const saved = companySettings({ invoiceRetainageItem: { listId: '80000010-1', fullName: 'Retainage' } });
const READ: QuickBooksListsBody = {
  accounts: {
    readAt: '2026-12-07T06:00:00.000Z',
    entries: [
      { listId: 'A-AP', fullName: 'Accounts Payable', accountType: 'AccountsPayable', accountNumber: null, isActive: true },
      { listId: 'A-BANK', fullName: 'Checking', accountType: 'Bank', accountNumber: '1000', isActive: true },
      { listId: 'A-COGS', fullName: 'Cost of Goods Sold', accountType: 'CostOfGoodsSold', accountNumber: '5000', isActive: true },
      { listId: 'A-INC', fullName: 'Construction Income', accountType: 'Income', accountNumber: null, isActive: true },
      { listId: 'A-SUB', fullName: 'Job Expenses:Subcontractors', accountType: 'Expense', accountNumber: '6410', isActive: true },
      { listId: 'A-OLD', fullName: 'Job Expenses:Old Materials', accountType: 'Expense', accountNumber: null, isActive: false },
    ],
  },
  classes: {
    readAt: '2026-12-07T06:00:00.000Z',
    entries: [
      { listId: 'C-COM', fullName: 'Commercial', isActive: true },
      { listId: 'C-RES', fullName: 'Residential', isActive: true },
    ],
  },
  refreshPending: false,
};
const NEVER_READ: QuickBooksListsBody = { accounts: { readAt: null, entries: [] }, classes: { readAt: null, entries: [] }, refreshPending: false };
const COST_CODES = [
  { id: 31, code: '03-100', name: 'Concrete' },
  { id: 32, code: '09-200', name: 'Drywall' },
];

function server(settings: CompanySettings, lists: () => QuickBooksListsBody) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (path.endsWith('/imports/items')) return { items: [] };
    if (path.endsWith('/settings/quickbooks-lists')) return lists();
    if (path.endsWith('/settings/cost-codes')) return { costCodes: COST_CODES };
    if (path.endsWith('/imports/refresh') && call.method === 'POST') return { kind: 'items', outcome: 'queued', queuedAt: '2026-12-07T07:00:00.000Z' };
    if (call.method === 'GET') return settings;
    if (call.method === 'PATCH') return { ...settings, ...(call.body as object) };
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}
const optionTexts = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('Settings pickers', () => {
  it('offers only the accounts that fit each setting, and saves the chosen account (ListID and full name)', async () => {
    const fake = server(saved, () => READ);
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    const expense = await screen.findByRole('combobox', { name: /Expense account for new cost-code items/ });
    expect(optionTexts(expense)).toEqual([
      'None chosen',
      'Cost of Goods Sold (Cost of goods sold · 5000)',
      'Job Expenses:Subcontractors (Expense · 6410)',
      'Job Expenses:Old Materials (Expense) (inactive)',
    ]);
    const income = screen.getByRole('combobox', { name: /Income account for new cost-code items/ });
    expect(optionTexts(income)).toEqual(['None chosen', 'Construction Income (Income)']);

    await user.selectOptions(expense, 'A-SUB');
    await user.selectOptions(income, 'A-INC');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      itemExpenseAccount: { listId: 'A-SUB', fullName: 'Job Expenses:Subcontractors' },
      itemIncomeAccount: { listId: 'A-INC', fullName: 'Construction Income' },
    });
  });

  it('keeps a saved account that is no longer in QuickBooks (or not of a fitting type) visible and marked', async () => {
    server(
      {
        ...saved,
        itemExpenseAccount: { listId: 'A-GONE', fullName: 'Job Expenses:Deleted' },
        itemIncomeAccount: { listId: 'A-SUB', fullName: 'Job Expenses:Subcontractors' },
      },
      () => READ,
    );
    renderWithApp(<SettingsPage />);
    const expense = (await screen.findByRole('combobox', { name: /Expense account for new cost-code items/ })) as HTMLSelectElement;
    expect(expense.value).toBe('A-GONE');
    expect(expense.selectedOptions[0]!.textContent).toBe('Job Expenses:Deleted (no longer in QuickBooks)');
    const income = screen.getByRole('combobox', { name: /Income account for new cost-code items/ }) as HTMLSelectElement;
    expect(income.selectedOptions[0]!.textContent).toBe('Job Expenses:Subcontractors (Expense account: not one this setting takes)');
  });

  it('says when the chart of accounts was never read, offers the refresh, and keeps typing the account possible', async () => {
    let lists = NEVER_READ;
    const fake = server(saved, () => lists);
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    // Expense, income and the owner invoices' A/R account.
    expect(await screen.findAllByText(/The QuickBooks chart of accounts has not been read yet/)).toHaveLength(3);
    expect(screen.queryByRole('combobox', { name: /Expense account/ })).toBeNull();

    lists = { ...NEVER_READ, refreshPending: true };
    await user.click(screen.getAllByRole('button', { name: 'Refresh items, accounts and classes' })[0]!);
    await screen.findByText('QuickBooks items, accounts and classes will be read at the next Web Connector session.');
    const refresh = fake.calls.find((c) => c.method === 'POST')!;
    expect(refresh.url.pathname).toMatch(/\/imports\/refresh$/);
    expect(refresh.body).toEqual({ kind: 'items' });
    expect(refresh.headers.get('idempotency-key')).toBeTruthy();
    expect(await screen.findAllByText('The QuickBooks chart of accounts will be read at the next Web Connector session.')).toHaveLength(3);

    // Typing stays possible as the way out.
    const group = screen.getByRole('group', { name: /Expense account for new cost-code items/ });
    await user.type(within(group).getByRole('textbox', { name: /Full name/ }), 'Job Expenses:Subcontractors');
    await user.type(within(group).getByRole('textbox', { name: 'ListID' }), '80000003-1');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      itemExpenseAccount: { listId: '80000003-1', fullName: 'Job Expenses:Subcontractors' },
    });
  });

  it('maps a Procore cost code to a QuickBooks class from the lists, marking what is no longer there', async () => {
    const fake = server({ ...saved, classByCostCode: { '99': { listId: 'C-GONE', fullName: 'Closed Division' } } }, () => READ);
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    const staleCode = (await screen.findByRole('combobox', { name: 'Cost code, row 1' })) as HTMLSelectElement;
    expect(staleCode.selectedOptions[0]!.textContent).toBe('Cost code 99 (no longer in Procore)');
    const staleClass = screen.getByRole('combobox', { name: 'Class, row 1' }) as HTMLSelectElement;
    expect(staleClass.selectedOptions[0]!.textContent).toBe('Closed Division (no longer in QuickBooks)');

    await user.click(screen.getByRole('button', { name: 'Add a cost code' }));
    const code = screen.getByRole('combobox', { name: 'Cost code, row 2' });
    expect(optionTexts(code)).toEqual(['Choose a cost code', '03-100 Concrete', '09-200 Drywall']);
    await user.selectOptions(code, '31');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Class, row 2' }), 'C-COM');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      classByCostCode: { '99': { listId: 'C-GONE', fullName: 'Closed Division' }, '31': { listId: 'C-COM', fullName: 'Commercial' } },
    });
  });
});
