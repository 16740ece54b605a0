import type { Account, Customer, Item, ListEntry, QbClass, Vendor } from '../model/company-file.ts';
import { formatBool } from '../model/format-values.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';
import { extraNodes, opt, pushDefined, refNode, stampNodes } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';

function core(ctx: RequestContext, rec: ListEntry): XmlNode[] {
  return [el('ListID', rec.listId), ...stampNodes(ctx, rec), el('Name', rec.name), el('IsActive', formatBool(rec.isActive))];
}

function hierarchy(ctx: RequestContext, rec: ListEntry & { parentId?: string }): XmlNode[] {
  const out: XmlNode[] = [el('FullName', ctx.store.fullName(rec.listId)), el('Sublevel', ctx.store.sublevel(rec.listId))];
  pushDefined(out, refNode(ctx, 'ParentRef', rec.parentId));
  return out;
}

/** VendorRet (qbxml130.xsd), children ordered by the schema. */
export function renderVendorRet(ctx: RequestContext, v: Vendor): XmlNode {
  const children = [...core(ctx, v), ...extraNodes(ctx, v.extra)];
  pushDefined(children, opt('CompanyName', v.companyName));
  return orderBySchema(el('VendorRet', children));
}

/** CustomerRet: customers and jobs (FullName "Customer:Job", Sublevel, ParentRef). */
export function renderCustomerRet(ctx: RequestContext, c: Customer): XmlNode {
  const children = [...core(ctx, c), ...hierarchy(ctx, c), ...extraNodes(ctx, c.extra)];
  pushDefined(children, opt('CompanyName', c.companyName), opt('JobStatus', c.jobStatus));
  return orderBySchema(el('CustomerRet', children));
}

/** ItemServiceRet / ItemOtherChargeRet. */
export function renderItemRet(ctx: RequestContext, i: Item): XmlNode {
  const name = i.itemType === 'Service' ? 'ItemServiceRet' : 'ItemOtherChargeRet';
  return orderBySchema(el(name, [...core(ctx, i), ...hierarchy(ctx, i), ...extraNodes(ctx, i.extra)]));
}

export function renderClassRet(ctx: RequestContext, c: QbClass): XmlNode {
  return orderBySchema(el('ClassRet', [...core(ctx, c), ...hierarchy(ctx, c)]));
}

export function renderAccountRet(ctx: RequestContext, a: Account): XmlNode {
  const children = [...core(ctx, a), ...hierarchy(ctx, a), el('AccountType', a.accountType), ...extraNodes(ctx, a.extra)];
  pushDefined(children, opt('SpecialAccountType', a.specialAccountType), opt('AccountNumber', a.accountNumber), opt('Desc', a.desc));
  return orderBySchema(el('AccountRet', children));
}
