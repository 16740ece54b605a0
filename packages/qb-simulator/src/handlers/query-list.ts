import type { ListEntry } from '../model/company-file.ts';
import type { ListKind, ListRecordMap } from '../model/company-store.ts';
import { buildListFilter } from '../query/build-list-filter.ts';
import { runQuery } from '../query/run-query.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textsOf } from '../xml/xml-node.ts';
import { applyIncludeRetElement } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, isQbIdShape } from './request-context.ts';

/**
 * A list query (qbxml130.xsd ListQuery): ListID or FullName lists (returned whatever their
 * ActiveStatus), else ListFilter plus `extraFilter`. `belongs` narrows which records the query can see at
 * all (ItemServiceQuery sees Service items only: another item's ListID is not found, as in QuickBooks).
 */
export function queryList<K extends ListKind>(
  ctx: RequestContext,
  rq: XmlNode,
  kinds: K[],
  render: (rec: ListRecordMap[K]) => XmlNode,
  extraFilter?: (rec: ListRecordMap[K]) => boolean,
  belongs: (rec: ListRecordMap[K]) => boolean = () => true,
): XmlNode {
  type T = ListRecordMap[K];
  const listIds = textsOf(rq, 'ListID');
  const fullNames = textsOf(rq, 'FullName');
  for (const id of listIds) if (!isQbIdShape(id)) throw new StatusError(STATUS.invalidId(id, 'ListID'));
  const byId = (id: string): T | undefined => {
    const hit = ctx.store.listEntry(id);
    return hit && (kinds as ListKind[]).includes(hit.kind) && belongs(hit.rec as T) ? (hit.rec as T) : undefined;
  };
  const listFilter = buildListFilter<ListEntry>(ctx, rq);
  const all = kinds.length === 1 ? ctx.store.listArray(kinds[0] as K) : kinds.flatMap((k) => ctx.store.listArray(k));
  const explicit =
    listIds.length > 0
      ? {
          values: listIds,
          resolve: (v: string) => {
            const r = byId(v);
            return r ? [r] : [];
          },
        }
      : fullNames.length > 0
        ? { values: fullNames, resolve: (v: string) => kinds.map((k) => ctx.store.listByFullName(k, v)).filter((r): r is T => r !== undefined && belongs(r)) }
        : undefined;
  return runQuery<T>(ctx, rq, {
    idOf: (r) => r.listId,
    byId,
    all: () => all,
    ...(explicit ? { explicit } : {}),
    filter: (r) => listFilter(r) && (extraFilter ? extraFilter(r) : true),
    render: (r) => applyIncludeRetElement(rq, render(r)),
  });
}
