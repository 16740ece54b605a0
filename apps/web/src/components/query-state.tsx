import type { UseQueryResult } from '@tanstack/react-query';
import { Spinner } from '@procore/core-react';
import type { ReactNode } from 'react';
import { EmptyMessage } from './empty-message.tsx';
import { ErrorNotice } from './error-notice.tsx';

/**
 * Loading, error and empty states for one query, the same everywhere (embedded app). The content renders
 * only with data; while a refetch runs the old data stays on screen.
 */
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
  if (query.isPending) {
    return (
      <div role="status" aria-live="polite" style={{ padding: 24, display: 'flex', alignItems: 'center', gap: 12 }}>
        <Spinner size="sm" />
        <span>{label}…</span>
      </div>
    );
  }
  if (query.isError) return <ErrorNotice error={query.error} title={`Could not load: ${label.replace(/^Loading /, '')}`} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyMessage title="Nothing here yet" />}</>;
  return <>{children(query.data)}</>;
}
