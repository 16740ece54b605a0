import { invalidValue } from './check-text.ts';
import type { QbDateTime } from './common-types.ts';
import type { FieldWriter } from './field-writer.ts';
import { writeIncludeRetElements, type ReturnOptions } from './query-options.ts';

// qbxml130.xsd TxnDelType / ListDelType enumerations.
export const TXN_DEL_TYPES = [
  'ARRefundCreditCard',
  'Bill',
  'BillPaymentCheck',
  'BillPaymentCreditCard',
  'BuildAssembly',
  'Charge',
  'Check',
  'CreditCardCharge',
  'CreditCardCredit',
  'CreditMemo',
  'Deposit',
  'Estimate',
  'InventoryAdjustment',
  'Invoice',
  'ItemReceipt',
  'JournalEntry',
  'PurchaseOrder',
  'ReceivePayment',
  'SalesOrder',
  'SalesReceipt',
  'SalesTaxPaymentCheck',
  'TimeTracking',
  'TransferInventory',
  'VehicleMileage',
  'VendorCredit',
] as const;
export type TxnDelType = (typeof TXN_DEL_TYPES)[number];

export const LIST_DEL_TYPES = [
  'Account',
  'BillingRate',
  'Class',
  'Currency',
  'Customer',
  'CustomerMsg',
  'CustomerType',
  'DateDrivenTerms',
  'Employee',
  'InventorySite',
  'ItemDiscount',
  'ItemFixedAsset',
  'ItemGroup',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemService',
  'ItemSubtotal',
  'JobType',
  'OtherName',
  'PaymentMethod',
  'PayrollItemNonWage',
  'PayrollItemWage',
  'PriceLevel',
  'SalesRep',
  'SalesTaxCode',
  'ShipMethod',
  'StandardTerms',
  'ToDo',
  'UnitOfMeasureSet',
  'Vehicle',
  'Vendor',
  'VendorType',
  'WorkersCompCode',
] as const;
export type ListDelType = (typeof LIST_DEL_TYPES)[number];

export interface DeletedDateRangeFilter {
  fromDeletedDate?: QbDateTime;
  toDeletedDate?: QbDateTime;
}

export interface TxnDeletedQueryRequest extends ReturnOptions {
  type: 'TxnDeletedQuery';
  txnDelTypes: TxnDelType[];
  deletedDateRangeFilter?: DeletedDateRangeFilter;
}

export interface ListDeletedQueryRequest extends ReturnOptions {
  type: 'ListDeletedQuery';
  listDelTypes: ListDelType[];
  deletedDateRangeFilter?: DeletedDateRangeFilter;
}

/** qbxmlops130.xsd TxnDeletedQuery / ListDeletedQuery groups: *DelType+, DeletedDateRangeFilter, IncludeRetElement*. */
export function writeDeletedQuery(f: FieldWriter, spec: TxnDeletedQueryRequest | ListDeletedQueryRequest): void {
  const [element, types, allowed]: [string, readonly string[] | undefined, readonly string[]] =
    spec.type === 'TxnDeletedQuery' ? ['TxnDelType', spec.txnDelTypes, TXN_DEL_TYPES] : ['ListDelType', spec.listDelTypes, LIST_DEL_TYPES];
  if (!Array.isArray(types) || types.length === 0) {
    throw invalidValue(`${spec.type} needs at least one ${element}.`, f.field(element));
  }
  types.forEach((delType) => f.enumValue(element, delType, allowed, element));
  const range = spec.deletedDateRangeFilter;
  if (range !== undefined) {
    f.nested('DeletedDateRangeFilter', (d) => {
      d.dateTime('FromDeletedDate', range.fromDeletedDate, 'Deleted-since date').dateTime('ToDeletedDate', range.toDeletedDate, 'Deleted-until date');
    });
  }
  writeIncludeRetElements(f, spec.includeRetElements);
}
