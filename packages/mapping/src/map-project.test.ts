import type { CustomerAddRequest, CustomerModRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapProject } from './map-project.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { CUSTOMER_LINK, expectOk, expectRefusal, JOB_LINK, makeContext, previewValue, PROJECT_ID } from './testing/fixtures.ts';
import { PROJECT } from './testing/procore-records.ts';

const xsd = createXsdCheck();
const ctx = makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK } } });
const linked = makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK }, jobs: { [PROJECT_ID]: JOB_LINK } } });

describe('mapProject (project → job)', () => {
  it('creates a job under the customer chosen at export, with the site address split without commas', () => {
    const result = expectOk(mapProject({ project: PROJECT }, ctx));
    expect(result.action).toBe('create');
    expect(result.request).toEqual<CustomerAddRequest>({
      type: 'CustomerAdd',
      name: 'MOB Expansion',
      parentRef: { listId: CUSTOMER_LINK.listId },
      shipAddress: { addr1: '1200 Riverside Dr', addr2: 'Building C', city: 'Sacramento', state: 'CA', postalCode: '95815', country: 'US' },
      accountNumber: '2026-014',
      jobStartDate: '2026-03-02',
      jobProjectedEndDate: '2027-06-30',
      jobDesc: 'Medical office building expansion, 3 floors',
    });
    expect(previewValue(result, 'Customer')).toBe('Riverside Medical');
    expect(previewValue(result, 'Full name')).toBe('Riverside Medical:MOB Expansion');
    expect(previewValue(result, 'Ship to line 1')).toBe('1200 Riverside Dr');
    const xml = xsd.add('job add', result.request);
    expect(xml).toContain(`<ParentRef><ListID>${CUSTOMER_LINK.listId}</ListID></ParentRef>`);
    expect(xml).not.toMatch(/<Addr\d>[^<]*,/);
  });

  it('creates a job from a name alone', () => {
    const result = expectOk(mapProject({ project: { id: PROJECT_ID, name: 'Tenant Improvements' } }, ctx));
    expect(result.request).toEqual({ type: 'CustomerAdd', name: 'Tenant Improvements', parentRef: { listId: CUSTOMER_LINK.listId } });
    xsd.add('job minimal', result.request);
  });

  it('changes a linked job with a CustomerMod of the chosen fields only; the active flag follows Procore when chosen', () => {
    // Data safety: a linked job's name, customer and details are QuickBooks' until a person chooses a field.
    const result = expectOk(mapProject({ project: { ...PROJECT, active: false }, fields: ['Name', 'Active'] }, linked));
    const request = result.request as CustomerModRequest;
    expect(result.action).toBe('change');
    expect(request).toEqual({ type: 'CustomerMod', listId: JOB_LINK.listId, editSequence: JOB_LINK.editSequence, name: 'MOB Expansion', isActive: false });
    xsd.add('job mod', request);
    expect(expectOk(mapProject({ project: PROJECT, fields: ['Active'] }, linked)).request.isActive).toBe(true);
    expect(expectOk(mapProject({ project: PROJECT }, ctx)).request.isActive).toBeUndefined();
    expect(expectOk(mapProject({ project: { ...PROJECT, active: false } }, ctx)).request.isActive).toBe(false);
  });

  it('refuses until a customer is chosen (the job has no parent)', () => {
    const refusal = expectRefusal(mapProject({ project: PROJECT }, makeContext({ links: {} })), 'MISSING_DEPENDENCY');
    expect(refusal.dependencies).toEqual([
      { kind: 'customer', procoreId: PROJECT_ID, label: 'the customer for Procore project 7 (chosen when the project is exported)' },
    ]);
    expect(refusal.message).toMatch(/^The job for project "MOB Expansion" \(Procore project 7\) cannot be sent to QuickBooks yet/);
  });

  it('accepts a 41-character name and refuses 42, naming the limit', () => {
    xsd.add('job 41', expectOk(mapProject({ project: { ...PROJECT, name: 'j'.repeat(41) } }, ctx)).request);
    const refusal = expectRefusal(mapProject({ project: { ...PROJECT, name: 'j'.repeat(42) } }, ctx), 'NAME_TOO_LONG');
    expect(refusal.message).toBe(
      `The job name "${'j'.repeat(42)}" (Procore project 7) is 42 characters; QuickBooks allows at most 41 characters for a job name. Shorten the project name in Procore and export again.`,
    );
  });

  it('refuses a Customer:Job full name over 209 characters', () => {
    const longCustomer = { ...CUSTOMER_LINK, fullName: `${'p'.repeat(41)}:${'q'.repeat(41)}:${'r'.repeat(41)}:${'s'.repeat(41)}` }; // 167
    const ok = makeContext({ links: { customers: { [PROJECT_ID]: longCustomer } } });
    xsd.add('job full name 209', expectOk(mapProject({ project: { ...PROJECT, name: 'j'.repeat(41) } }, ok)).request);
    const refusal = expectRefusal(
      mapProject(
        { project: { ...PROJECT, name: 'j'.repeat(41) } },
        makeContext({ links: { customers: { [PROJECT_ID]: { ...longCustomer, fullName: `${longCustomer.fullName}t` } } } }),
      ),
      'NAME_TOO_LONG',
    );
    expect(refusal.message).toContain('is 210 characters; QuickBooks allows at most 209 characters for a full name');
  });

  it('refuses a colon in the project name and a blank name', () => {
    expectRefusal(mapProject({ project: { ...PROJECT, name: 'Phase 2: Garage' } }, ctx), 'INVALID_NAME');
    expectRefusal(mapProject({ project: { ...PROJECT, name: '' } }, ctx), 'INCOMPLETE_RECORD');
  });

  it('shortens a description over 99 characters with "…" (free text), refuses a project number over 99', () => {
    const result = expectOk(mapProject({ project: { ...PROJECT, description: 'd'.repeat(150) } }, ctx));
    expect(result.request.jobDesc).toBe(`${'d'.repeat(98)}…`);
    xsd.add('job long description', result.request);
    expect(expectRefusal(mapProject({ project: { ...PROJECT, project_number: '9'.repeat(100) } }, ctx), 'FIELD_TOO_LONG').field).toBe('AccountNumber');
  });

  it('leaves out dates Procore does not give as calendar dates', () => {
    const result = expectOk(mapProject({ project: { ...PROJECT, start_date: '03/02/2026', completion_date: null } }, ctx));
    expect(result.request.jobStartDate).toBeUndefined();
    expect(result.request.jobProjectedEndDate).toBeUndefined();
    expect(expectOk(mapProject({ project: { ...PROJECT, start_date: '2026-03-02T08:00:00Z' } }, ctx)).request.jobStartDate).toBe('2026-03-02');
  });

  it('parses "street, City, ST ZIP" typed into the address field', () => {
    const result = expectOk(mapProject({ project: { id: PROJECT_ID, name: 'Annex', address: '55 Oak Ave, Davis, CA 95616' } }, ctx));
    expect(result.request.shipAddress).toEqual({ addr1: '55 Oak Ave', city: 'Davis', state: 'CA', postalCode: '95616' });
    xsd.add('job parsed address', result.request);
  });

  it('refuses an address that does not fit', () => {
    expectRefusal(mapProject({ project: { ...PROJECT, zip: '1'.repeat(14) } }, ctx), 'FIELD_TOO_LONG');
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
