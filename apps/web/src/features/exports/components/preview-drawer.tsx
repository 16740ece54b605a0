import { useQuery } from '@tanstack/react-query';
import { Banner } from '@procore/core-react';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { applyExportAction, exportKeys, exportPreviewQuery, type ExportItem, type ExportPreview, type LinkedFieldChange } from '../api/export-queries.ts';
import { summarizeResults } from '../api/export-statuses.ts';
import { groupPreviewLines } from '../api/group-preview-lines.ts';

/** What QuickBooks would get, field by field, and what has to go first ("(new) …" dependencies). */
export function PreviewDrawer({ item, onClose }: { item: ExportItem | null; onClose: () => void }) {
  return (
    <Dialog open={item !== null} title={item ? `Preview: ${item.title}` : 'Preview'} onClose={onClose} placement="side">
      {item ? <PreviewBody item={item} /> : null}
    </Dialog>
  );
}

function PreviewBody({ item }: { item: ExportItem }) {
  const { company } = useCompany();
  const query = useQuery(exportPreviewQuery(company.id, item.recordType, item.procoreId));
  return (
    <QueryState query={query} label="Loading the QuickBooks preview">
      {(preview) => (
        <div>
          {preview.problem ? (
            <Banner variant="error" style={{ marginBottom: 12 }}>
              <Banner.Content>
                <Banner.Title>It cannot go to QuickBooks yet</Banner.Title>
                <Banner.Body>
                  {preview.problem.message} <span style={{ fontSize: 12 }}>(Code: {preview.problem.code})</span>
                </Banner.Body>
              </Banner.Content>
            </Banner>
          ) : null}
          {preview.notice ? <p>{preview.notice}</p> : null}
          {preview.linked ? <LinkedFields item={item} linked={preview.linked} changes={preview.changes ?? []} /> : null}
          {preview.action ? (
            <p>
              QuickBooks action: <strong>{preview.action === 'create' ? 'create a new record' : preview.action}</strong>
            </p>
          ) : null}
          <PreviewFields fields={preview.fields} />
          {preview.dependencies.length > 0 ? (
            <>
              <h3 style={{ fontSize: 16, marginTop: 16 }}>Goes to QuickBooks first</h3>
              <ul>
                {preview.dependencies.map((d) => (
                  <li key={`${d.kind}-${d.procoreId}`}>
                    {d.kind.replace('_', ' ')}: {d.label}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      )}
    </QueryState>
  );
}

/** The record's own fields as a list, and its lines (if any) as a table of lines: one row per QuickBooks line. */
function PreviewFields({ fields }: { fields: ExportPreview['fields'] }) {
  const { header, columns, lines } = groupPreviewLines(fields);
  return (
    <>
      <DataTable>
        <caption>Fields sent to QuickBooks</caption>
        <thead>
          <tr>
            <th scope="col">QuickBooks field</th>
            <th scope="col">Value</th>
            <th scope="col">From Procore</th>
          </tr>
        </thead>
        <tbody>
          {header.map((f, i) => (
            <tr key={`${f.field}-${i}`}>
              <td>{f.field}</td>
              <td>{f.value}</td>
              <td>{f.source}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {lines.length > 0 ? (
        <DataTable style={{ marginTop: 16 }}>
          <caption>{`Lines sent to QuickBooks (${lines.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {columns.map((c) => (
                <th scope="col" key={c} className={c === 'amount' ? 'number' : undefined}>
                  {c.charAt(0).toUpperCase() + c.slice(1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map(({ line, values }) => (
              <tr key={line}>
                <th scope="row">{line}</th>
                {columns.map((c) => (
                  <td key={c} className={c === 'amount' ? 'number' : undefined}>
                    {values[c] ?? '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}

/**
 * A record linked to an entry already in QuickBooks (data safety): QuickBooks' value beside Procore's, field by
 * field; nothing changes in QuickBooks unless the person ticks fields and sends them (then approval as usual).
 * The ticks start from the fields already chosen, or what the company's vendor update policy proposes.
 */
function LinkedFields({ item, linked, changes }: { item: ExportItem; linked: { fullName: string; readAt: string | null }; changes: LinkedFieldChange[] }) {
  const { company } = useCompany();
  const toast = useToast();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(changes.filter((c) => c.selected).map((c) => c.field)));
  const send = useAction(
    (fields: string[], key: string) => applyExportAction(company.id, item.recordType, 'send', { procoreIds: [item.procoreId], options: { fields } }, key),
    {
      invalidates: () => [exportKeys.all(company.id)],
      onSuccess: (result) => {
        const summary = summarizeResults('send', result.results);
        toast.show(summary.message, summary.tone);
      },
    },
  );
  const toggle = (field: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(field)) next.delete(field);
      else next.add(field);
      return next;
    });
  return (
    <div style={{ marginBottom: 16 }}>
      <p>
        Linked to <strong>{linked.fullName}</strong> in QuickBooks: it is already there, and nothing is sent unless you choose fields below.
        {linked.readAt ? null : ' (QuickBooks values appear after a refresh of this list.)'}
      </p>
      <DataTable>
        <caption>QuickBooks now → from Procore</caption>
        <thead>
          <tr>
            <th scope="col">Send</th>
            <th scope="col">QuickBooks field</th>
            <th scope="col">In QuickBooks</th>
            <th scope="col">In Procore</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Send ${c.field}`}
                  checked={chosen.has(c.field)}
                  disabled={Boolean(c.problem) || c.after === null}
                  onChange={() => toggle(c.field)}
                />
              </td>
              <td>{c.field}</td>
              <td>{c.beforeKnown ? (c.before ?? '—') : 'not read'}</td>
              <td>
                {c.after ?? '—'}
                {c.problem ? <span style={{ display: 'block', fontSize: 12, color: '#b00020' }}>{c.problem}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <RoleButton action="sendToAccounting" variant="primary" disabled={chosen.size === 0 || send.isPending} onClick={() => void send.run([...chosen])}>
        {`Send ${chosen.size} chosen field${chosen.size === 1 ? '' : 's'} to accounting`}
      </RoleButton>
    </div>
  );
}
