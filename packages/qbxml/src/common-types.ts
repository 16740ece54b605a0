import type { AmountInput } from './format-amount.ts';
import type { DecimalInput } from './format-decimal.ts';

export type { AmountInput, DecimalInput };

/** A reference to a list entry: by ListID (preferred, survives renames) or by full name. */
export type ListRef = { listId: string; fullName?: never } | { fullName: string; listId?: never };

/** qbxml130.xsd AddressData group. */
export interface Address {
  addr1?: string;
  addr2?: string;
  addr3?: string;
  addr4?: string;
  addr5?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  note?: string;
}

/** qbxml130.xsd PersonName group (JobTitle follows it in Vendor/Customer). */
export interface PersonName {
  salutation?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  jobTitle?: string;
}

/** qbxml130.xsd CommInfo group. */
export interface CommInfo {
  phone?: string;
  mobile?: string;
  pager?: string;
  altPhone?: string;
  fax?: string;
  email?: string;
  cc?: string;
  contact?: string;
  altContact?: string;
}

/** qbXML DATETYPE: `YYYY-MM-DD`. */
export type QbDate = string;
/** qbXML DATETIMETYPE with the offset QuickBooks reported: `2026-11-20T08:00:00-05:00`. */
export type QbDateTime = string;

export type ActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';
export type MatchCriterion = 'StartsWith' | 'Contains' | 'EndsWith';
export type BillableStatus = 'Billable' | 'NotBillable' | 'HasBeenBilled';
