import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { DataTable } from '../../../components/data-table.tsx';
import { PageSection } from '../../../components/page-section.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { companySearch } from '../../../lib/company-search.ts';
import { formatCents, formatDate } from '../../../lib/format.ts';
import { describeTransaction } from '../api/import-failure-words.ts';
import { unattributedLinesQuery, type UnattributedFix } from '../api/job-cost-queries.ts';

export const UNATTRIBUTED_PAGE_SIZE = 20;

/** Where each kind of fix is made in this app; QuickBooks and Procore fixes are made there (no link). */
const FIX_LINKS: Partial<Record<UnattributedFix, { to: string; label: string }>> = {
  jobs: { to: '/jobs', label: 'Open Jobs' },
  items: { to: '/settings', label: 'Open Settings (items and cost codes)' },
  settings: { to: '/settings', label: 'Open Settings' },
};

/**
 * "Cost not in Procore": the QuickBooks lines Update Job Costs could not put on a Procore project and cost code, with
 * why and what to do about each. The reconciliation promised this list and no screen showed it (issue 18 item 3).
 * `projectId` is a Procore project, or 'none' for the cost on no linked project at all.
 */
export function UnattributedLinesSection({ companyId, projectId, title }: { companyId: string; projectId: string; title: string }) {
  const [offset, setOffset] = useState(0);
  const query = useQuery(unattributedLinesQuery(companyId, projectId, offset, UNATTRIBUTED_PAGE_SIZE));
  const location = useLocation();
  if (query.data && query.data.total === 0) return null;
  return (
    <PageSection title={title}>
      <QueryState query={query} label={`Loading ${title.toLowerCase()}`}>
        {(data) => (
          <>
            <p style={{ color: '#5a6168', margin: '0 0 8px' }} data-testid="unattributed-summary">
              {`${formatCents(data.totalCents)} on ${data.total === 1 ? '1 QuickBooks line' : `${data.total} QuickBooks lines`} is not in Procore. Each says why and what to do; after the fix, use “Update Job Costs”.`}
            </p>
            <DataTable>
              <caption>{`${title}, biggest first, page ${Math.floor(offset / UNATTRIBUTED_PAGE_SIZE) + 1}`}</caption>
              <thead>
                <tr>
                  <th scope="col">QuickBooks line</th>
                  <th scope="col">Date</th>
                  <th scope="col">Payee</th>
                  <th scope="col">Job and item</th>
                  <th scope="col" className="number">
                    Amount
                  </th>
                  <th scope="col">Why</th>
                  <th scope="col">What to do</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((line) => {
                  const fix = FIX_LINKS[line.fix];
                  return (
                    <tr key={`${line.txnType}:${line.txnId}:${line.txnLineId}`} data-testid="unattributed-line">
                      <th scope="row">{describeTransaction(line)}</th>
                      <td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.txnDate)}</td>
                      <td>{line.payeeName ?? '—'}</td>
                      <td>{[line.jobName, line.itemName].filter(Boolean).join(' · ') || '—'}</td>
                      <td className="number">
                        {formatCents(line.amountCents)}
                        {line.currency ? (
                          <span style={{ display: 'block', fontSize: 12, color: '#5a6168', textAlign: 'right' }} data-testid="line-currency">
                            {line.currency}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {line.reason} <code style={{ fontSize: 11 }}>{line.code}</code>
                      </td>
                      <td>
                        {line.action}
                        {fix ? (
                          <>
                            {' '}
                            <Link to={{ pathname: fix.to, search: companySearch(location.search) }}>{fix.label}</Link>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
            <Pager total={data.total} limit={UNATTRIBUTED_PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
          </>
        )}
      </QueryState>
    </PageSection>
  );
}
