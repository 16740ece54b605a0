import { describe, expect, it } from 'vitest';
import { diffQbRecord } from './diff-qb-record.ts';
import { mapVendor } from './map-vendor.ts';
import { previewQbRecord } from './preview-qb-record.ts';
import { expectOk, makeContext, VENDOR_ID, VENDOR_LINK } from './testing/fixtures.ts';
import { VENDOR } from './testing/procore-records.ts';

describe('diffQbRecord', () => {
  it('lists the fields we send whose value QuickBooks does not hold, in our order', () => {
    const ours = [
      { field: 'Name', value: 'ABC Concrete', source: 'name' },
      { field: 'Phone', value: '(916) 555-0100', source: 'business_phone' },
      { field: 'Fax', value: '916-555-0102' },
      { field: 'Email', value: 'ap@abc.example' },
    ];
    const theirs = [
      { field: 'Email', value: 'ap@abc.example' },
      { field: 'Phone', value: '(916) 555-0199' },
      { field: 'Name', value: 'ABC Concrete' },
      { field: 'Notes', value: 'Typed in QuickBooks' },
    ];
    expect(diffQbRecord(ours, theirs)).toEqual([
      { field: 'Phone', ours: '(916) 555-0100', theirs: '(916) 555-0199', source: 'business_phone' },
      { field: 'Fax', ours: '916-555-0102', theirs: null },
    ]);
  });

  it('ignores whitespace QuickBooks trims, but not case', () => {
    expect(diffQbRecord([{ field: 'Name', value: 'ABC  Concrete ' }], [{ field: 'Name', value: 'ABC Concrete' }])).toEqual([]);
    expect(diffQbRecord([{ field: 'Name', value: 'ABC Concrete' }], [{ field: 'Name', value: 'abc concrete' }])).toEqual([
      { field: 'Name', ours: 'ABC Concrete', theirs: 'abc concrete' },
    ]);
    expect(diffQbRecord([{ field: 'Memo', value: ' ' }], [])).toEqual([]);
  });

  it('counts a repeated label once (the first) on each side', () => {
    expect(
      diffQbRecord(
        [
          { field: 'A', value: '1' },
          { field: 'A', value: '2' },
        ],
        [
          { field: 'A', value: '1' },
          { field: 'A', value: '3' },
        ],
      ),
    ).toEqual([]);
  });

  it('is empty for identical or empty previews', () => {
    expect(diffQbRecord([], [])).toEqual([]);
    expect(diffQbRecord([], [{ field: 'Name', value: 'x' }])).toEqual([]);
  });

  it('diffs a vendor Mod against the VendorRet QuickBooks returns after 3200 (EditSequence moved)', () => {
    const fields = ['Name', 'Company name', 'Address', 'Phone', 'Mobile', 'Fax', 'Email'];
    const ours = expectOk(mapVendor({ vendor: VENDOR, fields }, makeContext({ links: { vendors: { [VENDOR_ID]: VENDOR_LINK } } }))).preview;
    const vendorRet = {
      ListID: VENDOR_LINK.listId,
      EditSequence: '1700000999',
      Name: 'ABC Concrete',
      IsActive: 'true',
      CompanyName: 'ABC Concrete',
      VendorAddress: { Addr1: '4600 N. 1st St.', Addr2: 'Suite C', City: 'Sacramento', State: 'CA', PostalCode: '95814', Country: 'US' },
      Phone: '(916) 555-0100',
      Mobile: '916-555-0101',
      Fax: '916-555-0102',
      Email: 'billing@abcconcrete.example',
    };
    expect(diffQbRecord(ours, previewQbRecord('vendor', vendorRet))).toEqual([
      { field: 'Address line 2', ours: 'Suite B', theirs: 'Suite C', source: 'address, city, state_code, zip, country_code' },
      { field: 'Email', ours: 'ap@abcconcrete.example', theirs: 'billing@abcconcrete.example', source: 'email_address' },
    ]);
  });
});
