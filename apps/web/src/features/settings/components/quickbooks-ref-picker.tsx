import type { ReactNode } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import type { QbRef } from '../api/settings-queries.ts';

/** One entry a picker offers: a QuickBooks account or class (ListID + FullName), with what tells it apart. */
export interface PickerEntry {
  listId: string;
  fullName: string;
  /** Shown after the name: "Expense · 6410". */
  detail?: string;
  isActive: boolean;
}

/** What the picker knows of its list: loading, failed, or read (readAt null = never read from QuickBooks). */
export type PickerList =
  | { state: 'loading' }
  | { state: 'error'; error: Error; retry: () => void }
  | { state: 'ready'; entries: PickerEntry[]; readAt: string | null; refreshPending: boolean; elsewhere?: Map<string, string> };

/** Asks QuickBooks for its lists again (the next Web Connector session reads them). */
export interface ListRefresh {
  run: () => void;
  isPending: boolean;
}

/**
 * A QuickBooks list entry chosen from the connector's copy of the list (issue 18 item 4: ListIDs were typed by hand).
 * A value no longer in the list stays visible and marked; before the list was ever read (or when it cannot be
 * loaded) it says so, offers the refresh, and keeps manual entry (full name + ListID) as the way out.
 */
export function QuickBooksRefPicker({
  id,
  list,
  listName,
  value,
  onChange,
  refresh,
  describedBy,
  invalid,
  labelPrefix = '',
  ariaLabel,
}: {
  id: string;
  list: PickerList;
  /** "chart of accounts", "class list". */
  listName: string;
  value: QbRef | null;
  onChange: (v: QbRef | null) => void;
  refresh: ListRefresh;
  describedBy?: string | undefined;
  invalid?: boolean;
  /** Accessible-name prefix of the manual fields ("Class " → "Class full name"). */
  labelPrefix?: string;
  /** The select's accessible name when no <label> points at it (a table cell). */
  ariaLabel?: string;
}) {
  if (list.state === 'loading') return <p role="status">{`Loading the QuickBooks ${listName}…`}</p>;
  if (list.state === 'error' || list.readAt === null) {
    return (
      <div>
        {list.state === 'error' ? (
          <ErrorNotice error={list.error} title={`Could not load the QuickBooks ${listName}`} onRetry={list.retry} />
        ) : (
          <ListNotRead listName={listName} pending={list.refreshPending} refresh={refresh} />
        )}
        <ManualRef id={id} value={value} onChange={onChange} describedBy={describedBy} invalid={invalid} labelPrefix={labelPrefix} />
      </div>
    );
  }
  const known = value ? list.entries.some((e) => e.listId === value.listId) : false;
  // A half-typed value (no ListID) has nothing to select: it reads as none chosen.
  const elsewhere = value && !known ? list.elsewhere?.get(value.listId) : undefined;
  return (
    <select
      id={id}
      value={value?.listId ?? ''}
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      aria-invalid={invalid ? true : undefined}
      onChange={(e) => {
        const entry = list.entries.find((x) => x.listId === e.target.value);
        onChange(entry ? { listId: entry.listId, fullName: entry.fullName } : e.target.value === value?.listId ? value : null);
      }}
    >
      <option value="">None chosen</option>
      {value?.listId && !known ? <option value={value.listId}>{`${value.fullName} (${elsewhere ?? 'no longer in QuickBooks'})`}</option> : null}
      {list.entries.map((entry) => (
        <option key={entry.listId} value={entry.listId}>
          {entry.fullName}
          {entry.detail ? ` (${entry.detail})` : ''}
          {entry.isActive ? '' : ' (inactive)'}
        </option>
      ))}
    </select>
  );
}

/** The list was never read from QuickBooks: say so, and offer the refresh (or say it is waiting for the Web Connector). */
export function ListNotRead({ listName, pending, refresh, children }: { listName: string; pending: boolean; refresh: ListRefresh; children?: ReactNode }) {
  return (
    <div className="hint" role="note" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <span>
        {pending
          ? `The QuickBooks ${listName} will be read at the next Web Connector session.`
          : `The QuickBooks ${listName} has not been read yet: refresh it, and the next Web Connector session reads it. Until then, type the entry in.`}
        {children}
      </span>
      {pending ? null : (
        <RoleButton action="refreshFromQuickBooks" type="button" variant="secondary" size="sm" loading={refresh.isPending} onClick={refresh.run}>
          Refresh items, accounts and classes
        </RoleButton>
      )}
    </div>
  );
}

function ManualRef({
  id,
  value,
  onChange,
  describedBy,
  invalid,
  labelPrefix,
}: {
  id: string;
  value: QbRef | null;
  onChange: (v: QbRef | null) => void;
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
  labelPrefix: string;
}) {
  const ref = value ?? { listId: '', fullName: '' };
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 4 }}>
      <label style={{ fontWeight: 400 }}>
        {`${labelPrefix}Full name`}{' '}
        <input
          id={id}
          type="text"
          value={ref.fullName}
          onChange={(e) => onChange({ ...ref, fullName: e.target.value })}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
        />
      </label>
      <label style={{ fontWeight: 400 }}>
        {`${labelPrefix}ListID`}{' '}
        <input
          type="text"
          value={ref.listId}
          onChange={(e) => onChange({ ...ref, listId: e.target.value })}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
        />
      </label>
    </div>
  );
}
