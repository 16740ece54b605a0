// Procore company (Directory vendor) → QuickBooks vendor (docs/integration-map.md#vendors: Companies ↔ Vendors, VendorAdd/Mod).
// Matching an existing QuickBooks vendor by name is the caller's job (match-vendor-name.ts); once linked,
// the vendor is never added again, and a VendorMod carries only the fields a person chose (data safety,
// linked-fields.ts): a linked vendor's name, address and phone in QuickBooks are not overwritten otherwise.
import type { VendorAddRequest, VendorFields, VendorModRequest } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { checkField } from './check-field.ts';
import { checkListName } from './check-list-name.ts';
import { describeVendor } from './describe-record.ts';
import type { VendorExport } from './export-records.ts';
import { addressPreview, buildLinkedMod, candidate, joinAddress, type LinkedCandidate } from './linked-fields.ts';
import { succeed } from './make-result.ts';
import type { MappingContext, MappingResult, QbListLink } from './mapping-types.ts';
import { splitAddress } from './split-address.ts';

export function mapVendor(input: VendorExport, ctx: MappingContext): MappingResult<VendorAddRequest | VendorModRequest> {
  const { vendor } = input;
  const link = ctx.links.vendor(vendor.id);
  if (link) return mapLinkedVendor(input, link);
  const owner = describeVendor(vendor);
  const name = checkListName(vendor.name, {
    what: 'vendor name',
    record: `Procore company ${vendor.id}`,
    limit: FIELD_LIMITS.vendorName,
    fix: "Shorten the company's name in the Procore Directory, or link the company to an existing QuickBooks vendor, and export again.",
  });
  if (!name.ok) return name;

  const address = splitAddress(
    { street: vendor.address, city: vendor.city, state: vendor.state_code, postalCode: vendor.zip, country: vendor.country_code },
    `The address of ${owner}`,
  );
  if (!address.ok) return address;

  const phone = checkField(vendor.business_phone, FIELD_LIMITS.phone, 'Phone', 'phone number', owner);
  if (!phone.ok) return phone;
  const mobile = checkField(vendor.mobile_phone, FIELD_LIMITS.phone, 'Mobile', 'mobile number', owner);
  if (!mobile.ok) return mobile;
  const fax = checkField(vendor.fax_number, FIELD_LIMITS.phone, 'Fax', 'fax number', owner);
  if (!fax.ok) return fax;
  const email = checkField(vendor.email_address, FIELD_LIMITS.email, 'Email', 'e-mail address', owner);
  if (!email.ok) return email;

  const fields: VendorFields = {};
  // A new vendor is active unless Procore says otherwise.
  if (vendor.is_active === false) fields.isActive = false;
  // CompanyName is the name printed on checks and POs; same limit as Name (41), so it always fits.
  fields.companyName = name.name;
  if (address.address) fields.vendorAddress = address.address;
  if (phone.value !== undefined) fields.phone = phone.value;
  if (mobile.value !== undefined) fields.mobile = mobile.value;
  if (fax.value !== undefined) fields.fax = fax.value;
  if (email.value !== undefined) fields.email = email.value;

  const preview = new PreviewBuilder()
    .add('Name', name.name, 'name')
    .add('Company name', fields.companyName, 'name')
    .address('Address', address.address, 'address, city, state_code, zip, country_code')
    .add('Phone', fields.phone, 'business_phone')
    .add('Mobile', fields.mobile, 'mobile_phone')
    .add('Fax', fields.fax, 'fax_number')
    .add('Email', fields.email, 'email_address')
    .add('Active', fields.isActive === undefined ? undefined : fields.isActive ? 'Yes' : 'No', 'is_active')
    .build();

  return succeed<VendorAddRequest>({ type: 'VendorAdd', name: name.name, ...fields }, preview);
}

/** A vendor already in QuickBooks: a VendorMod on the link with the chosen fields only, each checked as for a new vendor. */
function mapLinkedVendor(input: VendorExport, link: QbListLink): MappingResult<VendorModRequest> {
  const { vendor } = input;
  const owner = describeVendor(vendor);
  const name = checkListName(vendor.name, {
    what: 'vendor name',
    record: `Procore company ${vendor.id}`,
    limit: FIELD_LIMITS.vendorName,
    fix: "Shorten the company's name in the Procore Directory, or leave the name out of the fields sent.",
  });
  const nameResult = name.ok ? { ok: true as const, value: name.name } : name;
  const address = splitAddress(
    { street: vendor.address, city: vendor.city, state: vendor.state_code, postalCode: vendor.zip, country: vendor.country_code },
    `The address of ${owner}`,
  );
  const text = (v: string) => v;
  const candidates: Array<LinkedCandidate<VendorModRequest>> = [
    candidate('Name', 'name', nameResult, text, (m, v) => {
      m.name = v;
    }),
    candidate('Company name', 'name', nameResult, text, (m, v) => {
      m.companyName = v;
    }),
    candidate(
      'Address',
      'address, city, state_code, zip, country_code',
      address.ok ? { ok: true, value: address.address } : address,
      joinAddress,
      (m, v) => {
        m.vendorAddress = v;
      },
      addressPreview('Address', 'address, city, state_code, zip, country_code'),
    ),
    candidate('Phone', 'business_phone', checkField(vendor.business_phone, FIELD_LIMITS.phone, 'Phone', 'phone number', owner), text, (m, v) => {
      m.phone = v;
    }),
    candidate('Mobile', 'mobile_phone', checkField(vendor.mobile_phone, FIELD_LIMITS.phone, 'Mobile', 'mobile number', owner), text, (m, v) => {
      m.mobile = v;
    }),
    candidate('Fax', 'fax_number', checkField(vendor.fax_number, FIELD_LIMITS.phone, 'Fax', 'fax number', owner), text, (m, v) => {
      m.fax = v;
    }),
    candidate('Email', 'email_address', checkField(vendor.email_address, FIELD_LIMITS.email, 'Email', 'e-mail address', owner), text, (m, v) => {
      m.email = v;
    }),
    candidate(
      'Active',
      'is_active',
      { ok: true, value: typeof vendor.is_active === 'boolean' ? vendor.is_active : null },
      (v) => (v ? 'Yes' : 'No'),
      (m, v) => {
        m.isActive = v;
      },
    ),
  ];
  return buildLinkedMod<VendorModRequest>({
    kind: 'vendor',
    owner,
    link,
    candidates,
    chosen: input.fields,
    base: { type: 'VendorMod', listId: link.listId, editSequence: link.editSequence },
  });
}
