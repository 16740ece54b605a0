import { Button } from '../../../components/button.tsx';
import { useId, useRef, useState } from 'react';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { classMappingFromCsv, classMappingToCsv } from '../api/class-mapping-csv.ts';
import type { ProcoreCostCode, QbRef } from '../api/settings-queries.ts';
import { ListNotRead, QuickBooksRefPicker, type ListRefresh, type PickerList } from './quickbooks-ref-picker.tsx';

/**
 * The cost code → QuickBooks class mapping: edited row by row, or exported to CSV, changed in a spreadsheet
 * and imported back (replacing the table; a file with any bad line is refused whole, each problem named).
 * Cost codes are chosen from the connector's copy of Procore and classes from its copy of the QuickBooks class
 * list (issue 18 item 4); an id no longer in either stays visible and marked. Before the class list was ever read
 * (or while Procore's cost codes are not there), the ids are typed in as before.
 */
export function ClassMappingEditor({
  value,
  onChange,
  problem,
  classes,
  costCodes,
  refresh,
}: {
  value: Record<string, QbRef>;
  onChange: (v: Record<string, QbRef>) => void;
  problem?: string | undefined;
  classes: PickerList;
  /** null = not loaded (or could not be): ids are typed. */
  costCodes: ProcoreCostCode[] | null;
  refresh: ListRefresh;
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
  const pickClass = classes.state === 'ready' && classes.readAt !== null;
  const pickCode = costCodes !== null && costCodes.length > 0;
  return (
    <div>
      <p className="hint">Procore standard cost code → the QuickBooks class its lines carry. Leave empty to send no class.</p>
      {classes.state === 'error' ? <ErrorNotice error={classes.error} title="Could not load the QuickBooks class list" onRetry={classes.retry} /> : null}
      {classes.state === 'ready' && classes.readAt === null ? <ListNotRead listName="class list" pending={classes.refreshPending} refresh={refresh} /> : null}
      {costCodes !== null && costCodes.length === 0 ? (
        <p className="hint">No Procore cost codes in the connector&apos;s copy of Procore yet: type their ids.</p>
      ) : null}
      {rows.length > 0 ? (
        <DataTable>
          <caption>
            <VisuallyHidden>Cost code to class mapping</VisuallyHidden>
          </caption>
          <thead>
            <tr>
              <th scope="col">{pickCode ? 'Procore cost code' : 'Procore cost code id'}</th>
              {pickClass ? (
                <th scope="col">QuickBooks class</th>
              ) : (
                <>
                  <th scope="col">QuickBooks class (full name)</th>
                  <th scope="col">Class ListID</th>
                </>
              )}
              <th scope="col">
                <VisuallyHidden>Remove</VisuallyHidden>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>
                  {pickCode ? (
                    <CostCodeSelect
                      label={`Cost code, row ${i + 1}`}
                      costCodes={costCodes}
                      value={row.costCodeId}
                      onChange={(costCodeId) => update(rows.map((r, j) => (j === i ? { ...r, costCodeId } : r)))}
                    />
                  ) : (
                    <input
                      aria-label={`Cost code id, row ${i + 1}`}
                      inputMode="numeric"
                      value={row.costCodeId}
                      onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, costCodeId: e.target.value } : r)))}
                      style={{ width: 110 }}
                    />
                  )}
                </td>
                {pickClass ? (
                  <td>
                    <QuickBooksRefPicker
                      id={`${fileId}-class-${i}`}
                      ariaLabel={`Class, row ${i + 1}`}
                      list={classes}
                      listName="class list"
                      value={row.listId || row.fullName ? { listId: row.listId, fullName: row.fullName } : null}
                      onChange={(ref) => update(rows.map((r, j) => (j === i ? { ...r, listId: ref?.listId ?? '', fullName: ref?.fullName ?? '' } : r)))}
                      refresh={refresh}
                    />
                  </td>
                ) : (
                  <>
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
                  </>
                )}
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

/** A Procore standard cost code from our copy of Procore; an id no longer there stays, marked. */
function CostCodeSelect({
  label,
  costCodes,
  value,
  onChange,
}: {
  label: string;
  costCodes: ProcoreCostCode[];
  value: string;
  onChange: (costCodeId: string) => void;
}) {
  const known = costCodes.some((c) => String(c.id) === value.trim());
  return (
    <select aria-label={label} value={value.trim()} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a cost code</option>
      {value.trim() && !known ? <option value={value.trim()}>{`Cost code ${value.trim()} (no longer in Procore)`}</option> : null}
      {costCodes.map((c) => (
        <option key={c.id} value={String(c.id)}>
          {`${c.code} ${c.name}`}
        </option>
      ))}
    </select>
  );
}
