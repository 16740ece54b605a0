import { describe, expect, it } from 'vitest';
import { mapCustomer } from '../map-customer.ts';
import { mapProject } from '../map-project.ts';
import { CUSTOMER_LINK, expectOk, JOB_LINK, makeContext, PROJECT_ID } from '../testing/fixtures.ts';
import { PROJECT } from '../testing/procore-records.ts';
import { makeQboRefs, qboId } from '../testing/qbo-refs.ts';
import { CUSTOMER_FIELDS_DROPPED_ON_QBO, JOB_NAME_SUFFIX_ON_QBO, qboCustomerDisplayName, renderQboCustomer } from './render-qbo-customer.ts';

const refs = makeQboRefs();
const ctx = makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK } } });

describe('renderQboCustomer', () => {
  it('the customer typed at export: a plain Customer (no Job, no ParentRef)', () => {
    const mapped = expectOk(mapCustomer({ name: ' Riverside  Medical ', projectId: 7 }));
    expect(renderQboCustomer(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Customer',
      operation: 'create',
      payload: { DisplayName: 'Riverside Medical', CompanyName: 'Riverside Medical' },
    });
  });

  it('the project: a sub-customer — Job true, ParentRef the parent customer, billed itself, site address as ShipAddr', () => {
    const mapped = expectOk(mapProject({ project: PROJECT }, ctx));
    expect(renderQboCustomer(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Customer',
      operation: 'create',
      payload: {
        DisplayName: 'MOB Expansion',
        Job: true,
        ParentRef: { value: qboId(CUSTOMER_LINK.listId) },
        BillWithParent: false,
        ShipAddr: { Line1: '1200 Riverside Dr', Line2: 'Building C', City: 'Sacramento', CountrySubDivisionCode: 'CA', PostalCode: '95815', Country: 'US' },
        Notes: 'Medical office building expansion, 3 floors',
      },
    });
    // What QBO sub-customers have no field for is named, not lost by accident.
    for (const field of CUSTOMER_FIELDS_DROPPED_ON_QBO) expect(mapped.request).toHaveProperty(field);
  });

  it('keeps non-ASCII names and an inactive project as the domain set them', () => {
    const mapped = expectOk(mapProject({ project: { ...PROJECT, name: 'École Saint-Jérôme — Phase 2', active: false } }, ctx));
    const r = renderQboCustomer(mapped.request, refs);
    expect(r).toMatchObject({ ok: true, payload: { DisplayName: 'École Saint-Jérôme — Phase 2', Active: false } });
  });

  it('a parent customer created earlier in the batch is found by its full name', () => {
    const r = renderQboCustomer(
      { type: 'CustomerAdd', name: 'Job', parentRef: { fullName: 'New Owner LLC' } },
      makeQboRefs({ byFullName: { 'New Owner LLC': '58' } }),
    );
    expect(r).toMatchObject({ ok: true, payload: { ParentRef: { value: '58', name: 'New Owner LLC' } } });
  });

  it('a job named as its customer gets " (job)" on QBO, where DisplayName is unique across every customer (any case); other names stay', () => {
    const byFullName = makeQboRefs({ byFullName: { 'Hillcrest Hotel': '58', 'Owners:Hillcrest Hotel': '59' } });
    const render = (name: string, parent: string) => renderQboCustomer({ type: 'CustomerAdd', name, parentRef: { fullName: parent } }, byFullName);
    expect(render('Hillcrest Hotel', 'Hillcrest Hotel')).toMatchObject({
      ok: true,
      payload: { DisplayName: 'Hillcrest Hotel (job)', ParentRef: { value: '58' } },
    });
    expect(render('HILLCREST hotel', 'Owners:Hillcrest Hotel')).toMatchObject({ ok: true, payload: { DisplayName: 'HILLCREST hotel (job)' } });
    expect(render('Hillcrest Hotel Phase 2', 'Hillcrest Hotel')).toMatchObject({ ok: true, payload: { DisplayName: 'Hillcrest Hotel Phase 2' } });
    expect(qboCustomerDisplayName('Hillcrest Hotel', undefined)).toBe('Hillcrest Hotel');
    expect(`Hillcrest Hotel${JOB_NAME_SUFFIX_ON_QBO}`).toBe('Hillcrest Hotel (job)');
  });

  it('refuses a job whose parent is not in QBO yet (MISSING_DEPENDENCY on ParentRef)', () => {
    const mapped = expectOk(mapProject({ project: PROJECT }, ctx));
    const r = renderQboCustomer(mapped.request, makeQboRefs({ unknown: [CUSTOMER_LINK.listId] }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'MISSING_DEPENDENCY', field: 'ParentRef' } });
    if (!r.ok) expect(r.refusal.message).toMatch(/^The QuickBooks Online customer .* export again\.$/);
  });

  it('a linked job: sparse update of the chosen fields, never ParentRef', () => {
    const linked = makeContext({ links: { customers: { [PROJECT_ID]: CUSTOMER_LINK }, jobs: { [PROJECT_ID]: JOB_LINK } } });
    const mapped = expectOk(mapProject({ project: { ...PROJECT, active: false }, fields: ['Name', 'Active'] }, linked));
    expect(renderQboCustomer(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Customer',
      operation: 'update',
      payload: { Id: qboId(JOB_LINK.listId), SyncToken: '7', sparse: true, DisplayName: 'MOB Expansion', Active: false },
    });
  });

  it('refuses an update of a customer QBO does not know', () => {
    expect(renderQboCustomer({ type: 'CustomerMod', listId: 'C9', editSequence: '1', isActive: true }, makeQboRefs({ unknown: ['C9'] }))).toMatchObject({
      ok: false,
      refusal: { code: 'LINK_INCOMPLETE' },
    });
  });
});
