import { Button } from '../../../components/button.tsx';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { StatusPill } from '../../../components/status-pill.tsx';
import { formatCents, formatDateTime } from '../../../lib/format.ts';
import type { ExportItem, ExportRecordType, ExportSort, ExportSortColumn } from '../api/export-queries.ts';
import { chooseExportColumns } from '../api/choose-export-columns.ts';
import { statusDisplayFor } from '../api/export-statuses.ts';
import { WAITS_FOR_WEB_CONNECTOR, type QbwcEta } from '../api/qbwc-eta.ts';

/**
 * One page of records with a checkbox each (and one for the page), what tells them apart (project, commitment,
 * amount, status in Procore), the export status, what it waits for, and a preview. Column headers sort on the server.
 */
export function ExportTable({
  items,
  recordType,
  caption,
  selected,
  sort,
  onSort,
  onToggle,
  onToggleAll,
  onPreview,
  eta = null,
}: {
  items: ExportItem[];
  recordType: ExportRecordType;
  caption: string;
  selected: ReadonlySet<string>;
  sort: ExportSort;
  onSort: (sort: ExportSort) => void;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
  onPreview: (item: ExportItem) => void;
  /** When the Web Connector is expected next (issue 18): said on each row that waits for it. */
  eta?: QbwcEta | null;
}) {
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.procoreId));
  const someSelected = items.some((i) => selected.has(i.procoreId));
  const columns = chooseExportColumns(recordType);
  const header = (column: ExportSortColumn, label: string, className?: string) => (
    <SortHeader column={column} label={label} sort={sort} onSort={onSort} className={className} />
  );
  return (
    <DataTable>
      <caption>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </caption>
      <thead>
        <tr>
          <th scope="col" style={{ width: 32 }}>
            <input
              type="checkbox"
              aria-label="Select all on this page"
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected && !allSelected;
              }}
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </th>
          {header('record', 'Record')}
          {columns.project ? header('project', 'Project') : null}
          {columns.commitment ? <th scope="col">{columns.commitmentLabel}</th> : null}
          {columns.amount ? header('amount', 'Amount', 'number') : null}
          {columns.procoreStatus ? header('procore_status', 'Procore status') : null}
          {header('status', 'Status')}
          <th scope="col">Details</th>
          {header('updated', 'Updated')}
          <th scope="col">
            <VisuallyHidden>Actions</VisuallyHidden>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const display = statusDisplayFor(item);
          return (
            <tr key={item.procoreId} data-testid={`export-row-${item.procoreId}`} data-status={item.status}>
              <td>
                <input type="checkbox" aria-label={`Select ${item.title}`} checked={selected.has(item.procoreId)} onChange={() => onToggle(item.procoreId)} />
              </td>
              <td>{item.title}</td>
              {columns.project ? <td>{item.projectName ?? '—'}</td> : null}
              {columns.commitment ? <td>{item.commitment?.title ?? '—'}</td> : null}
              {columns.amount ? (
                <td className="number">
                  {item.amount ? formatCents(toCents(item.amount)) : '—'}
                  <RetainageLines item={item} />
                </td>
              ) : null}
              {columns.procoreStatus ? <td>{item.procoreStatus ? procoreStatusWords(item.procoreStatus) : '—'}</td> : null}
              <td>
                <StatusPill label={display.label} color={display.color} />
              </td>
              <td>
                <ExportDetails item={item} />
                {eta && WAITS_FOR_WEB_CONNECTOR.has(item.status) ? (
                  <span data-testid="export-eta" style={{ display: 'block', fontSize: 12, color: eta.warning ? '#b42318' : '#5a6168' }}>
                    {eta.text}
                  </span>
                ) : null}
              </td>
              <td>{formatDateTime(item.updatedAt)}</td>
              <td>
                <Button variant="tertiary" size="sm" onClick={() => onPreview(item)} aria-label={`Preview ${item.title} in QuickBooks`}>
                  Preview
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/**
 * A column header that sorts: a button inside the header cell, and `aria-sort` on the cell saying the current
 * order (WAI-ARIA APG "Sortable Table"). First click ascending, then descending.
 */
function SortHeader({
  column,
  label,
  sort,
  onSort,
  className,
}: {
  column: ExportSortColumn;
  label: string;
  sort: ExportSort;
  onSort: (sort: ExportSort) => void;
  className?: string | undefined;
}) {
  const direction = sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={direction} className={className}>
      <button
        type="button"
        onClick={() => onSort(direction === 'ascending' ? `-${column}` : column)}
        style={{ background: 'none', border: 'none', padding: 0, font: 'inherit', fontWeight: 600, cursor: 'pointer', color: 'inherit' }}
      >
        {label}
        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}

/** Procore's status as Procore shows it: "approved_as_noted" → "Approved as noted". */
function procoreStatusWords(status: string): string {
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function ExportDetails({ item }: { item: ExportItem }) {
  // Listed only while a person would send or approve it: says why it cannot go yet (data safety).
  if (item.notReady && item.status !== 'rejected') return <span>{item.notReady.message}</span>;
  if (item.status === 'rejected') {
    return (
      <span>
        Rejected{item.decidedBy ? ` by ${item.decidedByName ?? item.decidedBy}` : ''}: “{item.decisionComment ?? 'no reason given'}”. Editable in Procore again;
        send it when fixed.
        {item.notReady ? <span style={{ display: 'block' }}>{item.notReady.message}</span> : null}
      </span>
    );
  }
  if (item.status === 'failed') {
    return (
      <span>
        {item.errorMessage ?? 'QuickBooks did not accept it.'}
        {item.qbStatusCode !== null ? (
          <span style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>
            QuickBooks {item.qbStatusCode}
            {item.qbStatusMessage ? `: ${item.qbStatusMessage}` : ''}
          </span>
        ) : null}
      </span>
    );
  }
  if (item.status === 'sent_to_accounting')
    return <span>Sent{item.sentBy ? ` by ${item.sentByName ?? item.sentBy}` : ''}; waiting for an accountant to approve.</span>;
  if ((item.status === 'queued' || item.status === 'approved') && item.waitingOn.length > 0)
    return <span>Waits for {(item.waitingOnTitles ?? item.waitingOn).join(', ')} to reach QuickBooks first.</span>;
  if (item.status === 'queued') return <span>Goes to QuickBooks the next time the Web Connector runs.</span>;
  if (item.status === 'in_flight') return <span>With the Web Connector now.</span>;
  if (item.status === 'synced' && item.linkedTo) return <span>Linked to {item.linkedTo.fullName} in QuickBooks.</span>;
  if (item.status === 'synced') return <span>In QuickBooks{item.qbId ? ` (${item.qbId})` : ''}.</span>;
  return <span style={{ color: '#5a6168' }}>—</span>;
}

const toCents = (amount: string) => Math.round(Number(amount) * 100);

/**
 * An owner invoice's retainage under its amount (issue 21): the amount is the QuickBooks invoice's total, net of the
 * retainage withheld; released retainage is billed on an invoice of its own. Nothing when there is none.
 */
function RetainageLines({ item }: { item: ExportItem }) {
  const lines = [
    item.retainageWithheld ? `Retainage withheld ${formatCents(toCents(item.retainageWithheld))}` : null,
    item.retainageReleased ? `Retainage released ${formatCents(toCents(item.retainageReleased))} (own invoice)` : null,
  ].filter((line): line is string => line !== null);
  return (
    <>
      {lines.map((line) => (
        <span key={line} style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>
          {line}
        </span>
      ))}
    </>
  );
}
