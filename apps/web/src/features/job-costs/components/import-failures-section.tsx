import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { DataTable } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageSection } from '../../../components/page-section.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { companySearch } from '../../../lib/company-search.ts';
import { formatCents, formatDate } from '../../../lib/format.ts';
import { useAction } from '../../../lib/use-action.ts';
import { useSearchState } from '../../../lib/use-search-state.ts';
import { describeRetryOutcome, describeTransaction } from '../api/import-failure-words.ts';
import { importFailuresQuery, jobCostKeys, retryImportFailures } from '../api/job-cost-queries.ts';

export const FAILURES_PAGE_SIZE = 20;
const TITLE = 'Not brought into Procore';
const LOADING = 'Loading transactions not brought into Procore';

/**
 * Update Job Costs' exception list: QuickBooks transactions whose push into Procore failed, with our code and
 * the sentence a person can act on. Shown only when there are any. Each is retried by the next push on its own;
 * "Retry now" queues that push at once (one Idempotency-Key per click, reused by "Try again").
 */
export function ImportFailuresSection({ companyId }: { companyId: string }) {
  const [state, update] = useSearchState({ failuresOffset: '0' });
  const offset = Number(state.failuresOffset) || 0;
  const query = useQuery(importFailuresQuery(companyId, offset, FAILURES_PAGE_SIZE));
  const retry = useAction((_: void, key: string) => retryImportFailures(companyId, key), {
    invalidates: () => [jobCostKeys.failures(companyId), jobCostKeys.all(companyId)],
  });
  const total = query.data?.total;
  const location = useLocation();

  // Fixed elsewhere while this page was open: go back to a page that has rows.
  useEffect(() => {
    if (total !== undefined && offset > 0 && offset >= total)
      update({ failuresOffset: String(Math.max(0, Math.floor((total - 1) / FAILURES_PAGE_SIZE) * FAILURES_PAGE_SIZE)) });
  }, [total, offset, update]);

  // Loading and a failed read say what they are about without the section's heading (most of the time there is nothing to show).
  if (query.isPending || query.isError)
    return (
      <QueryState query={query} label={LOADING}>
        {() => null}
      </QueryState>
    );
  if (query.data.total === 0 && !retry.data) return null;

  return (
    <PageSection
      title={TITLE}
      actions={
        query.data.total > 0 ? (
          <RoleButton action="retryJobCostPush" variant="secondary" loading={retry.isPending} disabled={retry.isPending} onClick={() => void retry.run()}>
            Retry now
          </RoleButton>
        ) : null
      }
    >
      <p role="status" aria-live="polite" style={{ margin: '0 0 8px' }} data-testid="import-failures-retry-outcome">
        {retry.data ? describeRetryOutcome(retry.data) : ''}
      </p>
      {retry.error ? <ErrorNotice error={retry.error} title="The retry was not queued" onRetry={() => void retry.retry()} /> : null}
      <QueryState
        query={query}
        label={LOADING}
        isEmpty={(d) => d.total === 0}
        empty={<p style={{ color: '#5a6168' }}>Everything QuickBooks sent is in Procore.</p>}
      >
        {(data) => (
          <>
            <p style={{ color: '#5a6168', margin: '0 0 8px' }}>
              {data.total === 1 ? '1 QuickBooks transaction' : `${data.total} QuickBooks transactions`} could not be brought into Procore. Each is tried again
              on the next push; fix what the message says first (link the job, receive the bill against the purchase order’s lines, unlock the Procore project),
              then use “Retry now”. They are also on the <Link to={{ pathname: '/exceptions', search: companySearch(location.search) }}>Exceptions</Link>{' '}
              screen, with the exports that failed.
            </p>
            <DataTable>
              <caption>{`QuickBooks transactions not brought into Procore, page ${Math.floor(offset / FAILURES_PAGE_SIZE) + 1}`}</caption>
              <thead>
                <tr>
                  <th scope="col">QuickBooks transaction</th>
                  <th scope="col">Date</th>
                  <th scope="col">Payee</th>
                  <th scope="col" className="number">
                    Amount
                  </th>
                  <th scope="col">Code</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((f) => (
                  <tr key={`${f.txnType}:${f.txnId}`} data-testid="import-failure-row">
                    <th scope="row">{describeTransaction(f)}</th>
                    <td style={{ whiteSpace: 'nowrap' }}>{formatDate(f.txnDate)}</td>
                    <td>{f.payeeName ?? '—'}</td>
                    <td className="number">{formatCents(f.amountCents)}</td>
                    <td>
                      <code>{f.errorCode || '—'}</code>
                    </td>
                    <td>{f.message || 'Procore did not accept it.'}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pager total={data.total} limit={FAILURES_PAGE_SIZE} offset={offset} onChange={(o) => update({ failuresOffset: String(o) })} label={TITLE} />
          </>
        )}
      </QueryState>
    </PageSection>
  );
}
