import type { ListKind } from '../model/company-store.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, isQbIdShape } from './request-context.ts';

/** The list names QuickBooks puts in a 3140 ("... invalid reference to QuickBooks Vendor Type "Subs" in the Vendor ..."). */
const LIST_LABEL: Record<ListKind, string> = {
  vendor: 'Vendor',
  customer: 'Customer',
  item: 'Item',
  class: 'Class',
  account: 'Account',
  terms: 'Terms',
  vendorType: 'Vendor Type',
  customerType: 'Customer Type',
  salesTaxCode: 'Sales Tax Code',
  template: 'Template',
  currency: 'Currency',
};

/**
 * Resolves a *Ref (ListID and/or FullName) to a ListID of the given kind. A missing record
 * answers 3140 "There is an invalid reference to QuickBooks <List> ..." (real QuickBooks wording);
 * a malformed ListID answers 3000.
 */
export function resolveRef(ctx: RequestContext, ref: XmlNode, kinds: ListKind | ListKind[], where: string): string {
  const allowed = Array.isArray(kinds) ? kinds : [kinds];
  const listId = textOf(ref, 'ListID');
  const fullName = textOf(ref, 'FullName');
  const label = LIST_LABEL[allowed[0] as ListKind];
  if (listId !== undefined && listId !== '') {
    if (!isQbIdShape(listId)) throw new StatusError(STATUS.invalidId(listId, 'ListID'));
    const hit = ctx.store.listEntry(listId);
    if (!hit || !allowed.includes(hit.kind)) throw new StatusError(STATUS.invalidReference(label, listId, where));
    return listId;
  }
  if (fullName !== undefined && fullName !== '') {
    for (const kind of allowed) {
      const rec = ctx.store.listByFullName(kind, fullName);
      if (rec) return rec.listId;
    }
    throw new StatusError(STATUS.invalidReference(label, fullName, where));
  }
  throw new StatusError(STATUS.missingElement(`${ref.name} ListID or FullName`));
}

/** QuickBooks names the list entry a bad reference sits in: 'in the Customer list element "MOB Expansion"' (3140, real response). */
export function listElementWhere(listName: string, name: string): string {
  return `${listName} list element "${name}"`;
}

/** Same, for an optional ref child. */
export function resolveOptionalRef(ctx: RequestContext, parent: XmlNode, refName: string, kinds: ListKind | ListKind[], where: string): string | undefined {
  const ref = parent.children.find((c) => c.name === refName);
  return ref ? resolveRef(ctx, ref, kinds, where) : undefined;
}

/**
 * Which list a *Ref element of a stored pass-through field points at, when the simulator models it: such a
 * reference is resolved (3140 when the list has no such entry) and answered with ListID + FullName, as
 * QuickBooks does. References to lists the simulator does not model (SalesRepRef, ShipMethodRef, ...) are
 * kept as sent.
 */
export const REF_KIND: Record<string, ListKind | ListKind[]> = {
  TermsRef: 'terms',
  VendorTypeRef: 'vendorType',
  CustomerTypeRef: 'customerType',
  SalesTaxCodeRef: 'salesTaxCode',
  CustomerSalesTaxCodeRef: 'salesTaxCode',
  PurchaseTaxCodeRef: 'salesTaxCode',
  ItemSalesTaxRef: 'item',
  TemplateRef: 'template',
  TaxVendorRef: 'vendor',
  DepositToAccountRef: 'account',
  VendorRef: 'vendor',
  PrefVendorRef: 'vendor',
  CustomerRef: 'customer',
  ItemRef: 'item',
  ClassRef: 'class',
  AccountRef: 'account',
  APAccountRef: 'account',
  BankAccountRef: 'account',
  IncomeAccountRef: 'account',
  ExpenseAccountRef: 'account',
  COGSAccountRef: 'account',
  AssetAccountRef: 'account',
  PayeeEntityRef: ['vendor', 'customer'],
  CurrencyRef: 'currency',
};
