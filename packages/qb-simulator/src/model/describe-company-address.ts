import type { CompanyFile, CompanyProfile, StoredNode } from './company-file.ts';

/** Company Information of a generated file (an Ohio contractor, like the sample file's sales tax item). */
export const DEFAULT_COMPANY_PROFILE: CompanyProfile = {
  addr1: '4820 Ridge Line Rd',
  city: 'Columbus',
  state: 'OH',
  postalCode: '43215',
  phone: '614-555-0142',
  email: 'office@summitridgebuilders.example',
  webSite: 'www.summitridgebuilders.example',
  firstMonthFiscalYear: 'January',
  ein: '31-4567890',
  taxForm: 'Form1120S',
};

/**
 * The ship-to QuickBooks puts on a new purchase order: the company's name and address (Company Information). A real
 * PurchaseOrderRet carries ShipAddress and ShipAddressBlock with "SQL Mirror Test Company, LLC" although nobody
 * typed it on the PO (test/fixtures/real/purchase_order_query_rs.xml, the real-response fidelity test).
 */
export function describeCompanyShipTo(company: CompanyFile): StoredNode {
  const p = company.profile ?? DEFAULT_COMPANY_PROFILE;
  return {
    name: 'ShipAddress',
    children: [
      { name: 'Addr1', text: company.companyName },
      { name: 'Addr2', text: p.addr1 },
      { name: 'City', text: p.city },
      { name: 'State', text: p.state },
      { name: 'PostalCode', text: p.postalCode },
    ],
  };
}
