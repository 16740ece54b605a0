import type { VendorAddRequest, VendorModRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapVendor } from './map-vendor.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { expectOk, expectRefusal, makeContext, previewValue, VENDOR_ID, VENDOR_LINK } from './testing/fixtures.ts';
import { VENDOR } from './testing/procore-records.ts';

const xsd = createXsdCheck();
const ctx = makeContext({ links: {} });
const linked = makeContext({ links: { vendors: { [VENDOR_ID]: VENDOR_LINK } } });

describe('mapVendor', () => {
  it('creates a vendor with name, address split at commas, phones and e-mail', () => {
    const result = expectOk(mapVendor({ vendor: VENDOR }, ctx));
    expect(result.action).toBe('create');
    expect(result.dependencies).toEqual([]);
    expect(result.request).toEqual<VendorAddRequest>({
      type: 'VendorAdd',
      name: 'ABC Concrete',
      companyName: 'ABC Concrete',
      vendorAddress: { addr1: '4600 N. 1st St.', addr2: 'Suite B', city: 'Sacramento', state: 'CA', postalCode: '95814', country: 'US' },
      phone: '(916) 555-0100',
      mobile: '916-555-0101',
      fax: '916-555-0102',
      email: 'ap@abcconcrete.example',
    });
    expect(result.preview).toEqual([
      { field: 'Name', value: 'ABC Concrete', source: 'name' },
      { field: 'Company name', value: 'ABC Concrete', source: 'name' },
      { field: 'Address line 1', value: '4600 N. 1st St.', source: 'address, city, state_code, zip, country_code' },
      { field: 'Address line 2', value: 'Suite B', source: 'address, city, state_code, zip, country_code' },
      { field: 'Address city', value: 'Sacramento', source: 'address, city, state_code, zip, country_code' },
      { field: 'Address state', value: 'CA', source: 'address, city, state_code, zip, country_code' },
      { field: 'Address postal code', value: '95814', source: 'address, city, state_code, zip, country_code' },
      { field: 'Address country', value: 'US', source: 'address, city, state_code, zip, country_code' },
      { field: 'Phone', value: '(916) 555-0100', source: 'business_phone' },
      { field: 'Mobile', value: '916-555-0101', source: 'mobile_phone' },
      { field: 'Fax', value: '916-555-0102', source: 'fax_number' },
      { field: 'Email', value: 'ap@abcconcrete.example', source: 'email_address' },
    ]);
    const xml = xsd.add('vendor add', result.request);
    expect(xml).toContain('<VendorAdd><Name>ABC Concrete</Name>');
    expect(xml).not.toMatch(/<Addr\d>[^<]*,/);
  });

  it('creates a vendor from a name alone', () => {
    const result = expectOk(mapVendor({ vendor: { id: 13, name: '  Smith   & Sons <East> ' } }, ctx));
    expect(result.request).toEqual({ type: 'VendorAdd', name: 'Smith & Sons <East>', companyName: 'Smith & Sons <East>' });
    expect(xsd.add('vendor minimal with XML specials', result.request)).toContain('<Name>Smith &amp; Sons &lt;East&gt;</Name>');
  });

  it('sends an inactive vendor as inactive; an active new vendor needs no flag', () => {
    const inactive = expectOk(mapVendor({ vendor: { ...VENDOR, is_active: false } }, ctx));
    expect(inactive.request.isActive).toBe(false);
    expect(previewValue(inactive, 'Active')).toBe('No');
    xsd.add('vendor inactive', inactive.request);
    expect(expectOk(mapVendor({ vendor: { ...VENDOR, is_active: null } }, ctx)).request.isActive).toBeUndefined();
  });

  it('changes a linked vendor with a VendorMod (ListID + EditSequence) of the chosen fields, active flag both ways', () => {
    const result = expectOk(mapVendor({ vendor: { ...VENDOR, name: 'ABC Concrete Inc' }, fields: ['Name', 'Active'] }, linked));
    expect(result.action).toBe('change');
    const request = result.request as VendorModRequest;
    expect(request.type).toBe('VendorMod');
    expect(request.listId).toBe(VENDOR_LINK.listId);
    expect(request.editSequence).toBe(VENDOR_LINK.editSequence);
    expect(request.name).toBe('ABC Concrete Inc');
    expect(request.isActive).toBe(true);
    expect(previewValue(result, 'Active')).toBe('Yes');
    xsd.add('vendor mod', request);
    const reactivated = expectOk(mapVendor({ vendor: { ...VENDOR, is_active: false }, fields: ['Active'] }, linked));
    expect(reactivated.request.isActive).toBe(false);
    xsd.add('vendor mod inactive', reactivated.request);
  });

  it('accepts a 41-character name and refuses 42, naming the limit and the company', () => {
    const name41 = `${'Riverside Concrete & Masonry Contractors'}X`;
    expect(name41).toHaveLength(41);
    xsd.add('vendor name 41', expectOk(mapVendor({ vendor: { id: 14, name: name41 } }, ctx)).request);
    const refusal = expectRefusal(mapVendor({ vendor: { id: 14, name: `${name41}Y` } }, ctx), 'NAME_TOO_LONG');
    expect(refusal.field).toBe('Name');
    expect(refusal.message).toBe(
      `The vendor name "${name41}Y" (Procore company 14) is 42 characters; QuickBooks allows at most 41 characters for a vendor name. Shorten the company's name in the Procore Directory, or link the company to an existing QuickBooks vendor, and export again.`,
    );
  });

  it('counts unicode names by characters', () => {
    const name = 'Électricité Générale Québec Ltée Montréal'; // 41 characters
    expect([...name]).toHaveLength(41);
    xsd.add('vendor unicode 41', expectOk(mapVendor({ vendor: { id: 15, name: name.normalize('NFD') } }, ctx)).request);
  });

  it('refuses a colon in the name and a blank name', () => {
    expect(expectRefusal(mapVendor({ vendor: { id: 16, name: 'ABC: Concrete' } }, ctx), 'INVALID_NAME').message).toContain('contains ":"');
    expect(expectRefusal(mapVendor({ vendor: { id: 16, name: '   ' } }, ctx), 'INCOMPLETE_RECORD').message).toBe(
      'Procore company 16 has no name in Procore, so it has no vendor name in QuickBooks; enter a name in Procore and export again.',
    );
  });

  it.each([
    ['business_phone', 'Phone', 21],
    ['mobile_phone', 'Mobile', 21],
    ['fax_number', 'Fax', 21],
  ] as const)('refuses a %s over %s limit', (column, field, limit) => {
    expect(mapVendor({ vendor: { ...VENDOR, [column]: '1'.repeat(limit) } }, ctx).ok).toBe(true);
    const refusal = expectRefusal(mapVendor({ vendor: { ...VENDOR, [column]: '1'.repeat(limit + 1) } }, ctx), 'FIELD_TOO_LONG');
    expect(refusal.field).toBe(field);
    expect(refusal.message).toContain(`at most ${limit} characters`);
    expect(refusal.message).toContain('the vendor "ABC Concrete" (Procore company 12)');
  });

  it('refuses an e-mail over 1023 characters', () => {
    const long = `${'a'.repeat(1012)}@example.com`;
    expect(long).toHaveLength(1024);
    expect(expectRefusal(mapVendor({ vendor: { ...VENDOR, email_address: long } }, ctx), 'FIELD_TOO_LONG').field).toBe('Email');
  });

  it('refuses an address that does not fit', () => {
    const refusal = expectRefusal(mapVendor({ vendor: { ...VENDOR, city: 'x'.repeat(32) } }, ctx), 'FIELD_TOO_LONG');
    expect(refusal.message).toMatch(/^The address of the vendor "ABC Concrete" \(Procore company 12\) has the city/);
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    expect(xsd.count()).toBeGreaterThanOrEqual(7);
    await xsd.verifyAll();
  });
});
