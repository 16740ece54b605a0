import type { Address, AmountInput, CommInfo, ListRef, PersonName, QbDate } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';

export const JOB_STATUSES = ['Awarded', 'Closed', 'InProgress', 'None', 'NotAwarded', 'Pending'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Customer fields. A QuickBooks Job is a Customer with a ParentRef (the owner /
 * general-contract customer) — that is how Procore projects land (docs/integration-map.md#projects-and-jobs).
 */
export interface CustomerFields extends PersonName, CommInfo {
  isActive?: boolean;
  classRef?: ListRef;
  /** Set for a Job: the customer it belongs to. */
  parentRef?: ListRef;
  companyName?: string;
  billAddress?: Address;
  shipAddress?: Address;
  printAs?: string;
  customerTypeRef?: ListRef;
  termsRef?: ListRef;
  salesTaxCodeRef?: ListRef;
  accountNumber?: string;
  creditLimit?: AmountInput;
  jobStatus?: JobStatus;
  jobStartDate?: QbDate;
  jobProjectedEndDate?: QbDate;
  jobEndDate?: QbDate;
  jobDesc?: string;
  jobTypeRef?: ListRef;
  notes?: string;
}

export interface CustomerAddRequest extends CustomerFields {
  type: 'CustomerAdd';
  name: string;
  externalGuid?: string;
}

export interface CustomerModRequest extends CustomerFields {
  type: 'CustomerMod';
  listId: string;
  editSequence: string;
  name?: string;
}

function entityLabel(spec: CustomerFields): string {
  return spec.parentRef === undefined ? 'Customer' : 'Job';
}

/** qbxml130.xsd CustomerAdd sequence. */
export function writeCustomerAdd(f: FieldWriter, spec: CustomerAddRequest): void {
  const label = entityLabel(spec);
  f.name('Name', spec.name, `${label} name`, FIELD_LIMITS.customerName);
  writeCustomerFields(f, spec, label);
  writeJobAndNotes(f, spec, label);
  f.guid('ExternalGUID', spec.externalGuid, `${label} external GUID`);
}

/** qbxml130.xsd CustomerMod sequence: ListCoreMod, then the CustomerAdd fields (Name optional). */
export function writeCustomerMod(f: FieldWriter, spec: CustomerModRequest): void {
  const label = entityLabel(spec);
  f.id('ListID', spec.listId, `${label} ListID`).editSequence(spec.editSequence, `${label} EditSequence`);
  f.optionalName('Name', spec.name, `${label} name`, FIELD_LIMITS.customerName);
  writeCustomerFields(f, spec, label);
  writeJobAndNotes(f, spec, label);
}

function writeCustomerFields(f: FieldWriter, spec: CustomerFields, label: string): void {
  f.bool('IsActive', spec.isActive, `${label} active flag`)
    .ref('ClassRef', spec.classRef, `${label} class`, FIELD_LIMITS.listRefFullName)
    .ref('ParentRef', spec.parentRef, `${label} parent customer`, FIELD_LIMITS.customerRefFullName)
    .text('CompanyName', spec.companyName, `${label} company name`, FIELD_LIMITS.companyName)
    .personName(spec, label)
    .address('BillAddress', spec.billAddress, `${label} bill-to address`)
    .address('ShipAddress', spec.shipAddress, `${label} ship-to address`)
    .text('PrintAs', spec.printAs, `${label} print-as name`, FIELD_LIMITS.printAs)
    .commInfo(spec, label)
    .ref('CustomerTypeRef', spec.customerTypeRef, `${label} customer type`, FIELD_LIMITS.listRefFullName)
    .ref('TermsRef', spec.termsRef, `${label} terms`, FIELD_LIMITS.simpleRefFullName)
    // SalesRepRef, and OpenBalance/OpenBalanceDate (CustomerAdd only), sit here; not used.
    .ref('SalesTaxCodeRef', spec.salesTaxCodeRef, `${label} sales tax code`, FIELD_LIMITS.salesTaxCodeRefFullName)
    .text('AccountNumber', spec.accountNumber, `${label} account number`, FIELD_LIMITS.accountNumber)
    .amount('CreditLimit', spec.creditLimit, `${label} credit limit`);
}

function writeJobAndNotes(f: FieldWriter, spec: CustomerFields, label: string): void {
  f.enumValue('JobStatus', spec.jobStatus, JOB_STATUSES, `${label} status`)
    .date('JobStartDate', spec.jobStartDate, `${label} start date`)
    .date('JobProjectedEndDate', spec.jobProjectedEndDate, `${label} projected end date`)
    .date('JobEndDate', spec.jobEndDate, `${label} end date`)
    .text('JobDesc', spec.jobDesc, `${label} description`, FIELD_LIMITS.jobDesc)
    .ref('JobTypeRef', spec.jobTypeRef, `${label} job type`, FIELD_LIMITS.listRefFullName)
    .text('Notes', spec.notes, `${label} notes`, FIELD_LIMITS.notes);
}
