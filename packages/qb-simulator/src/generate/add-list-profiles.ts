import type { CompanyFile, Customer, StoredNode, Vendor } from '../model/company-file.ts';
import { describeCompanyShipTo } from '../model/describe-company-address.ts';
import { customerDefaults, itemDefaults, itemPurchaseDesc, vendorDefaults, withDefaults } from '../model/new-record-defaults.ts';

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
const CITIES: [string, string, string][] = [
  ['Columbus', 'OH', '43215'],
  ['Dayton', 'OH', '45402'],
  ['Toledo', 'OH', '43604'],
  ['Akron', 'OH', '44308'],
];

/**
 * What a contractor's vendors and customers carry besides their names, set without the random stream (so
 * a seed's other records stay as they were): vendors are subcontractors or suppliers on Net 30 (every sixth
 * on 2% 10 Net 30), subcontractors flagged for 1099s; owners are filed by type, on Net 30, taxable, with a
 * bill-to address; jobs are taxable like their owner; items carry the sales tax code QuickBooks gives them;
 * purchase orders carry what QuickBooks fills in on them.
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
      profile.push(...ref('CustomerTypeRef', idOf(company.customerTypes, customerTypeOf(c.name))), ...ref('TermsRef', net30), {
        name: 'BillAddress',
        children: [
          { name: 'Addr1', text: c.companyName ?? c.name },
          { name: 'Addr2', text: `${100 + ((i * 137) % 9000)} ${STREETS[i % STREETS.length]}` },
          { name: 'City', text: city },
          { name: 'State', text: state },
          { name: 'PostalCode', text: zip },
        ],
      });
    }
    c.extra = withDefaults(c.extra, profile);
  });
  for (const item of company.items) item.extra = withDefaults(item.extra, itemDefaults(company, item.itemType));
  // Purchase orders as QuickBooks fills them in: the vendor's terms and the due date they give, the company as the
  // ship-to, and each line's description from its item (handlers/purchase-order-handlers.ts does the same for an Add).
  const vendors = new Map(company.vendors.map((v) => [v.listId, v]));
  const items = new Map(company.items.map((i) => [i.listId, i]));
  for (const po of company.purchaseOrders) {
    const termsId = po.vendorId ? vendors.get(po.vendorId)?.extra?.find((n) => n.name === 'TermsRef')?.children?.[0]?.text : undefined;
    const terms = company.terms.find((t) => t.listId === termsId);
    po.extra = withDefaults(po.extra, [...ref('TermsRef', terms?.listId), describeCompanyShipTo(company)]);
    if (terms?.termsType === 'Standard' && po.dueDate === undefined) po.dueDate = shiftDays(po.txnDate, terms.stdDueDays ?? 0);
    for (const line of po.lines) {
      const desc = line.desc === undefined && line.itemId ? itemPurchaseDesc(items.get(line.itemId)?.extra) : undefined;
      if (desc) line.desc = desc;
    }
  }
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
