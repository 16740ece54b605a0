// VendorAdd / VendorMod (map-vendor.ts) → QBO Vendor create / sparse update. The Desktop Name becomes DisplayName,
// which QBO keeps unique across Customers, Employees and Vendors (Intuit Vendor reference,
// developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/vendor; restated in Workato's "Troubleshoot
// QuickBooks Online runtime errors", docs.workato.com/en/connectors/quickbooks/quickbooks-troubleshooting-runtime.html:
// "display names are used as unique identifiers for Customers …, Employees, and Vendors"; same page: no ":" in a
// display name, which check-list-name.ts already refuses). A vendor named like a customer or an employee is answered
// with 6240 (Duplicate Name, packages/qbo isDuplicateName); Desktop has the same one name space (3100).
import type { VendorAddRequest, VendorModRequest } from '@connector/qbxml';
import { renderQboAddress } from './render-qbo-address.ts';
import { assertKnownFields, missing, rendering, type QboRefs, type QboRendering } from './qbo-rendering.ts';
import type { QboVendorPayload } from './qbo-payload-types.ts';

/** The VendorFields the mappers set (map-vendor.ts); anything else fails loudly (assertKnownFields). */
const KNOWN = ['type', 'name', 'listId', 'editSequence', 'companyName', 'isActive', 'vendorAddress', 'phone', 'mobile', 'fax', 'email', 'vendorTaxIdent'];

export function renderQboVendor(request: VendorAddRequest | VendorModRequest, refs: QboRefs): QboRendering<'Vendor'> {
  return rendering(() => {
    assertKnownFields(request, KNOWN);
    const payload: QboVendorPayload = {};
    let operation: 'create' | 'update' = 'create';
    if (request.type === 'VendorMod') {
      const current =
        refs.record('Vendor', request.listId) ??
        missing('Id', `The QuickBooks Online vendor id ${request.listId} is not known; refresh the vendors from QuickBooks Online, then export again.`);
      Object.assign(payload, { Id: current.Id, SyncToken: current.SyncToken, sparse: true });
      operation = 'update';
    }
    if (request.name !== undefined) payload.DisplayName = request.name;
    if (request.companyName !== undefined) payload.CompanyName = request.companyName;
    if (request.isActive !== undefined) payload.Active = request.isActive;
    if (request.vendorAddress !== undefined) payload.BillAddr = renderQboAddress(request.vendorAddress);
    if (request.phone !== undefined) payload.PrimaryPhone = { FreeFormNumber: request.phone };
    if (request.mobile !== undefined) payload.Mobile = { FreeFormNumber: request.mobile };
    if (request.fax !== undefined) payload.Fax = { FreeFormNumber: request.fax };
    if (request.email !== undefined) payload.PrimaryEmailAddr = { Address: request.email };
    if (request.vendorTaxIdent !== undefined) payload.TaxIdentifier = request.vendorTaxIdent;
    return { ok: true, entity: 'Vendor', operation, payload };
  });
}
