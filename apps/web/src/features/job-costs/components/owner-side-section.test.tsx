import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { OwnerReconciliation } from '../api/job-cost-queries.ts';
import { OwnerSideSection } from './owner-side-section.tsx';

/** A render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;

const ownerSide = (fields: Partial<OwnerReconciliation> = {}): OwnerReconciliation => ({
  asOf: '2026-12-07T04:05:00.000Z',
  procoreProjectId: 501,
  projectName: 'Tower',
  primeContracts: 1,
  unreadablePrimeContracts: 0,
  contractValueCents: 1_465_000_50,
  approvedOwnerInvoices: 3,
  notExportedOwnerInvoices: 1,
  unreadableOwnerInvoices: 0,
  billedToOwnerCents: 156_000_00,
  billedNetCents: 147_400_00,
  invoicedInQuickBooksCents: 146_500_00,
  receivedCents: 110_000_00,
  unreadablePayments: 0,
  retainageWithheldCents: 15_600_00,
  retainageReleasedCents: 7_000_00,
  retainageReceivableCents: 8_600_00,
  committedCents: 123_456_00,
  billedBySubsCents: 40_000_00,
  marginOnCommittedCents: 32_544_00,
  marginOnBilledCents: 116_000_00,
  procoreError: null,
  ...fields,
});

function render(body: OwnerReconciliation) {
  const fake = fakeServer((call) => {
    if (call.method === 'GET' && call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/job-costs/owner/501`) return body;
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
  renderWithApp(<OwnerSideSection companyId={TEST_COMPANY_ID} projectId="501" />, { path: '/job-costs?company_id=4264807' });
  return fake;
}

const amountOf = (key: string) => within(screen.getByTestId(`owner-${key}`)).getAllByRole('cell')[0]!.textContent;

// Issue 21: the reconciliation report's owner side per project — contract value, billed to owner, received, retainage
// receivable and the margins, with its CSV.
describe('Job costs: owner side of a project', () => {
  it(
    'shows each figure, links the CSV and says what is not in QuickBooks yet',
    async () => {
      render(ownerSide());
      const section = await screen.findByRole('region', { name: 'Tower: owner side' });
      expect(amountOf('contractValueCents')).toBe('$1,465,000.50');
      expect(amountOf('billedToOwnerCents')).toBe('$156,000.00');
      expect(amountOf('invoicedInQuickBooksCents')).toBe('$146,500.00');
      expect(amountOf('receivedCents')).toBe('$110,000.00');
      expect(amountOf('retainageReceivableCents')).toBe('$8,600.00');
      expect(amountOf('marginOnCommittedCents')).toBe('$32,544.00');
      expect(amountOf('marginOnBilledCents')).toBe('$116,000.00');
      expect(
        within(section)
          .getByRole('link', { name: /Download CSV/ })
          .getAttribute('href'),
      ).toBe(`/api/companies/${TEST_COMPANY_ID}/job-costs/owner/501.csv`);
      const notes = within(screen.getByTestId('owner-notes'))
        .getAllByRole('listitem')
        .map((li) => li.textContent);
      expect(notes).toEqual([
        '1 of 3 approved owner invoices is not in QuickBooks yet: send it from Export to QuickBooks → Owner invoices.',
        'Procore billed $147,400.00 after retainage; QuickBooks invoices add up to $146,500.00.',
      ]);
    },
    SLOW,
  );

  it(
    'shows the margins as unknown, not zero, when Procore could not be read, and says why; says a contract was left out',
    async () => {
      render(
        ownerSide({
          notExportedOwnerInvoices: 0,
          invoicedInQuickBooksCents: 147_400_00,
          unreadablePrimeContracts: 1,
          committedCents: null,
          billedBySubsCents: null,
          marginOnCommittedCents: null,
          marginOnBilledCents: null,
          procoreError: 'Procore is not connected.',
        }),
      );
      await screen.findByRole('region', { name: 'Tower: owner side' });
      expect(amountOf('marginOnCommittedCents')).toBe('—');
      expect(amountOf('marginOnBilledCents')).toBe('—');
      expect(amountOf('billedToOwnerCents')).toBe('$156,000.00');
      expect(
        within(screen.getByTestId('owner-notes'))
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual([
        '1 prime contract(s) could not be read and are left out of the contract value; refresh from Procore.',
        'The margins need Procore’s committed figures, which could not be read: Procore is not connected.',
      ]);
    },
    SLOW,
  );
});
