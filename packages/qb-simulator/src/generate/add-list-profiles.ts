import type { CompanyFile, Customer, StoredNode, Vendor } from '../model/company-file.ts';
import { customerDefaults, itemDefaults, vendorDefaults, withDefaults } from '../model/new-record-defaults.ts';

function ref(name: string, listId: string | undefined): StoredNode[] {
  return listId ? [{ name, children: [{ name: 'ListID', text: listId }] }] : [];
}

function idOf(list: { listId: string; name: string }[], name: string): string | undefined {
  return list.find((e) => e.name === name)?.listId;
}

/** An owner's type, read off its name as a bookkeeper would file it. */
function customerTypeOf(name: string): string {
  if (/^City of|County|School District|Transit|Academy/.test(name)) return 'Government';
  if (/Homes|HOA/.test(name)) return 'Residential';
  return 'Commercial';
}

const STREETS = ['Commerce Way', 'Main Street', 'Industrial Pkwy', 'Market Street', 'Oak Avenue', 'Riverside Drive', 'Center Street'];
const CITIES: [string, string, string][] = [['Columbus', 'OH', '43215'], ['Dayton', 'OH', '45402'], ['Toledo', 'OH', '43604'], ['Akron', 'OH', '44308']];

/**
 * What a contractor's vendors and customers carry besides their names, set without the random stream (so
 * a seed's other records stay as they were): vendors are subcontractors or suppliers on Net 30 (every sixth
 * on 2% 10 Net 30), subcontractors flagged for 1099s; owners are filed by type, on Net 30, taxable, with a
 * bill-to address; jobs are taxable like their owner; items carry the sales tax code QuickBooks gives them.
 */
export function addListProfiles(company: CompanyFile): void {
  const net30 = idOf(company.terms, 'Net 30');
  const discount = idOf(company.terms, '2% 10 Net 30');
  company.vendors.forEach((v: Vendor, i) => {
    const supplier = i % 4 === 3;
    const profile: StoredNode[] = [
      ...ref('VendorTypeRef', idOf(company.vendorTypes, supplier ? 'Suppliers' : 'Subcontractors')),
      ...ref('TermsRef', i % 6 === 5 ? discount : net30),
      { name: 'IsVendorEligibleFor1099', text: supplier ? 'false' : 'true' },
      ...vendorDefaults(v.name, v.companyName),
    ];
    v.extra = withDefaults(v.extra, profile);
  });
  company.customers.forEach((c: Customer, i) => {
    const profile: StoredNode[] = [...customerDefaults(company)];
    if (!c.parentId) {
      const [city, state, zip] = CITIES[i % CITIES.length] as [string, string, string];
      profile.push(
        ...ref('CustomerTypeRef', idOf(company.customerTypes, customerTypeOf(c.name))), ...ref('TermsRef', net30),
        { name: 'BillAddress', children: [{ name: 'Addr1', text: c.companyName ?? c.name }, { name: 'Addr2', text: `${100 + ((i * 137) % 9000)} ${STREETS[i % STREETS.length]}` }, { name: 'City', text: city }, { name: 'State', text: state }, { name: 'PostalCode', text: zip }] },
      );
    }
    c.extra = withDefaults(c.extra, profile);
  });
  for (const item of company.items) item.extra = withDefaults(item.extra, itemDefaults(company, item.itemType));
}
