import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Banner } from '@procore/core-react';
import { Button } from '../../../components/button.tsx';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { EmptyMessage } from '../../../components/empty-message.tsx';
import { ScreenHeader } from '../../../components/page-section.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryState } from '../../../components/query-state.tsx';
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
  type ExportList,
  type ExportRecordType,
  type ExportSort,
  type ExportStatus,
} from '../api/export-queries.ts';
import { eligibleIds, summarizeResults } from '../api/export-statuses.ts';
import { chooseExportColumns } from '../api/choose-export-columns.ts';
import { qbwcEtaQuery, WAITS_FOR_WEB_CONNECTOR, type QbwcEta } from '../api/qbwc-eta.ts';
import { ownerInvoiceNumberSourceQuery, sendOwnerInvoicesWithNumbers, type TypedInvoiceNumber } from '../api/send-owner-invoices.ts';
import { BulkActionBar } from './bulk-action-bar.tsx';
import { ALL_PROJECTS, ExportFilterBar } from './export-filters.tsx';
import { ExportTable } from './export-table.tsx';
import { InvoiceNumbersDialog } from './invoice-numbers-dialog.tsx';
import { PreviewDrawer } from './preview-drawer.tsx';
import { RejectDialog } from './reject-dialog.tsx';

const PAGE_SIZE = 50;

/** Export to QuickBooks: a tab per record type, status filters, bulk select and the approval workflow. */
export function ExportsPage() {
  const { company, projectId } = useCompany();
  const { state, update, recordType, filters } = useExportFilters(projectId);
  const query = useQuery(exportListQuery(company.id, recordType, filters));
  const selection = useSelection(`${recordType}|${filters.status}|${filters.project}|${filters.sort}|${filters.offset}`);
  const [preview, setPreview] = useState<ExportItem | null>(null);
  const [rejecting, setRejecting] = useState(false);
  // Owner invoices with the setting "typed": Send asks for each one's QuickBooks invoice number first (issue 21).
  const [numbering, setNumbering] = useState<ExportItem[] | null>(null);
  const numberSource = useQuery({ ...ownerInvoiceNumberSourceQuery(company.id), enabled: recordType === 'owner_invoice' });
  // Rows shown while another tab, filter or page loads are not these rows: nothing to act on until they arrive.
  const items = useMemo(() => (query.isPlaceholderData ? [] : (query.data?.items ?? [])), [query.data, query.isPlaceholderData]);
  // "ETA to QuickBooks" on rows waiting for the Web Connector (issue 18): asked only when such a row is listed.
  const eta = useQuery({ ...qbwcEtaQuery(company.id), enabled: items.some((i) => WAITS_FOR_WEB_CONNECTOR.has(i.status)) }).data ?? null;
  const [listRef, focusList] = useFocusRequest();

  const toast = useToast();
  const { action, bulk, runBulk, sendNumbered } = useExportActions(company.id, recordType, items, selection.selected, () => {
    selection.clear();
    setRejecting(false);
    setNumbering(null);
    focusList();
  });
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
        <ExportFilterBar
          status={state.status}
          project={state.project}
          showProject={chooseExportColumns(recordType).project}
          openedProjectId={projectId}
          projects={query.data?.projects}
          onStatus={(status) => update({ status, offset: '0' })}
          onProject={(project) => update({ project, offset: '0' })}
        />
        {query.data?.notice ? <ExportNotice notice={query.data.notice} /> : null}
        <BulkActionBar
          selectedCount={selection.selected.size}
          eligibleCount={(kind) => bulk(kind).length}
          busy={action.isPending}
          refreshing={query.isFetching && !query.isPending}
          onRun={(kind) => {
            if (kind !== 'send' || recordType !== 'owner_invoice') return runBulk(kind);
            // Sent without the setting known, a "typed" company's invoices would go out with Procore's numbers.
            if (!numberSource.data) return toast.show('The invoice number setting has not been read yet; try again in a moment.', 'error');
            if (numberSource.data === 'procore') return runBulk(kind);
            const ids = new Set(bulk('send'));
            setNumbering(items.filter((item) => ids.has(item.procoreId)));
          }}
          onReject={() => setRejecting(true)}
        />
        {action.error ? <ErrorNotice error={action.error} title="The action did not go through" onRetry={() => void action.retry()} /> : null}
        <div ref={listRef} tabIndex={-1} role="region" aria-label={`${typeLabel} list`}>
          <ExportRecords
            query={query}
            typeLabel={typeLabel}
            status={state.status}
            recordType={recordType}
            sort={filters.sort}
            offset={filters.offset}
            eta={eta}
            selection={selection}
            onShowAllStatuses={() => update({ status: '', offset: '0' })}
            onSort={(sort) => update({ sort, offset: '0' })}
            onPreview={setPreview}
          />
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
      {numbering ? (
        <InvoiceNumbersDialog
          invoices={numbering}
          busy={action.isPending}
          onCancel={() => setNumbering(null)}
          onSend={(numbers) => void sendNumbered(numbers)}
        />
      ) : null}
    </div>
  );
}

/** The people's actions on the selected rows: each applies to the selected rows it is eligible for; `onDone` after it went through. */
function useExportActions(companyId: string, recordType: ExportRecordType, items: readonly ExportItem[], selected: ReadonlySet<string>, onDone: () => void) {
  const toast = useToast();
  const action = useAction(
    ({ kind, ids, comment, numbers }: { kind: ExportAction; ids: string[]; comment?: string; numbers?: TypedInvoiceNumber[] }, key: string) =>
      numbers
        ? sendOwnerInvoicesWithNumbers(companyId, numbers, key)
        : applyExportAction(companyId, recordType, kind, { procoreIds: ids, ...(comment ? { comment } : {}) }, key),
    {
      invalidates: () => [exportKeys.all(companyId)],
      onSuccess: (result, { kind }) => {
        const summary = summarizeResults(kind, result.results);
        toast.show(summary.message, summary.tone);
        onDone();
      },
    },
  );
  const bulk = (kind: ExportAction) => eligibleIds(items, selected, kind);
  const runBulk = (kind: ExportAction, comment?: string) => {
    const ids = bulk(kind);
    if (ids.length > 0) void action.run({ kind, ids, ...(comment ? { comment } : {}) });
  };
  /** Owner invoices with their typed QuickBooks numbers: one request per invoice (send-owner-invoices.ts). */
  const sendNumbered = (numbers: TypedInvoiceNumber[]) =>
    numbers.length > 0 ? action.run({ kind: 'send', ids: numbers.map((n) => n.procoreId), numbers }) : Promise.resolve(undefined);
  return { action, bulk, runBulk, sendNumbered };
}

/** The list's filters, kept in the URL: record type, status, project, sort and page. */
function useExportFilters(projectId: string | null) {
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
  return { state, update, recordType, filters };
}

/**
 * After a bulk action the buttons it used are disabled (nothing selected), which drops keyboard focus to the page
 * body; it goes to the list instead, once any dialog has closed and handed focus back (its cleanup runs first).
 */
function useFocusRequest() {
  const ref = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) ref.current?.focus();
  }, [focusRequest]);
  return [ref, () => setFocusRequest((n) => n + 1)] as const;
}

/** The note the server sends with the list (the API's `notice`). */
function ExportNotice({ notice }: { notice: string }) {
  return (
    <Banner variant="info" style={{ marginBottom: 12 }}>
      <Banner.Content>
        <Banner.Body>{notice}</Banner.Body>
      </Banner.Content>
    </Banner>
  );
}

/** The export rows of one record type and page, or why there are none; rows can be selected and previewed. */
function ExportRecords({
  query,
  typeLabel,
  status,
  recordType,
  sort,
  offset,
  eta,
  selection,
  onShowAllStatuses,
  onSort,
  onPreview,
}: {
  query: UseQueryResult<ExportList, Error>;
  typeLabel: string;
  /** The status filter ('' = every status). */
  status: string;
  recordType: ExportRecordType;
  sort: ExportSort;
  offset: number;
  eta: QbwcEta | null;
  selection: ReturnType<typeof useSelection>;
  onShowAllStatuses: () => void;
  onSort: (sort: ExportSort) => void;
  onPreview: (item: ExportItem) => void;
}) {
  return (
    <QueryState
      query={query}
      label={`Loading ${typeLabel.toLowerCase()}`}
      isEmpty={(data) => data.items.length === 0}
      empty={
        <EmptyMessage title={`No ${typeLabel.toLowerCase()} ${status ? 'with this status' : 'yet'}`}>
          {status ? (
            <Button variant="tertiary" onClick={onShowAllStatuses}>
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
            sort={sort}
            onSort={onSort}
            caption={`${typeLabel}, page ${Math.floor(offset / PAGE_SIZE) + 1}`}
            selected={selection.selected}
            onToggle={selection.toggle}
            onToggleAll={(on) =>
              selection.setMany(
                data.items.map((i) => i.procoreId),
                on,
              )
            }
            onPreview={onPreview}
          />
        </>
      )}
    </QueryState>
  );
}
