import type { TxnBase } from '../model/company-file.ts';
import type { TxnKind, TxnRecordMap } from '../model/company-store.ts';
import { parseBool } from '../model/format-values.ts';
import type { TxnFilterAccessors } from '../query/build-txn-filter.ts';
import { buildTxnFilter } from '../query/build-txn-filter.ts';
import { runQuery } from '../query/run-query.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textOf, textsOf } from '../xml/xml-node.ts';
import { applyIncludeRetElement } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, isQbIdShape } from './request-context.ts';
import type { RenderOptions } from './render-txn-rets.ts';

/**
 * A transaction query (qbxml130.xsd TxnQuery groups): TxnID / RefNumber / RefNumberCaseSensitive
 * lists, else TxnFilter plus `extraFilter`. Lines only when IncludeLineItems is true, links only
 * when IncludeLinkedTxns is true.
 */
export function queryTxns<K extends TxnKind>(
  ctx: RequestContext,
  rq: XmlNode,
  kind: K,
  render: (rec: TxnRecordMap[K], o: RenderOptions) => XmlNode,
  acc: TxnFilterAccessors<TxnRecordMap[K]>,
  extraFilter?: (rec: TxnRecordMap[K]) => boolean,
): XmlNode {
  type T = TxnRecordMap[K];
  const options: RenderOptions = { lines: parseBool(textOf(rq, 'IncludeLineItems')) ?? false, linkedTxns: parseBool(textOf(rq, 'IncludeLinkedTxns')) ?? false };
  const txnIds = textsOf(rq, 'TxnID');
  for (const id of txnIds) if (!isQbIdShape(id)) throw new StatusError(STATUS.invalidId(id, 'TxnID'));
  const refs = textsOf(rq, 'RefNumber');
  const refsExact = textsOf(rq, 'RefNumberCaseSensitive');
  // A limited user's queries leave out what its role may not see, with no error (the query answers as if there were none).
  const all = ctx.hiddenTxnKinds?.has(kind) ? [] : ctx.store.txnArray(kind);
  const byRef = (v: string, exact: boolean): T[] => {
    const needle = exact ? v : v.toLowerCase();
    return all.filter((t: TxnBase) => (exact ? t.refNumber : t.refNumber?.toLowerCase()) === needle) as T[];
  };
  const explicit =
    txnIds.length > 0
      ? {
          values: txnIds,
          resolve: (v: string) => {
            const r = ctx.store.txn(kind, v);
            return r ? [r] : [];
          },
        }
      : refs.length > 0
        ? { values: refs, resolve: (v: string) => byRef(v, false) }
        : refsExact.length > 0
          ? { values: refsExact, resolve: (v: string) => byRef(v, true) }
          : undefined;
  const filter = buildTxnFilter<T>(ctx, rq, acc);
  return runQuery<T>(ctx, rq, {
    idOf: (r) => r.txnId,
    byId: (id) => ctx.store.txn(kind, id),
    all: () => all,
    ...(explicit ? { explicit } : {}),
    filter: (r) => filter(r) && (extraFilter ? extraFilter(r) : true),
    render: (r) => applyIncludeRetElement(rq, render(r, options)),
  });
}
