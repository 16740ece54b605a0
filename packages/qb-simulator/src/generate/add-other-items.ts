import type { CompanyFile, Item, ItemKind, StoredNode, Vendor } from '../model/company-file.ts';
import { formatQbId } from '../model/create-company-file.ts';
import { itemDefaults, withDefaults } from '../model/new-record-defaults.ts';

const text = (name: string, value: string): StoredNode => ({ name, text: value });
const ref = (name: string, listId: string): StoredNode => ({ name, children: [{ name: 'ListID', text: listId }] });

function accountId(company: CompanyFile, name: string): string {
  const a = company.accounts.find((x) => x.name === name);
  if (!a) throw new Error(`default account ${name} missing`);
  return a.listId;
}

/**
 * The items a contractor's file holds besides its cost codes (qbxml130.xsd Item*Ret): materials bought per
 * job (non-inventory), stocked materials with quantities and the three inventory accounts, a group that
 * bundles items, and the invoice helpers (discount, subtotal, sales tax with its tax agency, payment). Added
 * after everything else at `createdAt`, so the rest of a seed's file is unchanged. The sales tax item needs
 * a tax agency: a vendor of type "Tax agency" is added for it.
 */
export function addOtherItems(company: CompanyFile, createdAt: number): void {
  const stamp = { timeCreated: createdAt, timeModified: createdAt, editSequence: String(Math.floor(createdAt / 1000)) };
  const add = (name: string, itemType: ItemKind, extra: StoredNode[]): Item => {
    const item: Item = { listId: formatQbId(company.nextListSeq++, createdAt), ...stamp, name, isActive: true, itemType };
    const withTax = withDefaults(extra, itemDefaults(company, itemType));
    if (withTax) item.extra = withTax;
    company.items.push(item);
    return item;
  };
  const materials = accountId(company, 'Job Materials');
  const lumber = add('Framing Lumber', 'NonInventory', [
    { name: 'SalesOrPurchase', children: [text('Desc', 'Framing lumber, delivered to site'), text('Price', '0.00'), ref('AccountRef', materials)] },
  ]);
  const fasteners = add('Fasteners and Hardware', 'NonInventory', [
    { name: 'SalesOrPurchase', children: [text('Desc', 'Fasteners, anchors and connectors'), text('Price', '0.00'), ref('AccountRef', materials)] },
  ]);
  const inventory = (name: string, desc: string, cost: string, price: string, onHand: string): Item =>
    add(name, 'Inventory', [
      text('SalesDesc', desc),
      text('SalesPrice', price),
      ref('IncomeAccountRef', accountId(company, 'Materials')),
      text('PurchaseDesc', desc),
      text('PurchaseCost', cost),
      ref('COGSAccountRef', materials),
      ref('AssetAccountRef', accountId(company, 'Inventory Asset')),
      text('ReorderPoint', '50'),
      text('QuantityOnHand', onHand),
      text('AverageCost', cost),
      text('QuantityOnOrder', '0'),
      text('QuantityOnSalesOrder', '0'),
    ]);
  inventory('Rebar #4 20ft', 'Rebar #4, 20 ft stick', '9.85', '14.50', '420');
  inventory('Drywall 5/8 Type X', 'Gypsum board 5/8" Type X, 4x12', '18.40', '26.00', '160');
  add('Bathroom Rough-In Kit', 'Group', [
    text('ItemDesc', 'Framing and fasteners for one bathroom rough-in'),
    text('IsPrintItemsInGroup', 'false'),
    { name: 'ItemGroupLine', children: [ref('ItemRef', lumber.listId), text('Quantity', '1')] },
    { name: 'ItemGroupLine', children: [ref('ItemRef', fasteners.listId), text('Quantity', '2')] },
  ]);
  add('Prompt Pay Discount', 'Discount', [
    text('ItemDesc', 'Discount for payment within 10 days'),
    text('DiscountRatePercent', '2.0'),
    ref('AccountRef', accountId(company, 'Construction')),
  ]);
  add('Subtotal', 'Subtotal', [text('ItemDesc', 'Subtotal')]);
  const agency: Vendor = {
    listId: formatQbId(company.nextListSeq++, createdAt),
    ...stamp,
    name: 'Ohio Department of Taxation',
    isActive: true,
    companyName: 'Ohio Department of Taxation',
  };
  const taxAgencyType = company.vendorTypes.find((t) => t.name === 'Tax agency')?.listId;
  agency.extra = [
    text('IsTaxAgency', 'true'),
    text('NameOnCheck', 'Ohio Department of Taxation'),
    ...(taxAgencyType ? [ref('VendorTypeRef', taxAgencyType)] : []),
    text('IsVendorEligibleFor1099', 'false'),
  ];
  company.vendors.push(agency);
  add('Ohio Sales Tax', 'SalesTax', [text('ItemDesc', 'Ohio state sales tax'), text('TaxRate', '5.75'), ref('TaxVendorRef', agency.listId)]);
  add('Customer Deposit', 'Payment', [
    text('ItemDesc', 'Deposit received with a signed contract'),
    ref('DepositToAccountRef', accountId(company, 'Undeposited Funds')),
  ]);
}
