import type { DeletedEntry } from '../model/company-file.ts';
import { parseDateBound } from '../query/build-list-filter.ts';
import { STATUS } from '../status/status-codes.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, el, textOf, textsOf } from '../xml/xml-node.ts';
import { dateTime, opt, pushDefined } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';
import { buildResponse } from './request-context.ts';

function deletedSince(ctx: RequestContext, rq: XmlNode, kind: 'list' | 'txn', typeElement: string): DeletedEntry[] {
  const types = new Set(textsOf(rq, typeElement));
  const range = childOf(rq, 'DeletedDateRangeFilter');
  const from = parseDateBound(ctx, textOf(range, 'FromDeletedDate'), 'FromDeletedDate', 'from');
  const to = parseDateBound(ctx, textOf(range, 'ToDeletedDate'), 'ToDeletedDate', 'to');
  return ctx.store.company.deleted.filter(
    (d) => d.kind === kind && types.has(d.type) && (from === undefined || d.timeDeleted >= from) && (to === undefined || d.timeDeleted <= to),
  );
}

/** TxnDeletedQueryRq (qbxml130.xsd TxnDeletedQuery): TxnDelType list + DeletedDateRangeFilter. */
export function handleTxnDeletedQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const rets = deletedSince(ctx, rq, 'txn', 'TxnDelType').map((d) => {
    const c = [el('TxnDelType', d.type), el('TxnID', d.id), el('TimeCreated', dateTime(ctx, d.timeCreated)), el('TimeDeleted', dateTime(ctx, d.timeDeleted))];
    pushDefined(c, opt('RefNumber', d.name));
    return orderBySchema(el('TxnDeletedRet', c));
  });
  return buildResponse(rq, rets.length > 0 ? STATUS.ok() : STATUS.noMatch(), rets);
}

/** ListDeletedQueryRq: ListDelType list + DeletedDateRangeFilter. */
export function handleListDeletedQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const rets = deletedSince(ctx, rq, 'list', 'ListDelType').map((d) => {
    const c = [el('ListDelType', d.type), el('ListID', d.id), el('TimeCreated', dateTime(ctx, d.timeCreated)), el('TimeDeleted', dateTime(ctx, d.timeDeleted))];
    pushDefined(c, opt('FullName', d.name));
    return orderBySchema(el('ListDeletedRet', c));
  });
  return buildResponse(rq, rets.length > 0 ? STATUS.ok() : STATUS.noMatch(), rets);
}
