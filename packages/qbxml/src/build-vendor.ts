import type { Address, AmountInput, CommInfo, ListRef, PersonName } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';

/** Vendor fields a construction connector keeps in step with Procore companies (docs/integration-map.md#vendors). */
export interface VendorFields extends PersonName, CommInfo {
  isActive?: boolean;
  classRef?: ListRef;
  companyName?: string;
  vendorAddress?: Address;
  shipAddress?: Address;
  nameOnCheck?: string;
  accountNumber?: string;
  notes?: string;
  vendorTypeRef?: ListRef;
  termsRef?: ListRef;
  creditLimit?: AmountInput;
  vendorTaxIdent?: string;
  isVendorEligibleFor1099?: boolean;
}

export interface VendorAddRequest extends VendorFields {
  type: 'VendorAdd';
  name: string;
  externalGuid?: string;
}

export interface VendorModRequest extends VendorFields {
  type: 'VendorMod';
  listId: string;
  editSequence: string;
  name?: string;
}

const LABEL = 'Vendor';

/** qbxml130.xsd VendorAdd sequence. */
export function writeVendorAdd(f: FieldWriter, spec: VendorAddRequest): void {
  f.name('Name', spec.name, 'Vendor name', FIELD_LIMITS.vendorName);
  writeVendorFields(f, spec);
  // OpenBalance, OpenBalanceDate, BillingRateRef sit between here and ExternalGUID; not used.
  f.guid('ExternalGUID', spec.externalGuid, 'Vendor external GUID');
}

/** qbxml130.xsd VendorMod sequence: ListCoreMod, then the VendorAdd fields (Name optional). */
export function writeVendorMod(f: FieldWriter, spec: VendorModRequest): void {
  f.id('ListID', spec.listId, 'Vendor ListID').editSequence(spec.editSequence, 'Vendor EditSequence');
  f.optionalName('Name', spec.name, 'Vendor name', FIELD_LIMITS.vendorName);
  writeVendorFields(f, spec);
}

function writeVendorFields(f: FieldWriter, spec: VendorFields): void {
  f.bool('IsActive', spec.isActive, 'Vendor active flag')
    .ref('ClassRef', spec.classRef, 'Vendor class', FIELD_LIMITS.listRefFullName)
    .text('CompanyName', spec.companyName, 'Vendor company name', FIELD_LIMITS.companyName)
    .personName(spec, LABEL)
    .address('VendorAddress', spec.vendorAddress, 'Vendor address')
    .address('ShipAddress', spec.shipAddress, 'Vendor ship-to address')
    .commInfo(spec, LABEL)
    // AdditionalContactRef / Contacts(Mod) come here; not used.
    .text('NameOnCheck', spec.nameOnCheck, 'Vendor name on check', FIELD_LIMITS.nameOnCheck)
    .text('AccountNumber', spec.accountNumber, 'Vendor account number', FIELD_LIMITS.accountNumber)
    .text('Notes', spec.notes, 'Vendor notes', FIELD_LIMITS.notes)
    .ref('VendorTypeRef', spec.vendorTypeRef, 'Vendor type', FIELD_LIMITS.listRefFullName)
    .ref('TermsRef', spec.termsRef, 'Vendor terms', FIELD_LIMITS.simpleRefFullName)
    .amount('CreditLimit', spec.creditLimit, 'Vendor credit limit')
    .text('VendorTaxIdent', spec.vendorTaxIdent, 'Vendor tax ID', FIELD_LIMITS.vendorTaxIdent)
    .bool('IsVendorEligibleFor1099', spec.isVendorEligibleFor1099, 'Vendor 1099 flag');
}
