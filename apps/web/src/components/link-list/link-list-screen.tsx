import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useAction } from '../../lib/use-action.ts';
import { useSearchState } from '../../lib/use-search-state.ts';
import { EmptyMessage } from '../empty-message.tsx';
import { ErrorNotice } from '../error-notice.tsx';
import { ScreenHeader } from '../page-section.tsx';
import { Pager } from '../pager.tsx';
import { QueryState } from '../query-state.tsx';
import { TabList } from '../tab-list.tsx';
import { useToast } from '../toasts.tsx';
import { CreateInProcoreDialog } from './create-in-procore-dialog.tsx';
import { LinkDialog } from './link-dialog.tsx';
import type { LinkEntry, LinkListApi, LinkListFilters, LinkStatus } from './link-list-types.ts';
import { LinkFilterBar } from './link-filter-bar.tsx';
import { STATUS_WORDS } from './link-row.tsx';
import { LinkTable } from './link-table.tsx';
import { RefreshPanel } from './refresh-panel.tsx';

const PAGE_SIZE = 50;
const STATUSES: LinkStatus[] = ['suggested', 'unlinked', 'linked', 'archived'];

type RowAction =
  { kind: 'link'; entry: LinkEntry; procoreId: number } | { kind: 'create'; entry: LinkEntry } | { kind: 'archive' | 'unarchive'; entry: LinkEntry };

/**
 * Jobs and Vendors (QuickBooks to Procore/7): QuickBooks records by link status, with link, create in Procore, archive,
 * "link all suggested", and the duplicate flags on vendors (flagged, never merged).
 */
export function LinkListScreen({ api }: { api: LinkListApi }) {
  const toast = useToast();
  const [state, update] = useSearchState({ status: 'suggested', search: '', sort: 'name', offset: '0' });
  const status = (STATUSES.includes(state.status as LinkStatus) ? state.status : 'suggested') as LinkStatus;
  const filters: LinkListFilters = {
    status,
    search: state.search,
    sort: state.sort as LinkListFilters['sort'],
    limit: PAGE_SIZE,
    offset: Number(state.offset) || 0,
  };
  const query = useQuery(api.listQuery(filters));
  const [searchText, setSearchText] = useState(state.search);
  const [linking, setLinking] = useState<LinkEntry | null>(null);
  // Creating a Procore record cannot be undone from here: it is confirmed first, saying what will exist after.
  const [creating, setCreating] = useState<LinkEntry | null>(null);
  // A row that was linked, created or archived leaves the tab, and "Link all suggested" disables itself: either way the
  // focused control is gone and keyboard focus would fall to the page body. It goes to the list instead, after any
  // dialog has closed and handed focus back (its cleanup runs before this effect).
  const listRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) listRef.current?.focus();
  }, [focusRequest]);

  // Search as the person types, after a pause (one request per pause, not per key).
  useEffect(() => {
    if (searchText === state.search) return;
    const timer = setTimeout(() => update({ search: searchText, offset: '0' }), 350);
    return () => clearTimeout(timer);
  }, [searchText, state.search, update]);

  const rowAction = useAction(
    (input: RowAction, key: string) => {
      if (input.kind === 'link') return api.link(input.entry.qbListId, input.procoreId, key);
      if (input.kind === 'create') return api.create(input.entry.qbListId, key);
      return api.archive(input.entry.qbListId, input.kind === 'archive', key);
    },
    {
      invalidates: () => api.invalidates(),
      onSuccess: (_result, input) => {
        setLinking(null);
        setCreating(null);
        setFocusRequest((n) => n + 1);
        const verb = { link: 'linked', create: `created in Procore as a new ${api.words.procoreNoun}`, archive: 'archived', unarchive: 'restored' }[input.kind];
        toast.show(`${input.entry.fullName} ${verb}.`, 'success');
      },
    },
  );
  const linkAll = useAction((_: void, key: string) => api.linkSuggested(key), {
    invalidates: () => api.invalidates(),
    onSuccess: (result) => {
      setFocusRequest((n) => n + 1);
      toast.show(
        `${result.linked} linked${result.failed.length ? `; ${result.failed.length} not linked: ${result.failed.map((f) => f.message).join(' ')}` : ''}.`,
        result.failed.length ? 'info' : 'success',
      );
    },
  });

  const counts = query.data?.counts;
  const panelId = `${api.kind}-panel`;
  const pendingFor = (entry: LinkEntry) => rowAction.isPending && rowAction.lastInput?.entry.qbListId === entry.qbListId;

  return (
    <div>
      <ScreenHeader
        title={api.words.title}
        description={api.words.description}
        actions={
          <RefreshPanel
            kind={api.kind}
            label={api.words.refreshLabel}
            statusQuery={api.refreshStatusQuery()}
            refresh={api.refresh}
            invalidates={api.invalidates}
          />
        }
      />
      <TabList
        label={`${api.words.qbNoun} link status`}
        panelId={panelId}
        value={status}
        onChange={(value) => update({ status: value, offset: '0' })}
        tabs={STATUSES.map((s) => ({ value: s, label: counts ? `${STATUS_WORDS[s]} (${counts[s] ?? 0})` : STATUS_WORDS[s] }))}
      />
      <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-tab-${status}`}>
        <LinkFilterBar
          qbNoun={api.words.qbNoun}
          search={searchText}
          onSearch={setSearchText}
          sort={state.sort}
          onSort={(sort) => update({ sort, offset: '0' })}
          suggested={status === 'suggested' ? { count: counts?.suggested ?? 0, busy: linkAll.isPending, onLinkAll: () => void linkAll.run() } : null}
        />
        {linkAll.error ? (
          <ErrorNotice error={linkAll.error} title="Linking the suggested records did not go through" onRetry={() => void linkAll.retry()} />
        ) : null}
        {rowAction.error && !linking ? <ErrorNotice error={rowAction.error} title="That did not go through" onRetry={() => void rowAction.retry()} /> : null}
        <div ref={listRef} tabIndex={-1} role="region" aria-label={`${STATUS_WORDS[status]} ${api.words.qbNoun}s list`}>
          <QueryState
            query={query}
            label={`Loading ${api.words.qbNoun}s`}
            isEmpty={(data) => data.items.length === 0}
            empty={
              <EmptyMessage title={`No ${STATUS_WORDS[status].toLowerCase()} ${api.words.qbNoun}s${state.search ? ` matching “${state.search}”` : ''}`}>
                {counts && Object.values(counts).every((n) => n === 0)
                  ? `Nothing has been read from QuickBooks yet: use “${api.words.refreshLabel}”, then run the Web Connector.`
                  : null}
              </EmptyMessage>
            }
          >
            {(data) => (
              <LinkTable
                caption={`${STATUS_WORDS[status]} ${api.words.qbNoun}s`}
                words={api.words}
                items={data.items}
                pendingFor={pendingFor}
                onAccept={(entry) => void rowAction.run({ kind: 'link', entry, procoreId: entry.suggestion!.id })}
                onLink={setLinking}
                onCreate={setCreating}
                onArchive={(entry) => void rowAction.run({ kind: entry.status === 'archived' ? 'unarchive' : 'archive', entry })}
              />
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
            label={api.words.title}
          />
        ) : null}
      </div>
      <CreateInProcoreDialog
        entry={creating}
        words={api.words}
        busy={rowAction.isPending}
        error={rowAction.error}
        onCancel={() => {
          setCreating(null);
          rowAction.reset();
        }}
        onCreate={() => creating && void rowAction.run({ kind: 'create', entry: creating })}
        onRetry={() => void rowAction.retry()}
      />
      <LinkDialog
        entry={linking}
        api={api}
        busy={rowAction.isPending}
        error={rowAction.error}
        onRetry={() => void rowAction.retry()}
        onCancel={() => {
          setLinking(null);
          rowAction.reset();
        }}
        onLink={(procoreId) => linking && void rowAction.run({ kind: 'link', entry: linking, procoreId })}
      />
    </div>
  );
}
