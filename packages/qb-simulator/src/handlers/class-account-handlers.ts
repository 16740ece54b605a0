import type { XmlNode } from '../xml/xml-node.ts';
import { textsOf } from '../xml/xml-node.ts';
import { queryList } from './query-list.ts';
import { renderAccountRet, renderClassRet } from './render-list-rets.ts';
import type { RequestContext } from './request-context.ts';

/** ClassQueryRq (ListQuery group). */
export function handleClassQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['class'], (c) => renderClassRet(ctx, c));
}

/** AccountQueryRq: ListFilter plus AccountType (AccountListFilter). */
export function handleAccountQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const types = new Set(textsOf(rq, 'AccountType'));
  return queryList(ctx, rq, ['account'], (a) => renderAccountRet(ctx, a), types.size > 0 ? (a) => types.has(a.accountType) : undefined);
}
