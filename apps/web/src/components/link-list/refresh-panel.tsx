import { useQuery } from '@tanstack/react-query';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { GuardedAction } from '../../lib/roles.ts';
import { useAction } from '../../lib/use-action.ts';
import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import { ErrorNotice } from '../error-notice.tsx';
import { RoleButton } from '../role-button.tsx';
import { useToast } from '../toasts.tsx';
import type { RefreshStatus } from './link-list-types.ts';

/**
 * "Refresh Jobs" and friends: the request waits for the next Web Connector session (nothing reaches
 * QuickBooks directly, docs/product.md#nothing-reaches-quickbooks-directly), so the panel says when it was asked, when it last ran, and when the
 * scheduled one is due.
 */
export function RefreshPanel({
  kind,
  label,
  statusQuery,
  refresh,
  invalidates,
  action = 'refreshFromQuickBooks',
}: {
  kind: string;
  label: string;
  statusQuery: UseQueryOptions<{ refreshes: RefreshStatus[] }, Error, { refreshes: RefreshStatus[] }, QueryKey>;
  refresh: (idempotencyKey: string) => Promise<{ outcome: 'queued' | 'already_queued'; queuedAt: string }>;
  invalidates: () => QueryKey[];
  action?: GuardedAction;
}) {
  const toast = useToast();
  const status = useQuery({ ...statusQuery, refetchInterval: (q) => (q.state.data?.refreshes.some((r) => r.kind === kind && r.pending) ? 5_000 : 60_000) });
  const mine = status.data?.refreshes.find((r) => r.kind === kind);
  const run = useAction((_: void, key: string) => refresh(key), {
    invalidates: () => [statusQuery.queryKey, ...invalidates()],
    onSuccess: (result) =>
      toast.show(
        result.outcome === 'already_queued'
          ? `${label} was already queued: it runs at the next Web Connector session.`
          : `${label} queued: it runs at the next Web Connector session.`,
        'success',
      ),
  });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
      <RoleButton action={action} variant="primary" loading={run.isPending} disabled={run.isPending} onClick={() => void run.run()}>
        {label}
      </RoleButton>
      <span role="status" aria-live="polite" style={{ fontSize: 12, color: '#5a6168' }} data-testid={`refresh-status-${kind}`}>
        {mine ? describe(mine) : status.isError ? 'Refresh status unavailable.' : ''}
      </span>
      {run.error ? <ErrorNotice error={run.error} title={`${label} was not queued`} onRetry={() => void run.retry()} /> : null}
    </div>
  );
}

function describe(status: RefreshStatus): string {
  if (status.pending) return `Queued ${formatRelative(status.lastRequestedAt)}; waiting for the Web Connector.`;
  const last = status.lastCompletedAt ? `Last refreshed ${formatRelative(status.lastCompletedAt)}` : 'Never refreshed';
  return `${last}${status.nextDueAt ? `; next scheduled ${formatDateTime(status.nextDueAt)}` : ''}.`;
}
