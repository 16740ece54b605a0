import type { CustomerModRequest, VendorModRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import type { QbListEntry } from './import/read-qb-list-entry.ts';
import { compareLinkedFields, LINKED_FIELDS, linkedValuesFromQuickBooks } from './linked-fields.ts';
import { mapCostCodes } from './map-cost-codes.ts';
import { mapProject } from './map-project.ts';
import { mapVendor } from './map-vendor.ts';
import { planDependencies } from './plan-dependencies.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import {
  CC_CONCRETE,
  CC_REBAR,
  expectOk,
  expectRefusal,
  ITEM_LINKS,
  JOB_LINK,
  makeContext,
  makeLinks,
  PROJECT_ID,
  VENDOR_ID,
  VENDOR_LINK,
} from './testing/fixtures.ts';
import { COMMITMENT, COMMITMENT_LINES, COST_CODES, PROJECT, VENDOR } from './testing/procore-records.ts';

// Data safety, defect 1 ("Linked records are overwritten"): a vendor, job or item linked to an existing QuickBooks
// entry is already in QuickBooks. It is never added again, never re-parented, and a Mod carries only the fields a
// person chose, on the link's ListID + EditSequence. Every request built here is checked against the qbXML 13.0 XSD.
const xsd = createXsdCheck();
const vendorLinked = makeContext({ links: { vendors: { [VENDOR_ID]: VENDOR_LINK } } });
// A job linked on the Jobs screen: no customer was ever chosen at export for the project.
const jobLinked = makeContext({ links: { jobs: { [PROJECT_ID]: JOB_LINK } } });

const QB_VENDOR: QbListEntry = {
  listType: 'Vendor',
  listId: VENDOR_LINK.listId,
  editSequence: VENDOR_LINK.editSequence,
  name: 'ABC Concrete, Inc.',
  fullName: 'ABC Concrete, Inc.',
  parentListId: null,
  sublevel: 0,
  isActive: true,
  timeModified: '2026-11-30T09:00:00-08:00',
  itemType: null,
  companyName: 'ABC Concrete, Inc.',
  jobStatus: null,
  contact: {
    email: 'ap@abcconcrete.example',
    phone: '(916) 555-0199',
    address: { line1: 'PO Box 12', line2: null, line3: null, line4: null, line5: null, city: 'Sacramento', state: 'CA', postalCode: '95814', country: null },
  },
};

describe('linked vendor', () => {
  it('with nothing chosen sends nothing: NO_CHANGES, naming the QuickBooks vendor, with every choosable field and Procore value', () => {
    const result = mapVendor({ vendor: VENDOR }, vendorLinked);
    const refusal = expectRefusal(result, 'NO_CHANGES');
    expect(refusal.message).toBe(
      'The vendor "ABC Concrete" (Procore company 12) is linked to the QuickBooks vendor "ABC Concrete": it is already in QuickBooks, and nothing was chosen to change there. To update QuickBooks, choose the fields to send after comparing both values in the preview.',
    );
    expect(result.linked?.link).toEqual({ listId: VENDOR_LINK.listId, fullName: VENDOR_LINK.fullName });
    expect(result.linked?.fields.map((f) => f.field)).toEqual([...LINKED_FIELDS.vendor]);
    expect(result.linked?.fields.find((f) => f.field === 'Address')?.after).toBe('4600 N. 1st St., Suite B, Sacramento, CA, 95814, US');
    expect(mapVendor({ vendor: VENDOR, fields: [] }, vendorLinked).ok).toBe(false);
  });

  it('sends only the chosen phone in a VendorMod on the link: no name, address or anything else', () => {
    const result = expectOk(mapVendor({ vendor: VENDOR, fields: ['Phone'] }, vendorLinked));
    expect(result.action).toBe('change');
    expect(result.request).toEqual<VendorModRequest>({
      type: 'VendorMod',
      listId: VENDOR_LINK.listId,
      editSequence: VENDOR_LINK.editSequence,
      phone: '(916) 555-0100',
    });
    expect(result.preview).toEqual([{ field: 'Phone', value: '(916) 555-0100', source: 'business_phone' }]);
    const xml = xsd.add('linked vendor: phone only', result.request);
    expect(xml).toContain(
      `<VendorMod><ListID>${VENDOR_LINK.listId}</ListID><EditSequence>${VENDOR_LINK.editSequence}</EditSequence><Phone>(916) 555-0100</Phone></VendorMod>`,
    );
    expect(xml).not.toContain('<Name>');
  });

  it('sends the chosen address and e-mail in XSD order whatever order they were chosen in; the name only when chosen', () => {
    const result = expectOk(mapVendor({ vendor: VENDOR, fields: ['Email', 'Address', 'Email'] }, vendorLinked));
    expect(result.request).toEqual({
      type: 'VendorMod',
      listId: VENDOR_LINK.listId,
      editSequence: VENDOR_LINK.editSequence,
      vendorAddress: { addr1: '4600 N. 1st St.', addr2: 'Suite B', city: 'Sacramento', state: 'CA', postalCode: '95814', country: 'US' },
      email: 'ap@abcconcrete.example',
    });
    // The address is previewed line by line with the labels previewQbRecord gives QuickBooks' record (3200 diff).
    expect(result.preview.map((f) => f.field)).toEqual([
      'Address line 1',
      'Address line 2',
      'Address city',
      'Address state',
      'Address postal code',
      'Address country',
      'Email',
    ]);
    xsd.add('linked vendor: address and e-mail', result.request);
    const renamed = expectOk(mapVendor({ vendor: { ...VENDOR, name: 'ABC Concrete Inc' }, fields: ['Name', 'Company name', 'Active'] }, vendorLinked));
    expect(renamed.request).toEqual({
      type: 'VendorMod',
      listId: VENDOR_LINK.listId,
      editSequence: VENDOR_LINK.editSequence,
      name: 'ABC Concrete Inc',
      isActive: true,
      companyName: 'ABC Concrete Inc',
    });
    xsd.add('linked vendor: name chosen', renamed.request);
  });

  it('refuses a field that cannot be chosen, a field Procore leaves blank, and a chosen field QuickBooks cannot take', () => {
    expect(expectRefusal(mapVendor({ vendor: VENDOR, fields: ['Phone', 'Shoe size'] }, vendorLinked), 'UNKNOWN_FIELD').message).toBe(
      '"Shoe size" cannot be chosen for a QuickBooks vendor; choose from Name, Company name, Address, Phone, Mobile, Fax, Email, Active.',
    );
    const blank = expectRefusal(mapVendor({ vendor: { ...VENDOR, fax_number: null }, fields: ['Fax'] }, vendorLinked), 'INCOMPLETE_RECORD');
    expect(blank.field).toBe('Fax');
    expect(blank.message).toContain('has no fax in Procore');
    // A phone too long for QuickBooks only matters when the phone is chosen.
    const longPhone = { ...VENDOR, business_phone: '1'.repeat(22) };
    expect(expectRefusal(mapVendor({ vendor: longPhone, fields: ['Phone'] }, vendorLinked), 'FIELD_TOO_LONG').field).toBe('Phone');
    expect(expectOk(mapVendor({ vendor: longPhone, fields: ['Email'] }, vendorLinked)).request).toEqual({
      type: 'VendorMod',
      listId: VENDOR_LINK.listId,
      editSequence: VENDOR_LINK.editSequence,
      email: 'ap@abcconcrete.example',
    });
    expect(mapVendor({ vendor: longPhone }, vendorLinked).linked?.fields.find((f) => f.field === 'Phone')?.problem?.code).toBe('FIELD_TOO_LONG');
  });
});

describe('linked job', () => {
  it('needs no customer and sends nothing when nothing is chosen', () => {
    expect(planDependencies({ type: 'project', project: PROJECT }, jobLinked.links)).toEqual([]);
    const result = mapProject({ project: PROJECT }, jobLinked);
    expect(expectRefusal(result, 'NO_CHANGES').message).toContain('linked to the QuickBooks job "Riverside Medical:MOB Expansion"');
    expect(result.linked?.fields.map((f) => f.field)).toEqual([...LINKED_FIELDS.job]);
    expect(LINKED_FIELDS.job).not.toContain('Customer');
  });

  it('a CustomerMod of the chosen fields never carries ParentRef, and carries Name only when chosen', () => {
    const details = expectOk(mapProject({ project: PROJECT, fields: ['Job description', 'Ship to'] }, jobLinked));
    expect(details.request).toEqual<CustomerModRequest>({
      type: 'CustomerMod',
      listId: JOB_LINK.listId,
      editSequence: JOB_LINK.editSequence,
      shipAddress: { addr1: '1200 Riverside Dr', addr2: 'Building C', city: 'Sacramento', state: 'CA', postalCode: '95815', country: 'US' },
      jobDesc: 'Medical office building expansion, 3 floors',
    });
    const xml = xsd.add('linked job: ship to and description', details.request);
    expect(xml).not.toContain('<ParentRef>');
    expect(xml).not.toContain('<Name>');
    const renamed = expectOk(
      mapProject(
        { project: { ...PROJECT, name: 'MOB Expansion Phase 2' }, fields: ['Name', 'Start date', 'Projected end date', 'Account number', 'Active'] },
        jobLinked,
      ),
    );
    expect(renamed.request).toEqual({
      type: 'CustomerMod',
      listId: JOB_LINK.listId,
      editSequence: JOB_LINK.editSequence,
      name: 'MOB Expansion Phase 2',
      isActive: true,
      accountNumber: '2026-014',
      jobStartDate: '2026-03-02',
      jobProjectedEndDate: '2027-06-30',
    });
    expect(xsd.add('linked job: name and dates', renamed.request)).not.toContain('<ParentRef>');
    expect(expectRefusal(mapProject({ project: PROJECT, fields: ['Customer'] }, jobLinked), 'UNKNOWN_FIELD').message).toContain(
      '"Customer" cannot be chosen for a QuickBooks job',
    );
  });
});

describe('linked item', () => {
  const itemLinked = makeContext({ links: { items: { [CC_CONCRETE]: ITEM_LINKS[CC_CONCRETE]! } } });

  it('needs no parent item, is never re-parented, and is renamed only when chosen', () => {
    // Its parent cost code (300) is not in QuickBooks: a linked child does not need it.
    expect(planDependencies({ type: 'cost_code', costCode: COST_CODES[1]! }, itemLinked.links)).toEqual([]);
    const [nothing] = mapCostCodes([COST_CODES[1]!], itemLinked);
    expect(expectRefusal(nothing!.result, 'NO_CHANGES').message).toContain(`linked to the QuickBooks item "${ITEM_LINKS[CC_CONCRETE]!.fullName}"`);
    expect(nothing!.itemFullName).toBe(ITEM_LINKS[CC_CONCRETE]!.fullName);
    const [renamed] = mapCostCodes([COST_CODES[1]!], itemLinked, { fields: ['Name'] });
    const result = expectOk(renamed!.result);
    expect(result.request).toEqual({
      type: 'ItemServiceMod',
      listId: ITEM_LINKS[CC_CONCRETE]!.listId,
      editSequence: ITEM_LINKS[CC_CONCRETE]!.editSequence,
      name: '03-300 Cast-in-Place',
    });
    expect(xsd.add('linked item: name', result.request)).not.toContain('<ParentRef>');
    expect(expectRefusal(mapCostCodes([COST_CODES[1]!], itemLinked, { fields: ['Parent'] })[0]!.result, 'UNKNOWN_FIELD').field).toBe('Parent');
  });
});

describe('a commitment on a linked vendor and job', () => {
  it('needs no vendor, customer or job: the links are what is in QuickBooks', () => {
    const links = makeLinks({ vendors: { [VENDOR_ID]: VENDOR_LINK }, jobs: { [PROJECT_ID]: JOB_LINK } });
    const deps = planDependencies({ type: 'commitment', projectId: PROJECT_ID, commitment: COMMITMENT, lines: COMMITMENT_LINES }, links);
    expect(deps.map((d) => `${d.kind}:${d.procoreId}`)).toEqual([`item:${CC_CONCRETE}`, `item:${CC_REBAR}`]);
  });
});

describe('compareLinkedFields (the preview: QuickBooks before, Procore after)', () => {
  it('puts QuickBooks values beside Procore values; fields a refresh does not read are marked unknown', () => {
    const linked = mapVendor({ vendor: VENDOR }, vendorLinked).linked!;
    const changes = compareLinkedFields(linked, linkedValuesFromQuickBooks('vendor', QB_VENDOR));
    const byField = Object.fromEntries(changes.map((c) => [c.field, c]));
    expect(byField.Phone).toEqual({
      field: 'Phone',
      before: '(916) 555-0199',
      beforeKnown: true,
      after: '(916) 555-0100',
      differs: true,
      selected: false,
      source: 'business_phone',
    });
    expect(byField.Email).toMatchObject({ before: 'ap@abcconcrete.example', after: 'ap@abcconcrete.example', differs: false });
    expect(byField.Address).toMatchObject({
      before: 'PO Box 12, Sacramento, CA, 95814',
      after: '4600 N. 1st St., Suite B, Sacramento, CA, 95814, US',
      differs: true,
    });
    expect(byField.Name).toMatchObject({ before: 'ABC Concrete, Inc.', after: 'ABC Concrete', differs: true });
    expect(byField.Mobile).toMatchObject({ before: null, beforeKnown: false, after: '916-555-0101', differs: true });
    expect(byField.Active).toMatchObject({ before: 'Yes', after: 'Yes', differs: false });
  });

  it('marks the chosen fields, else what the policy proposes (which sends nothing by itself)', () => {
    const linked = mapVendor({ vendor: VENDOR }, vendorLinked).linked!;
    const before = linkedValuesFromQuickBooks('vendor', QB_VENDOR);
    const proposed = compareLinkedFields(linked, before, { preselect: ({ field, differs }) => differs && field !== 'Name' });
    expect(proposed.filter((c) => c.selected).map((c) => c.field)).toEqual(['Company name', 'Address', 'Phone', 'Mobile', 'Fax']);
    const chosen = compareLinkedFields(linked, before, { chosen: ['Phone'], preselect: () => true });
    expect(chosen.filter((c) => c.selected).map((c) => c.field)).toEqual(['Phone']);
    expect(compareLinkedFields(linked, null).every((c) => !c.beforeKnown && !c.selected)).toBe(true);
  });

  it('reads a job and an item as a refresh stored them', () => {
    const job: QbListEntry = {
      ...QB_VENDOR,
      listType: 'Customer',
      name: 'MOB Expansion',
      fullName: 'Riverside Medical:MOB Expansion',
      parentListId: 'C-1',
      sublevel: 1,
      companyName: null,
      isActive: false,
    };
    expect(linkedValuesFromQuickBooks('job', job)).toEqual({ Name: 'MOB Expansion', 'Ship to': 'PO Box 12, Sacramento, CA, 95814', Active: 'No' });
    expect(linkedValuesFromQuickBooks('item', { ...job, listType: 'Item', name: '03-300 Cast' })).toEqual({ Name: '03-300 Cast' });
  });
});

it('every linked Mod above validates against the qbXML 13.0 XSD', async () => {
  expect(xsd.count()).toBeGreaterThanOrEqual(6);
  await xsd.verifyAll();
});
