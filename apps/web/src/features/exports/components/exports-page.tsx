import { useQuery } from '@tanstack/react-query';
import { Banner } from '@procore/core-react';
import { Button } from '../../../components/button.tsx';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { EmptyMessage } from '../../../components/empty-message.tsx';
import { FilterBar } from '../../../components/filter-bar.tsx';
import { ScreenHeader } from '../../../components/page-section.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { TabList } from '../../../components/tab-list.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { useSearchState } from '../../../lib/use-search-state.ts';
import { useSelection } from '../../../lib/use-selection.ts';
import {
  applyExportAction,
  EXPORT_RECORD_TYPES,
  exportKeys,
  exportListQuery,
  type ExportAction,
  type ExportItem,
  type ExportRecordType,
  type ExportSort,
  type ExportStatus,
} from '../api/export-queries.ts';
import { eligibleIds, STATUS_FILTERS, summarizeResults } from '../api/export-statuses.ts';
import { chooseExportColumns } from '../api/choose-export-columns.ts';
import { qbwcEtaQuery, WAITS_FOR_WEB_CONNECTOR } from '../api/qbwc-eta.ts';
import { ExportTable } from './export-table.tsx';
import { PreviewDrawer } from './preview-drawer.tsx';
import { RejectDialog } from './reject-dialog.tsx';

const PAGE_SIZE = 50;
/** "All projects" as a value of its own: an empty value would fall back to the project the app was opened on. */
const ALL_PROJECTS = 'all';

/** Export to QuickBooks: a tab per record type, status filters, bulk select and the approval workflow. */
export function ExportsPage() {
  const { company, projectId } = useCompany();
  const toast = useToast();
  // Opened from a project's tab, the list starts on that project; any project can be chosen by name.
  const [state, update] = useSearchState({ type: 'commitment', status: '', project: projectId ?? ALL_PROJECTS, sort: '', offset: '0' });
  const recordType = (EXPORT_RECORD_TYPES.some((t) => t.type === state.type) ? state.type : 'commitment') as ExportRecordType;
  // Vendors, cost codes and projects belong to no project: the project filter does not apply to them.
  const filters = {
    status: state.status as ExportStatus | '',
    project: chooseExportColumns(recordType).project && state.project !== ALL_PROJECTS ? state.project : '',
    sort: state.sort as ExportSort,
    limit: PAGE_SIZE,
    offset: Number(state.offset) || 0,
  };
  const query = useQuery(exportListQuery(company.id, recordType, filters));
  const selection = useSelection(`${recordType}|${filters.status}|${filters.project}|${filters.sort}|${filters.offset}`);
  const [preview, setPreview] = useState<ExportItem | null>(null);
  const [rejecting, setRejecting] = useState(false);
  // Rows shown while another tab, filter or page loads are not these rows: nothing to act on until they arrive.
  const items = useMemo(() => (query.isPlaceholderData ? [] : (query.data?.items ?? [])), [query.data, query.isPlaceholderData]);
  // "ETA to QuickBooks" on rows waiting for the Web Connector (issue 18): asked only when such a row is listed.
  const eta = useQuery({ ...qbwcEtaQuery(company.id), enabled: items.some((i) => WAITS_FOR_WEB_CONNECTOR.has(i.status)) }).data ?? null;
  // After a bulk action the buttons it used are disabled (nothing selected), which drops keyboard focus to the page
  // body; it goes to the list instead, once any dialog has closed and handed focus back (its cleanup runs first).
  const listRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) listRef.current?.focus();
  }, [focusRequest]);

  const action = useAction(
    ({ kind, ids, comment }: { kind: ExportAction; ids: string[]; comment?: string }, key: string) =>
      applyExportAction(company.id, recordType, kind, { procoreIds: ids, ...(comment ? { comment } : {}) }, key),
    {
      invalidates: () => [exportKeys.all(company.id)],
      onSuccess: (result, { kind }) => {
        const summary = summarizeResults(kind, result.results);
        toast.show(summary.message, summary.tone);
        selection.clear();
        setRejecting(false);
        setFocusRequest((n) => n + 1);
      },
    },
  );

  const bulk = (kind: ExportAction) => eligibleIds(items, selection.selected, kind);
  const runBulk = (kind: ExportAction, comment?: string) => {
    const ids = bulk(kind);
    if (ids.length > 0) void action.run({ kind, ids, ...(comment ? { comment } : {}) });
  };
  const typeLabel = EXPORT_RECORD_TYPES.find((t) => t.type === recordType)!.label;
  const panelId = 'export-panel';

  return (
    <div>
      <ScreenHeader
        title="Export to QuickBooks"
        description="Send Procore records to accounting; once approved they go to QuickBooks the next time the Web Connector runs."
      />
      <TabList
        label="Record type"
        tabs={EXPORT_RECORD_TYPES.map((t) => ({ value: t.type, label: t.label }))}
        value={recordType}
        onChange={(type) => update({ type, offset: '0', status: state.status, sort: '' })}
        panelId={panelId}
      />
      <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-tab-${recordType}`}>
        <FilterBar>
          <label>
            Status
            <select value={state.status} onChange={(e) => update({ status: e.target.value, offset: '0' })}>
              {STATUS_FILTERS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {chooseExportColumns(recordType).project ? (
            <label>
              Project
              <select value={state.project} onChange={(e) => update({ project: e.target.value, offset: '0' })}>
                <option value={ALL_PROJECTS}>All projects</option>
                {/* The one asked for stays a choice even before its name has loaded (or when it has no records). */}
                {state.project !== ALL_PROJECTS && !query.data?.projects?.some((p) => p.procoreId === state.project) ? (
                  <option value={state.project}>{state.project === projectId ? 'This project' : `Project ${state.project}`}</option>
                ) : null}
                {(query.data?.projects ?? []).map((p) => (
                  <option key={p.procoreId} value={p.procoreId}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </FilterBar>
        {query.data?.notice ? (
          <Banner variant="info" style={{ marginBottom: 12 }}>
            <Banner.Content>
              <Banner.Body>{query.data.notice}</Banner.Body>
            </Banner.Content>
          </Banner>
        ) : null}
        <div role="toolbar" aria-label="Bulk actions" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', margin: '8px 0' }}>
          <span aria-live="polite" style={{ marginRight: 8 }}>
            {selection.selected.size} selected
          </span>
          <RoleButton action="sendToAccounting" variant="primary" disabled={bulk('send').length === 0 || action.isPending} onClick={() => runBulk('send')}>
            {`Send to accounting${bulk('send').length ? ` (${bulk('send').length})` : ''}`}
          </RoleButton>
          <RoleButton
            action="approveOrReject"
            variant="secondary"
            disabled={bulk('approve').length === 0 || action.isPending}
            onClick={() => runBulk('approve')}
          >
            {`Approve${bulk('approve').length ? ` (${bulk('approve').length})` : ''}`}
          </RoleButton>
          <RoleButton
            action="approveOrReject"
            variant="secondary"
            disabled={bulk('reject').length === 0 || action.isPending}
            onClick={() => setRejecting(true)}
          >
            {`Reject${bulk('reject').length ? ` (${bulk('reject').length})` : ''}`}
          </RoleButton>
          <RoleButton action="retryOrDismiss" variant="secondary" disabled={bulk('retry').length === 0 || action.isPending} onClick={() => runBulk('retry')}>
            {`Retry${bulk('retry').length ? ` (${bulk('retry').length})` : ''}`}
          </RoleButton>
          <RoleButton action="retryOrDismiss" variant="tertiary" disabled={bulk('dismiss').length === 0 || action.isPending} onClick={() => runBulk('dismiss')}>
            {`Dismiss${bulk('dismiss').length ? ` (${bulk('dismiss').length})` : ''}`}
          </RoleButton>
          {query.isFetching && !query.isPending ? <span style={{ color: '#5a6168', fontSize: 12 }}>Refreshing…</span> : null}
        </div>
        {action.error ? <ErrorNotice error={action.error} title="The action did not go through" onRetry={() => void action.retry()} /> : null}
        <div ref={listRef} tabIndex={-1} role="region" aria-label={`${typeLabel} list`}>
          <QueryState
            query={query}
            label={`Loading ${typeLabel.toLowerCase()}`}
            isEmpty={(data) => data.items.length === 0}
            empty={
              <EmptyMessage title={`No ${typeLabel.toLowerCase()} ${state.status ? 'with this status' : 'yet'}`}>
                {state.status ? (
                  <Button variant="tertiary" onClick={() => update({ status: '', offset: '0' })}>
                    Show all statuses
                  </Button>
                ) : (
                  'Records appear here once they are read from Procore.'
                )}
              </EmptyMessage>
            }
          >
            {(data) => (
              <>
                <ExportTable
                  eta={eta}
                  items={data.items}
                  recordType={recordType}
                  sort={filters.sort}
                  onSort={(sort) => update({ sort, offset: '0' })}
                  caption={`${typeLabel}, page ${Math.floor(filters.offset / PAGE_SIZE) + 1}`}
                  selected={selection.selected}
                  onToggle={selection.toggle}
                  onToggleAll={(on) =>
                    selection.setMany(
                      data.items.map((i) => i.procoreId),
                      on,
                    )
                  }
                  onPreview={setPreview}
                />
              </>
            )}
          </QueryState>
        </div>
        {/* Outside the list's loading state: paging keeps the pager (and the keyboard focus on it) while the next page loads. */}
        {query.data && !query.isError ? (
          <Pager
            total={query.data.total}
            limit={PAGE_SIZE}
            offset={filters.offset}
            onChange={(offset) => update({ offset: String(offset) })}
            label={typeLabel}
          />
        ) : null}
      </div>
      <PreviewDrawer item={preview} onClose={() => setPreview(null)} />
      <RejectDialog
        open={rejecting}
        count={bulk('reject').length}
        busy={action.isPending}
        onCancel={() => setRejecting(false)}
        onReject={(comment) => runBulk('reject', comment)}
      />
    </div>
  );
}
