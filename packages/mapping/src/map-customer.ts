// A new top-level QuickBooks customer, typed at export when the project's owner is not in QuickBooks yet
// (issue: "Customer with ParentRef = the customer chosen at export, new or existing"). Sent before the job.
import type { CustomerAddRequest } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { checkListName } from './check-list-name.ts';
import { succeed } from './make-result.ts';
import type { MappingResult } from './mapping-types.ts';

export interface NewCustomerInput {
  name: string;
  /** The project it is created for, named in messages. */
  projectId?: number;
}

export function mapCustomer(input: NewCustomerInput): MappingResult<CustomerAddRequest> {
  const name = checkListName(input.name, {
    what: 'customer name',
    record: input.projectId === undefined ? 'typed at export' : `typed at export for Procore project ${input.projectId}`,
    limit: FIELD_LIMITS.customerName,
    fix: 'Type a shorter customer name and export again.',
  });
  if (!name.ok) return name;
  const preview = new PreviewBuilder().add('Name', name.name, 'typed at export').add('Company name', name.name, 'typed at export').build();
  return succeed<CustomerAddRequest>({ type: 'CustomerAdd', name: name.name, companyName: name.name }, preview);
}
