import { useQuery } from '@tanstack/react-query';
import { Card } from '@procore/core-react';
import { useState } from 'react';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { Link, useLocation } from 'react-router-dom';
import { DataTable } from '../../../components/data-table.tsx';
import { EmptyMessage } from '../../../components/empty-message.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { ScreenHeader } from '../../../components/page-section.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { companySearch } from '../../../lib/company-search.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { useSearchState } from '../../../lib/use-search-state.ts';
import { ACTION_WORDS, fixLinkFor, RECORD_TYPE_WORDS } from '../api/describe-exception.ts';
import { exceptionKeys, exceptionsQuery, resolveException, type ExceptionAction, type ExportException } from '../api/exception-queries.ts';

const PAGE_SIZE = 20;

/** What failed, why in plain words, QuickBooks' raw code, and what a person can do about it (audited). */
export function ExceptionsPage() {
  const { company } = useCompany();
  const toast = useToast();
  const [state, update] = useSearchState({ offset: '0' });
  const offset = Number(state.offset) || 0;
  const query = useQuery(exceptionsQuery(company.id, offset, PAGE_SIZE));
  // Taking QuickBooks' version of approved work QuickBooks does not hold asks first (the second click confirms).
  const [confirming, setConfirming] = useState<ExportException | null>(null);
  const action = useAction(({ exception, kind, confirm }: { exception: ExportException; kind: ExceptionAction; confirm?: boolean }, key: string) => resolveException(company.id, exception, kind, key, confirm === true), {
    invalidates: () => [exceptionKeys.all(company.id), exceptionKeys.exports(company.id)],
    onSuccess: (_r, { exception, kind }) => toast.show(`${exception.title}: ${ACTION_WORDS[kind].done}.`),
  });
  return (
    <div>
      <ScreenHeader title="Exceptions" description="Exports QuickBooks did not accept. Each says why and what to do; every action here is recorded in the activity log." />
      {action.error ? <ErrorNotice error={action.error} title="That did not go through" onRetry={() => void action.retry()} /> : null}
      <QueryState query={query} label="Loading exceptions" isEmpty={(d) => d.items.length === 0} empty={<EmptyMessage title="No exceptions">Everything sent to QuickBooks went through.</EmptyMessage>}>
        {(data) => (
          <>
            <p aria-live="polite">{data.total === 1 ? '1 record needs attention.' : `${data.total} records need attention.`}</p>
            <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
              {data.items.map((exception) => (
                <li key={`${exception.recordType}-${exception.procoreId}`}>
                  <ExceptionCard
                    exception={exception}
                    busy={action.isPending && action.lastInput?.exception.procoreId === exception.procoreId}
                    onAction={(kind) => (kind === 'keep_quickbooks' && exception.keepQuickbooksWarning ? setConfirming(exception) : void action.run({ exception, kind }))}
                  />
                </li>
              ))}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(o) => update({ offset: String(o) })} label="Exceptions" />
          </>
        )}
      </QueryState>
      <Dialog
        open={confirming !== null}
        title="Leave it out of QuickBooks?"
        onClose={() => setConfirming(null)}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              variant="primary"
              onClick={() => {
                if (confirming) void action.run({ exception: confirming, kind: 'keep_quickbooks', confirm: true });
                setConfirming(null);
              }}
            >
              Leave it out
            </Button>
          </>
        }
      >
        <p style={{ margin: 0 }}>{confirming?.keepQuickbooksWarning}</p>
      </Dialog>
    </div>
  );
}

function ExceptionCard({ exception, busy, onAction }: { exception: ExportException; busy: boolean; onAction: (kind: ExceptionAction) => void }) {
  const location = useLocation();
  const fix = fixLinkFor(exception.errorCode);
  const headingId = `exception-${exception.recordType}-${exception.procoreId}`;
  return (
    <Card>
      <article aria-labelledby={headingId} style={{ padding: 16 }} data-testid={`exception-${exception.recordType}-${exception.procoreId}`}>
        <h2 id={headingId} style={{ fontSize: 16, margin: '0 0 4px' }}>
          {RECORD_TYPE_WORDS[exception.recordType] ?? exception.recordType}: {exception.title}
        </h2>
        <p style={{ margin: '0 0 8px' }}>{exception.errorMessage ?? 'QuickBooks did not accept it.'}</p>
        <p style={{ margin: '0 0 8px', fontSize: 12, color: '#5a6168' }}>
          {exception.errorCode ? <>Code: <code>{exception.errorCode}</code></> : null}
          {exception.qbStatusCode !== null ? (
            <>
              {' · '}QuickBooks status <code>{exception.qbStatusCode}</code>
              {exception.qbStatusMessage ? `: ${exception.qbStatusMessage}` : ''}
            </>
          ) : null}
          {' · '}
          {formatDateTime(exception.updatedAt)}
        </p>
        {exception.fieldDifferences && exception.fieldDifferences.length > 0 ? (
          <DataTable style={{ marginBottom: 8 }}>
            <caption>Changed in QuickBooks since we wrote it</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Ours (Procore)</th>
                <th scope="col">QuickBooks now</th>
              </tr>
            </thead>
            <tbody>
              {exception.fieldDifferences.map((d, i) => (
                <tr key={`${d.field}-${i}`}>
                  <td>{d.field}</td>
                  <td>{d.ours ?? '—'}</td>
                  <td>{d.theirs ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : null}
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          {(['resend_ours', 'keep_quickbooks', 'retry', 'dismiss'] as const)
            .filter((kind) => exception.actions.includes(kind))
            .map((kind) => (
              <RoleButton
                key={kind}
                action={kind === 'retry' || kind === 'dismiss' ? 'retryOrDismiss' : 'resolveException'}
                size="sm"
                variant={kind === 'dismiss' ? 'tertiary' : 'secondary'}
                disabled={busy}
                onClick={() => onAction(kind)}
                aria-label={`${ACTION_WORDS[kind].label}: ${exception.title}`}
              >
                {ACTION_WORDS[kind].label}
              </RoleButton>
            ))}
          {fix ? <Link to={{ pathname: fix.to, search: companySearch(location.search) }}>{fix.label}</Link> : null}
        </div>
      </article>
    </Card>
  );
}
