// Which entities the simulator serves and the rules that differ between them.
// Name-list entities (Vendor, Customer, Item, Class, Account) are never deleted in QBO, only made inactive
// (Active=false), and their names are unique; transactions can be deleted (POST ?operation=delete).
// Vendor and Customer share one display-name namespace with Employee: "Another customer, vendor or employee is
// already using this name" (6240, "Handling common errors").

export const ENTITY_NAMES = [
  'Vendor',
  'Customer',
  'Item',
  'Class',
  'Account',
  'PurchaseOrder',
  'Bill',
  'BillPayment',
  'Invoice',
  'Estimate',
  'Payment',
  'Purchase',
  'VendorCredit',
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

const BY_LOWER = new Map<string, EntityName>(ENTITY_NAMES.map((e) => [e.toLowerCase(), e]));

/** URL resources are the lower-case entity name; queries/CDC accept any case. */
export function entityFromName(raw: string): EntityName | undefined {
  return BY_LOWER.get(raw.toLowerCase());
}

export const NAME_LIST_ENTITIES: ReadonlySet<EntityName> = new Set(['Vendor', 'Customer', 'Item', 'Class', 'Account']);

/** The field that names a name-list record, and the namespace it must be unique in. */
export function nameFieldOf(entity: EntityName): { field: 'DisplayName' | 'Name'; namespace: string } | null {
  switch (entity) {
    case 'Vendor':
    case 'Customer':
      return { field: 'DisplayName', namespace: 'people' };
    case 'Item':
    case 'Class':
    case 'Account':
      return { field: 'Name', namespace: entity };
    default:
      return null;
  }
}

/** Ref fields (anywhere in a payload, lines included) and the entity they must point at. */
export const REF_TARGETS: Readonly<Record<string, EntityName>> = {
  VendorRef: 'Vendor',
  CustomerRef: 'Customer',
  ItemRef: 'Item',
  ClassRef: 'Class',
  AccountRef: 'Account',
  APAccountRef: 'Account',
  ARAccountRef: 'Account',
  DepositToAccountRef: 'Account',
  BankAccountRef: 'Account',
  CCAccountRef: 'Account',
  ExpenseAccountRef: 'Account',
  IncomeAccountRef: 'Account',
};

/** Fields each entity must have on create (the API reference's "required" markers for the ones we serve). */
export const REQUIRED_ON_CREATE: Readonly<Record<EntityName, readonly string[]>> = {
  Vendor: ['DisplayName'],
  Customer: ['DisplayName'],
  Item: ['Name', 'Type'],
  Class: ['Name'],
  Account: ['Name', 'AccountType'],
  PurchaseOrder: ['VendorRef', 'Line'],
  Bill: ['VendorRef', 'Line'],
  BillPayment: ['VendorRef', 'PayType', 'TotalAmt', 'Line'],
  Invoice: ['CustomerRef', 'Line'],
  Estimate: ['CustomerRef', 'Line'],
  Payment: ['CustomerRef', 'TotalAmt'],
  Purchase: ['PaymentType', 'AccountRef', 'Line'],
  VendorCredit: ['VendorRef', 'Line'],
};
