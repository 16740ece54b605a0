import { useQuery } from '@tanstack/react-query';
import { Banner } from '@procore/core-react';
import { DataTable } from '../../../components/data-table.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { useCompany } from '../../../lib/session.ts';
import { exportPreviewQuery, type ExportItem } from '../api/export-queries.ts';

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
          {preview.action ? <p>QuickBooks action: <strong>{preview.action === 'create' ? 'create a new record' : preview.action}</strong></p> : null}
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
              {preview.fields.map((f, i) => (
                <tr key={`${f.field}-${i}`}>
                  <td>{f.field}</td>
                  <td>{f.value}</td>
                  <td>{f.source}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
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
