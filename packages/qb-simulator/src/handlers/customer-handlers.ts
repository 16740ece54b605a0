import type { Customer } from '../model/company-file.ts';
import { parseBool } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, textOf } from '../xml/xml-node.ts';
import { customerDefaults, withDefaults } from '../model/new-record-defaults.ts';
import { captureExtras } from './build-ret-parts.ts';
import { queryList } from './query-list.ts';
import { renderCustomerRet } from './render-list-rets.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, buildResponse } from './request-context.ts';
import { listElementWhere, resolveOptionalRef } from './resolve-ref.ts';
import { checkNameFree, findListForMod, requireWriteAccess } from './write-guards.ts';

const HANDLED = new Set(['ListID', 'EditSequence', 'Name', 'IsActive', 'ParentRef', 'CompanyName', 'JobStatus', 'OpenBalance', 'OpenBalanceDate']);

/** QuickBooks allows customer:job nesting five levels below the customer. */
const MAX_SUBLEVEL = 5;

function fullNameUnder(ctx: RequestContext, parentId: string | undefined, name: string): string {
  return parentId ? `${ctx.store.fullName(parentId)}:${name}` : name;
}

/** CustomerAddRq: a customer, or a job when ParentRef names its customer (FullName "Customer:Job"). */
export function handleCustomerAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'CustomerAdd') as XmlNode;
  const name = textOf(add, 'Name') ?? '';
  const where = listElementWhere('Customer', name);
  const parentId = resolveOptionalRef(ctx, add, 'ParentRef', 'customer', where);
  if (parentId && ctx.store.sublevel(parentId) + 1 > MAX_SUBLEVEL) {
    throw new StatusError(STATUS.invalidValue('ParentRef', ctx.store.fullName(parentId), 'Customer:job lists can have at most five sublevels.'));
  }
  checkNameFree(ctx, 'customer', fullNameUnder(ctx, parentId, name), name);
  const customer: Customer = { listId: ctx.store.newListId(), ...ctx.store.stampNew(), name, isActive: parseBool(textOf(add, 'IsActive')) ?? true };
  if (parentId) customer.parentId = parentId;
  const companyName = textOf(add, 'CompanyName');
  if (companyName !== undefined) customer.companyName = companyName;
  const jobStatus = textOf(add, 'JobStatus');
  if (jobStatus !== undefined) customer.jobStatus = jobStatus;
  const extra = withDefaults(captureExtras(ctx, add, 'CustomerRet', HANDLED, undefined, where), customerDefaults(ctx.store.company));
  if (extra) customer.extra = extra;
  ctx.store.addList('customer', customer);
  return buildResponse(rq, STATUS.ok(), [renderCustomerRet(ctx, customer)]);
}

/** CustomerModRq: rename / re-parent moves the FullName of the record and its jobs. */
export function handleCustomerMod(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const mod = childOf(rq, 'CustomerMod') as XmlNode;
  const customer = findListForMod(ctx, 'customer', mod, 'Customer') as Customer;
  const name = textOf(mod, 'Name') ?? customer.name;
  const parentRef = childOf(mod, 'ParentRef');
  const where = listElementWhere('Customer', name);
  const parentId = parentRef ? resolveOptionalRef(ctx, mod, 'ParentRef', 'customer', where) : customer.parentId;
  if (parentId && ctx.store.withDescendants(customer.listId).has(parentId)) {
    throw new StatusError(STATUS.invalidValue('ParentRef', ctx.store.fullName(parentId), 'A customer cannot be made a job of itself or of one of its jobs.'));
  }
  const extra = captureExtras(ctx, mod, 'CustomerRet', HANDLED, customer.extra, where);
  if (name !== customer.name || parentId !== customer.parentId) {
    checkNameFree(ctx, 'customer', fullNameUnder(ctx, parentId, name), name, customer.listId);
    ctx.store.renameList('customer', customer.listId, () => {
      customer.name = name;
      if (parentId) customer.parentId = parentId;
      else delete customer.parentId;
    });
  }
  const active = parseBool(textOf(mod, 'IsActive'));
  if (active !== undefined) customer.isActive = active;
  const companyName = textOf(mod, 'CompanyName');
  if (companyName !== undefined) customer.companyName = companyName;
  const jobStatus = textOf(mod, 'JobStatus');
  if (jobStatus !== undefined) customer.jobStatus = jobStatus;
  if (extra) customer.extra = extra;
  ctx.store.touch(customer);
  return buildResponse(rq, STATUS.ok(), [renderCustomerRet(ctx, customer)]);
}

export function handleCustomerQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['customer'], (c) => renderCustomerRet(ctx, c));
}
