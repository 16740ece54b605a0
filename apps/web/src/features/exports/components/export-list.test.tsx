import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render-with-app.tsx';
import type { ExportItem, ExportRecordType, ExportStatus } from '../api/export-queries.ts';
import { everyRecordSentAnswer, exportItem } from '../testing/export-fixtures.ts';
import { ExportsPage } from './exports-page.tsx';

const record = (procoreId: string, status: ExportStatus, extra: Partial<ExportItem> = {}): ExportItem =>
  exportItem(procoreId, status, { procoreProjectId: '10', title: 'SC-001 Framing', ...extra });

const PROJECTS = [
  { procoreId: '10', name: 'P-10 Harbor Tower' },
  { procoreId: '20', name: 'P-20 Alder School' },
];

/** A list endpoint per record type; `hold` keeps a type's answer back until released (a slow network). */
function server(lists: Partial<Record<ExportRecordType, ExportItem[]>>, hold?: { type: ExportRecordType; until: Promise<void> }) {
  return fakeServer(async (call) => {
    const type = /\/exports\/([a-z_]+)$/.exec(call.url.pathname)?.[1] as ExportRecordType | undefined;
    if (call.method === 'GET' && type) {
      if (hold?.type === type) await hold.until;
      const items = lists[type] ?? [];
      return { total: items.length, notice: null, items, projects: PROJECTS };
    }
    if (call.method === 'POST') return everyRecordSentAnswer(call.body);
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

/** Renders of this screen with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;

describe('Export lists: what tells records apart, loading, focus', { timeout: SLOW }, () => {
  it('shows project, amount and Procore status beside four commitments all numbered SC-001', async () => {
    server({
      commitment: [
        record('101', 'not_synced', { projectName: 'P-10 Harbor Tower', amount: '125000.00', procoreStatus: 'Approved' }),
        record('102', 'not_synced', { projectName: 'P-20 Alder School', amount: '98000.50', procoreStatus: 'Draft' }),
      ],
    });
    renderWithApp(<ExportsPage />);
    const row = within(await screen.findByTestId('export-row-102'));
    expect(row.getByText('P-20 Alder School')).toBeTruthy();
    expect(row.getByText('$98,000.50')).toBeTruthy();
    expect(row.getByText('Draft')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /Project/ })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /Procore status/ })).toBeTruthy();
  });

  it('says what a record waits for by name, not by its export key', async () => {
    server({ commitment: [record('101', 'queued', { waitingOn: ['vendor:12'], waitingOnTitles: ['Acme Framing'] })] });
    renderWithApp(<ExportsPage />);
    const row = within(await screen.findByTestId('export-row-101'));
    expect(row.getByText('Waits for Acme Framing to reach QuickBooks first.')).toBeTruthy();
    expect(row.queryByText(/vendor:12/)).toBeNull();
  });

  it('sorts on the server from the column headers (aria-sort says how) and filters by project by name', async () => {
    const fake = server({ commitment: [record('101', 'not_synced', { projectName: 'P-10 Harbor Tower', amount: '1.00' })] });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await screen.findByTestId('export-row-101');
    const amount = () => screen.getByRole('columnheader', { name: /Amount/ });
    expect(amount().getAttribute('aria-sort')).toBe('none');
    await user.click(within(amount()).getByRole('button'));
    await waitFor(() => expect(fake.calls.at(-1)!.url.searchParams.get('sort')).toBe('amount'));
    await waitFor(() => expect(amount().getAttribute('aria-sort')).toBe('ascending'));
    await user.click(within(amount()).getByRole('button'));
    await waitFor(() => expect(fake.calls.at(-1)!.url.searchParams.get('sort')).toBe('-amount'));
    await waitFor(() => expect(amount().getAttribute('aria-sort')).toBe('descending'));
    await user.selectOptions(screen.getByLabelText('Project'), 'P-20 Alder School');
    await waitFor(() => expect(fake.calls.at(-1)!.url.searchParams.get('project')).toBe('20'));
    // Vendors belong to no project: no project column or filter, and no project sent.
    await user.click(screen.getByRole('tab', { name: 'Vendors' }));
    await waitFor(() => expect(fake.calls.at(-1)!.url.pathname).toMatch(/\/exports\/vendor$/));
    expect(fake.calls.at(-1)!.url.searchParams.get('project')).toBeNull();
    expect(screen.queryByLabelText('Project')).toBeNull();
  });

  it('switching tabs shows a skeleton, never the previous tab’s rows with live checkboxes', async () => {
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    server(
      { commitment: [record('101', 'not_synced')], change_order: [record('501', 'not_synced', { recordType: 'change_order', title: 'CCO 1 Extra stairs' })] },
      { type: 'change_order', until },
    );
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await screen.findByTestId('export-row-101');
    await user.click(screen.getByRole('tab', { name: 'Change orders' }));
    expect(await screen.findByTestId('loading-skeleton')).toBeTruthy();
    expect(screen.queryByTestId('export-row-101')).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect((screen.getByRole('button', { name: 'Send to accounting' }) as HTMLButtonElement).disabled).toBe(true);
    release();
    expect(await screen.findByTestId('export-row-501')).toBeTruthy();
    expect(screen.queryByTestId('loading-skeleton')).toBeNull();
  });

  it('after a bulk action keyboard focus stays on the list, not the page body', async () => {
    server({ commitment: [record('101', 'not_synced'), record('102', 'not_synced')] });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await screen.findByTestId('export-row-101');
    await user.click(screen.getByLabelText('Select all on this page'));
    await user.click(screen.getByRole('button', { name: 'Send to accounting (2)' }));
    await screen.findByText('2 sent to accounting');
    const list = screen.getByRole('region', { name: 'Commitments list' });
    await waitFor(() => expect(document.activeElement).toBe(list));
    // From there the keyboard reaches the rows again.
    await user.tab();
    expect(list.contains(document.activeElement)).toBe(true);
  });

  it('after rejecting in the dialog, focus comes back to the list (the dialog hands it back first)', async () => {
    server({ commitment: [record('101', 'sent_to_accounting')] });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await user.click(await screen.findByLabelText('Select SC-001 Framing'));
    await user.click(screen.getByRole('button', { name: 'Reject (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject this record' });
    await user.type(within(dialog).getByLabelText(/Why are they rejected/), 'Wrong retainage');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Commitments list' })));
  });

  it('paging with the keyboard keeps focus on the pager while the next page loads (a skeleton, not the old rows)', async () => {
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    fakeServer(async (call) => {
      const offset = Number(call.url.searchParams.get('offset') ?? 0);
      if (offset > 0) await until;
      return { total: 120, notice: null, items: [record(String(offset + 1), 'not_synced')], projects: PROJECTS };
    });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await screen.findByTestId('export-row-1');
    const next = screen.getByRole('button', { name: 'Next' });
    next.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('loading-skeleton')).toBeTruthy();
    expect(screen.queryByTestId('export-row-1')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next' }));
    release();
    expect(await screen.findByTestId('export-row-51')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next' }));
  });

  it('previews a 28-line budget as a table of 28 lines, not 56 rows of fields', async () => {
    const lineFields = Array.from({ length: 28 }, (_, i) => [
      { field: `Line ${i + 1} item`, value: `(new) ${String(i + 1).padStart(2, '0')}-100 Concrete`, source: 'cost code' },
      { field: `Line ${i + 1} amount`, value: `${(i + 1) * 100}.00`, source: 'original_budget_amount + budget_modifications' },
    ]).flat();
    fakeServer((call) => {
      if (call.url.pathname.endsWith('/preview')) {
        return {
          recordType: 'budget',
          procoreId: '10',
          action: 'create',
          fields: [{ field: 'Customer:Job', value: 'Harbor Tower', source: 'project' }, ...lineFields],
          dependencies: [],
          problem: null,
          notice: null,
        };
      }
      return { total: 1, notice: null, items: [record('10', 'not_synced', { recordType: 'budget', title: 'Budget — P-10 Harbor Tower' })], projects: PROJECTS };
    });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />, { path: '/?company_id=4264807&type=budget' });
    await user.click(await screen.findByRole('button', { name: 'Preview Budget — P-10 Harbor Tower in QuickBooks' }));
    const lines = await screen.findByRole('table', { name: 'Lines sent to QuickBooks (28)' });
    expect(within(lines).getAllByRole('row')).toHaveLength(29);
    const line12 = within(lines).getByRole('rowheader', { name: '12' }).closest('tr')!;
    expect(within(line12).getByText('(new) 12-100 Concrete')).toBeTruthy();
    expect(within(line12).getByText('1200.00')).toBeTruthy();
    const fields = screen.getByRole('table', { name: 'Fields sent to QuickBooks' });
    expect(within(fields).getAllByRole('row')).toHaveLength(2);
  });
});
