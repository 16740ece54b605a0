import { describe, expect, it } from 'vitest';
import { mapCostCodes } from './map-cost-codes.ts';
import { mapProject } from './map-project.ts';
import { previewQbRecord } from './preview-qb-record.ts';
import { CUSTOMER_LINK, expectOk, JOB_LINK, makeContext, PROJECT_ID } from './testing/fixtures.ts';
import { COST_CODES, PROJECT } from './testing/procore-records.ts';

describe('previewQbRecord', () => {
  it('reads a VendorRet with the labels mapVendor uses', () => {
    expect(
      previewQbRecord('vendor', {
        Name: 'ABC Concrete',
        IsActive: 'false',
        CompanyName: 'ABC Concrete Inc',
        VendorAddress: { Addr1: '1 Main St', City: 'Austin', Country: 'US' },
        Phone: '1',
        Mobile: '2',
        Fax: '3',
        Email: 'a@b.c',
        Notes: 'ignored',
      }),
    ).toEqual([
      { field: 'Name', value: 'ABC Concrete' },
      { field: 'Company name', value: 'ABC Concrete Inc' },
      { field: 'Address line 1', value: '1 Main St' },
      { field: 'Address city', value: 'Austin' },
      { field: 'Address country', value: 'US' },
      { field: 'Phone', value: '1' },
      { field: 'Mobile', value: '2' },
      { field: 'Fax', value: '3' },
      { field: 'Email', value: 'a@b.c' },
      { field: 'Active', value: 'No' },
    ]);
    expect(previewQbRecord('vendor', {})).toEqual([]);
  });

  it('reads a job CustomerRet with the labels mapProject uses, so an unchanged job has no difference', () => {
    // Every field a person may choose for a linked job (its customer is never among them: the job is not moved).
    const fields = ['Name', 'Ship to', 'Account number', 'Start date', 'Projected end date', 'Job description', 'Active'];
    const ours = expectOk(
      mapProject({ project: PROJECT, fields }, makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK }, jobs: { [PROJECT_ID]: JOB_LINK } } })),
    ).preview;
    const customerRet = {
      Name: 'MOB Expansion',
      FullName: 'Riverside Medical:MOB Expansion',
      IsActive: 'true',
      ParentRef: { ListID: CUSTOMER_LINK.listId, FullName: 'Riverside Medical' },
      ShipAddress: { Addr1: '1200 Riverside Dr', Addr2: 'Building C', City: 'Sacramento', State: 'CA', PostalCode: '95815', Country: 'US' },
      AccountNumber: '2026-014',
      JobStartDate: '2026-03-02',
      JobProjectedEndDate: '2027-06-30',
      JobDesc: 'Medical office building expansion, 3 floors',
    };
    const theirs = previewQbRecord('job', customerRet).filter((f) => f.field !== 'Customer' && f.field !== 'Full name');
    expect(theirs.map((f) => f.field)).toEqual(ours.map((f) => f.field));
    expect(theirs.map((f) => f.value)).toEqual(ours.map((f) => f.value));
  });

  it('reads a customer', () => {
    expect(previewQbRecord('customer', { Name: 'Riverside Medical', CompanyName: 'Riverside Medical', IsActive: 'true' })).toEqual([
      { field: 'Name', value: 'Riverside Medical' },
      { field: 'Company name', value: 'Riverside Medical' },
      { field: 'Active', value: 'Yes' },
    ]);
  });

  it('reads items with the labels mapCostCodes uses for a change', () => {
    const ours = expectOk(
      mapCostCodes(
        [COST_CODES[1]!],
        makeContext({
          links: { items: { 300: { listId: 'P', fullName: '03 Concrete', editSequence: '1' }, 301: { listId: 'C', fullName: 'x', editSequence: '2' } } },
        }),
        { fields: ['Name'] },
      )[0]!.result,
    ).preview;
    const theirs = previewQbRecord('item_service', {
      Name: '03-300 Cast-in-Place',
      FullName: '03 Concrete:03-300 Cast-in-Place',
      ParentRef: { FullName: '03 Concrete' },
      IsActive: 'true',
    });
    // A linked item's Mod renames it at most (never re-parents it): its name is compared.
    expect(theirs.slice(0, 1)).toEqual(ours.map(({ field, value }) => ({ field, value })));
    expect(previewQbRecord('item_other_charge', { Name: 'Retainage' })).toEqual([
      { field: 'Name', value: 'Retainage' },
      { field: 'Type', value: 'Other Charge' },
    ]);
  });
});
