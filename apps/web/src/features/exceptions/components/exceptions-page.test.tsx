import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID, type RecordedCall } from '../../../test/render-with-app.tsx';
import type { UnifiedException } from '../api/exception-queries.ts';
import { ExceptionsPage } from './exceptions-page.tsx';

/** Several clicks through core-react: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;
const WARNING = 'CCO 4 Extra footings is approved in Procore but is not in QuickBooks: its lines ($1,111.11) are not on purchase order SC-001.';

const conflict: UnifiedException = {
  direction: 'to_quickbooks',
  key: 'export:change_order:44',
  recordType: 'change_order',
  recordId: '44',
  procoreProjectId: '7',
  title: 'CCO 4 Extra footings',
  amountCents: null,
  code: 'QB_CHANGED_IN_QUICKBOOKS',
  reason: 'CCO 4 Extra footings: the purchase order was changed in QuickBooks after the connector last wrote it.',
  todo: null,
  waitsForAnother: false,
  qbStatusCode: 3200,
  qbStatusMessage: 'The provided edit sequence is out-of-date.',
  fieldDifferences: [{ field: 'Customer:job of line for commitment-line:501', ours: 'Riverside:MOB', theirs: 'Harbor:Phase 2' }],
  actions: ['retry', 'dismiss', 'keep_quickbooks', 'resend_ours'],
  keepQuickbooksWarning: WARNING,
  updatedAt: '2026-12-06T22:00:00.000Z',
};

function exceptionsServer(items: UnifiedException[]) {
  return fakeServer((call: RecordedCall) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/exceptions`) return { total: items.length, counts: { to_quickbooks: items.length, to_procore: 0 }, items };
    if (call.method === 'POST' && path === `${base}/exports/change_order/44/resolve`) return { status: 'dismissed' };
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

describe("Exceptions: taking QuickBooks' value of approved work QuickBooks does not hold", () => {
  it(
    'asks first, says why, and sends confirm: true only on the second click',
    async () => {
      const fake = exceptionsServer([conflict]);
      const user = userEvent.setup();
      renderWithApp(<ExceptionsPage />);
      const card = await screen.findByTestId('exception-change_order-44');
      expect(within(card).getByText('Harbor:Phase 2')).toBeTruthy();
      await user.click(within(card).getByRole('button', { name: /^Take QuickBooks' value/ }));
      const dialog = await screen.findByRole('dialog', { name: 'Leave it out of QuickBooks?' });
      expect(dialog.textContent).toContain(WARNING);
      const resolves = () => fake.calls.filter((c) => c.method === 'POST');
      expect(resolves()).toHaveLength(0);
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(resolves()).toHaveLength(0);
      await user.click(within(card).getByRole('button', { name: /^Take QuickBooks' value/ }));
      await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave it out' }));
      await waitFor(() => expect(resolves()).toHaveLength(1));
      expect(resolves()[0]!.body).toEqual({ resolution: 'keep_quickbooks', confirm: true });
    },
    SLOW,
  );

  it(
    "takes QuickBooks' value in one click when nothing approved is left out, and never confirms on the person's behalf",
    async () => {
      const fake = exceptionsServer([{ ...conflict, keepQuickbooksWarning: null }]);
      const user = userEvent.setup();
      renderWithApp(<ExceptionsPage />);
      const card = await screen.findByTestId('exception-change_order-44');
      await user.click(within(card).getByRole('button', { name: /^Take QuickBooks' value/ }));
      await waitFor(() => expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({ resolution: 'keep_quickbooks' });
    },
    SLOW,
  );
});
