import { RoleButton } from '../../../components/role-button.tsx';
import type { ExportAction } from '../api/export-queries.ts';

/** The bulk actions on the selected export rows; each button counts the selected rows it applies to. */
export function BulkActionBar({
  selectedCount,
  eligibleCount,
  busy,
  refreshing,
  onRun,
  onReject,
}: {
  selectedCount: number;
  /** How many selected rows the action applies to (0 disables it). */
  eligibleCount: (kind: ExportAction) => number;
  busy: boolean;
  refreshing: boolean;
  onRun: (kind: ExportAction) => void;
  /** Reject asks for a comment first. */
  onReject: () => void;
}) {
  const counted = (label: string, kind: ExportAction) => `${label}${eligibleCount(kind) ? ` (${eligibleCount(kind)})` : ''}`;
  return (
    <div role="toolbar" aria-label="Bulk actions" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', margin: '8px 0' }}>
      <span aria-live="polite" style={{ marginRight: 8 }}>
        {selectedCount} selected
      </span>
      <RoleButton action="sendToAccounting" variant="primary" disabled={eligibleCount('send') === 0 || busy} onClick={() => onRun('send')}>
        {counted('Send to accounting', 'send')}
      </RoleButton>
      <RoleButton action="approveOrReject" variant="secondary" disabled={eligibleCount('approve') === 0 || busy} onClick={() => onRun('approve')}>
        {counted('Approve', 'approve')}
      </RoleButton>
      <RoleButton action="approveOrReject" variant="secondary" disabled={eligibleCount('reject') === 0 || busy} onClick={onReject}>
        {counted('Reject', 'reject')}
      </RoleButton>
      <RoleButton action="retryOrDismiss" variant="secondary" disabled={eligibleCount('retry') === 0 || busy} onClick={() => onRun('retry')}>
        {counted('Retry', 'retry')}
      </RoleButton>
      <RoleButton action="retryOrDismiss" variant="tertiary" disabled={eligibleCount('dismiss') === 0 || busy} onClick={() => onRun('dismiss')}>
        {counted('Dismiss', 'dismiss')}
      </RoleButton>
      {refreshing ? <span style={{ color: '#5a6168', fontSize: 12 }}>Refreshing…</span> : null}
    </div>
  );
}
