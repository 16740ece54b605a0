import type { Item, ItemKind, StoredNode } from '../model/company-file.ts';
import { parseBool } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, el, textOf } from '../xml/xml-node.ts';
import { itemDefaults, withDefaults } from '../model/new-record-defaults.ts';
import { captureExtras } from './build-ret-parts.ts';
import { queryList } from './query-list.ts';
import { renderItemRet } from './render-list-rets.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, buildResponse } from './request-context.ts';
import { listElementWhere, resolveOptionalRef } from './resolve-ref.ts';
import { checkNameFree, findListForMod, requireWriteAccess } from './write-guards.ts';

const HANDLED = new Set(['ListID', 'EditSequence', 'Name', 'IsActive', 'ParentRef', 'SalesOrPurchaseMod', 'SalesAndPurchaseMod']);

function retName(kind: ItemKind): string {
  return `Item${kind}Ret`;
}

function fullNameUnder(ctx: RequestContext, parentId: string | undefined, name: string): string {
  return parentId ? `${ctx.store.fullName(parentId)}:${name}` : name;
}

/** ItemServiceAdd / ItemOtherChargeAdd: Name (31) unique by FullName "Parent:Child" among items. */
function addItem(ctx: RequestContext, rq: XmlNode, kind: ItemKind, addName: string): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, addName) as XmlNode;
  const name = textOf(add, 'Name') ?? '';
  const where = listElementWhere('Item', name);
  const parentId = resolveOptionalRef(ctx, add, 'ParentRef', 'item', where);
  checkNameFree(ctx, 'item', fullNameUnder(ctx, parentId, name), name);
  const item: Item = { listId: ctx.store.newListId(), ...ctx.store.stampNew(), name, isActive: parseBool(textOf(add, 'IsActive')) ?? true, itemType: kind };
  if (parentId) item.parentId = parentId;
  const extra = withDefaults(captureExtras(ctx, add, retName(kind), HANDLED, undefined, where), itemDefaults(ctx.store.company, kind));
  if (extra) item.extra = extra;
  ctx.store.addList('item', item);
  return buildResponse(rq, STATUS.ok(), [renderItemRet(ctx, item)]);
}

/**
 * SalesOrPurchaseMod / SalesAndPurchaseMod update the stored SalesOrPurchase / SalesAndPurchase:
 * only the sub-fields sent change (qbXML Mod semantics).
 */
function mergeModAggregate(ctx: RequestContext, mod: XmlNode, extras: StoredNode[] | undefined, modName: string, retName: string): StoredNode[] | undefined {
  const change = childOf(mod, modName);
  if (!change) return extras;
  const current = (extras ?? []).find((n) => n.name === retName);
  const merged = el(retName, [
    ...(current?.children ?? []).filter((c) => !change.children.some((m) => m.name === c.name)).map((c) => storedToXml(c)),
    ...change.children,
  ]);
  const captured = captureExtras(ctx, el('x', [merged]), 'ItemServiceRet', new Set(), undefined, 'Item') ?? [];
  return [
    ...(extras ?? []).filter((n) => n.name !== retName && n.name !== (retName === 'SalesOrPurchase' ? 'SalesAndPurchase' : 'SalesOrPurchase')),
    ...captured,
  ];
}

function storedToXml(n: StoredNode): XmlNode {
  return n.children ? el(n.name, n.children.map(storedToXml)) : el(n.name, n.text ?? '');
}

function modItem(ctx: RequestContext, rq: XmlNode, kind: ItemKind, modName: string): XmlNode {
  requireWriteAccess(ctx);
  const mod = childOf(rq, modName) as XmlNode;
  const item = findListForMod(ctx, 'item', mod, `Item${kind}`) as Item;
  // ItemServiceMod names a service item: another item type's ListID is not in that list.
  if (item.itemType !== kind) throw new StatusError(STATUS.notFound(item.listId));
  const name = textOf(mod, 'Name') ?? item.name;
  const parentId = childOf(mod, 'ParentRef') ? resolveOptionalRef(ctx, mod, 'ParentRef', 'item', 'Item') : item.parentId;
  let extra = captureExtras(ctx, mod, retName(kind), HANDLED, item.extra, 'Item');
  extra = mergeModAggregate(ctx, mod, extra, 'SalesOrPurchaseMod', 'SalesOrPurchase');
  extra = mergeModAggregate(ctx, mod, extra, 'SalesAndPurchaseMod', 'SalesAndPurchase');
  if (name !== item.name || parentId !== item.parentId) {
    checkNameFree(ctx, 'item', fullNameUnder(ctx, parentId, name), name, item.listId);
    ctx.store.renameList('item', item.listId, () => {
      item.name = name;
      if (parentId) item.parentId = parentId;
      else delete item.parentId;
    });
  }
  const active = parseBool(textOf(mod, 'IsActive'));
  if (active !== undefined) item.isActive = active;
  if (extra && extra.length > 0) item.extra = extra;
  ctx.store.touch(item);
  return buildResponse(rq, STATUS.ok(), [renderItemRet(ctx, item)]);
}

export const handleItemServiceAdd = (ctx: RequestContext, rq: XmlNode): XmlNode => addItem(ctx, rq, 'Service', 'ItemServiceAdd');
export const handleItemServiceMod = (ctx: RequestContext, rq: XmlNode): XmlNode => modItem(ctx, rq, 'Service', 'ItemServiceMod');
export const handleItemOtherChargeAdd = (ctx: RequestContext, rq: XmlNode): XmlNode => addItem(ctx, rq, 'OtherCharge', 'ItemOtherChargeAdd');
export const handleItemOtherChargeMod = (ctx: RequestContext, rq: XmlNode): XmlNode => modItem(ctx, rq, 'OtherCharge', 'ItemOtherChargeMod');

/** ItemQueryRq returns every item type, each as its own Ret (ItemServiceRet, ItemInventoryRet, ItemGroupRet...). */
export function handleItemQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['item'], (i) => renderItemRet(ctx, i));
}

/** Item<Kind>QueryRq: the items of one type only (a ListID or FullName of another type is "not found", 500). */
function queryItemsOf(kind: ItemKind): (ctx: RequestContext, rq: XmlNode) => XmlNode {
  return (ctx, rq) =>
    queryList(
      ctx,
      rq,
      ['item'],
      (i) => renderItemRet(ctx, i),
      (i) => i.itemType === kind,
      (i) => i.itemType === kind,
    );
}

export const handleItemServiceQuery = queryItemsOf('Service');
export const handleItemOtherChargeQuery = queryItemsOf('OtherCharge');
export const handleItemNonInventoryQuery = queryItemsOf('NonInventory');
export const handleItemInventoryQuery = queryItemsOf('Inventory');
export const handleItemGroupQuery = queryItemsOf('Group');
export const handleItemDiscountQuery = queryItemsOf('Discount');
export const handleItemSubtotalQuery = queryItemsOf('Subtotal');
export const handleItemSalesTaxQuery = queryItemsOf('SalesTax');
export const handleItemPaymentQuery = queryItemsOf('Payment');
