import type { VendorAddRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { mapVendor } from '../map-vendor.ts';
import { expectOk, makeContext, VENDOR_ID, VENDOR_LINK } from '../testing/fixtures.ts';
import { VENDOR } from '../testing/procore-records.ts';
import { makeQboRefs, qboId } from '../testing/qbo-refs.ts';
import { renderQboVendor } from './render-qbo-vendor.ts';

const refs = makeQboRefs();

describe('renderQboVendor', () => {
  it('renders the vendor the domain mapped: DisplayName, CompanyName, address, phones, e-mail', () => {
    const mapped = expectOk(mapVendor({ vendor: VENDOR }, makeContext({ links: {} })));
    const r = renderQboVendor(mapped.request, refs);
    expect(r).toEqual({
      ok: true,
      entity: 'Vendor',
      operation: 'create',
      payload: expect.objectContaining({ DisplayName: mapped.request.name, CompanyName: mapped.request.companyName }),
    });
  });

  it('renders every field the Desktop request carries, each in its QBO place', () => {
    const request: VendorAddRequest = {
      type: 'VendorAdd',
      name: 'Bétons Müller & Fils — Québec',
      companyName: 'Bétons Müller & Fils',
      isActive: false,
      vendorAddress: {
        addr1: '1 Rue Saint-Jean',
        addr2: 'Bureau 2',
        addr3: 'c/o Zoë',
        addr4: 'L4',
        addr5: 'L5',
        city: 'Québec',
        state: 'QC',
        postalCode: 'G1R 1N8',
        country: 'CA',
      },
      phone: '418-555-0100',
      mobile: '418-555-0101',
      fax: '418-555-0102',
      email: 'zoë@example.com',
      vendorTaxIdent: '12-3456789',
    };
    expect(renderQboVendor(request, refs)).toEqual({
      ok: true,
      entity: 'Vendor',
      operation: 'create',
      payload: {
        DisplayName: 'Bétons Müller & Fils — Québec',
        CompanyName: 'Bétons Müller & Fils',
        Active: false,
        BillAddr: {
          Line1: '1 Rue Saint-Jean',
          Line2: 'Bureau 2',
          Line3: 'c/o Zoë',
          Line4: 'L4',
          Line5: 'L5',
          City: 'Québec',
          CountrySubDivisionCode: 'QC',
          PostalCode: 'G1R 1N8',
          Country: 'CA',
        },
        PrimaryPhone: { FreeFormNumber: '418-555-0100' },
        Mobile: { FreeFormNumber: '418-555-0101' },
        Fax: { FreeFormNumber: '418-555-0102' },
        PrimaryEmailAddr: { Address: 'zoë@example.com' },
        TaxIdentifier: '12-3456789',
      },
    });
  });

  it('a linked vendor: a sparse update of the chosen fields only, with the current SyncToken', () => {
    const ctx = makeContext({ links: { vendors: { [VENDOR_ID]: VENDOR_LINK } } });
    const mapped = expectOk(mapVendor({ vendor: { ...VENDOR, name: 'ABC Concrete Inc' }, fields: ['Name', 'Active'] }, ctx));
    expect(renderQboVendor(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Vendor',
      operation: 'update',
      payload: { Id: qboId(VENDOR_LINK.listId), SyncToken: '7', sparse: true, DisplayName: 'ABC Concrete Inc', Active: true },
    });
  });

  it('refuses an update of a vendor QBO does not know, naming the fix', () => {
    const r = renderQboVendor({ type: 'VendorMod', listId: 'V9', editSequence: '1', phone: '1' }, makeQboRefs({ unknown: ['V9'] }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE', field: 'Id' } });
    if (!r.ok) expect(r.refusal.message).toMatch(/refresh the vendors from QuickBooks Online/);
  });

  it('fails loudly for a Desktop field it has no QBO place for', () => {
    expect(() => renderQboVendor({ type: 'VendorAdd', name: 'X', notes: 'n' }, refs)).toThrow(/field "notes"/);
  });
});
