// Procore project → QuickBooks job: a Customer with ParentRef = the customer chosen at export
// (docs/integration-map.md#projects-and-jobs: Projects ↔ Jobs, "Customer:Job"; no sub-jobs). Name ≤ 41 (qbxml130.xsd CustomerAdd
// Name), full name Customer:Job ≤ 209 (CustomerRef FullName, FIELD_LIMITS.customerRefFullName).
// A project linked to an existing job (Jobs screen, or an earlier export) is never added again nor moved
// under another customer: a CustomerMod carries only the fields a person chose (data safety, linked-fields.ts).
import type { CustomerAddRequest, CustomerFields, CustomerModRequest } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { checkField } from './check-field.ts';
import { checkFullName, checkListName } from './check-list-name.ts';
import { cleanText, truncateText } from './clean-text.ts';
import { describeProject } from './describe-record.ts';
import type { ProjectExport } from './export-records.ts';
import { addressPreview, buildLinkedMod, candidate, joinAddress, type LinkedCandidate } from './linked-fields.ts';
import { succeed } from './make-result.ts';
import type { MappingContext, MappingResult, QbListLink } from './mapping-types.ts';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import { splitAddress } from './split-address.ts';
import { toQbDate } from './to-qb-date.ts';

export function mapProject(input: ProjectExport, ctx: MappingContext): MappingResult<CustomerAddRequest | CustomerModRequest> {
  const { project } = input;
  const owner = describeProject(project);
  const link = ctx.links.job(project.id);
  if (link) return mapLinkedProject(input, link);
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

  const fields: CustomerFields = { parentRef: { listId: customer.listId } };
  if (project.active === false) fields.isActive = false;
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

  return succeed<CustomerAddRequest>({ type: 'CustomerAdd', name: name.name, ...fields }, preview);
}

/**
 * A job already in QuickBooks: a CustomerMod on the link with the chosen fields only. Never ParentRef: the
 * job stays under the customer it has in QuickBooks, whatever customer the project would get if it were new.
 */
function mapLinkedProject(input: ProjectExport, link: QbListLink): MappingResult<CustomerModRequest> {
  const { project } = input;
  const owner = describeProject(project);
  const name = checkListName(project.name, {
    what: 'job name',
    record: `Procore project ${project.id}`,
    limit: FIELD_LIMITS.customerName,
    fix: 'Shorten the project name in Procore, or leave the name out of the fields sent.',
  });
  const address = splitAddress(
    { street: project.address, city: project.city, state: project.state_code, postalCode: project.zip, country: project.country_code },
    `The address of ${owner}`,
  );
  const description = cleanText(project.description);
  const text = (v: string) => v;
  const candidates: Array<LinkedCandidate<CustomerModRequest>> = [
    candidate('Name', 'name', name.ok ? { ok: true, value: name.name } : name, text, (m, v) => {
      m.name = v;
    }),
    candidate(
      'Ship to',
      'address, city, state_code, zip, country_code',
      address.ok ? { ok: true, value: address.address } : address,
      joinAddress,
      (m, v) => {
        m.shipAddress = v;
      },
      addressPreview('Ship to', 'address, city, state_code, zip, country_code'),
    ),
    candidate(
      'Account number',
      'project_number',
      checkField(project.project_number, FIELD_LIMITS.accountNumber, 'AccountNumber', 'project number', owner),
      text,
      (m, v) => {
        m.accountNumber = v;
      },
    ),
    candidate('Start date', 'start_date', { ok: true, value: toQbDate(project.start_date) }, text, (m, v) => {
      m.jobStartDate = v;
    }),
    candidate('Projected end date', 'completion_date', { ok: true, value: toQbDate(project.completion_date) }, text, (m, v) => {
      m.jobProjectedEndDate = v;
    }),
    candidate(
      'Job description',
      'description',
      { ok: true, value: description === '' ? null : truncateText(description, FIELD_LIMITS.jobDesc) },
      text,
      (m, v) => {
        m.jobDesc = v;
      },
    ),
    candidate(
      'Active',
      'active',
      { ok: true, value: typeof project.active === 'boolean' ? project.active : null },
      (v) => (v ? 'Yes' : 'No'),
      (m, v) => {
        m.isActive = v;
      },
    ),
  ];
  return buildLinkedMod<CustomerModRequest>({
    kind: 'job',
    owner,
    link,
    candidates,
    chosen: input.fields,
    base: { type: 'CustomerMod', listId: link.listId, editSequence: link.editSequence },
  });
}
