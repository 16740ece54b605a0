// Procore project → QuickBooks job: a Customer with ParentRef = the customer chosen at export
// (DESIGN.md §2: Projects ↔ Jobs, "Customer:Job"; no sub-jobs). Name ≤ 41 (qbxml130.xsd CustomerAdd
// Name), full name Customer:Job ≤ 209 (CustomerRef FullName, FIELD_LIMITS.customerRefFullName).
import type { CustomerAddRequest, CustomerFields, CustomerModRequest } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { checkField } from './check-field.ts';
import { checkFullName, checkListName } from './check-list-name.ts';
import { cleanText, truncateText } from './clean-text.ts';
import { describeProject } from './describe-record.ts';
import type { ProjectExport } from './export-records.ts';
import { succeed } from './make-result.ts';
import type { MappingContext, MappingResult } from './mapping-types.ts';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import { splitAddress } from './split-address.ts';
import { toQbDate } from './to-qb-date.ts';

export function mapProject(input: ProjectExport, ctx: MappingContext): MappingResult<CustomerAddRequest | CustomerModRequest> {
  const { project } = input;
  const owner = describeProject(project);
  const missing = planDependencies({ type: 'project', project }, ctx.links);
  if (missing.length > 0) return refuseMissing(`the job for ${owner}`, missing);
  const customer = ctx.links.customerForProject(project.id)!;

  const name = checkListName(project.name, {
    what: 'job name',
    record: `Procore project ${project.id}`,
    limit: FIELD_LIMITS.customerName,
    fix: 'Shorten the project name in Procore and export again.',
  });
  if (!name.ok) return name;
  const fullName = `${customer.fullName}:${name.name}`;
  const tooLong = checkFullName(fullName, FIELD_LIMITS.customerRefFullName, 'job', `Procore project ${project.id}`);
  if (tooLong) return tooLong;

  // The project address is the job site: QuickBooks' ship-to address of the job (the bill-to address
  // belongs to the customer who pays).
  const address = splitAddress(
    { street: project.address, city: project.city, state: project.state_code, postalCode: project.zip, country: project.country_code },
    `The address of ${owner}`,
  );
  if (!address.ok) return address;
  const accountNumber = checkField(project.project_number, FIELD_LIMITS.accountNumber, 'AccountNumber', 'project number', owner);
  if (!accountNumber.ok) return accountNumber;

  const link = ctx.links.job(project.id);
  const fields: CustomerFields = { parentRef: { listId: customer.listId } };
  if (project.active === false || (link && project.active === true)) fields.isActive = project.active;
  if (address.address) fields.shipAddress = address.address;
  if (accountNumber.value !== undefined) fields.accountNumber = accountNumber.value;
  const start = toQbDate(project.start_date);
  if (start) fields.jobStartDate = start;
  const end = toQbDate(project.completion_date);
  if (end) fields.jobProjectedEndDate = end;
  // JobDesc is free text of at most 99 characters: a longer description is shortened with "…", not refused.
  const description = cleanText(project.description);
  if (description !== '') fields.jobDesc = truncateText(description, FIELD_LIMITS.jobDesc);

  const preview = new PreviewBuilder()
    .add('Name', name.name, 'name')
    .add('Customer', customer.fullName, 'customer chosen at export')
    .add('Full name', fullName)
    .address('Ship to', address.address, 'address, city, state_code, zip, country_code')
    .add('Account number', fields.accountNumber, 'project_number')
    .add('Start date', fields.jobStartDate, 'start_date')
    .add('Projected end date', fields.jobProjectedEndDate, 'completion_date')
    .add('Job description', fields.jobDesc, 'description')
    .add('Active', fields.isActive === undefined ? undefined : fields.isActive ? 'Yes' : 'No', 'active')
    .build();

  if (link) {
    return succeed<CustomerModRequest>({ type: 'CustomerMod', listId: link.listId, editSequence: link.editSequence, name: name.name, ...fields }, preview);
  }
  return succeed<CustomerAddRequest>({ type: 'CustomerAdd', name: name.name, ...fields }, preview);
}
