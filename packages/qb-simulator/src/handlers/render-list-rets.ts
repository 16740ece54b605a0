import type { Account, Currency, Customer, EntityType, Item, ListEntry, QbClass, SalesTaxCode, Template, Terms, Vendor } from '../model/company-file.ts';
import { formatAmount, formatBool, formatDecimal } from '../model/format-values.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';
import { addMissing, addressBlock, extraNodes, opt, pushDefined, refNode, stampNodes } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';
import { formatRate, listCurrencyRef } from './txn-currency.ts';

function core(ctx: RequestContext, rec: ListEntry): XmlNode[] {
  return [el('ListID', rec.listId), ...stampNodes(ctx, rec), el('Name', rec.name), el('IsActive', formatBool(rec.isActive))];
}

function hierarchy(ctx: RequestContext, rec: ListEntry & { parentId?: string }): XmlNode[] {
  const out: XmlNode[] = [el('FullName', ctx.store.fullName(rec.listId)), el('Sublevel', ctx.store.sublevel(rec.listId))];
  pushDefined(out, refNode(ctx, 'ParentRef', rec.parentId));
  return out;
}

function child(children: XmlNode[], name: string): XmlNode | undefined {
  return children.find((c) => c.name === name);
}

/**
 * VendorRet (qbxml130.xsd), children ordered by the schema. Always there, as in real answers (vendor-add-rs.xml
 * fixture): IsVendorEligibleFor1099, Balance (open bills), and VendorAddressBlock beside a VendorAddress.
 */
export function renderVendorRet(ctx: RequestContext, v: Vendor): XmlNode {
  const children = [...core(ctx, v), ...extraNodes(ctx, v.extra)];
  pushDefined(children, opt('CompanyName', v.companyName));
  addMissing(
    children,
    addressBlock('VendorAddressBlock', child(children, 'VendorAddress')),
    el('IsVendorEligibleFor1099', 'false'),
    el('Balance', formatAmount(ctx.store.balances().vendor.get(v.listId) ?? 0)),
    listCurrencyRef(ctx, undefined),
  );
  return orderBySchema(el('VendorRet', children));
}

/**
 * CustomerRet: customers and jobs (FullName "Customer:Job", Sublevel, ParentRef). Real answers always carry
 * Balance, TotalBalance (the customer with its jobs), JobStatus ("None" unless set) and, from QuickBooks 2019,
 * PreferredDeliveryMethod and the address blocks. Balances follow invoices and payments received (compute-balances.ts).
 */
export function renderCustomerRet(ctx: RequestContext, c: Customer): XmlNode {
  const children = [...core(ctx, c), ...hierarchy(ctx, c), ...extraNodes(ctx, c.extra)];
  pushDefined(children, opt('CompanyName', c.companyName));
  addMissing(
    children,
    addressBlock('BillAddressBlock', child(children, 'BillAddress')),
    addressBlock('ShipAddressBlock', child(children, 'ShipAddress')),
    el('Balance', formatAmount(ctx.store.balances().customer.get(c.listId) ?? 0)),
    el('TotalBalance', formatAmount(ctx.store.balances().customerTotal.get(c.listId) ?? 0)),
    el('JobStatus', c.jobStatus ?? 'None'),
    el('PreferredDeliveryMethod', 'None'),
    listCurrencyRef(ctx, undefined),
  );
  return orderBySchema(el('CustomerRet', children));
}

/** The Ret element of an item type: ItemServiceRet, ItemInventoryRet, ItemGroupRet... (qbxmlops130.xsd ItemQueryRs). */
export function itemRetName(i: Item): string {
  return `Item${i.itemType}Ret`;
}

/**
 * Item<Kind>Ret. Hierarchical item types carry FullName, ParentRef and Sublevel; Group, Subtotal, Sales Tax
 * and Payment items have none of them in qbxml130.xsd, so only what the Ret declares is rendered. The
 * type's own fields (SalesOrPurchase, the inventory quantities and accounts, a group's ItemGroupLine...)
 * are stored with the item as QuickBooks returned them.
 */
export function renderItemRet(ctx: RequestContext, i: Item): XmlNode {
  const name = itemRetName(i);
  const declared = ctx.schema.globalElement(name)?.model()?.decls;
  const children = [...core(ctx, i), ...(declared?.has('FullName') ? hierarchy(ctx, i) : []), ...extraNodes(ctx, i.extra)];
  return orderBySchema(el(name, declared ? children.filter((c) => declared.has(c.name)) : children));
}

export function renderClassRet(ctx: RequestContext, c: QbClass): XmlNode {
  return orderBySchema(el('ClassRet', [...core(ctx, c), ...hierarchy(ctx, c)]));
}

/**
 * Statement of cash flows section QuickBooks assigns by account type (AccountRet CashFlowClassification:
 * None, Operating, Investing, Financing, NotApplicable): bank and P&L accounts are not classified.
 */
const CASH_FLOW: Record<string, string> = {
  AccountsReceivable: 'Operating',
  AccountsPayable: 'Operating',
  OtherCurrentAsset: 'Operating',
  OtherCurrentLiability: 'Operating',
  CreditCard: 'Operating',
  FixedAsset: 'Investing',
  OtherAsset: 'Investing',
  LongTermLiability: 'Financing',
  Equity: 'Financing',
};

/** Accounts that hold money in one currency when multi-currency is on (each has a CurrencyRef; P&L accounts do not). */
const CURRENCY_ACCOUNT_TYPES: ReadonlySet<string> = new Set(['Bank', 'AccountsReceivable', 'AccountsPayable', 'CreditCard']);

/** AccountRet with Balance / TotalBalance (see compute-balances.ts) and CashFlowClassification, always there in real answers. */
export function renderAccountRet(ctx: RequestContext, a: Account): XmlNode {
  const children = [...core(ctx, a), ...hierarchy(ctx, a), el('AccountType', a.accountType), ...extraNodes(ctx, a.extra)];
  pushDefined(children, opt('SpecialAccountType', a.specialAccountType), opt('AccountNumber', a.accountNumber), opt('Desc', a.desc));
  const balances = ctx.store.balances();
  addMissing(
    children,
    el('Balance', formatAmount(balances.account.get(a.listId) ?? 0)),
    el('TotalBalance', formatAmount(balances.accountTotal.get(a.listId) ?? 0)),
    el('CashFlowClassification', CASH_FLOW[a.accountType] ?? 'NotApplicable'),
    CURRENCY_ACCOUNT_TYPES.has(a.accountType) ? listCurrencyRef(ctx, a.currencyId) : undefined,
  );
  return orderBySchema(el('AccountRet', children));
}

/** StandardTermsRet (StdDueDays, StdDiscountDays, DiscountPct) or DateDrivenTermsRet (DayOfMonthDue, DueNextMonthDays). */
export function renderTermsRet(ctx: RequestContext, t: Terms): XmlNode {
  const children = core(ctx, t);
  if (t.termsType === 'DateDriven') {
    pushDefined(
      children,
      opt('DayOfMonthDue', t.dayOfMonthDue),
      opt('DueNextMonthDays', t.dueNextMonthDays),
      opt('DiscountPct', t.discountPct === undefined ? undefined : formatDecimal(t.discountPct)),
    );
    return orderBySchema(el('DateDrivenTermsRet', children));
  }
  pushDefined(
    children,
    opt('StdDueDays', t.stdDueDays),
    opt('StdDiscountDays', t.stdDiscountDays),
    opt('DiscountPct', t.discountPct === undefined ? undefined : formatDecimal(t.discountPct)),
  );
  return orderBySchema(el('StandardTermsRet', children));
}

/** VendorTypeRet / CustomerTypeRet: FullName, ParentRef, Sublevel like classes. */
export function renderEntityTypeRet(ctx: RequestContext, retName: 'VendorTypeRet' | 'CustomerTypeRet', t: EntityType): XmlNode {
  return orderBySchema(el(retName, [...core(ctx, t), ...hierarchy(ctx, t)]));
}

/** SalesTaxCodeRet: IsTaxable and Desc always (a US file's "Tax" / "Non"). */
export function renderSalesTaxCodeRet(ctx: RequestContext, c: SalesTaxCode): XmlNode {
  const children = [...core(ctx, c), el('IsTaxable', formatBool(c.isTaxable))];
  pushDefined(children, opt('Desc', c.desc));
  return orderBySchema(el('SalesTaxCodeRet', children));
}

export function renderTemplateRet(ctx: RequestContext, t: Template): XmlNode {
  return orderBySchema(el('TemplateRet', [...core(ctx, t), el('TemplateType', t.templateType)]));
}

/** CurrencyRet (qbxml130.xsd): code, whether it was added by hand, and the rate QuickBooks offers (foreign currencies). */
export function renderCurrencyRet(ctx: RequestContext, c: Currency): XmlNode {
  const children = [...core(ctx, c), el('CurrencyCode', c.currencyCode), el('IsUserDefinedCurrency', formatBool(c.isUserDefined ?? false))];
  pushDefined(children, opt('ExchangeRate', c.exchangeRate === undefined ? undefined : formatRate(c.exchangeRate)), opt('AsOfDate', c.asOfDate));
  return orderBySchema(el('CurrencyRet', children));
}
