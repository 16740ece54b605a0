import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { UnattributedLine } from '../api/job-cost-queries.ts';
import { UnattributedLinesSection } from './unattributed-lines-section.tsx';

/** A render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;

const line = (fields: Partial<UnattributedLine>): UnattributedLine => ({
  txnType: 'Bill',
  txnId: 'T1',
  txnLineId: 'L1',
  refNumber: 'INV-1',
  txnDate: '2026-11-20',
  payeeName: 'Timberline Waterproofing Inc.',
  amountCents: 741_20,
  memo: null,
  jobName: 'Owner:Tower',
  itemName: null,
  code: 'NO_COST_CODE',
  reason: 'The line has no item.',
  action: 'Give it an item in QuickBooks.',
  fix: 'quickbooks',
  ...fields,
});

// Multi-currency (issue 15): a line of a Canadian-dollar bill shows its US-dollar amount, converted at QuickBooks' rate;
// the Job costs screen said nothing of it, so the figure matched nothing on the bill in QuickBooks.
describe('Cost not in Procore: lines of a transaction in another currency', () => {
  it(
    'say the amount was converted, from what and at which rate; home-currency lines say nothing',
    async () => {
      fakeServer((call) => {
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/job-costs/unattributed-lines`) {
          return {
            total: 2,
            totalCents: 741_20 + 100_00,
            items: [
              line({ currency: "converted from Canadian Dollar 1,000.00 at QuickBooks' exchange rate 0.7412" }),
              line({ txnId: 'T2', refNumber: 'INV-2', amountCents: 100_00, currency: null }),
            ],
          };
        }
        throw new Error(`unexpected ${call.method} ${call.url}`);
      });
      renderWithApp(<UnattributedLinesSection companyId={TEST_COMPANY_ID} projectId="none" title="Cost on no project" />, {
        path: '/job-costs?company_id=4264807',
      });
      const rows = await screen.findAllByTestId('unattributed-line');
      expect(rows).toHaveLength(2);
      expect(within(rows[0]!).getByTestId('line-currency').textContent).toBe("converted from Canadian Dollar 1,000.00 at QuickBooks' exchange rate 0.7412");
      expect(within(rows[0]!).getByText('$741.20')).toBeTruthy();
      expect(within(rows[1]!).queryByTestId('line-currency')).toBeNull();
    },
    SLOW,
  );
});
