import { Button } from '../../../components/button.tsx';
import { useId, useRef, useState } from 'react';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { classMappingFromCsv, classMappingToCsv } from '../api/class-mapping-csv.ts';
import type { QbRef } from '../api/settings-queries.ts';

/**
 * The cost code → QuickBooks class mapping: edited row by row, or exported to CSV, changed in a spreadsheet
 * and imported back (replacing the table; a file with any bad line is refused whole, each problem named).
 */
export function ClassMappingEditor({
  value,
  onChange,
  problem,
}: {
  value: Record<string, QbRef>;
  onChange: (v: Record<string, QbRef>) => void;
  problem?: string | undefined;
}) {
  const [rows, setRows] = useState(() => Object.entries(value).map(([costCodeId, ref]) => ({ costCodeId, ...ref })));
  const [importProblems, setImportProblems] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const update = (next: typeof rows) => {
    setRows(next);
    onChange(Object.fromEntries(next.map((r) => [r.costCodeId.trim(), { listId: r.listId.trim(), fullName: r.fullName.trim() }])));
  };
  const csvHref = `data:text/csv;charset=utf-8,${encodeURIComponent(classMappingToCsv(value))}`;
  return (
    <div>
      <p className="hint">Procore standard cost code id → the QuickBooks class its lines carry. Leave empty to send no class.</p>
      {rows.length > 0 ? (
        <DataTable>
          <caption>
            <VisuallyHidden>Cost code to class mapping</VisuallyHidden>
          </caption>
          <thead>
            <tr>
              <th scope="col">Procore cost code id</th>
              <th scope="col">QuickBooks class (full name)</th>
              <th scope="col">Class ListID</th>
              <th scope="col">
                <VisuallyHidden>Remove</VisuallyHidden>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Cost code id, row ${i + 1}`}
                    inputMode="numeric"
                    value={row.costCodeId}
                    onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, costCodeId: e.target.value } : r)))}
                    style={{ width: 110 }}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Class full name, row ${i + 1}`}
                    value={row.fullName}
                    onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, fullName: e.target.value } : r)))}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Class ListID, row ${i + 1}`}
                    value={row.listId}
                    onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, listId: e.target.value } : r)))}
                  />
                </td>
                <td>
                  <Button type="button" variant="tertiary" size="sm" onClick={() => update(rows.filter((_, j) => j !== i))} aria-label={`Remove row ${i + 1}`}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>No cost code has a class.</p>
      )}
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginTop: 8 }}>
        <Button type="button" variant="secondary" size="sm" onClick={() => update([...rows, { costCodeId: '', listId: '', fullName: '' }])}>
          Add a cost code
        </Button>
        <a href={csvHref} download="cost-code-classes.csv">
          Export CSV<VisuallyHidden> of the cost code to class mapping</VisuallyHidden>
        </a>
        <label htmlFor={fileId} style={{ fontWeight: 400 }}>
          Import CSV{' '}
          <input
            id={fileId}
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const { mapping, problems } = classMappingFromCsv(await file.text());
              setImportProblems(problems);
              if (problems.length === 0) update(Object.entries(mapping).map(([costCodeId, ref]) => ({ costCodeId, ...ref })));
              if (fileInput.current) fileInput.current.value = '';
            }}
          />
        </label>
      </div>
      {importProblems.length > 0 ? (
        <div role="alert" className="problem">
          The file was not imported:
          <ul>
            {importProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
