import { invalidValue, requireValue } from './check-text.ts';
import type { DecimalInput, ListRef } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';

/** One-sided item (bought *or* sold): the usual shape for a cost-code item. */
export interface SalesOrPurchase {
  desc?: string;
  /** Choice with `pricePercent` (qbxml130.xsd SalesOrPurchase). */
  price?: DecimalInput;
  pricePercent?: DecimalInput;
  accountRef?: ListRef;
}

export interface SalesOrPurchaseMod extends SalesOrPurchase {
  applyAccountRefToExistingTxns?: boolean;
}

/** Two-sided item: bought (bills, POs) and sold (estimates, invoices) with separate accounts. */
export interface SalesAndPurchase {
  salesDesc?: string;
  salesPrice?: DecimalInput;
  incomeAccountRef?: ListRef;
  purchaseDesc?: string;
  purchaseCost?: DecimalInput;
  purchaseTaxCodeRef?: ListRef;
  expenseAccountRef?: ListRef;
  prefVendorRef?: ListRef;
}

export interface SalesAndPurchaseMod extends SalesAndPurchase {
  applyIncomeAccountRefToExistingTxns?: boolean;
  applyExpenseAccountRefToExistingTxns?: boolean;
}

interface ItemCommonFields {
  isActive?: boolean;
  classRef?: ListRef;
  /** Parent item: cost codes grouped under a division item. */
  parentRef?: ListRef;
  salesTaxCodeRef?: ListRef;
}

interface ItemAddFields extends ItemCommonFields {
  name: string;
  /** Exactly one of `salesOrPurchase` / `salesAndPurchase` (required XSD choice). */
  salesOrPurchase?: SalesOrPurchase;
  salesAndPurchase?: SalesAndPurchase;
  externalGuid?: string;
}

interface ItemModFields extends ItemCommonFields {
  listId: string;
  editSequence: string;
  name?: string;
  /** At most one of `salesOrPurchaseMod` / `salesAndPurchaseMod`. */
  salesOrPurchaseMod?: SalesOrPurchaseMod;
  salesAndPurchaseMod?: SalesAndPurchaseMod;
}

export interface ItemServiceAddRequest extends ItemAddFields {
  type: 'ItemServiceAdd';
}
export interface ItemOtherChargeAddRequest extends ItemAddFields {
  type: 'ItemOtherChargeAdd';
}
export interface ItemServiceModRequest extends ItemModFields {
  type: 'ItemServiceMod';
}
export interface ItemOtherChargeModRequest extends ItemModFields {
  type: 'ItemOtherChargeMod';
}

/**
 * qbxml130.xsd ItemServiceAdd / ItemOtherChargeAdd sequences (identical for the
 * fields we use: Name, [BarCode], IsActive, ClassRef, ParentRef, [UnitOfMeasureSetRef],
 * [IsTaxIncluded], SalesTaxCodeRef, SalesOrPurchase|SalesAndPurchase, ExternalGUID).
 */
export function writeItemAdd(f: FieldWriter, spec: ItemServiceAddRequest | ItemOtherChargeAddRequest): void {
  f.name('Name', spec.name, 'Item name', FIELD_LIMITS.itemName);
  writeItemCommon(f, spec);
  if (spec.salesOrPurchase !== undefined && spec.salesAndPurchase !== undefined) {
    throw invalidValue('An item is either one-sided (salesOrPurchase) or two-sided (salesAndPurchase), not both.', f.field('SalesOrPurchase'));
  }
  if (spec.salesAndPurchase !== undefined) {
    writeSalesAndPurchase(f, 'SalesAndPurchase', spec.salesAndPurchase, {});
  } else {
    const sop = requireValue(spec.salesOrPurchase, f.field('SalesOrPurchase'), 'Item purchase/sales details (salesOrPurchase or salesAndPurchase)');
    writeSalesOrPurchase(f, 'SalesOrPurchase', sop, undefined);
  }
  f.guid('ExternalGUID', spec.externalGuid, 'Item external GUID');
}

/** qbxml130.xsd ItemServiceMod / ItemOtherChargeMod sequences. */
export function writeItemMod(f: FieldWriter, spec: ItemServiceModRequest | ItemOtherChargeModRequest): void {
  f.id('ListID', spec.listId, 'Item ListID').editSequence(spec.editSequence, 'Item EditSequence');
  f.optionalName('Name', spec.name, 'Item name', FIELD_LIMITS.itemName);
  writeItemCommon(f, spec);
  if (spec.salesOrPurchaseMod !== undefined && spec.salesAndPurchaseMod !== undefined) {
    throw invalidValue('An item change gives salesOrPurchaseMod or salesAndPurchaseMod, not both.', f.field('SalesOrPurchaseMod'));
  }
  if (spec.salesOrPurchaseMod !== undefined) {
    writeSalesOrPurchase(f, 'SalesOrPurchaseMod', spec.salesOrPurchaseMod, spec.salesOrPurchaseMod.applyAccountRefToExistingTxns);
  }
  if (spec.salesAndPurchaseMod !== undefined) {
    writeSalesAndPurchase(f, 'SalesAndPurchaseMod', spec.salesAndPurchaseMod, spec.salesAndPurchaseMod);
  }
}

function writeItemCommon(f: FieldWriter, spec: ItemCommonFields): void {
  f.bool('IsActive', spec.isActive, 'Item active flag')
    .ref('ClassRef', spec.classRef, 'Item class', FIELD_LIMITS.listRefFullName)
    .ref('ParentRef', spec.parentRef, 'Item parent', FIELD_LIMITS.listRefFullName)
    .ref('SalesTaxCodeRef', spec.salesTaxCodeRef, 'Item sales tax code', FIELD_LIMITS.salesTaxCodeRefFullName);
}

function writeSalesOrPurchase(f: FieldWriter, element: string, sop: SalesOrPurchase, applyToExisting: boolean | undefined): void {
  if (sop.price !== undefined && sop.pricePercent !== undefined) {
    throw invalidValue('An item has a price or a price percent, not both.', f.field(`${element}.Price`));
  }
  f.nested(element, (s) => {
    s.text('Desc', sop.desc, 'Item description', FIELD_LIMITS.lineDesc)
      .decimal('Price', sop.price, 'Item price')
      .decimal('PricePercent', sop.pricePercent, 'Item price percent')
      .ref('AccountRef', sop.accountRef, 'Item account', FIELD_LIMITS.listRefFullName)
      .bool('ApplyAccountRefToExistingTxns', applyToExisting, 'Apply account to existing transactions');
  });
}

function writeSalesAndPurchase(
  f: FieldWriter,
  element: string,
  sap: SalesAndPurchase,
  apply: { applyIncomeAccountRefToExistingTxns?: boolean; applyExpenseAccountRefToExistingTxns?: boolean },
): void {
  f.nested(element, (s) => {
    s.text('SalesDesc', sap.salesDesc, 'Item sales description', FIELD_LIMITS.lineDesc)
      .decimal('SalesPrice', sap.salesPrice, 'Item sales price')
      .ref('IncomeAccountRef', sap.incomeAccountRef, 'Item income account', FIELD_LIMITS.listRefFullName)
      .bool('ApplyIncomeAccountRefToExistingTxns', apply.applyIncomeAccountRefToExistingTxns, 'Apply income account to existing transactions')
      .text('PurchaseDesc', sap.purchaseDesc, 'Item purchase description', FIELD_LIMITS.lineDesc)
      .decimal('PurchaseCost', sap.purchaseCost, 'Item purchase cost')
      .ref('PurchaseTaxCodeRef', sap.purchaseTaxCodeRef, 'Item purchase tax code', FIELD_LIMITS.salesTaxCodeRefFullName)
      .ref('ExpenseAccountRef', sap.expenseAccountRef, 'Item expense account', FIELD_LIMITS.listRefFullName)
      .bool('ApplyExpenseAccountRefToExistingTxns', apply.applyExpenseAccountRefToExistingTxns, 'Apply expense account to existing transactions')
      .ref('PrefVendorRef', sap.prefVendorRef, 'Item preferred vendor', FIELD_LIMITS.vendorRefFullName);
  });
}
