import { useQuery } from '@tanstack/react-query';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { PageSection } from '../../../components/page-section.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { formatCents, formatDateTime } from '../../../lib/format.ts';
import { ownerReconciliationCsvUrl, ownerReconciliationQuery, type OwnerReconciliation } from '../api/job-cost-queries.ts';

/** The figures in the order the issue lists them (issue 21), each with where it comes from, for the accountant. */
const FIGURES: Array<{ key: keyof OwnerReconciliation; label: string; source: string }> = [
  { key: 'contractValueCents', label: 'Contract value', source: 'Procore prime contracts, revised (with approved change orders)' },
  { key: 'billedToOwnerCents', label: 'Billed to owner', source: 'Procore approved owner invoices, before retainage' },
  { key: 'invoicedInQuickBooksCents', label: 'Invoiced in QuickBooks', source: 'QuickBooks invoices exported from those owner invoices, after retainage' },
  { key: 'receivedCents', label: 'Received', source: 'QuickBooks payments received on those invoices' },
  { key: 'retainageReceivableCents', label: 'Retainage receivable', source: 'Withheld less released on the approved owner invoices' },
  { key: 'marginOnCommittedCents', label: 'Margin on committed', source: 'Billed to owner less committed (Procore)' },
  { key: 'marginOnBilledCents', label: 'Margin on billed by subs', source: 'Billed to owner less subcontractor invoices (Procore)' },
];

/** "Owner side" of one project's reconciliation: what the owner was billed and paid beside what the project costs (issue 21). */
export function OwnerSideSection({ companyId, projectId }: { companyId: string; projectId: string }) {
  const owner = useQuery(ownerReconciliationQuery(companyId, projectId));
  return (
    <QueryState query={owner} label="Loading the owner side">
      {(o) => {
        const name = o.projectName ?? `Project ${o.procoreProjectId}`;
        return (
          <PageSection
            title={`${name}: owner side`}
            actions={
              <a href={ownerReconciliationCsvUrl(companyId, projectId)} download>
                Download CSV<VisuallyHidden>{` of ${name} owner side`}</VisuallyHidden>
              </a>
            }
          >
            <DataTable>
              <caption>{`${name} billed to the owner and received, as of ${formatDateTime(o.asOf)}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  <th scope="col" className="number">
                    Amount
                  </th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {FIGURES.map((f) => (
                  <tr key={f.key} data-testid={`owner-${f.key}`}>
                    <th scope="row">{f.label}</th>
                    <td className="number">{formatCents(o[f.key] as number | null)}</td>
                    <td>{f.source}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <OwnerNotes owner={o} />
          </PageSection>
        );
      }}
    </QueryState>
  );
}

/** What the figures leave out, said rather than hidden: owner invoices not in QuickBooks yet, unreadable records, Procore not read. */
function OwnerNotes({ owner: o }: { owner: OwnerReconciliation }) {
  const notes: string[] = [];
  if (o.notExportedOwnerInvoices > 0) {
    notes.push(
      `${o.notExportedOwnerInvoices} of ${o.approvedOwnerInvoices} approved owner invoices ${o.notExportedOwnerInvoices === 1 ? 'is' : 'are'} not in QuickBooks yet: send ${o.notExportedOwnerInvoices === 1 ? 'it' : 'them'} from Export to QuickBooks → Owner invoices.`,
    );
  }
  if (o.billedNetCents !== o.invoicedInQuickBooksCents) {
    notes.push(`Procore billed ${formatCents(o.billedNetCents)} after retainage; QuickBooks invoices add up to ${formatCents(o.invoicedInQuickBooksCents)}.`);
  }
  if (o.unreadablePrimeContracts > 0)
    notes.push(`${o.unreadablePrimeContracts} prime contract(s) could not be read and are left out of the contract value; refresh from Procore.`);
  if (o.unreadableOwnerInvoices > 0)
    notes.push(`${o.unreadableOwnerInvoices} approved owner invoice(s) could not be read and are left out; refresh from Procore.`);
  if (o.unreadablePayments > 0) notes.push(`${o.unreadablePayments} QuickBooks payment(s) received could not be read and are left out of Received.`);
  if (o.procoreError) notes.push(`The margins need Procore’s committed figures, which could not be read: ${o.procoreError}`);
  if (notes.length === 0) return null;
  return (
    <ul data-testid="owner-notes" style={{ color: '#5a6168' }}>
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
