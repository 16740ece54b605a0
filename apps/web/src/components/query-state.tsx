import type { UseQueryResult } from '@tanstack/react-query';
import { Spinner } from '@procore/core-react';
import type { ReactNode } from 'react';
import { EmptyMessage } from './empty-message.tsx';
import { ErrorNotice } from './error-notice.tsx';

/**
 * Loading, error and empty states for one query, the same everywhere (embedded app). The content renders
 * only with data; while a refetch of the same list runs the old data stays on screen. Data kept from another
 * tab, filter or page (`placeholderData: keepPreviousData`) is never shown as if it were this one: its rows had
 * live checkboxes and its empty state said "No unlinked jobs" while unlinked jobs loaded (the screens issue),
 * so a skeleton shows until this query's own answer arrives.
 */
/** Grey bars where rows will be: the layout does not jump when they arrive. */
const SKELETON_ROWS = [92, 78, 86, 70];

export function QueryState<T>({
  query,
  label,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T, Error>;
  /** What is loading, for screen readers: "Loading commitments". */
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending || query.isPlaceholderData) {
    return (
      <div role="status" aria-live="polite" aria-busy="true" data-testid="loading-skeleton">
        <div style={{ padding: '16px 0', display: 'flex', alignItems: 'center', gap: 12 }}>
          <Spinner size="sm" />
          <span>{label}…</span>
        </div>
        {SKELETON_ROWS.map((width, i) => (
          <div key={i} aria-hidden="true" style={{ height: 14, width: `${width}%`, margin: '0 0 14px', borderRadius: 4, background: '#eef0f1' }} />
        ))}
      </div>
    );
  }
  if (query.isError)
    return <ErrorNotice error={query.error} title={`Could not load: ${label.replace(/^Loading /, '')}`} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyMessage title="Nothing here yet" />}</>;
  return <>{children(query.data)}</>;
}
