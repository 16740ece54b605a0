import type { ExportAction, ExportItem, ExportStatus } from './export-queries.ts';

type PillColor = 'blue' | 'cyan' | 'gray' | 'green' | 'magenta' | 'red' | 'yellow';

/** The status filters people see (embedded app names the first six), in workflow order. */
export const STATUS_FILTERS: ReadonlyArray<{ value: ExportStatus | ''; label: string }> = [
  { value: '', label: 'All statuses' },
  { value: 'not_synced', label: 'Ready to export' },
  { value: 'sent_to_accounting', label: 'Awaiting approval' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'approved', label: 'Approved' },
  { value: 'queued', label: 'Queued for QuickBooks' },
  { value: 'in_flight', label: 'Sending to QuickBooks' },
  { value: 'synced', label: 'Synced' },
  { value: 'failed', label: 'Failed' },
  { value: 'dismissed', label: 'Dismissed' },
];

export const STATUS_DISPLAY: Record<ExportStatus, { label: string; color: PillColor }> = {
  not_synced: { label: 'Ready to export', color: 'gray' },
  sent_to_accounting: { label: 'Awaiting approval', color: 'yellow' },
  rejected: { label: 'Rejected', color: 'magenta' },
  approved: { label: 'Approved', color: 'cyan' },
  queued: { label: 'Queued', color: 'blue' },
  in_flight: { label: 'Sending', color: 'blue' },
  synced: { label: 'Synced', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  dismissed: { label: 'Dismissed', color: 'gray' },
};

/** A record Procore has not approved shows that instead of "Ready to export" / "Awaiting approval" (data safety). */
export function statusDisplayFor(item: Pick<ExportItem, 'status' | 'notReady'>): { label: string; color: PillColor } {
  return item.notReady ? { label: 'Not approved in Procore', color: 'yellow' } : STATUS_DISPLAY[item.status];
}

/** The statuses an action applies to (export-workflow.ts): bulk actions act on the selected rows in them. */
export const ACTION_FROM: Record<ExportAction, readonly ExportStatus[]> = {
  send: ['not_synced', 'rejected'],
  approve: ['sent_to_accounting'],
  reject: ['sent_to_accounting'],
  retry: ['failed'],
  dismiss: ['failed'],
};

/** The selected records an action can apply to, in the order shown; what Procore has not approved cannot be sent or approved. */
export function eligibleIds(items: readonly ExportItem[], selected: ReadonlySet<string>, action: ExportAction): string[] {
  const blocked = (item: ExportItem) => Boolean(item.notReady) && (action === 'send' || action === 'approve');
  return items.filter((item) => selected.has(item.procoreId) && ACTION_FROM[action].includes(item.status) && !blocked(item)).map((item) => item.procoreId);
}

/** "2 sent to accounting; 1 already done; 1 not possible: <reason>" from the per-record results. */
export function summarizeResults(
  action: ExportAction,
  results: ReadonlyArray<{ outcome: string; message: string | null }>,
): { message: string; tone: 'success' | 'error' | 'info' } {
  const applied = results.filter((r) => r.outcome === 'applied').length;
  const already = results.filter((r) => r.outcome === 'already').length;
  const refused = results.filter((r) => r.outcome === 'refused');
  const verb = { send: 'sent to accounting', approve: 'approved', reject: 'rejected', retry: 'queued again', dismiss: 'dismissed' }[action];
  const parts: string[] = [];
  if (applied) parts.push(`${applied} ${verb}`);
  if (already) parts.push(`${already} already ${verb}`);
  if (refused.length) parts.push(`${refused.length} not ${verb}: ${[...new Set(refused.map((r) => r.message ?? 'not possible'))].join(' ')}`);
  return { message: parts.join('; ') || 'Nothing to do.', tone: refused.length ? (applied ? 'info' : 'error') : 'success' };
}
