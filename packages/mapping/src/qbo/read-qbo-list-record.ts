// A QuickBooks Online name-list record (Customer, Vendor, Item, Account, Class) → the record a QuickBooks Desktop list
// query would have returned (issue 22: list refreshes on the Online edition). The connector's copy of the lists
// (qb_list_entries: the Settings pickers, the Jobs and Vendors screens, matching QuickBooks jobs and vendors to Procore)
// is read from the Desktop shape by readQbListEntry; an Online record is re-spelled into it here, as readQboAnswer does
// for writes. Field correspondences (Intuit's Accounting API reference, entities Customer, Vendor, Item, Account,
// Class; minorversion 75):
//   Id → ListID; SyncToken → EditSequence; DisplayName (customers, vendors) / Name (items, accounts, classes) → Name;
//   FullyQualifiedName → FullName; ParentRef.value → ParentRef ListID; Level (customers) or the depth of the
//   FullyQualifiedName → Sublevel; Active → IsActive; MetaData.LastUpdatedTime → TimeModified; CompanyName;
//   PrimaryEmailAddr.Address → Email; PrimaryPhone.FreeFormNumber → Phone; a vendor's BillAddr → VendorAddress, a
//   customer's ShipAddr / BillAddr → ShipAddress / BillAddress; AccountType "Cost of Goods Sold" → CostOfGoodsSold (the
//   qbXML AccountTypeENUM spelling); AcctNum → AccountNumber; Item.Type Service / NonInventory / Inventory / Group →
//   ItemServiceRet / ItemNonInventoryRet / ItemInventoryRet / ItemGroupRet.
// A record Desktop has no such thing for — an item of Type Category (a folder for items, not an item) — is null: left
// out of the copy.
import type { QbRecord } from '@connector/qbxml';
import type { QbListType } from '../import/read-qb-list-entry.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** Intuit's AccountType values (as the API spells them) → qbXML's AccountTypeENUM. */
const ACCOUNT_TYPE: Readonly<Record<string, string>> = {
  'accounts payable': 'AccountsPayable',
  'accounts receivable': 'AccountsReceivable',
  bank: 'Bank',
  'cost of goods sold': 'CostOfGoodsSold',
  'credit card': 'CreditCard',
  equity: 'Equity',
  expense: 'Expense',
  'fixed asset': 'FixedAsset',
  income: 'Income',
  'long term liability': 'LongTermLiability',
  'other asset': 'OtherAsset',
  'other current asset': 'OtherCurrentAsset',
  'other current liability': 'OtherCurrentLiability',
  'other expense': 'OtherExpense',
  'other income': 'OtherIncome',
};

const ITEM_RET: Readonly<Record<string, string>> = {
  Service: 'ItemServiceRet',
  NonInventory: 'ItemNonInventoryRet',
  Inventory: 'ItemInventoryRet',
  Group: 'ItemGroupRet',
};

/** The Desktop Ret element and record for a QBO list record, or null for one Desktop has no list entry for. */
export function readQboListRecord(listType: QbListType, answer: unknown): { retElement: string; record: QbRecord } | null {
  if (!isObject(answer)) throw new TypeError(`a QuickBooks Online ${listType} must be an object`);
  const retElement = listType === 'Item' ? ITEM_RET[text(answer.Type) ?? 'Service'] : `${listType}Ret`;
  if (!retElement) return null;
  const name = text(listType === 'Customer' || listType === 'Vendor' ? answer.DisplayName : answer.Name);
  const fullName = text(answer.FullyQualifiedName) ?? name;
  const meta = isObject(answer.MetaData) ? answer.MetaData : {};
  const record: QbRecord = {};
  const put = (field: string, value: QbRecord | string | undefined) => {
    if (value !== undefined) record[field] = value;
  };
  put('ListID', text(answer.Id));
  put('TimeCreated', text(meta.CreateTime));
  put('TimeModified', text(meta.LastUpdatedTime));
  put('EditSequence', text(answer.SyncToken));
  put('Name', listType === 'Customer' && fullName !== undefined ? fullName.slice(fullName.lastIndexOf(':') + 1) : name);
  put('FullName', fullName);
  put('IsActive', answer.Active === false ? 'false' : 'true');
  const parent = isObject(answer.ParentRef) ? text(answer.ParentRef.value) : undefined;
  if (parent !== undefined) record.ParentRef = { ListID: parent };
  const level = typeof answer.Level === 'number' ? answer.Level : fullName !== undefined ? fullName.split(':').length - 1 : 0;
  put('Sublevel', String(level));
  put('CompanyName', text(answer.CompanyName));
  if (isObject(answer.PrimaryEmailAddr)) put('Email', text(answer.PrimaryEmailAddr.Address));
  if (isObject(answer.PrimaryPhone)) put('Phone', text(answer.PrimaryPhone.FreeFormNumber));
  if (listType === 'Vendor') put('VendorAddress', address(answer.BillAddr));
  if (listType === 'Customer') {
    put('BillAddress', address(answer.BillAddr));
    put('ShipAddress', address(answer.ShipAddr));
  }
  if (listType === 'Account') {
    const type = text(answer.AccountType);
    put('AccountType', type === undefined ? undefined : (ACCOUNT_TYPE[type.toLowerCase()] ?? type.replace(/\s+/g, '')));
    put('AccountNumber', text(answer.AcctNum));
  }
  return { retElement, record };
}

function address(value: unknown): QbRecord | undefined {
  if (!isObject(value)) return undefined;
  const out: QbRecord = {};
  const fields: Array<[string, string]> = [
    ['Line1', 'Addr1'],
    ['Line2', 'Addr2'],
    ['Line3', 'Addr3'],
    ['Line4', 'Addr4'],
    ['Line5', 'Addr5'],
    ['City', 'City'],
    ['CountrySubDivisionCode', 'State'],
    ['PostalCode', 'PostalCode'],
    ['Country', 'Country'],
  ];
  for (const [qbo, desktop] of fields) {
    const v = text(value[qbo]);
    if (v !== undefined) out[desktop] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
