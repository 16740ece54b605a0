import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { QuickBooksListsBody } from '@connector/contract';
import { fakeServer, renderWithApp } from '../../../test/render-with-app.tsx';
import type { CompanySettings } from '../api/settings-queries.ts';
import { companySettings } from '../testing/settings-fixtures.ts';
import { SettingsPage } from './settings-page.tsx';

// Issue 21: the owner side's settings, beside the others, with the shared rules' problems shown before saving.
const ITEMS = [
  { qbListId: 'I-RET', fullName: 'Retainage Receivable', itemType: 'ItemOtherCharge', isActive: true, procoreCostCode: null },
  { qbListId: 'I-CON', fullName: 'Contract Billing', itemType: 'ItemService', isActive: true, procoreCostCode: null },
  { qbListId: 'I-03', fullName: '03-100 Concrete', itemType: 'ItemService', isActive: true, procoreCostCode: { id: 3, code: '03-100' } },
];
const LISTS: QuickBooksListsBody = {
  accounts: {
    readAt: '2026-12-07T06:00:00.000Z',
    entries: [
      { listId: 'A-AR', fullName: 'Accounts Receivable', accountType: 'AccountsReceivable', accountNumber: '1200', isActive: true },
      { listId: 'A-AR-OWN', fullName: 'Owner Receivables', accountType: 'AccountsReceivable', accountNumber: null, isActive: true },
      { listId: 'A-RET', fullName: 'Retainage Receivable', accountType: 'OtherCurrentAsset', accountNumber: '1250', isActive: true },
      { listId: 'A-BANK', fullName: 'Checking', accountType: 'Bank', accountNumber: '1000', isActive: true },
      { listId: 'A-INC', fullName: 'Construction', accountType: 'Income', accountNumber: '4000', isActive: true },
    ],
  },
  classes: { readAt: '2026-12-07T06:00:00.000Z', entries: [] },
  refreshPending: false,
};

function server(settings: CompanySettings) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (path.endsWith('/imports/items')) return { items: ITEMS };
    if (path.endsWith('/settings/quickbooks-lists')) return LISTS;
    if (path.endsWith('/settings/cost-codes')) return { costCodes: [] };
    if (call.method === 'GET') return settings;
    if (call.method === 'PATCH') return { ...settings, ...(call.body as object) };
    if (call.method === 'POST' && path.endsWith('/settings/retainage-receivable-item'))
      return {
        outcome: 'queued',
        item: null,
        message:
          'The item Retainage Receivable (on Retainage Receivable) is created at the next Web Connector run, and chosen here when QuickBooks confirms it.',
      };
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}
const optionTexts = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);
const ownerSection = () => within(screen.getByRole('group', { name: 'Owner invoices' }));

describe('Settings: owner invoices', () => {
  it('chooses the Retainage Receivable item and an A/R account (only A/R accounts offered), one item per contract needing its item, typed numbers', async () => {
    const fake = server(companySettings());
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    const retainage = await screen.findByRole('combobox', { name: /Retainage Receivable item/, description: /negative line on this item/ });
    const section = ownerSection();
    expect((retainage as HTMLSelectElement).labels[0]!.textContent).toBe('Retainage Receivable itemRequired');
    expect(screen.getByText(/Owner invoices with retainage cannot sync until a Retainage Receivable item is chosen/)).toBeTruthy();
    expect(optionTexts(retainage)).toEqual([
      'None chosen',
      '03-100 Concrete (ItemService)',
      'Contract Billing (ItemService)',
      'Retainage Receivable (ItemOtherCharge)',
    ]);
    await user.selectOptions(retainage, 'I-RET');
    expect((retainage as HTMLSelectElement).labels[0]!.textContent).toBe('Retainage Receivable item');
    expect(screen.queryByText(/Owner invoices with retainage cannot sync/)).toBeNull();

    const ar = section.getByRole('combobox', { name: /Accounts Receivable account/, description: /default Accounts Receivable account/ });
    expect(optionTexts(ar)).toEqual(['None chosen', 'Accounts Receivable (Accounts receivable · 1200)', 'Owner Receivables (Accounts receivable)']);
    await user.selectOptions(ar, 'A-AR-OWN');

    // By cost code (the default) there is no contract item to choose.
    expect(section.queryByRole('combobox', { name: /Contract item/ })).toBeNull();
    await user.click(section.getByLabelText('One item for the whole contract'));
    const contractItem = section.getByRole('combobox', { name: /Contract item/, description: /Every line of every owner invoice/ });
    await user.click(section.getByLabelText(/Typed for each invoice/));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(section.getByText('One item per contract needs the contract item chosen from the QuickBooks items list.')).toBeTruthy();
    expect(contractItem.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(contractItem);
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);

    await user.selectOptions(contractItem, 'I-CON');
    expect(section.queryByText(/One item per contract needs/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      retainageReceivableItem: { listId: 'I-RET', fullName: 'Retainage Receivable' },
      ownerInvoiceArAccount: { listId: 'A-AR-OWN', fullName: 'Owner Receivables' },
      ownerInvoiceLineItem: 'contract',
      ownerInvoiceContractItem: { listId: 'I-CON', fullName: 'Contract Billing' },
      ownerInvoiceNumberSource: 'typed',
    });
  });

  it('going back to cost code items drops the contract item problem, and saves without one', async () => {
    const fake = server(companySettings({ retainageReceivableItem: { listId: 'I-RET', fullName: 'Retainage Receivable' } }));
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    await screen.findByRole('combobox', { name: /Retainage Receivable item/ });
    const section = ownerSection();
    await user.click(section.getByLabelText('One item for the whole contract'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(section.getByText(/One item per contract needs the contract item/)).toBeTruthy();
    await user.click(section.getByLabelText(/The line's cost code item/));
    expect(section.queryByRole('combobox', { name: /Contract item/ })).toBeNull();
    expect(section.queryByText(/One item per contract needs/)).toBeNull();
    // Back where it was saved: nothing to save.
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });

  it('keeps saved choices no longer in QuickBooks (or of another account type) visible and marked', async () => {
    server(
      companySettings({
        retainageReceivableItem: { listId: 'I-GONE', fullName: 'Old Retainage' },
        ownerInvoiceArAccount: { listId: 'A-BANK', fullName: 'Checking' },
        ownerInvoiceLineItem: 'contract',
        ownerInvoiceContractItem: { listId: 'I-CON', fullName: 'Contract Billing' },
      }),
    );
    renderWithApp(<SettingsPage />);
    const retainage = (await screen.findByRole('combobox', { name: /Retainage Receivable item/ })) as HTMLSelectElement;
    expect(retainage.selectedOptions[0]!.textContent).toBe('Old Retainage (no longer in the items list)');
    const ar = ownerSection().getByRole('combobox', { name: /Accounts Receivable account/ }) as HTMLSelectElement;
    expect(ar.selectedOptions[0]!.textContent).toBe('Checking (Bank account: not one this setting takes)');
    const contractItem = ownerSection().getByRole('combobox', { name: /Contract item/ }) as HTMLSelectElement;
    expect(contractItem.value).toBe('I-CON');
    expect(ownerSection().queryByText(/One item per contract needs/)).toBeNull();
  });

  it('creates the Retainage Receivable item in QuickBooks on an Other Current Asset account (only those offered), once', async () => {
    const fake = server(companySettings());
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    await screen.findByRole('combobox', { name: /Retainage Receivable item/ });
    const create = within(await screen.findByTestId('create-retainage-receivable-item'));
    const account = create.getByRole('combobox', { name: 'Account' });
    expect(optionTexts(account)).toEqual(['1250 · Retainage Receivable']);
    await user.click(create.getByRole('button', { name: 'Create in QuickBooks' }));
    await create.findByText(/is created at the next Web Connector run, and chosen here when QuickBooks confirms it/);
    const posts = fake.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => [c.url.pathname.replace(/^.*\/settings/, '/settings'), c.body])).toEqual([
      ['/settings/retainage-receivable-item', { accountListId: 'A-RET' }],
    ]);
    // Queued: a second click cannot queue another (the server keeps one open creation either way).
    expect((create.getByRole('button', { name: 'Create in QuickBooks' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers no creation once an item is chosen', async () => {
    server(companySettings({ retainageReceivableItem: { listId: 'I-RET', fullName: 'Retainage Receivable' } }));
    renderWithApp(<SettingsPage />);
    await screen.findByRole('combobox', { name: /Retainage Receivable item/ });
    expect(screen.queryByTestId('create-retainage-receivable-item')).toBeNull();
  });
});
