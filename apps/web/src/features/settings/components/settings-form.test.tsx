import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, renderWithApp } from '../../../test/render-with-app.tsx';
import { companySettings } from '../testing/settings-fixtures.ts';
import { SettingsPage } from './settings-page.tsx';

const saved = companySettings();
const items = [
  { qbListId: '80000010-1', fullName: 'Retainage', itemType: 'ItemOtherCharge', isActive: true, procoreCostCode: null },
  { qbListId: '80000011-1', fullName: 'Concrete', itemType: 'ItemService', isActive: true, procoreCostCode: { id: 3, code: '03-100' } },
];

function settingsServer(patch: (body: Record<string, unknown>) => Response | object = (body) => ({ ...saved, ...body })) {
  return fakeServer((call) => {
    if (call.url.pathname.endsWith('/imports/items')) return { items };
    // Accounts, classes and cost codes never read: the pickers fall back to typing (quickbooks-pickers.test.tsx covers them).
    if (call.url.pathname.endsWith('/settings/quickbooks-lists'))
      return { accounts: { readAt: null, entries: [] }, classes: { readAt: null, entries: [] }, refreshPending: false };
    if (call.url.pathname.endsWith('/settings/cost-codes')) return { costCodes: [] };
    if (call.method === 'GET') return saved;
    if (call.method === 'PATCH') return patch(call.body as Record<string, unknown>);
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

describe('Settings', () => {
  it('points at invalid fields before saving, then saves only the changes (retainage item from the QuickBooks items)', async () => {
    const fake = settingsServer();
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    expect(await screen.findByText('Required before some records can sync')).toBeTruthy();
    const minutes = screen.getByLabelText('Web Connector runs every (minutes)');
    await user.clear(minutes);
    await user.type(minutes, '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('Must be a whole number from 1 to 1440.')).toBeTruthy();
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(minutes);
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);

    await user.clear(minutes);
    await user.type(minutes, '30');
    await user.selectOptions(screen.getByLabelText(/Invoice Retainage Item/), 'Retainage (ItemOtherCharge)');
    await user.click(screen.getByLabelText('Direct export: sending them queues them for QuickBooks at once'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    const patch = fake.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ qbwcRunEveryMinutes: 30, approvalRequired: false, invoiceRetainageItem: { listId: '80000010-1', fullName: 'Retainage' } });
    expect(patch.headers.get('idempotency-key')).toBeTruthy();
  });

  it('shows the server’s field problems beside the field', async () => {
    settingsServer(() =>
      json(
        {
          code: 'VALIDATION',
          message: 'Settings not saved: itemType must be one of service, other_charge.',
          details: { fields: { itemType: 'must be one of service, other_charge' } },
        },
        400,
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    await user.click(await screen.findByLabelText('Other Charge items'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings not saved');
    expect(screen.getByText(/Settings not saved: itemType must be one of/)).toBeTruthy();
  });

  it('is read-only for people who are not admins, saying which role can change it', async () => {
    settingsServer();
    renderWithApp(<SettingsPage />, { roles: ['accountant'] });
    expect(await screen.findByText('You can read these settings. Changing them needs the admin role.')).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText('Web Connector runs every (minutes)').matches(':disabled')).toBe(true));
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('imports the cost code → class mapping from CSV into the form', async () => {
    const fake = settingsServer();
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    await screen.findByText('No cost code has a class.');
    const file = new File(['procore_cost_code_id,quickbooks_class_list_id,quickbooks_class_full_name\n12,80000001-1,Overhead\n'], 'classes.csv', {
      type: 'text/csv',
    });
    await user.upload(screen.getByLabelText(/Import CSV/), file);
    expect(((await screen.findByLabelText('Cost code id, row 1')) as HTMLInputElement).value).toBe('12');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ classByCostCode: { '12': { listId: '80000001-1', fullName: 'Overhead' } } });
  });

  it('offers "Hide the Job to date costs column" only with the editable Direct Cost column', async () => {
    settingsServer();
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    await screen.findByText('Required before some records can sync');
    expect(screen.queryByLabelText('Hide the Job to date costs column')).toBeNull();
    await user.click(screen.getByLabelText('Editable in Procore (not filled from QuickBooks)'));
    await user.click(screen.getByLabelText('Hide the Job to date costs column'));
    expect((screen.getByLabelText('Hide the Job to date costs column') as HTMLInputElement).checked).toBe(true);
    // Back to read-only: the option goes, and is off (the server would refuse it on).
    await user.click(screen.getByLabelText('Read-only, filled from QuickBooks'));
    expect(screen.queryByLabelText('Hide the Job to date costs column')).toBeNull();
    await user.click(screen.getByLabelText('Editable in Procore (not filled from QuickBooks)'));
    expect((screen.getByLabelText('Hide the Job to date costs column') as HTMLInputElement).checked).toBe(false);
  });
});
