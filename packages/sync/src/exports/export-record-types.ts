import type { ProcoreResourceType } from '../procore/procore-resources.ts';
import type { ExportRecordType } from './export-workflow.ts';

/** Which of our Procore copies each export type reads (a budget is exported per project). */
export const SOURCE_RESOURCES: Record<ExportRecordType, readonly ProcoreResourceType[]> = {
  cost_code: ['standard_cost_code'],
  project: ['project'],
  vendor: ['vendor'],
  budget: ['project'],
  commitment: ['work_order_contract', 'purchase_order_contract'],
  change_order: ['commitment_change_order'],
  invoice: ['requisition'],
  owner_invoice: ['payment_application'],
  prime_contract: ['prime_contract'],
  prime_change_order: ['prime_change_order'],
};

type Data = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const join = (...parts: unknown[]) => parts.map(text).filter(Boolean).join(' ');

/**
 * The line people see in lists, from the Procore record (procore_records.data, or Procore's answer). Display only: a
 * stored copy that is not an object (damaged) gives the type and "(unreadable copy)" instead of failing the list, and a
 * field of the wrong type is left out (text). Owner invoices and prime contracts are told apart by their project
 * (every project's first one is "#1"): the project follows as " — <project>" (the name the caller passes, else the
 * copy's), unless `withProject` is false because the project is shown beside the title (the export list's column).
 */
export function titleFor(recordType: ExportRecordType, stored: unknown, projectName?: string | null, options: { withProject?: boolean } = {}): string {
  const data: Data = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Data) : {};
  const id = text(data['id']) || '(unreadable copy)';
  const withProject = options.withProject ?? true;
  switch (recordType) {
    case 'vendor':
      return text(data['name']) || `Vendor ${id}`;
    case 'project':
      return join(data['project_number'], data['name']) || `Project ${id}`;
    case 'budget':
      return `Budget — ${join(data['project_number'], data['name']) || id}`;
    case 'cost_code':
      return join(data['full_code'] ?? data['code'], data['name']) || `Cost code ${id}`;
    case 'commitment': {
      const vendor = (data['vendor'] as Data | null | undefined)?.['name'] ?? (data['vendor'] as Data | null | undefined)?.['company'];
      return `${join(data['number'], data['title']) || `Commitment ${id}`}${vendor ? ` — ${text(vendor)}` : ''}`;
    }
    case 'change_order':
      return join('CCO', data['number'], data['title']) || `Change order ${id}`;
    case 'invoice':
      return `Invoice ${text(data['invoice_number']) || `#${text(data['number'])}`}${data['vendor_name'] ? ` — ${text(data['vendor_name'])}` : ''}`;
    case 'owner_invoice': {
      // Procore's Show Payment Application: `number` (the application's sequence on its prime contract), `invoice_number`
      // (free text, often "PA-003"), `period_end` (packages/procore/API-CONTRACT.md). A payment application names its
      // project by id only: the caller passes the name.
      const invoiceNumber = text(data['invoice_number']).trim();
      const name = `Owner invoice ${text(data['number']) ? `#${text(data['number'])}` : id}${invoiceNumber && invoiceNumber !== text(data['number']) ? ` (${invoiceNumber})` : ''}`;
      const periodEnd = text(data['period_end']).slice(0, 10);
      const project = withProject ? text(projectName) || text((data['project'] as Data | null | undefined)?.['name']) : '';
      return `${name}${periodEnd ? ` · period to ${periodEnd}` : ''}${project ? ` — ${project}` : ''}`;
    }
    case 'prime_contract': {
      const project = withProject ? text(projectName) : '';
      return `Prime contract ${join(text(data['number']) ? `#${text(data['number'])}` : id, data['title'])}${project ? ` — ${project}` : ''}`;
    }
    case 'prime_change_order':
      return join('PCCO', text(data['number']) ? `#${text(data['number'])}` : '', data['title']) || `Prime change order ${id}`;
  }
}
