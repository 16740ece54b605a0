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
import { formatCents, formatDateTime } from '../../../lib/format.ts';
import { mayDo } from '../../../lib/roles.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { useSearchState } from '../../../lib/use-search-state.ts';
import { useSelection } from '../../../lib/use-selection.ts';
import { ACTION_WORDS, DIRECTION_WORDS, fixLinkFor, RECORD_TYPE_WORDS } from '../api/describe-exception.ts';
import {
  exceptionKeys,
  exceptionsQuery,
  resolveException,
  retryActionFor,
  retryExceptions,
  type ExceptionAction,
  type ExceptionDirection,
  type UnifiedException,
} from '../api/exception-queries.ts';

const PAGE_SIZE = 20;

const DIRECTIONS: Array<{ value: ExceptionDirection | ''; label: string }> = [
  { value: '', label: 'Both directions' },
  { value: 'to_quickbooks', label: DIRECTION_WORDS.to_quickbooks },
  { value: 'to_procore', label: DIRECTION_WORDS.to_procore },
  { value: 'background', label: DIRECTION_WORDS.background },
];

const isDirection = (value: string): value is ExceptionDirection => DIRECTIONS.some((d) => d.value !== '' && d.value === value);

/**
 * What failed in either direction — exports QuickBooks did not accept, and QuickBooks transactions Update Job Costs
 * could not bring into Procore — why in plain words, the raw code, what to do, and the actions (audited), one at a
 * time or retried in bulk. Before, the second kind lived only on the Job costs screen (issue 18 item 9). Background
 * jobs that failed for good (a webhook, a reconciliation, a refresh applied…) are listed too, with retry and dismiss
 * (issue 20: the job queue's dead letters).
 */
export function ExceptionsPage() {
  const { company } = useCompany();
  const toast = useToast();
  const [state, update] = useSearchState({ offset: '0', direction: '' });
  const offset = Number(state.offset) || 0;
  const direction = isDirection(state.direction) ? state.direction : null;
  const query = useQuery(exceptionsQuery(company.id, offset, PAGE_SIZE, direction));
  const invalidates = () => [
    exceptionKeys.all(company.id),
    exceptionKeys.exports(company.id),
    exceptionKeys.jobCosts(company.id),
    exceptionKeys.importFailures(company.id),
  ];
  // Taking QuickBooks' version of approved work QuickBooks does not hold asks first (the second click confirms).
  const [confirming, setConfirming] = useState<UnifiedException | null>(null);
  const action = useAction(
    ({ exception, kind, confirm }: { exception: UnifiedException; kind: ExceptionAction; confirm?: boolean }, key: string) =>
      resolveException(company.id, exception, kind, key, confirm === true),
    {
      invalidates,
      onSuccess: (_r, { exception, kind }) =>
        toast.show(
          exception.direction === 'to_procore'
            ? `${exception.title}: queued to be brought into Procore again.`
            : exception.direction === 'background'
              ? `${exception.title}: ${kind === 'retry' ? 'queued to run again' : 'dismissed'}.`
              : `${exception.title}: ${ACTION_WORDS[kind].done}.`,
        ),
    },
  );
  // Selection is per page and direction: a bulk action never reaches rows the person no longer sees.
  const selection = useSelection(`${offset}:${direction ?? ''}`);
  const retryable = (e: UnifiedException) => e.actions.includes('retry') && mayDo(company, retryActionFor(e));
  const bulk = useAction((exceptions: UnifiedException[], key: string) => retryExceptions(company.id, exceptions, key), {
    invalidates,
    onSuccess: (r) => {
      selection.clear();
      toast.show(describeBulkRetry(r));
    },
  });
  return (
    <div>
      <ScreenHeader
        title="Exceptions"
        description="What did not go through, both ways: exports QuickBooks did not accept, QuickBooks transactions Update Job Costs could not bring into Procore, and background work that failed after its retries. Each says why and what to do; every action here is recorded in the activity log."
      />
      <DirectionFilter direction={direction} counts={query.data?.counts} onChange={(value) => update({ direction: value, offset: '0' })} />
      {action.error ? <ErrorNotice error={action.error} title="That did not go through" onRetry={() => void action.retry()} /> : null}
      {bulk.error ? <ErrorNotice error={bulk.error} title="The retry did not go through" onRetry={() => void bulk.retry()} /> : null}
      <QueryState
        query={query}
        label="Loading exceptions"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyMessage title="No exceptions">Everything went through, both ways.</EmptyMessage>}
      >
        {(data) => {
          const selectable = data.items.filter(retryable);
          const chosen = data.items.filter((e) => selection.selected.has(e.key));
          const allChosen = selectable.length > 0 && selectable.every((e) => selection.selected.has(e.key));
          return (
            <>
              <p aria-live="polite">{data.total === 1 ? '1 record needs attention.' : `${data.total} records need attention.`}</p>
              <BulkRetryBar
                allChosen={allChosen}
                selectableCount={selectable.length}
                chosenCount={chosen.length}
                busy={bulk.isPending}
                onChooseAll={(on) =>
                  selection.setMany(
                    selectable.map((x) => x.key),
                    on,
                  )
                }
                onRetry={() => void bulk.run(chosen)}
              />
              <ExceptionList
                items={data.items}
                selectable={retryable}
                selected={selection.selected}
                onSelect={selection.toggle}
                busyFor={(exception) => (action.isPending && action.lastInput?.exception.key === exception.key) || bulk.isPending}
                onAction={(exception, kind) =>
                  kind === 'keep_quickbooks' && exception.keepQuickbooksWarning ? setConfirming(exception) : void action.run({ exception, kind })
                }
              />
              <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(o) => update({ offset: String(o) })} label="Exceptions" />
            </>
          );
        }}
      </QueryState>
      <KeepQuickBooksDialog
        exception={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) void action.run({ exception: confirming, kind: 'keep_quickbooks', confirm: true });
          setConfirming(null);
        }}
      />
    </div>
  );
}

/** A "changed in QuickBooks" exception's fields: what we wrote beside what QuickBooks holds now. */
function FieldDifferencesTable({ differences }: { differences: NonNullable<UnifiedException['fieldDifferences']> }) {
  return (
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
        {differences.map((d, i) => (
          <tr key={`${d.field}-${i}`}>
            <td>{d.field}</td>
            <td>{d.ours ?? '—'}</td>
            <td>{d.theirs ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The page's exceptions, one card each. */
function ExceptionList({
  items,
  selectable,
  selected,
  onSelect,
  busyFor,
  onAction,
}: {
  items: UnifiedException[];
  selectable: (exception: UnifiedException) => boolean;
  selected: ReadonlySet<string>;
  onSelect: (key: string) => void;
  busyFor: (exception: UnifiedException) => boolean;
  onAction: (exception: UnifiedException, kind: ExceptionAction) => void;
}) {
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
      {items.map((exception) => (
        <li key={exception.key}>
          <ExceptionCard
            exception={exception}
            selectable={selectable(exception)}
            selected={selected.has(exception.key)}
            onSelect={() => onSelect(exception.key)}
            busy={busyFor(exception)}
            onAction={(kind) => onAction(exception, kind)}
          />
        </li>
      ))}
    </ul>
  );
}

/** Both directions, or one: to QuickBooks (exports) or to Procore (Update Job Costs), each with its count. */
function DirectionFilter({
  direction,
  counts,
  onChange,
}: {
  direction: ExceptionDirection | null;
  counts: Partial<Record<ExceptionDirection, number>> | undefined;
  onChange: (direction: ExceptionDirection | '') => void;
}) {
  return (
    <div role="group" aria-label="Direction" style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
      {DIRECTIONS.map((d) => {
        const count = d.value === '' ? null : counts?.[d.value];
        return (
          <Button
            key={d.value || 'both'}
            size="sm"
            variant={(direction ?? '') === d.value ? 'primary' : 'secondary'}
            aria-pressed={(direction ?? '') === d.value}
            onClick={() => onChange(d.value)}
          >
            {count === null || count === undefined ? d.label : `${d.label} (${count})`}
          </Button>
        );
      })}
    </div>
  );
}

/** Choose every retryable record of the page, and retry the chosen ones. */
function BulkRetryBar({
  allChosen,
  selectableCount,
  chosenCount,
  busy,
  onChooseAll,
  onRetry,
}: {
  allChosen: boolean;
  selectableCount: number;
  chosenCount: number;
  busy: boolean;
  onChooseAll: (on: boolean) => void;
  onRetry: () => void;
}) {
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
      <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={allChosen} disabled={selectableCount === 0} onChange={(e) => onChooseAll(e.target.checked)} />
        Select every retryable record on this page
      </label>
      <Button size="sm" variant="primary" disabled={chosenCount === 0 || busy} loading={busy} onClick={onRetry}>
        {`Retry selected (${chosenCount})`}
      </Button>
    </div>
  );
}

/** Taking QuickBooks' version of approved work QuickBooks does not hold asks first; open while `exception` is set. */
function KeepQuickBooksDialog({ exception, onCancel, onConfirm }: { exception: UnifiedException | null; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog
      open={exception !== null}
      title="Leave it out of QuickBooks?"
      onClose={onCancel}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          <Button variant="primary" onClick={onConfirm}>
            Leave it out
          </Button>
        </>
      }
    >
      <p style={{ margin: 0 }}>{exception?.keepQuickbooksWarning}</p>
    </Dialog>
  );
}

function describeBulkRetry(r: { exports: number; imports: number; jobs: number }): string {
  const parts: string[] = [];
  if (r.exports > 0) parts.push(`${r.exports === 1 ? '1 export' : `${r.exports} exports`} queued again for the next Web Connector session`);
  if (r.imports > 0)
    parts.push(`the push into Procore queued again for ${r.imports === 1 ? '1 QuickBooks transaction' : `${r.imports} QuickBooks transactions`}`);
  if (r.jobs > 0) parts.push(`${r.jobs === 1 ? '1 background job' : `${r.jobs} background jobs`} queued to run again`);
  return `Retried: ${parts.join('; ')}.`;
}

function ExceptionCard({
  exception,
  selectable,
  selected,
  onSelect,
  busy,
  onAction,
}: {
  exception: UnifiedException;
  selectable: boolean;
  selected: boolean;
  onSelect: () => void;
  busy: boolean;
  onAction: (kind: ExceptionAction) => void;
}) {
  const location = useLocation();
  const fix = fixLinkFor(exception.code);
  const headingId = `exception-${exception.recordType}-${exception.recordId}`;
  const toProcore = exception.direction === 'to_procore';
  const job = exception.direction === 'background' ? (exception.job ?? null) : null;
  return (
    <Card>
      <article
        aria-labelledby={headingId}
        style={{ padding: 16 }}
        data-testid={`exception-${exception.recordType}-${exception.recordId}`}
        data-direction={exception.direction}
      >
        <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
          <input type="checkbox" checked={selected} disabled={!selectable} onChange={onSelect} aria-label={`Select ${exception.title}`} />
          <h2 id={headingId} style={{ fontSize: 16, margin: '0 0 4px' }}>
            <span style={{ fontSize: 12, fontWeight: 400, color: '#5a6168' }}>{DIRECTION_WORDS[exception.direction]} · </span>
            {job ? exception.title : `${RECORD_TYPE_WORDS[exception.recordType] ?? exception.recordType}: ${exception.title}`}
            {exception.amountCents !== null ? <span style={{ fontWeight: 400 }}>{` · ${formatCents(exception.amountCents)}`}</span> : null}
          </h2>
        </div>
        <p style={{ margin: '0 0 8px' }}>
          {exception.reason ?? (job ? 'It failed.' : toProcore ? 'Procore did not accept it.' : 'QuickBooks did not accept it.')}
        </p>
        {exception.todo ? (
          <p style={{ margin: '0 0 8px' }}>
            <strong>What to do:</strong> {exception.todo}
          </p>
        ) : null}
        {exception.waitsForAnother ? (
          <p style={{ margin: '0 0 8px' }} data-testid="waits-for-another">
            Waits for another record: it leaves this list by itself once that one goes through.
          </p>
        ) : null}
        <p style={{ margin: '0 0 8px', fontSize: 12, color: '#5a6168' }}>
          {exception.code ? (
            <>
              Code: <code>{exception.code}</code>
            </>
          ) : null}
          {job?.procoreStatus !== null && job?.procoreStatus !== undefined ? (
            <>
              {' · '}Procore status <code>{job.procoreStatus}</code>
              {job.procoreCode ? (
                <>
                  {' '}
                  <code>{job.procoreCode}</code>
                </>
              ) : null}
              {job.procoreMessage ? `: ${job.procoreMessage}` : ''}
            </>
          ) : null}
          {job ? ` · tried ${job.attempts} of ${job.maxAttempts} times` : null}
          {exception.qbStatusCode !== null ? (
            <>
              {' · '}QuickBooks status <code>{exception.qbStatusCode}</code>
              {exception.qbStatusMessage ? `: ${exception.qbStatusMessage}` : ''}
            </>
          ) : null}
          {' · '}
          {formatDateTime(exception.updatedAt)}
        </p>
        {exception.fieldDifferences && exception.fieldDifferences.length > 0 ? <FieldDifferencesTable differences={exception.fieldDifferences} /> : null}
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          {(['resend_ours', 'keep_quickbooks', 'retry', 'dismiss'] as const)
            .filter((kind) => exception.actions.includes(kind))
            .map((kind) => (
              <RoleButton
                key={kind}
                action={kind === 'retry' ? retryActionFor(exception) : kind === 'dismiss' ? 'retryOrDismiss' : 'resolveException'}
                size="sm"
                variant={kind === 'dismiss' ? 'tertiary' : 'secondary'}
                disabled={busy}
                onClick={() => onAction(kind)}
                aria-label={`${ACTION_WORDS[kind].label}: ${exception.title}`}
                title={toProcore && kind === 'retry' ? 'Pushes every QuickBooks transaction not brought into Procore again' : undefined}
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
