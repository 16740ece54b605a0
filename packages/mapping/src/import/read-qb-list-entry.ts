// "Refresh Jobs" / "Refresh Vendors" / items (QuickBooks to Procore): a CustomerRet, VendorRet or Item*Ret
// (qbxml130.xsd) → what the link list and Procore project/vendor creation need; an AccountRet or ClassRet (read with
// items) → what the Settings pickers offer (issue 18 item 4).
import { QbxmlParseError, readRecord, type QbRecord } from '@connector/qbxml';
import { optionalText, readQbBool, readQbRef, requireText } from './read-qb-fields.ts';

export type QbListType = 'Customer' | 'Vendor' | 'Item' | 'Account' | 'Class';

/** Which Item*Ret an ItemQueryRs record was (ItemQueryRs mixes them; the caller knows the element name). */
export type QbItemType =
  | 'ItemService'
  | 'ItemNonInventory'
  | 'ItemOtherCharge'
  | 'ItemInventory'
  | 'ItemInventoryAssembly'
  | 'ItemFixedAsset'
  | 'ItemSubtotal'
  | 'ItemDiscount'
  | 'ItemPayment'
  | 'ItemSalesTax'
  | 'ItemSalesTaxGroup'
  | 'ItemGroup';

const ITEM_TYPES: ReadonlySet<string> = new Set<QbItemType>([
  'ItemService',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemFixedAsset',
  'ItemSubtotal',
  'ItemDiscount',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemGroup',
]);

export interface QbAddress {
  line1: string | null;
  line2: string | null;
  line3: string | null;
  line4: string | null;
  line5: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface QbListEntry {
  listType: QbListType;
  listId: string;
  editSequence: string;
  /** Name (a job's own name, without its customer). */
  name: string;
  /** FullName ("Customer:Job", "Parent:Child" items); a vendor's Name, which has no parent. */
  fullName: string;
  parentListId: string | null;
  /** 0 for top-level entries (a customer), 1 for a job under it, … */
  sublevel: number;
  isActive: boolean;
  /** Raw TimeModified (QuickBooks local time with its offset), verbatim for the incremental cursor. */
  timeModified: string;
  /** Items only: which Item*Ret it was; null for customers and vendors, or when not given. */
  itemType: QbItemType | null;
  companyName: string | null;
  /** Customers/jobs: JobStatus (Awarded, Closed, InProgress, None, NotAwarded, Pending). */
  jobStatus: string | null;
  /** For creating the Procore vendor or project. */
  contact: { email: string | null; phone: string | null; address: QbAddress | null };
  /**
   * Customers and vendors of a multi-currency file: CurrencyRef FullName ("Canadian Dollar"), the currency every
   * transaction with them is in; null when QuickBooks sent none (multi-currency off).
   */
  currencyName?: string | null;
  /** Accounts only: AccountType (qbxml130.xsd AccountRet, required there: Expense, CostOfGoodsSold, Income, …). */
  accountType?: string | null;
  /** Accounts only: AccountNumber, when the file numbers its accounts. */
  accountNumber?: string | null;
}

/**
 * Reads one list entry. `retElement` is the element name (needed for items: "ItemServiceRet" →
 * itemType "ItemService"). Throws (QbxmlParseError, naming the element) when ListID, EditSequence, Name
 * or TimeModified is missing, Sublevel/IsActive are not what the XSD allows, or `retElement` is not an
 * element of that list.
 *
 * Address: a vendor's VendorAddress; a customer's or job's ShipAddress (the job site, where mapProject puts
 * a Procore project's address), else its BillAddress. IsActive defaults to true (the XSD default).
 */
export function readQbListEntry(listType: QbListType, record: QbRecord, retElement?: string): QbListEntry {
  const element = retElement ?? `${listType}Ret`;
  const itemType = readItemType(listType, retElement);
  const listId = requireText(record, 'ListID', element);
  const where = `${element} ${listId}`;
  const name = requireText(record, 'Name', where);
  const sublevelText = optionalText(record, 'Sublevel');
  if (sublevelText !== null && !/^\s*\d+\s*$/.test(sublevelText))
    throw new QbxmlParseError(`${where} has Sublevel "${sublevelText}", which is not a whole number.`);
  const addressElements = listType === 'Vendor' ? ['VendorAddress'] : listType === 'Customer' ? ['ShipAddress', 'BillAddress'] : [];
  let address: QbAddress | null = null;
  for (const candidate of addressElements) {
    address = readAddress(readRecord(record, candidate));
    if (address !== null) break;
  }
  return {
    listType,
    listId,
    editSequence: requireText(record, 'EditSequence', where),
    name,
    fullName: optionalText(record, 'FullName') ?? name,
    parentListId: readQbRef(record, 'ParentRef').listId,
    sublevel: sublevelText === null ? 0 : Number.parseInt(sublevelText, 10),
    isActive: readQbBool(record, 'IsActive', where, true),
    timeModified: requireText(record, 'TimeModified', where),
    itemType,
    companyName: optionalText(record, 'CompanyName'),
    jobStatus: listType === 'Customer' ? optionalText(record, 'JobStatus') : null,
    contact: { email: optionalText(record, 'Email'), phone: optionalText(record, 'Phone'), address },
    currencyName: listType === 'Item' ? null : readQbRef(record, 'CurrencyRef').fullName,
    ...(listType === 'Account' ? { accountType: requireText(record, 'AccountType', where), accountNumber: optionalText(record, 'AccountNumber') } : {}),
  };
}

function readItemType(listType: QbListType, retElement: string | undefined): QbItemType | null {
  if (retElement === undefined) return null;
  if (listType === 'Item') {
    const type = retElement.endsWith('Ret') ? retElement.slice(0, -3) : retElement;
    if (!ITEM_TYPES.has(type)) throw new QbxmlParseError(`${retElement} is not a QuickBooks item element (ItemServiceRet, ItemOtherChargeRet, …).`);
    return type as QbItemType;
  }
  if (retElement !== `${listType}Ret`) throw new QbxmlParseError(`${retElement} is not a ${listType} element; expected ${listType}Ret.`);
  return null;
}

function readAddress(address: QbRecord | undefined): QbAddress | null {
  if (address === undefined) return null;
  const read: QbAddress = {
    line1: optionalText(address, 'Addr1'),
    line2: optionalText(address, 'Addr2'),
    line3: optionalText(address, 'Addr3'),
    line4: optionalText(address, 'Addr4'),
    line5: optionalText(address, 'Addr5'),
    city: optionalText(address, 'City'),
    state: optionalText(address, 'State'),
    postalCode: optionalText(address, 'PostalCode'),
    country: optionalText(address, 'Country'),
  };
  return Object.values(read).some((v) => v !== null) ? read : null;
}
