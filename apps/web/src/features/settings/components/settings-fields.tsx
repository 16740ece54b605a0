import { ACCOUNT_TYPES_FOR_SETTING } from '@connector/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import type { QbRef, QuickBooksItem, QuickBooksLists } from '../api/settings-queries.ts';
import { QuickBooksRefPicker, type ListRefresh, type PickerList } from './quickbooks-ref-picker.tsx';

/** The account types each account setting may take (the contract's map: item accounts, the owner invoices' A/R account). */
const ACCOUNT_TYPES = ACCOUNT_TYPES_FOR_SETTING;
export type AccountSetting = keyof typeof ACCOUNT_TYPES;

/**
 * One labelled field: the label (marked when required), a hint, the control, and its problem. `group`: the label also
 * names the field as a group, for a control that may be more than one (a picker falls back to full name + ListID inputs).
 */
export function Field({
  label,
  htmlFor,
  hint,
  problem,
  required,
  group = false,
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: string;
  problem?: string | undefined;
  required?: boolean | undefined;
  group?: boolean;
  children: ReactNode;
}) {
  const labelId = `${htmlFor}-label`;
  return (
    <div className="field" {...(group ? { role: 'group', 'aria-labelledby': labelId } : {})}>
      <label {...(group ? { className: 'label', id: labelId } : {})} htmlFor={htmlFor}>
        {label}
        {required ? <span className="required">Required</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${htmlFor}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {problem ? (
        <p className="problem" id={`${htmlFor}-problem`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, hint?: string, problem?: string) {
  return [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
}

export function NumberField({
  id,
  label,
  hint,
  value,
  min,
  max,
  onChange,
  problem,
}: {
  id: string;
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
  problem?: string | undefined;
}) {
  return (
    <Field label={label} htmlFor={id} {...(hint ? { hint } : {})} problem={problem}>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={1}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, hint, problem)}
        style={{ width: 120 }}
      />
    </Field>
  );
}

export function Check({ id, label, hint, checked, onChange }: { id: string; label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field">
      <label className="choice" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <span>{label}</span>
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`} style={{ marginLeft: 24 }}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A choice of one among a few; `hint` says what the choice does, `problem` what is wrong with it. */
export function RadioGroup({
  label,
  name,
  value,
  options,
  onChange,
  hint,
  problem,
}: {
  label: string;
  name: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (v: string) => void;
  hint?: string;
  problem?: string | undefined;
}) {
  return (
    <div className="field" role="radiogroup" aria-labelledby={`${name}-label`} aria-describedby={describedBy(name, hint, problem)}>
      <span className="label" id={`${name}-label`}>
        {label}
      </span>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
      {problem ? (
        <p className="problem" id={`${name}-problem`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/**
 * An item chosen from the QuickBooks items list (the connector's copy, read with the items refresh). A saved item no
 * longer in the list stays visible and marked; an empty list says so and offers the refresh.
 */
export function QuickBooksItemSelect({
  id,
  items,
  value,
  onChange,
  refresh,
  refreshPending,
  describedBy: described,
  invalid = false,
}: {
  id: string;
  items: UseQueryResult<QuickBooksItem[] | null, Error>;
  value: QbRef | null;
  onChange: (v: QbRef | null) => void;
  refresh: ListRefresh;
  refreshPending: boolean;
  describedBy?: string | undefined;
  invalid?: boolean;
}) {
  if (items.isPending) return <p role="status">Loading the QuickBooks items list…</p>;
  if (items.isError) return <ErrorNotice error={items.error} title="Could not load the QuickBooks items list" onRetry={() => void items.refetch()} />;
  const list = items.data ?? [];
  if (items.data === null || list.length === 0) {
    return (
      <p className="hint" id={id}>
        {value ? `Chosen: ${value.fullName}. ` : ''}
        {refreshPending
          ? 'The QuickBooks items list will be read at the next Web Connector session.'
          : 'The QuickBooks items list is empty: refresh items from QuickBooks (the next Web Connector session reads them), then choose here. '}
        {refreshPending ? null : (
          <RoleButton action="refreshFromQuickBooks" type="button" variant="secondary" size="sm" loading={refresh.isPending} onClick={refresh.run}>
            Refresh items, accounts and classes
          </RoleButton>
        )}
      </p>
    );
  }
  const known = value && list.some((i) => i.qbListId === value.listId);
  return (
    <select
      id={id}
      aria-describedby={described}
      aria-invalid={invalid ? true : undefined}
      value={value?.listId ?? ''}
      onChange={(e) => {
        const item = list.find((i) => i.qbListId === e.target.value);
        onChange(item ? { listId: item.qbListId, fullName: item.fullName } : null);
      }}
    >
      <option value="">None chosen</option>
      {value && !known ? <option value={value.listId}>{`${value.fullName} (no longer in the items list)`}</option> : null}
      {list.map((item) => (
        <option key={item.qbListId} value={item.qbListId}>
          {item.fullName}
          {item.itemType ? ` (${item.itemType})` : ''}
          {item.isActive ? '' : ' (inactive)'}
        </option>
      ))}
    </select>
  );
}

/** Account types as people read them ("CostOfGoodsSold" → "Cost of goods sold"). */
function accountTypeLabel(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The accounts a setting may take (ACCOUNT_TYPES: what the setting is used for), as picker entries. */
function accountList(lists: UseQueryResult<QuickBooksLists, Error>, setting: AccountSetting): PickerList {
  if (lists.isPending) return { state: 'loading' };
  if (lists.isError) return { state: 'error', error: lists.error, retry: () => void lists.refetch() };
  const fits = new Set<string>(ACCOUNT_TYPES[setting]);
  const { accounts, refreshPending } = lists.data;
  return {
    state: 'ready',
    readAt: accounts.readAt,
    refreshPending,
    entries: accounts.entries
      .filter((a) => fits.has(a.accountType))
      .map((a) => ({
        listId: a.listId,
        fullName: a.fullName,
        detail: [accountTypeLabel(a.accountType), a.accountNumber].filter(Boolean).join(' · '),
        isActive: a.isActive,
      })),
    // A saved account of a type this setting does not take: shown as such, not as gone.
    elsewhere: new Map(
      accounts.entries.filter((a) => !fits.has(a.accountType)).map((a) => [a.listId, `${accountTypeLabel(a.accountType)} account: not one this setting takes`]),
    ),
  };
}

/** An account setting, chosen from the QuickBooks chart of accounts (only the types it may take). */
export function AccountField({
  id,
  label,
  hint,
  value,
  required,
  onChange,
  problem,
  lists,
  refresh,
}: {
  id: AccountSetting;
  label: string;
  hint: string;
  value: QbRef | null;
  required?: boolean;
  onChange: (v: QbRef | null) => void;
  problem?: string | undefined;
  lists: UseQueryResult<QuickBooksLists, Error>;
  refresh: ListRefresh;
}) {
  return (
    <Field label={label} htmlFor={id} hint={hint} problem={problem} required={required} group>
      <QuickBooksRefPicker
        id={id}
        list={accountList(lists, id)}
        listName="chart of accounts"
        value={value}
        onChange={onChange}
        refresh={refresh}
        describedBy={describedBy(id, 'hint', problem)}
        invalid={Boolean(problem)}
      />
    </Field>
  );
}
