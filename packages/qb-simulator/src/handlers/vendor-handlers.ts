import type { Vendor } from '../model/company-file.ts';
import { parseBool } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, textOf } from '../xml/xml-node.ts';
import { vendorDefaults, withDefaults } from '../model/new-record-defaults.ts';
import { captureExtras } from './build-ret-parts.ts';
import { queryList } from './query-list.ts';
import { renderVendorRet } from './render-list-rets.ts';
import type { RequestContext } from './request-context.ts';
import { buildResponse } from './request-context.ts';
import { listElementWhere } from './resolve-ref.ts';
import { checkNameFree, findListForMod, requireWriteAccess } from './write-guards.ts';

const HANDLED = new Set(['ListID', 'EditSequence', 'Name', 'IsActive', 'CompanyName', 'OpenBalance', 'OpenBalanceDate']);

/** VendorAddRq (qbxmlops130.xsd): Name unique among entities (3100), then VendorRet. */
export function handleVendorAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'VendorAdd') as XmlNode;
  const name = textOf(add, 'Name') ?? '';
  checkNameFree(ctx, 'vendor', name, name);
  const vendor: Vendor = { listId: ctx.store.newListId(), ...ctx.store.stampNew(), name, isActive: parseBool(textOf(add, 'IsActive')) ?? true };
  const companyName = textOf(add, 'CompanyName');
  if (companyName !== undefined) vendor.companyName = companyName;
  const extra = withDefaults(captureExtras(ctx, add, 'VendorRet', HANDLED, undefined, listElementWhere('Vendor', name)), vendorDefaults(name, companyName));
  if (extra) vendor.extra = extra;
  ctx.store.addList('vendor', vendor);
  return buildResponse(rq, STATUS.ok(), [renderVendorRet(ctx, vendor)]);
}

/** VendorModRq: only the fields sent change; EditSequence must be current (3200). */
export function handleVendorMod(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const mod = childOf(rq, 'VendorMod') as XmlNode;
  const vendor = findListForMod(ctx, 'vendor', mod, 'Vendor') as Vendor;
  const name = textOf(mod, 'Name');
  const extra = captureExtras(ctx, mod, 'VendorRet', HANDLED, vendor.extra, listElementWhere('Vendor', name ?? vendor.name));
  if (name !== undefined && name !== vendor.name) {
    checkNameFree(ctx, 'vendor', name, name, vendor.listId);
    ctx.store.renameList('vendor', vendor.listId, () => {
      vendor.name = name;
    });
  }
  const active = parseBool(textOf(mod, 'IsActive'));
  if (active !== undefined) vendor.isActive = active;
  const companyName = textOf(mod, 'CompanyName');
  if (companyName !== undefined) vendor.companyName = companyName;
  if (extra) vendor.extra = extra;
  ctx.store.touch(vendor);
  return buildResponse(rq, STATUS.ok(), [renderVendorRet(ctx, vendor)]);
}

export function handleVendorQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['vendor'], (v) => renderVendorRet(ctx, v));
}
